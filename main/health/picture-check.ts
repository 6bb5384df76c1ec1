import type { HealthConfig } from './health-config.js';
import { OK, type Verdict } from './health-rules.js';
import {
  laplacianVariance,
  maskedMeanAbsDiff,
  overlayRowsFor,
  sceneMeanLuma,
  type GrayFrame,
} from './picture-analysis.js';

/**
 * Judges a burst of sampled frames (pure). Order matters: a black picture
 * is also "unchanged" and "unlike the reference", so black is decided first,
 * then frozen, then the view against the officer's reference (moved or
 * obstructed), and blur last, because an obstruction also lowers sharpness.
 *
 * Frozen uses time, not one comparison: a quiet street can look the same
 * for a second, so the picture must be unchanged (below the OSD band, which
 * a frozen encoder behind a live stamp keeps changing) for `frozenMinMs`.
 * The run carries over between probes through `FrozenTrack`.
 */

export interface TimedFrame {
  at: number;
  frame: GrayFrame;
}

export interface FrozenTrack {
  /** The frame the current unchanged run started with, and when. */
  since: number;
  frame: GrayFrame;
}

export interface PictureReference {
  frame: GrayFrame;
  /** laplacianVariance of the reference: the camera's own sharpness baseline. */
  sharpness: number;
}

export interface PictureFacts {
  luma: number;
  unchangedForMs: number;
  sharpness: number;
  sharpnessRatio: number | null;
  viewMismatch: number | null;
  flatShare: number | null;
}

export interface PictureResult {
  verdict: Verdict;
  facts: PictureFacts;
  track: FrozenTrack | null;
}

export function checkPicture(
  frames: readonly TimedFrame[],
  prev: FrozenTrack | null,
  reference: PictureReference | null,
  cfg: Pick<HealthConfig, 'blackLuma' | 'frozenDiff' | 'frozenMinMs' | 'blurRatio' | 'viewMismatchShare' | 'obstructedFlatShare'>,
): PictureResult {
  if (frames.length === 0) throw new RangeError('checkPicture needs at least one frame');
  const overlay = overlayRowsFor(frames[0]!.frame.height);
  const last = frames[frames.length - 1]!;
  const luma = frames.reduce((s, f) => s + sceneMeanLuma(f.frame, overlay), 0) / frames.length;

  // Frozen run across this burst (and the previous probe's run).
  let track: FrozenTrack | null = prev;
  for (const f of frames) {
    if (track && track.frame.width === f.frame.width && track.frame.height === f.frame.height
      && maskedMeanAbsDiff(track.frame, f.frame, overlay) < cfg.frozenDiff && f.at >= track.since) {
      continue;
    }
    track = { since: f.at, frame: f.frame };
  }
  const unchangedForMs = track ? last.at - track.since : 0;

  // The view: the burst's frame most like the reference, so a passing bus is not a moved camera.
  let viewMismatch: number | null = null;
  let flatShare: number | null = null;
  if (reference) {
    for (const f of frames) {
      const c = compareView(f.frame, reference.frame, overlay);
      if (viewMismatch === null || c.mismatch < viewMismatch) {
        viewMismatch = c.mismatch;
        flatShare = c.flatOfMismatched;
      }
    }
  }
  const sharpness = Math.max(...frames.map((f) => laplacianVariance(f.frame, overlay)));
  const sharpnessRatio = reference && reference.sharpness > 0 ? sharpness / reference.sharpness : null;
  const facts: PictureFacts = { luma: round(luma), unchangedForMs, sharpness: round(sharpness), sharpnessRatio: rnd(sharpnessRatio), viewMismatch: rnd(viewMismatch), flatShare: rnd(flatShare) };

  let verdict: Verdict = OK;
  if (luma < cfg.blackLuma) {
    verdict = { status: 'degraded', fault: 'black', reason: `picture is black (mean level ${luma.toFixed(0)} of 255)` };
  } else if (unchangedForMs >= cfg.frozenMinMs) {
    verdict = { status: 'degraded', fault: 'frozen', reason: `picture has not changed for ${(unchangedForMs / 1000).toFixed(1)} s` };
  } else if (viewMismatch !== null && viewMismatch > cfg.viewMismatchShare) {
    const obstructed = (flatShare ?? 0) > cfg.obstructedFlatShare;
    verdict = obstructed
      ? { status: 'degraded', fault: 'obstructed', reason: `view obstructed: ${pct(viewMismatch)} of the approved view is covered` }
      : { status: 'degraded', fault: 'moved', reason: `view has moved: ${pct(viewMismatch)} of the approved view no longer matches` };
  } else if (sharpnessRatio !== null && sharpnessRatio < cfg.blurRatio) {
    verdict = { status: 'degraded', fault: 'blurred', reason: `picture is blurred or out of focus (sharpness ${pct(sharpnessRatio)} of its baseline)` };
  }
  return { verdict, facts, track };
}

/**
 * Grid comparison against the reference (16x9 cells below the OSD band): a
 * cell matches when its mean difference is small. Returns the share of cells
 * that do not, and how many of those are flat (uniform: something in front
 * of the lens rather than the scene shifted).
 */
export function compareView(cur: GrayFrame, ref: GrayFrame, overlayRows: number, gx = 16, gy = 9): { mismatch: number; flatOfMismatched: number } {
  if (cur.width !== ref.width || cur.height !== ref.height) return { mismatch: 1, flatOfMismatched: 0 };
  const w = cur.width;
  const h = cur.height - overlayRows;
  let cells = 0;
  let mismatched = 0;
  let flat = 0;
  for (let j = 0; j < gy; j++) {
    for (let i = 0; i < gx; i++) {
      const y0 = overlayRows + Math.floor((j * h) / gy);
      const y1 = overlayRows + Math.floor(((j + 1) * h) / gy);
      const x0 = Math.floor((i * w) / gx);
      const x1 = Math.floor(((i + 1) * w) / gx);
      let n = 0;
      let diff = 0;
      let sum = 0;
      let sumSq = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const a = cur.pixels[y * w + x]!;
          diff += Math.abs(a - ref.pixels[y * w + x]!);
          sum += a;
          sumSq += a * a;
          n++;
        }
      }
      if (n === 0) continue;
      cells++;
      if (diff / n > 10) {
        mismatched++;
        const mean = sum / n;
        if (Math.sqrt(Math.max(0, sumSq / n - mean * mean)) < 3) flat++;
      }
    }
  }
  return { mismatch: cells ? mismatched / cells : 0, flatOfMismatched: mismatched ? flat / mismatched : 0 };
}

/** Per-pixel median of frames: a reference without the traffic that happened to pass. */
export function medianFrame(frames: readonly GrayFrame[]): GrayFrame {
  if (frames.length === 0) throw new RangeError('medianFrame needs frames');
  const { width, height } = frames[0]!;
  const out = new Uint8Array(width * height);
  const vals = new Array<number>(frames.length);
  for (let i = 0; i < out.length; i++) {
    for (let k = 0; k < frames.length; k++) vals[k] = frames[k]!.pixels[i]!;
    vals.sort((a, b) => a - b);
    out[i] = vals[Math.floor(vals.length / 2)]!;
  }
  return { width, height, pixels: out };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
function rnd(n: number | null): number | null {
  return n === null ? null : round(n);
}
function pct(n: number): string {
  return `${Math.round(n * 100)} %`;
}
