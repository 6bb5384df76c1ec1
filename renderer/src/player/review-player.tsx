import type { Fragment } from 'hls.js';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { FrameAt, TimelineMark } from '../../../main/api/contract';
import { useApi } from '../api/api-context';
import { tokenStore } from '../api/token-store';
import { Alert } from '../components/alert';
import { useApiQuery } from '../hooks/use-api-query';
import { CameraView, type CameraViewHandle, type PaintedFrame } from './camera-view';
import { ExportDialog } from './export-dialog';
import { formatUkMs, formatUtcMs } from './format-frame-time';
import { playbackPath } from './playback-url';
import { actionForKey, formatRate, keyBelongsElsewhere, nextRate, nextShuttle, playbackRates, type PlayerAction } from './player-keys';
import { driftMs, needsCorrection } from './sync-clock';
import { Timeline } from './timeline';
import { centredOn, follow, type ViewRange } from './timeline-scale';
import './player.css';

export interface Marks {
  in: number | null;
  out: number | null;
}

/** What a page holding the player can do with it (the review queue opens an event's clip window this way). */
export interface ReviewPlayerHandle {
  /** Shows the frame recorded at `wallMs` (loading another window if needed); resolves once it is painted. */
  seek(wallMs: number): Promise<void>;
  /** Steps `frames` frames (negative: back); pauses first. Resolves once painted. */
  step(frames: number): Promise<void>;
  play(): void;
  pause(): void;
  /** 1/8× to 16×; negative plays backwards (by stepping). */
  setRate(rate: number): void;
  position(): PaintedFrame | null;
  marks(): Marks;
  setMarks(marks: Marks): void;
}

export interface ReviewPlayerProps {
  ref?: Ref<ReviewPlayerHandle>;
  /** One camera, or two at one location played in sync (the first is the master clock). */
  cameraIds: readonly number[];
  /** The window loaded for playback (a seek outside it moves the window). */
  from: number;
  to: number;
  initialTime?: number;
  onMarksChange?: (marks: Marks) => void;
  cameraLabel?: (cameraId: number) => string;
  /** Marks from other features (reads, events, incidents) to show on the timeline. */
  extraMarks?: readonly TimelineMark[];
  /** Listen to the keyboard (default true); a page with two players gives it to one. */
  keyboard?: boolean;
}

const defaultFps = 25;
const reverseTickMs = 80;

/**
 * The review player: one or two cameras, a zoomable timeline, exact seeks,
 * frame steps with the frame number and both clocks, J/K/L shuttle (reverse
 * by stepping, as Media Source Extensions cannot play backwards), in/out
 * marks, picture zoom, and export from the marks.
 */
