import { memo, useEffect, useRef, useState } from 'react';
import type { Timeline as TimelineData, TimelineMark } from '../../../main/api/contract';
import { formatSpan, formatTick, formatUkMs, ukOffsetMs } from './format-frame-time';
import { centredOn, panBy, tickStep, ticks, toTime, toX, zoomAround, type ViewRange } from './timeline-scale';

export interface TimelineTrack {
  cameraId: number;
  label: string;
  data: TimelineData | undefined;
}

export interface TimelineProps {
  view: ViewRange;
  onViewChange: (view: ViewRange) => void;
  tracks: TimelineTrack[];
  /** Marks from other features (ANPR reads, events, incidents) beside those the timeline route returned. */
  extraMarks?: readonly TimelineMark[];
  playheadMs: number | null;
  markIn: number | null;
  markOut: number | null;
  /** The range the player has loaded (outside it a seek loads a new window). */
  loaded: ViewRange;
  /** Scrubbing: 'move' while dragging, 'end' on release or click. */
  onScrub: (atMs: number, phase: 'move' | 'end') => void;
}

const trackH = 22;
const markRowH = 16;
const axisH = 22;
const labelW = 120;

const markClass: Record<TimelineMark['kind'], string> = {
  'anpr-read': 'tl-mark tl-mark--read',
  event: 'tl-mark tl-mark--event',
  'health-incident': 'tl-mark tl-mark--incident',
};

/**
 * One camera's row: recorded segments (or coverage buckets for long views),
 * missing files and gaps with their cause. Memoised: the playhead moves on
 * every painted frame, and a 1-hour view is hundreds of rects per camera that
 * only change when the view or the data does (frame-step latency).
 */
const TrackRow = memo(function TrackRow({ data: d, y, width, from, to, nowMs }: { data: TimelineData | undefined; y: number; width: number; from: number; to: number; nowMs: number }) {
  const clampX = (t: number) => Math.min(width, Math.max(0, toX({ from, to }, t, width)));
  return (
    <g>
      <rect className="tl-track" x={0} y={y} width={width} height={trackH} />
      {d && !d.truncated
        ? d.segments.map((s) => (
            <rect key={s.id} className={s.state === 'complete' ? 'tl-recorded' : 'tl-missing'} x={clampX(s.startMs)} y={y} width={Math.max(1, clampX(s.endMs) - clampX(s.startMs))} height={trackH}>
              {s.state === 'complete' ? null : <title>Recorded segment {s.id}: file {s.state}</title>}
            </rect>
          ))
        : d?.buckets.map((b) => {
            const total = b.endMs - b.startMs;
            const bx = clampX(b.startMs);
            const bw = Math.max(0.5, clampX(b.endMs) - bx);
            const rec = total > 0 ? b.recordedMs / total : 0;
            const miss = total > 0 ? b.missingMs / total : 0;
            return (
              <g key={b.startMs}>
                {rec > 0 ? <rect className="tl-recorded" x={bx} y={y + trackH * (1 - rec)} width={bw} height={trackH * rec} /> : null}
                {miss > 0 ? <rect className="tl-missing" x={bx} y={y} width={bw} height={trackH * miss} /> : null}
              </g>
            );
          })}
      {d?.gaps.map((g) => (
        <rect key={g.id} className="tl-gap" x={clampX(g.startMs)} y={y} width={Math.max(2, clampX(g.endMs ?? nowMs) - clampX(g.startMs))} height={trackH}>
          <title>
            Gap {formatUkMs(g.startMs)} to {g.endMs === null ? 'now' : formatUkMs(g.endMs)}: {g.cause}
            {g.detail ? ` (${g.detail})` : ''}
          </title>
        </rect>
      ))}
    </g>
  );
});

/**
 * The review timeline: one row per camera (recorded, gaps with their cause,
 * missing files), a row of marks (ANPR reads, events, camera health
 * incidents), the in/out selection and the playhead. Wheel zooms around the
 * cursor (1 minute to 7 days), Shift+wheel pans, drag scrubs. Keyboard: the
 * track is a slider (Page Up/Down pan, Home/End, +/− zoom with the buttons).
 */
