import type { FfmpegInvocation } from './invocation.js';
import { requireNonEmptyString } from './validate.js';

export interface ClipOriginalOptions {
  /** An ffconcat list written from `buildConcatList` (inpoints snapped to keyframes). */
  concatListPath: string;
  /** Output .mp4 path. */
  outputPath: string;
  /** Report progress as key=value lines on stdout (for run-once's onProgress). Default true. */
  progress?: boolean;
}

/**
 * The ORIGINAL evidence clip: the camera's own bitstream, stream-copied from
 * the recorded segments with no re-encode, so it can be shown to be an
 * unaltered extract (hash-for-hash the same frames). Cut points fall on
 * keyframes because nothing is decoded.
 */
export function buildClipOriginalArgs(opts: ClipOriginalOptions): FfmpegInvocation {
  const list = requireNonEmptyString('concatListPath', opts.concatListPath);
  const out = requireNonEmptyString('outputPath', opts.outputPath);
  if (list === out) throw new Error('outputPath must differ from concatListPath');
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-y'];
  if (opts.progress ?? true) args.push('-nostats', '-progress', 'pipe:1');
  args.push(
    // -safe 0: the list holds absolute paths into the recordings folder.
    '-f', 'concat', '-safe', '0', '-i', list,
    '-map', '0:v:0', '-map', '0:a?', '-c', 'copy',
    // Segments were written with -reset_timestamps; make the clip start at 0
    // and keep every player happy with non-negative timestamps.
    '-avoid_negative_ts', 'make_zero',
    // faststart: a normal (non-fragmented) MP4 with the index up front, so
    // the pack plays from the first byte in any player, tribunal's included.
    '-movflags', '+faststart',
    '-f', 'mp4', out,
  );
  return { args };
}
