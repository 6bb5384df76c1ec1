import type { Fragment } from 'hls.js';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { fragmentAfterWall, fragmentAtWall, frameAtMedia, stepTarget } from './media-clock';
import { clampZoom, noZoom, panPicture, zoomAt, zoomTransform, type PictureZoom } from './picture-zoom';
import { useHls, type HlsProblem } from './use-hls';
import { waitForPaintedFrame } from './wait-for-frame';

/** The frame on screen, as painted (requestVideoFrameCallback), in the terms an officer uses. */
export interface PaintedFrame {
  mediaTime: number;
  /** Workstation UTC of the frame (PROGRAM-DATE-TIME + offset in the segment). */
  wallMs: number;
  /** 0-based frame number within its recorded segment. */
  frameIndex: number;
  /** Recorded segment's URL (its id is in the path). */
  segmentUrl: string;
  segmentStartMs: number;
  segmentDurationS: number;
}

export type SeekOutcome =
  | { kind: 'exact'; frame: PaintedFrame }
  /** The time fell in a gap: the picture shows the first frame recorded after it. */
  | { kind: 'after-gap'; frame: PaintedFrame }
  /** Outside the loaded playlist: the caller loads another window. */
  | { kind: 'outside' };

export interface CameraViewHandle {
  video(): HTMLVideoElement | null;
  fragments(): readonly Fragment[];
  painted(): PaintedFrame | null;
  seekWall(wallMs: number): Promise<SeekOutcome>;
  stepFrames(delta: number): Promise<PaintedFrame | null>;
  zoomBy(factor: number): void;
  panBy(dx: number, dy: number): void;
  resetZoom(): void;
}

export interface CameraViewProps {
  ref?: Ref<CameraViewHandle>;
  cameraId: number;
  label: string;
  src: string | null;
  token: string | null;
  fps: number;
  onPainted?: (frame: PaintedFrame) => void;
  onPlaylist?: (fragments: readonly Fragment[]) => void;
  onProblem?: (p: HlsProblem) => void;
  /** Overlay text (frame number, times) drawn over the picture's corner. */
  overlay?: React.ReactNode;
}

/**
 * One camera's picture in the review player: the <video> fed by hls.js, the
 * painted-frame tracker, exact seeks and frame steps, and digital zoom/pan.
 */