export function Timeline({ view, onViewChange, tracks, extraMarks = [], playheadMs, markIn, markOut, loaded, onScrub }: TimelineProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.floor((entry?.contentRect.width ?? 800) - labelW))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // An open gap (a camera down now) runs to now: a clock for it, a few ticks a minute.
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, []);

  const span = view.to - view.from;
  const x = (t: number) => toX(view, t, width);
  const clampX = (t: number) => Math.min(width, Math.max(0, x(t)));
  const tickTimes = ticks(view, Math.max(2, Math.floor(width / 90)), ukOffsetMs);
  const step = tickStep(span, Math.max(2, Math.floor(width / 90)));
  const marks = [...tracks.flatMap((t) => t.data?.marks ?? []), ...extraMarks].filter((m) => (m.endMs ?? m.atMs) >= view.from && m.atMs <= view.to);
  const height = axisH + tracks.length * (trackH + 4) + markRowH + 8;
  const marksY = axisH + tracks.length * (trackH + 4) + 2;

  // Wheel must be non-passive to stop the page scrolling while zooming.
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  });
  const widthRef = useRef(width);
  useEffect(() => {
    widthRef.current = width;
  });
  const svgRef = useRef<SVGSVGElement>(null);
  const onViewChangeRef = useRef(onViewChange);
  useEffect(() => {
    onViewChangeRef.current = onViewChange;
  });
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const v = viewRef.current;
      const w = widthRef.current;
      const px = e.clientX - svg.getBoundingClientRect().left;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const d = e.shiftKey ? e.deltaY : e.deltaX;
        onViewChangeRef.current(panBy(v, (d / w) * (v.to - v.from)));
      } else {
        onViewChangeRef.current(zoomAround(v, e.deltaY > 0 ? 1.25 : 0.8, toTime(v, px, w)));
      }
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []);

  const dragging = useRef(false);
  const timeAt = (clientX: number) => {
    const r = svgRef.current!.getBoundingClientRect();
    return Math.round(toTime(view, Math.min(width, Math.max(0, clientX - r.left)), width));
  };

  const presets: [string, number][] = [
    ['5 min', 5 * 60_000],
    ['1 h', 3_600_000],
    ['24 h', 24 * 3_600_000],
    ['7 days', 7 * 24 * 3_600_000],
  ];
  const centre = playheadMs ?? (view.from + view.to) / 2;

  return (
    <div className="timeline" ref={boxRef}>
      <div className="timeline__bar">
        <span className="timeline__span" aria-live="polite">
          Showing {formatSpan(span)}
        </span>
        <div className="timeline__zoom" role="group" aria-label="Timeline zoom">
          <button type="button" className="btn btn--small" onClick={() => onViewChange(zoomAround(view, 0.5, centre))} aria-label="Zoom timeline in">
            +
          </button>
          <button type="button" className="btn btn--small" onClick={() => onViewChange(zoomAround(view, 2, centre))} aria-label="Zoom timeline out">
            −
          </button>
          {presets.map(([label, ms]) => (
            <button key={label} type="button" className="btn btn--small btn--ghost" aria-pressed={Math.abs(span - ms) < 1000} onClick={() => onViewChange(centredOn(centre, ms))}>
              {label}
            </button>
          ))}
          <button type="button" className="btn btn--small btn--ghost" onClick={() => onViewChange(panBy(view, -span / 2))} aria-label="Earlier">
            ◀
          </button>
          <button type="button" className="btn btn--small btn--ghost" onClick={() => onViewChange(panBy(view, span / 2))} aria-label="Later">
            ▶
          </button>
        </div>
        <ul className="timeline__legend" aria-label="Legend">
          <li><span className="swatch swatch--recorded" /> recorded</li>
          <li><span className="swatch swatch--gap" /> gap</li>
          <li><span className="swatch swatch--missing" /> file missing</li>
          <li><span className="swatch swatch--read" /> ANPR read</li>
          <li><span className="swatch swatch--event" /> event</li>
          <li><span className="swatch swatch--incident" /> health incident</li>
        </ul>
      </div>
      <div className="timeline__body">
        <div className="timeline__labels" aria-hidden="true">
          <div className="timeline__axis-label" />
          {tracks.map((t) => (
            <div key={t.cameraId} className="timeline__track-label">
              {t.label}
            </div>
          ))}
          <div className="timeline__marks-label">Marks</div>
        </div>
        <svg
          ref={svgRef}
          className="timeline__svg"
          width={width}
          height={height}
          role="slider"
          tabIndex={0}
          aria-label="Timeline: position in the footage"
          aria-valuemin={view.from}
          aria-valuemax={view.to}
          aria-valuenow={playheadMs ?? view.from}
          aria-valuetext={playheadMs !== null ? formatUkMs(playheadMs) : 'no position'}
          onPointerDown={(e) => {
            dragging.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            onScrub(timeAt(e.clientX), 'move');
          }}
          onPointerMove={(e) => {
            if (dragging.current) onScrub(timeAt(e.clientX), 'move');
          }}
          onPointerUp={(e) => {
            if (!dragging.current) return;
            dragging.current = false;
            onScrub(timeAt(e.clientX), 'end');
          }}
          onKeyDown={(e) => {
            const at = playheadMs ?? view.from;
            const map: Record<string, () => void> = {
              PageUp: () => onViewChange(panBy(view, -span / 4)),
              PageDown: () => onViewChange(panBy(view, span / 4)),
              Home: () => onScrub(view.from, 'end'),
              End: () => onScrub(view.to, 'end'),
              ArrowUp: () => onScrub(Math.round(at + span / 50), 'end'),
              ArrowDown: () => onScrub(Math.round(at - span / 50), 'end'),
            };
            const act = map[e.key];
            if (act) {
              e.preventDefault();
              act();
            }
          }}
        >
          <rect className="tl-loaded" x={clampX(loaded.from)} y={axisH - 3} width={Math.max(0, clampX(loaded.to) - clampX(loaded.from))} height={3}>
            <title>Loaded in the player</title>
          </rect>
          {tickTimes.map((t) => (
            <g key={t}>
              <line className="tl-tick" x1={x(t)} x2={x(t)} y1={axisH - 6} y2={height} />
              <text className="tl-tick-label" x={x(t) + 3} y={12}>
                {formatTick(t, step)}
              </text>
            </g>
          ))}
          {tracks.map((t, i) => (
            <TrackRow key={t.cameraId} data={t.data} y={axisH + i * (trackH + 4) + 2} width={width} from={view.from} to={view.to} nowMs={nowMs} />
          ))}
          <rect className="tl-track" x={0} y={marksY} width={width} height={markRowH} />
          {marks.map((m) => (
            <rect key={`${m.kind}-${m.ref}-${m.atMs}`} className={markClass[m.kind]} x={clampX(m.atMs) - 1} y={marksY} width={Math.max(3, clampX(m.endMs ?? m.atMs) - clampX(m.atMs) + 2)} height={markRowH}>
              <title>
                {m.label} at {formatUkMs(m.atMs)}
              </title>
            </rect>
          ))}
          {markIn !== null || markOut !== null ? (
            <rect
              className="tl-selection"
              x={clampX(markIn ?? view.from)}
              y={axisH}
              width={Math.max(1, clampX(markOut ?? view.to) - clampX(markIn ?? view.from))}
              height={height - axisH}
            />
          ) : null}
          {markIn !== null ? <line className="tl-mark-in" x1={x(markIn)} x2={x(markIn)} y1={axisH} y2={height} /> : null}
          {markOut !== null ? <line className="tl-mark-out" x1={x(markOut)} x2={x(markOut)} y1={axisH} y2={height} /> : null}
          {playheadMs !== null && playheadMs >= view.from && playheadMs <= view.to ? (
            <g className="tl-playhead">
              <line x1={x(playheadMs)} x2={x(playheadMs)} y1={0} y2={height} />
              <path d={`M ${x(playheadMs) - 5} 0 L ${x(playheadMs) + 5} 0 L ${x(playheadMs)} 7 Z`} />
            </g>
          ) : null}
        </svg>
      </div>
    </div>
  );
}
