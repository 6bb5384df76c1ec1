import type { FfmpegInvocation } from './invocation.js';
import { mediaInputArgs, type MediaInput } from './media-input.js';
import { requireNonNegativeInteger } from './validate.js';

/** A region of the picture as fractions of its width and height (0..1), as drawn over a scaled video. */
export interface RelativeBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GrayCropOptions {
  /** A recorded segment, or a still picture (JPEG, PNG). */
  input: MediaInput;
  /** The frame, counted from the start of the input (what the frame map gives); omit for a still. */
  frameIndex?: number;
  /** Omit for the whole picture. */
  box?: RelativeBox;
}

const fraction = (name: string, v: number): string => {
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new Error(`${name} must be a fraction 0..1, got ${v}`);
  return v.toFixed(6);
};

/**
 * One picture, cropped and turned to 8-bit grey, written as a PNG to stdout
 * for the OCR (no file on disk: a plate crop is read and thrown away). The
 * frame is chosen by index with `select`, exact like the evidence stills;
 * the crop is in fractions of the decoded size, so the officer's box over a
 * scaled <video> maps to the recorded pixels whatever the resolution.
 */
export function buildGrayCropArgs(opts: GrayCropOptions): FfmpegInvocation {
  const filters: string[] = [];
  if (opts.frameIndex !== undefined) filters.push(`select=eq(n\\,${requireNonNegativeInteger('frameIndex', opts.frameIndex)})`);
  if (opts.box) {
    const b = opts.box;
    const [x, y, w, h] = [fraction('box.x', b.x), fraction('box.y', b.y), fraction('box.w', b.w), fraction('box.h', b.h)];
    if (b.w <= 0 || b.h <= 0 || b.x + b.w > 1.000001 || b.y + b.h > 1.000001) throw new Error('box must have a size and lie inside the picture');
    filters.push(`crop=w=max(2\\,iw*${w}):h=max(2\\,ih*${h}):x=iw*${x}:y=ih*${y}:exact=1`);
  }
  filters.push('format=gray');
  return {
    args: [
      '-hide_banner', '-nostdin', '-loglevel', 'level+error',
      ...mediaInputArgs(opts.input),
      '-map', '0:v:0', '-vf', filters.join(','), '-fps_mode', 'passthrough', '-frames:v', '1', '-an',
      '-c:v', 'png', '-pix_fmt', 'gray', '-f', 'image2pipe', 'pipe:1',
    ],
  };
}
