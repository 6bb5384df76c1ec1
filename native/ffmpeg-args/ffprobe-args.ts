import type { FfmpegInvocation } from './invocation.js';
import { requireNonEmptyString } from './validate.js';

const COMMON = ['-hide_banner', '-v', 'error'];

/** Streams and container as JSON: codec, size, frame rate, duration, bit rate. */
export function buildProbeArgs(file: string): FfmpegInvocation {
  const f = requireNonEmptyString('file', file);
  return { args: [...COMMON, '-print_format', 'json', '-show_format', '-show_streams', f] };
}

/**
 * Exact frame count of the first video stream by decoding it (-count_frames):
 * slow on long files, but container frame counts are missing from
 * fragmented MP4 and can lie elsewhere.
 */
export function buildCountFramesArgs(file: string): FfmpegInvocation {
  const f = requireNonEmptyString('file', file);
  return {
    args: [...COMMON, '-count_frames', '-select_streams', 'v:0',
      '-show_entries', 'stream=nb_read_frames', '-print_format', 'json', f],
  };
}

/** Frame-level JSON (time, key flag, picture type) of the first video stream. */
export function buildProbeFramesArgs(file: string): FfmpegInvocation {
  const f = requireNonEmptyString('file', file);
  return {
    args: [...COMMON, '-select_streams', 'v:0',
      '-show_entries', 'frame=best_effort_timestamp_time,pts_time,key_frame,pict_type',
      '-print_format', 'json', f],
  };
}

/**
 * Keyframe index without decoding: every video packet's time and flags as
 * `pts_time,flags` CSV lines (flags contains 'K' on keyframes). Packets, not
 * frames, because it needs no decoder and is fast on hour-long files.
 */
export function buildKeyframeIndexArgs(file: string): FfmpegInvocation {
  const f = requireNonEmptyString('file', file);
  return {
    args: [...COMMON, '-select_streams', 'v:0',
      '-show_entries', 'packet=pts_time,flags', '-print_format', 'csv=print_section=0', f],
  };
}