export function ReviewPlayer({ ref, cameraIds, from, to, initialTime, onMarksChange, cameraLabel, extraMarks, keyboard = true }: ReviewPlayerProps) {
  const api = useApi();
  const token = tokenStore.get();
  const label = useCallback((id: number) => cameraLabel?.(id) ?? `Camera ${id}`, [cameraLabel]);
  const [loaded, setLoaded] = useState<ViewRange>({ from, to });
  const [view, setView] = useState<ViewRange>(() => ({ from, to }));
  // A holder opening another clip window (new from/to) resets the player to it.
  const [forRange, setForRange] = useState(`${from}/${to}`);
  if (forRange !== `${from}/${to}`) {
    setForRange(`${from}/${to}`);
    setLoaded({ from, to });
    setView({ from, to });
  }
  const [fps, setFps] = useState(defaultFps);
  const [pos, setPos] = useState<PaintedFrame | null>(null);
  const [followerPos, setFollowerPos] = useState<(PaintedFrame | null)[]>([]);
  const [shuttle, setShuttleState] = useState(0);
  // The shuttle as of now (a painted-frame callback may run before the render).
  const shuttleRef = useRef(0);
  const setShuttle = useCallback((s: number) => {
    shuttleRef.current = s;
    setShuttleState(s);
  }, []);
  const [rate, setRateState] = useState(1);
  const [marks, setMarksState] = useState<Marks>({ in: null, out: null });
  const [notice, setNotice] = useState<{ tone: 'info' | 'warning' | 'error'; text: string } | null>(null);
  const [frameInfo, setFrameInfo] = useState<FrameAt | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const views = useRef<(CameraViewHandle | null)[]>([]);
  const master = () => views.current[0] ?? null;

  const marksRef = useRef(marks);
  const onMarksRef = useRef(onMarksChange);
  useEffect(() => {
    onMarksRef.current = onMarksChange;
  });
  const setMarks = useCallback((m: Marks) => {
    marksRef.current = m;
    setMarksState(m);
    onMarksRef.current?.(m);
  }, []);

  // --- timelines -------------------------------------------------------------
  const buckets = 400;
  const timelines = [
    useApiQuery('getTimeline', { query: { cameraId: cameraIds[0] ?? 0, from: Math.floor(view.from), to: Math.ceil(view.to), buckets } }, { enabled: cameraIds.length > 0 }),
    useApiQuery('getTimeline', { query: { cameraId: cameraIds[1] ?? 0, from: Math.floor(view.from), to: Math.ceil(view.to), buckets } }, { enabled: cameraIds.length > 1 }),
  ];
  const tracks = cameraIds.slice(0, 2).map((id, i) => ({ cameraId: id, label: label(id), data: timelines[i]?.data }));
  const timelineError = timelines.find((t) => t.status === 'error')?.error ?? null;

  // --- seeking -----------------------------------------------------------------
  const pendingSeek = useRef<number | null>(null);
  const seekDrain = useRef<Promise<void> | null>(null);
  const afterPlaylist = useRef<number | null>(initialTime ?? from);
  const reverseGen = useRef(0);
  const stepPending = useRef(0);
  const reverseStep = useRef<Promise<unknown> | null>(null);
  const stepDrain = useRef<Promise<void> | null>(null);

  const syncFollowers = useCallback(async (wallMs: number) => {
    await Promise.all(views.current.slice(1).map((v) => v?.seekWall(wallMs).catch(() => undefined)));
  }, []);

  const seekNow = useCallback(
    async (wallMs: number): Promise<void> => {
      const m = master();
      if (!m) return;
      const outcome = await m.seekWall(wallMs);
      if (outcome.kind === 'outside') {
        const span = loaded.to - loaded.from;
        afterPlaylist.current = wallMs;
        setLoaded(centredOn(wallMs, span));
        setNotice({ tone: 'info', text: `Loading footage around ${formatUkMs(wallMs)}…` });
        return;
      }
      if (outcome.kind === 'after-gap') {
        setNotice({ tone: 'warning', text: `No footage recorded at ${formatUkMs(wallMs)} (a gap): showing the next recording, from ${formatUkMs(outcome.frame.wallMs)}.` });
      } else setNotice(null);
      setView((v) => follow(v, outcome.frame.wallMs));
      await syncFollowers(outcome.frame.wallMs);
    },
    [loaded, syncFollowers],
  );

  /** Coalesces a burst of seeks (scrubbing) into: the one running, then the latest. */
  const seek = useCallback(
    (wallMs: number): Promise<void> => {
      pendingSeek.current = wallMs;
      if (seekDrain.current) return seekDrain.current;
      const drain = (async () => {
        try {
          while (pendingSeek.current !== null) {
            const next = pendingSeek.current;
            pendingSeek.current = null;
            try {
              await seekNow(next);
            } catch (e) {
              setNotice({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
            }
          }
        } finally {
          seekDrain.current = null;
        }
      })();
      seekDrain.current = drain;
      return drain;
    },
    [seekNow],
  );

  const stopReverse = () => {
    reverseGen.current++;
  };

  const pause = useCallback(() => {
    stopReverse();
    for (const v of views.current) v?.video()?.pause();
    setShuttle(0);
    // A reverse step already under way still lands: bring the second camera
    // to where the master ends up, not to the frame it was leaving.
    void (reverseStep.current ?? Promise.resolve()).then(async () => {
      const p = master()?.painted();
      if (p) await syncFollowers(p.wallMs);
      // The master can paint one more frame after the pause (the one its
      // playback position had reached) while the second camera's seek is
      // still under way, and that paint may come before the seek lands: once
      // both have settled, put the second camera on the frame the master shows.
      await new Promise((r) => window.setTimeout(r, 300));
      const q = master()?.painted();
      if (!q || shuttleRef.current !== 0 || stepDrain.current || seekDrain.current) return;
      if (views.current.slice(1).some((v) => v && v.painted()?.wallMs !== q.wallMs)) await syncFollowers(q.wallMs);
    });
  }, [syncFollowers, setShuttle]);

  // Key repeat and fast presses queue up: steps in flight are summed, so ten
  // presses of → move exactly ten frames however long each paint takes.
  const step = useCallback(
    (frames: number): Promise<void> => {
      stopReverse();
      setShuttle(0);
      stepPending.current += frames;
      if (stepDrain.current) return stepDrain.current;
      const drain = (async () => {
        try {
          while (stepPending.current !== 0) {
            const d = stepPending.current;
            stepPending.current = 0;
            const m = master();
            if (!m) return;
            for (const v of views.current.slice(1)) v?.video()?.pause();
            const frame = await m.stepFrames(d);
            if (frame) {
              setView((v) => follow(v, frame.wallMs));
              await syncFollowers(frame.wallMs);
            }
          }
        } catch (e) {
          stepPending.current = 0;
          setNotice({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
        } finally {
          stepDrain.current = null;
        }
      })();
      stepDrain.current = drain;
      return drain;
    },
    [syncFollowers, setShuttle],
  );

  const playForward = useCallback((r: number) => {
    stopReverse();
    for (const v of views.current) {
      const video = v?.video();
      if (!video) continue;
      video.playbackRate = r;
      void video.play().catch(() => undefined);
    }
    setShuttle(r);
  }, [setShuttle]);

  const playReverse = useCallback(
    (speed: number) => {
      const gen = ++reverseGen.current;
      for (const v of views.current) v?.video()?.pause();
      setShuttle(-speed);
      // Each tick steps back as many frames as `speed` covers in the tick, and
      // waits for the frame to be painted before the next: reverse never
      // queues more seeks than the decoder can show.
      const framesPerTick = Math.max(1, Math.round((speed * fps * reverseTickMs) / 1000));
      const tick = async () => {
        if (reverseGen.current !== gen) return;
        const started = performance.now();
        const m = master();
        const before = m?.painted()?.mediaTime;
        const stepping = m?.stepFrames(-framesPerTick).catch(() => null) ?? Promise.resolve(null);
        reverseStep.current = stepping;
        const frame = await stepping;
        if (reverseStep.current === stepping) reverseStep.current = null;
        if (reverseGen.current !== gen) return;
        if (!frame || frame.mediaTime === before) {
          setShuttle(0);
          setNotice({ tone: 'info', text: 'Reached the start of the loaded footage.' });
          return;
        }
        setView((v) => follow(v, frame.wallMs));
        void syncFollowers(frame.wallMs);
        window.setTimeout(() => void tick(), Math.max(0, reverseTickMs - (performance.now() - started)));
      };
      void tick();
    },
    [fps, syncFollowers, setShuttle],
  );

  const applyRate = useCallback(
    (r: number) => {
      if (r < 0) playReverse(-r);
      else if (r === 0) pause();
      else {
        setRateState(r);
        playForward(r);
      }
    },
    [pause, playForward, playReverse],
  );

  // Stop the reverse loop with the player.
  useEffect(() => () => stopReverse(), []);

  // Keys are obeyed in the order pressed: I or O after a burst of → marks the
  // frame the steps end on, not whichever frame was on screen mid-burst.
  const settled = useCallback(async () => {
    while (stepDrain.current || seekDrain.current) await (stepDrain.current ?? seekDrain.current);
  }, []);

  const markIn = useCallback(async () => {
    await settled();
    const p = master()?.painted();
    if (!p) return;
    const out = marksRef.current.out !== null && marksRef.current.out > p.wallMs ? marksRef.current.out : null;
    setMarks({ in: p.wallMs, out });
  }, [setMarks, settled]);

  const markOut = useCallback(async () => {
    await settled();
    const p = master()?.painted();
    if (!p) return;
    const inn = marksRef.current.in !== null && marksRef.current.in < p.wallMs ? marksRef.current.in : null;
    // The out mark includes the frame on screen: it ends where that frame ends.
    setMarks({ in: inn, out: p.wallMs + 1000 / fps });
  }, [setMarks, settled, fps]);

  const doAction = useCallback(
    (a: PlayerAction) => {
      const p = master()?.painted();
      switch (a) {
        case 'step-back':
          return void step(-1);
        case 'step-forward':
          return void step(1);
        case 'second-back':
          if (p) void seek(p.wallMs - 1000);
          return;
        case 'second-forward':
          if (p) void seek(p.wallMs + 1000);
          return;
        case 'toggle-play':
          return shuttle === 0 ? playForward(rate) : pause();
        case 'pause':
          return pause();
        case 'shuttle-forward':
          return applyRate(nextShuttle(shuttle, 1));
        case 'shuttle-reverse':
          return applyRate(nextShuttle(shuttle, -1));
        case 'mark-in':
          return void markIn();
        case 'mark-out':
          return void markOut();
        case 'rate-down':
        case 'rate-up': {
          const r = nextRate(rate, a === 'rate-up' ? 1 : -1);
          setRateState(r);
          if (shuttle > 0) playForward(r);
          return;
        }
        case 'zoom-in':
          return master()?.zoomBy(1.25);
        case 'zoom-out':
          return master()?.zoomBy(0.8);
        case 'zoom-reset':
          return master()?.resetZoom();
      }
    },
    [step, seek, shuttle, rate, playForward, pause, applyRate, markIn, markOut],
  );

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || keyBelongsElsewhere(e.target)) return;
      // Space and Enter on a focused button press that button.
      if ((e.key === ' ' || e.key === 'Enter') && e.target instanceof HTMLElement && e.target.closest('button, a, summary')) return;
      const a = actionForKey(e);
      if (!a) return;
      e.preventDefault();
      doAction(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard, doAction]);

  useImperativeHandle(ref, () => ({
    seek,
    step,
    play: () => playForward(rate),
    pause,
    setRate: (r) => {
      const clamped = Math.sign(r) * Math.min(16, Math.max(0.125, Math.abs(r)));
      applyRate(clamped);
    },
    position: () => master()?.painted() ?? null,
    marks: () => marksRef.current,
    setMarks,
  }));

  // --- painted frames ---------------------------------------------------------
  const onMasterPainted = useCallback(
    (f: PaintedFrame) => {
      setPos(f);
      const video = master()?.video();
      if (video && !video.paused) {
        // Playing: correct a follower that drifts more than one frame.
        views.current.slice(1).forEach((v) => {
          const fv = v?.video();
          if (!v || !fv || fv.seeking) return;
          if (fv.paused || fv.playbackRate !== video.playbackRate) {
            fv.playbackRate = video.playbackRate;
            void fv.play().catch(() => undefined);
          }
          if (needsCorrection(f.wallMs, v.painted()?.wallMs ?? null, fps)) void v.seekWall(f.wallMs + 150 * video.playbackRate).catch(() => undefined);
        });
      } else if (video && shuttleRef.current === 0 && !stepDrain.current && !seekDrain.current) {
        // Paused, nothing in flight: the master can still paint one more frame
        // after the pause (the one its playback position had reached), after
        // pause() sent the second camera to the frame before. Keep the second
        // camera on the frame the master actually shows (redirecting a seek
        // still under way to the earlier frame).
        views.current.slice(1).forEach((v) => {
          if (!v || v.painted()?.wallMs === f.wallMs) return;
          void v.seekWall(f.wallMs).catch(() => undefined);
        });
      }
    },
    [fps],
  );

  const followerTimer = useRef(0);
  const onFollowerPainted = useCallback(() => {
    // A readout, not a clock: a few updates a second are enough.
    if (followerTimer.current) return;
    followerTimer.current = window.setTimeout(() => {
      followerTimer.current = 0;
      setFollowerPos(views.current.slice(1).map((v) => v?.painted() ?? null));
    }, 200);
  }, []);
  useEffect(() => () => window.clearTimeout(followerTimer.current), []);

  // The core's view of the frame on screen: camera clock, frame count, fps.
  const settledWall = shuttle === 0 ? pos?.wallMs ?? null : null;
  useEffect(() => {
    if (settledWall === null || cameraIds[0] === undefined) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api.call('getFrameAt', { query: { cameraId: cameraIds[0]!, at: Math.round(settledWall) + 1 }, signal: controller.signal }).then(
        (fa) => {
          setFrameInfo(fa);
          if (fa.fps && Math.abs(fa.fps - fps) > 0.01) setFps(fa.fps);
        },
        () => setFrameInfo(null),
      );
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [api, settledWall, cameraIds, fps]);

  // Loading a playlist is where the core finds a segment file deleted behind
  // the app's back (it marks it missing and records a 'file-missing' gap, and
  // leaves it out of the playlist). A timeline fetched before that still shows
  // the file as recorded: fetch it again so the officer is told it is missing.
  const reloadMasterTimeline = timelines[0]!.reload;
  const reloadFollowerTimeline = timelines[1]!.reload;
  const onFollowerPlaylist = useCallback(() => reloadFollowerTimeline(), [reloadFollowerTimeline]);

  const onMasterPlaylist = useCallback(
    (frags: readonly Fragment[]) => {
      reloadMasterTimeline();
      if (frags.length === 0) {
        setNotice({ tone: 'warning', text: 'No recorded footage in this window.' });
        return;
      }
      const target = afterPlaylist.current;
      afterPlaylist.current = null;
      if (target !== null) window.setTimeout(() => void seek(target), 0);
    },
    [seek, reloadMasterTimeline],
  );

  const src = useMemo(() => cameraIds.map((id) => playbackPath(id, loaded.from, loaded.to)), [cameraIds, loaded]);

  const masterSegments = timelines[0]?.data?.segments;
  const segmentOffset = useMemo(() => {
    const s = pos ? masterSegments?.find((x) => x.startMs <= pos.wallMs && x.endMs > pos.wallMs) : undefined;
    return s?.cameraOffsetMs ?? null;
  }, [masterSegments, pos]);
  const sameFrame = frameInfo && pos && Math.abs(frameInfo.frameMs - pos.wallMs) < 1000 / fps;
  const cameraMs = sameFrame && frameInfo.cameraMs !== null ? frameInfo.cameraMs : pos && segmentOffset !== null ? pos.wallMs + segmentOffset : null;
  const segmentId = pos ? /\/(\d+)\.mp4/.exec(pos.segmentUrl)?.[1] ?? null : null;
  const frameCount = sameFrame ? frameInfo.frameCount : pos ? Math.round(pos.segmentDurationS * fps) : null;

  const state = shuttle === 0 ? 'Paused' : shuttle > 0 ? `Playing ${formatRate(shuttle)}` : `Reverse ${formatRate(-shuttle)}`;
  const paused = shuttle === 0;

  return (
    <div className="review-player" data-playing={!paused}>
      <div className={cameraIds.length > 1 ? 'review-player__pictures review-player__pictures--two' : 'review-player__pictures'}>
        {cameraIds.slice(0, 2).map((id, i) => (
          <CameraView
            key={id}
            ref={(h) => {
              views.current[i] = h;
            }}
            cameraId={id}
            label={i === 0 ? `${label(id)}${cameraIds.length > 1 ? ' (master clock)' : ''}` : label(id)}
            src={src[i] ?? null}
            token={token}
            fps={fps}
            onPainted={i === 0 ? onMasterPainted : onFollowerPainted}
            onPlaylist={i === 0 ? onMasterPlaylist : onFollowerPlaylist}
            onProblem={(p) => console.warn(`[player] camera ${id}: ${p.message}`)}
            overlay={
              i === 0 && pos ? (
                <span className="mono">
                  {formatUtcMs(pos.wallMs)} · f{pos.frameIndex}
                </span>
              ) : i > 0 && followerPos[i - 1] && pos ? (
                <span className="mono" data-testid="follower-time" data-wall-ms={Math.round(followerPos[i - 1]!.wallMs)}>
                  {formatUtcMs(followerPos[i - 1]!.wallMs)} · drift {driftMs(pos.wallMs, followerPos[i - 1]!.wallMs)} ms
                </span>
              ) : null
            }
          />
        ))}
      </div>

      <section className="position-readout" aria-label="Frame on screen" aria-live={paused ? 'polite' : 'off'} aria-atomic="true">
        <div className="position-readout__item">
          <span className="position-readout__label">Frame</span>
          <span className="position-readout__value mono" data-testid="frame-number">
            {pos ? pos.frameIndex : '—'}
          </span>
          <span className="position-readout__sub">
            {pos ? `of ${frameCount ?? '?'} in segment ${segmentId ?? '?'} · ${fps} fps` : 'no frame yet'}
          </span>
        </div>
        <div className="position-readout__item">
          <span className="position-readout__label">UK local</span>
          <span className="position-readout__value mono" data-testid="time-uk">
            {pos ? formatUkMs(pos.wallMs) : '—'}
          </span>
          <span className="position-readout__sub mono" data-testid="time-utc">
            {pos ? formatUtcMs(pos.wallMs) : ''}
          </span>
        </div>
        <div className="position-readout__item">
          <span className="position-readout__label">Camera clock</span>
          <span className="position-readout__value mono" data-testid="time-camera">
            {cameraMs !== null ? formatUtcMs(cameraMs) : 'not read'}
          </span>
          <span className="position-readout__sub">{cameraMs !== null && pos ? `camera ${cameraMs - pos.wallMs >= 0 ? '+' : '−'}${Math.abs(Math.round(cameraMs - pos.wallMs))} ms from workstation` : 'offset unknown for this segment'}</span>
        </div>
        <div className="position-readout__item">
          <span className="position-readout__label">State</span>
          <span className="position-readout__value" data-testid="play-state">
            {state}
          </span>
          <span className="position-readout__sub">play rate {formatRate(rate)}</span>
        </div>
      </section>

      <div className="transport" role="toolbar" aria-label="Playback controls">
        <div className="transport__group">
          <button type="button" className="btn" onClick={() => doAction('second-back')} aria-label="Back one second" title="Back one second (Shift + ←)">
            −1 s
          </button>
          <button type="button" className="btn" onClick={() => doAction('step-back')} aria-label="Previous frame" title="Previous frame (←)">
            ◀︎|
          </button>
          <button type="button" className="btn" aria-pressed={shuttle < 0} onClick={() => doAction('shuttle-reverse')} aria-label="Play backwards" title="Play backwards (J)">
            ◀︎◀︎
          </button>
          <button type="button" className="btn btn--primary transport__play" onClick={() => doAction('toggle-play')} aria-label={paused ? 'Play' : 'Pause'} title="Play or pause (Space)">
            {paused ? '▶︎' : '❚❚'}
          </button>
          <button type="button" className="btn" aria-pressed={shuttle > 1} onClick={() => doAction('shuttle-forward')} aria-label="Play forwards faster" title="Play forwards, faster each press (L)">
            ▶︎▶︎
          </button>
          <button type="button" className="btn" onClick={() => doAction('step-forward')} aria-label="Next frame" title="Next frame (→)">
            |▶︎
          </button>
          <button type="button" className="btn" onClick={() => doAction('second-forward')} aria-label="Forward one second" title="Forward one second (Shift + →)">
            +1 s
          </button>
        </div>
        <label className="transport__rate">
          <span>Rate</span>
          <select
            className="select select--inline"
            value={String(rate)}
            onChange={(e) => {
              const r = Number(e.target.value);
              setRateState(r);
              if (shuttle > 0) playForward(r);
            }}
          >
            {playbackRates.map((r) => (
              <option key={r} value={String(r)}>
                {formatRate(r)}
              </option>
            ))}
          </select>
        </label>
        <div className="transport__group">
          <button type="button" className="btn" onClick={() => void markIn()} aria-label="Mark in" title="Mark in (I)">
            Mark in
          </button>
          <button type="button" className="btn" onClick={() => void markOut()} aria-label="Mark out" title="Mark out (O)">
            Mark out
          </button>
          <button type="button" className="btn btn--ghost" disabled={marks.in === null && marks.out === null} onClick={() => setMarks({ in: null, out: null })}>
            Clear marks
          </button>
          <button type="button" className="btn btn--primary" disabled={marks.in === null || marks.out === null} onClick={() => setExportOpen(true)}>
            Export…
          </button>
        </div>
        <div className="transport__group" role="group" aria-label="Picture zoom">
          <button type="button" className="btn" onClick={() => doAction('zoom-out')} aria-label="Zoom picture out" title="Zoom picture out (−)">
            −
          </button>
          <button type="button" className="btn" onClick={() => doAction('zoom-in')} aria-label="Zoom picture in" title="Zoom picture in (+)">
            +
          </button>
          <button type="button" className="btn btn--ghost" onClick={() => doAction('zoom-reset')} title="Reset picture zoom (0)">
            1:1
          </button>
        </div>
      </div>

      <dl className="marks-readout" aria-label="In and out marks">
        <div>
          <dt>In</dt>
          <dd className="mono" data-testid="mark-in">
            {marks.in !== null ? formatUkMs(marks.in) : 'not set'}
          </dd>
        </div>
        <div>
          <dt>Out</dt>
          <dd className="mono" data-testid="mark-out">
            {marks.out !== null ? formatUkMs(marks.out) : 'not set'}
          </dd>
        </div>
        <div>
          <dt>Length</dt>
          <dd>{marks.in !== null && marks.out !== null ? `${((marks.out - marks.in) / 1000).toFixed(2)} s (${Math.round(((marks.out - marks.in) / 1000) * fps)} frames)` : '—'}</dd>
        </div>
      </dl>

      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {timelineError ? <Alert tone="error" title="Timeline unavailable">{timelineError.message}</Alert> : null}

      <Timeline
        view={view}
        onViewChange={setView}
        tracks={tracks}
        extraMarks={extraMarks}
        playheadMs={pos?.wallMs ?? null}
        markIn={marks.in}
        markOut={marks.out}
        loaded={loaded}
        onScrub={(at, phase) => {
          if (shuttle !== 0) pause();
          void seek(at);
          if (phase === 'end') setView((v) => follow(v, at));
        }}
      />

      {marks.in !== null && marks.out !== null ? (
        <ExportDialog
          open={exportOpen}
          onClose={() => setExportOpen(false)}
          cameras={cameraIds.map((id) => ({ id, label: label(id) }))}
          markIn={marks.in}
          markOut={marks.out}
          currentFrameMs={pos ? Math.round(pos.wallMs + 500 / fps) : null}
          halfFrameMs={500 / fps}
        />
      ) : null}
    </div>
  );
}
