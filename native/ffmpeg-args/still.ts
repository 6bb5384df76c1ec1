import { buildFilter } from './drawtext-escape.js';
import type { FfmpegInvocation } from './invocation.js';
import { mediaInputArgs, type MediaInput } from './media-input.js';
import { formatSeconds, requireNonEmptyString, requireNonNegative, requireNonNegativeInteger } from './validate.js';

export type StillAt = { timeS: number } | { frameIndex: number };

export interface StillOptions {
  input: MediaInput;
  at: StillAt;
  /** Output .png path. */
  outputPath: string;
}

/**
 * One frame at full resolution as PNG (lossless: what the camera recorded,
 * no second lossy step; the number plate must survive zooming).
 *
 * By time: `-ss` before the input, which with decoding is exact (first frame
 * whose time is >= timeS). By frame index: the `select` filter counts decoded
 * frames from the start of the input, slower but exact where frame numbers
 * are what the officer quotes.
 */
export function buildStillArgs(opts: StillOptions): FfmpegInvocation {
  const out = requireNonEmptyString('outputPath', opts.outputPath);
  const at = opts.at;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'level+error', '-y'];
  if (at && 'timeS' in at) {
    args.push('-ss', formatSeconds(requireNonNegative('at.timeS', at.timeS)), ...mediaInputArgs(opts.input));
    args.push('-map', '0:v:0');
  } else if (at && 'frameIndex' in at) {
    const n = requireNonNegativeInteger('at.frameIndex', at.frameIndex);
    args.push(...mediaInputArgs(opts.input), '-map', '0:v:0', '-vf', buildFilter('select', [['expr', `eq(n,${n})`]]));
  } else {
    throw new Error('at must be { timeS } or { frameIndex }');
  }
  args.push(
    '-fps_mode', 'passthrough',
    '-frames:v', '1',
    '-an',
    '-c:v', 'png', '-pix_fmt', 'rgb24',
    // -update 1: a single image, not a numbered sequence.
    '-f', 'image2', '-update', '1', out,
  );
  return { args };
}