export function CameraView({ ref, cameraId, label, src, token, fps, onPainted, onPlaylist, onProblem, overlay }: CameraViewProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const hls = useHls(videoRef, src, { token, onPlaylist, onProblem });
  const paintedRef = useRef<PaintedFrame | null>(null);
  const [zoom, setZoom] = useState<PictureZoom>(noZoom);
  const latest = useRef({ fps, onPainted });
  useEffect(() => {
    latest.current = { fps, onPainted };
  });

  const toFrame = (mediaTime: number): PaintedFrame | null => {
    const pos = frameAtMedia(hls.fragments(), mediaTime, latest.current.fps);
    if (!pos) return null;
    return {
      mediaTime,
      wallMs: pos.wallMs,
      frameIndex: pos.frameIndex,
      segmentUrl: pos.fragment.url,
      segmentStartMs: pos.fragment.programDateTime ?? pos.wallMs,
      segmentDurationS: pos.fragment.duration,
    };
  };

  // Follow every painted frame for as long as the view is mounted. While
  // paused the browser paints nothing, so this costs nothing then.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let handle = 0;
    const onFrame: VideoFrameRequestCallback = (_now, meta) => {
      const frame = toFrame(meta.mediaTime);
      if (frame) {
        paintedRef.current = frame;
        latest.current.onPainted?.(frame);
      }
      handle = video.requestVideoFrameCallback(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    return () => video.cancelVideoFrameCallback(handle);
    // toFrame reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [src]);

  const seekMedia = async (target: number): Promise<PaintedFrame | null> => {
    const video = videoRef.current;
    if (!video) return null;
    const f = latest.current.fps;
    const wantFrame = Math.floor(target * f);
    const current = paintedRef.current;
    // Already on screen: a seek to the same frame paints nothing new.
    if (current && Math.round(current.mediaTime * f) === wantFrame && Math.abs(video.currentTime - target) < 1 / f) return current;
    const painted = waitForPaintedFrame(video, (t) => Math.abs(Math.round(t * f) - wantFrame) <= 0);
    video.currentTime = target;
    const { mediaTime } = await painted;
    return toFrame(mediaTime);
  };

  useImperativeHandle(ref, () => ({
    video: () => videoRef.current,
    fragments: () => hls.fragments(),
    painted: () => paintedRef.current,
    async seekWall(wallMs) {
      const frags = hls.fragments();
      const f = latest.current.fps;
      const inside = fragmentAtWall(frags, wallMs);
      const frag = inside ?? fragmentAfterWall(frags, wallMs);
      if (!frag || frag.programDateTime === null) return { kind: 'outside' };
      const offsetS = inside ? (wallMs - frag.programDateTime) / 1000 : 0;
      // The middle of the frame's presentation interval, so the seek lands on that frame.
      const target = frag.start + (Math.floor(offsetS * f + 1e-6) + 0.5) / f;
      const frame = await seekMedia(Math.min(target, frag.start + frag.duration - 0.5 / f));
      if (!frame) return { kind: 'outside' };
      return { kind: inside ? 'exact' : 'after-gap', frame };
    },
    async stepFrames(delta) {
      const video = videoRef.current;
      if (!video) return null;
      if (!video.paused) video.pause();
      const from = paintedRef.current?.mediaTime ?? video.currentTime;
      return seekMedia(stepTarget(from, delta, latest.current.fps));
    },
    zoomBy: (factor) => setZoom((z) => zoomAt(z, factor)),
    panBy: (dx, dy) => setZoom((z) => panPicture(z, dx, dy)),
    resetZoom: () => setZoom(noZoom),
  }));

  // Drag to pan and wheel to zoom, around the cursor.
  const drag = useRef<{ x: number; y: number } | null>(null);
  const frameBox = (el: HTMLElement, clientX: number, clientY: number) => {
    const r = el.getBoundingClientRect();
    return { fx: (clientX - r.left) / r.width - 0.5, fy: (clientY - r.top) / r.height - 0.5, w: r.width, h: r.height };
  };

  return (
    <figure className="camera-view" aria-label={`${label}: recorded footage`}>
      <div
        className={zoom.scale > 1 ? 'camera-view__frame camera-view__frame--zoomed' : 'camera-view__frame'}
        onWheel={(e) => {
          const { fx, fy } = frameBox(e.currentTarget, e.clientX, e.clientY);
          setZoom((z) => zoomAt(z, e.deltaY < 0 ? 1.25 : 0.8, fx, fy));
        }}
        onPointerDown={(e) => {
          if (zoom.scale <= 1) return;
          drag.current = { x: e.clientX, y: e.clientY };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (!drag.current) return;
          const { w, h } = frameBox(e.currentTarget, e.clientX, e.clientY);
          const dx = (e.clientX - drag.current.x) / w;
          const dy = (e.clientY - drag.current.y) / h;
          drag.current = { x: e.clientX, y: e.clientY };
          setZoom((z) => clampZoom({ scale: z.scale, x: z.x + dx / z.scale, y: z.y + dy / z.scale }));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onDoubleClick={() => setZoom(noZoom)}
      >
        <video
          ref={videoRef}
          className="camera-view__video"
          data-camera-id={cameraId}
          muted
          playsInline
          preload="auto"
          disablePictureInPicture
          style={{ transform: zoomTransform(zoom) }}
        />
        {zoom.scale > 1 ? <span className="camera-view__zoom">{zoom.scale.toFixed(1)}× zoom</span> : null}
        {overlay ? <div className="camera-view__overlay">{overlay}</div> : null}
        {hls.problem ? (
          <div className="camera-view__problem" role="alert">
            {hls.problem.message}
          </div>
        ) : null}
      </div>
      <figcaption className="camera-view__caption">{label}</figcaption>
    </figure>
  );
}
