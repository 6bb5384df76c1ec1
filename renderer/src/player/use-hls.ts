import Hls, { type ErrorData, type Fragment, type HlsConfig } from 'hls.js';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';

export type HlsProblem =
  | { kind: 'unsupported'; message: string }
  | { kind: 'playlist'; message: string }
  | { kind: 'segment-missing'; message: string; fromMs: number | null; toMs: number | null }
  | { kind: 'media'; message: string }
  | { kind: 'other'; message: string };

export interface HlsHandle {
  /** The live instance, or null before attach / after destroy. Never keep it. */
  current(): Hls | null;
  /** The fragments of the loaded playlist (hls.js's own objects: start, duration, programDateTime). */
  fragments(): readonly Fragment[];
}

export interface UseHlsOptions {
  /** Authorization for every playlist and segment request (a <video> cannot send headers). */
  token: string | null;
  live?: boolean;
  /** Called after each playlist load (VOD once, live on every refresh). */
  onPlaylist?: (fragments: readonly Fragment[]) => void;
  /** Called for every problem shown to the user; the core logs its side itself. */
  onProblem?: (p: HlsProblem) => void;
}

const vodConfig: Partial<HlsConfig> = {
  // Review footage: keep a little behind the playhead for ← steps and a
  // little ahead for play; a 24-hour playlist must not buffer hours.
  maxBufferLength: 20,
  maxMaxBufferLength: 60,
  backBufferLength: 30,
  startPosition: 0,
  // Seeks land exactly where asked (frame stepping depends on it).
  nudgeMaxRetry: 2,
  fragLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 8_000,
      maxLoadTimeMs: 20_000,
      // A deleted file answers 404 at once: retrying only delays the message.
      timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 1, retryDelayMs: 300, maxRetryDelayMs: 1_000 },
    },
  },
};

const liveConfig: Partial<HlsConfig> = {
  // Goal: ≤ 2 s behind the camera with ~1 s live segments. Sit one segment
  // from the edge and speed up slightly to catch up after a stall rather than
  // jumping (a jump hides a gap from the officer).
  liveSyncDurationCount: 1,
  liveMaxLatencyDurationCount: 4,
  maxLiveSyncPlaybackRate: 1.15,
  maxBufferLength: 4,
  backBufferLength: 10,
  // Only for blocking playlist reload: the core announces CAN-BLOCK-RELOAD
  // and answers `?_HLS_msn=N` the moment fragment N is recorded, so a new
  // fragment reaches the player at once rather than at its next poll
  // (measured: ~0.5 s off the delay). There are no parts.
  lowLatencyMode: true,
};

// CCTV has no captions or timed metadata, and hls.js would add <track> nodes
// with a data: URL for them, which the renderer's CSP (media-src 'self' blob:)
// rightly blocks.
const noTextTracks: Partial<HlsConfig> = {
  enableWebVTT: false,
  enableIMSC1: false,
  enableCEA708Captions: false,
  enableID3MetadataCues: false,
  enableEmsgMetadataCues: false,
  enableDateRangeMetadataCues: false,
};

function describe(data: ErrorData): HlsProblem {
  const status = (data.response as { code?: number } | undefined)?.code;
  const frag = data.frag;
  if (data.details === Hls.ErrorDetails.FRAG_LOAD_ERROR || data.details === Hls.ErrorDetails.FRAG_LOAD_TIMEOUT) {
    const fromMs = frag?.programDateTime ?? null;
    const toMs = fromMs !== null && frag ? fromMs + frag.duration * 1000 : null;
    const what = status === 404 || status === 410 ? 'is missing from the recordings folder' : status ? `could not be loaded (HTTP ${status})` : 'could not be loaded';
    return { kind: 'segment-missing', message: `A recorded segment ${what}; playback skips it and the rest of the footage stays playable.`, fromMs, toMs };
  }
  if (data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR || data.details === Hls.ErrorDetails.LEVEL_LOAD_ERROR) {
    const why = status === 401 || status === 403 ? 'the session is not allowed to view this footage' : status === 404 ? 'the core has no such camera or range' : status ? `HTTP ${status}` : 'the core did not answer';
    return { kind: 'playlist', message: `Could not load the playlist: ${why}.` };
  }
  if (data.details === Hls.ErrorDetails.MANIFEST_PARSING_ERROR || data.details === Hls.ErrorDetails.LEVEL_EMPTY_ERROR) {
    return { kind: 'playlist', message: 'No recorded footage in this range.' };
  }
  if (data.type === Hls.ErrorTypes.MEDIA_ERROR) return { kind: 'media', message: `The browser could not decode the footage (${data.details}).` };
  return { kind: 'other', message: `Playback problem: ${data.details}.` };
}

/**
 * Plays an HLS URL in a <video> through hls.js. Strict ownership: the hook
 * creates exactly one Hls per (video, src) and destroys it on unmount or when
 * the source changes, so no loader, worker or MediaSource outlives the
 * component. A fragment that cannot be loaded (a file deleted behind the
 * app's back) is reported and skipped, so the rest of the range plays.
 */
export function useHls(videoRef: RefObject<HTMLVideoElement | null>, src: string | null, opts: UseHlsOptions): HlsHandle & { problem: HlsProblem | null } {
  const hlsRef = useRef<Hls | null>(null);
  const [problem, setProblem] = useState<{ src: string; p: HlsProblem } | null>(null);
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const { token, live = false } = opts;

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !src) return;
    const report = (p: HlsProblem) => {
      setProblem({ src, p });
      latest.current.onProblem?.(p);
    };
    if (!Hls.isSupported()) {
      report({ kind: 'unsupported', message: 'This browser cannot play HLS through Media Source Extensions.' });
      return;
    }
    let retryTimer: number | undefined;
    const hls = new Hls({
      ...(live ? liveConfig : vodConfig),
      ...noTextTracks,
      enableWorker: true,
      xhrSetup: (xhr) => {
        if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      },
    });
    hlsRef.current = hls;
    const onLevel = (_e: unknown, data: { details: { fragments: Fragment[] } }) => latest.current.onPlaylist?.(data.details.fragments);
    hls.on(Hls.Events.LEVEL_LOADED, onLevel);
    hls.on(Hls.Events.FRAG_LOADED, () => setProblem((p) => (p && p.p.kind === 'playlist' ? null : p)));
    hls.on(Hls.Events.ERROR, (_e, data) => {
      const isFrag = data.details === Hls.ErrorDetails.FRAG_LOAD_ERROR || data.details === Hls.ErrorDetails.FRAG_LOAD_TIMEOUT;
      if (isFrag && data.frag && (data.fatal || data.errorAction?.action === 0 /* DoNothing */ || !data.errorAction?.retryConfig)) {
        report(describe(data));
        // Skip past the unloadable fragment and carry on loading the rest.
        const resume = data.frag.start + data.frag.duration + 0.001;
        if (data.fatal) hls.startLoad(resume);
        if (video.currentTime < resume && video.currentTime >= data.frag.start - 0.05) video.currentTime = resume;
        return;
      }
      if (!data.fatal) return;
      report(describe(data));
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
      else if (data.type === Hls.ErrorTypes.NETWORK_ERROR && live) {
        // A live camera may come back: try again shortly rather than give up.
        window.clearTimeout(retryTimer);
        retryTimer = window.setTimeout(() => hls.startLoad(), 2_000);
      }
    });
    hls.loadSource(src);
    hls.attachMedia(video);
    return () => {
      window.clearTimeout(retryTimer);
      if (hlsRef.current === hls) hlsRef.current = null;
      hls.destroy();
      // Release the MediaSource's blob URL so the element holds nothing.
      video.removeAttribute('src');
      video.load();
    };
  }, [videoRef, src, token, live]);

  const current = useCallback(() => hlsRef.current, []);
  const fragments = useCallback((): readonly Fragment[] => {
    const hls = hlsRef.current;
    if (!hls) return [];
    const level = hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : 0];
    return level?.details?.fragments ?? [];
  }, []);
  const shown = problem && problem.src === src ? problem.p : null;
  return useMemo(() => ({ current, fragments, problem: shown }), [current, fragments, shown]);
}
