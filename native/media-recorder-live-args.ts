import type { FfmpegInvocation } from './ffmpeg-args/invocation.js';
import { buildRecorderArgs, type RecorderOptions } from './ffmpeg-args/recorder.js';

export interface RecorderWithLiveOptions extends RecorderOptions {
  /** Folder for the live HLS output (`index.m3u8`, `init.mp4`, `live-N.m4s`); null for none. */
  liveDir: string | null;
  /** Live segment length; with stream copy it cannot be shorter than the camera's GOP. Default 1 s. */
  liveSegmentTimeS?: number;
  /** Segments kept in the live playlist. Default 4. */
  liveListSize?: number;
}

/**
 * The recorder (see ffmpeg-args/recorder.ts) with a second, live HLS output
 * from the same input: one RTSP session per camera serves both recording and
 * live view.
 *
 * Why one process rather than an on-demand live packager per viewer:
 * - Cameras limit concurrent RTSP sessions (budget ANPR units allow 2–4) and
 *   each session costs the camera and the council network a full stream.
 * - Both outputs are stream copies: the second costs a few % of one core and
 *   a few seconds of files, which the HLS muxer deletes as it goes (on a
 *   delayed-allocation file system they are gone before write-back).
 * - Live view is instant (no ffmpeg start, RTSP handshake and first keyframe
 *   to wait for) and shows exactly the bitstream being recorded.
 * The cost is that live view is down when the recorder is, which is true of
 * the camera anyway.
 */
export function buildRecorderWithLiveArgs(opts: RecorderWithLiveOptions): FfmpegInvocation {
  const rec = buildRecorderArgs(opts);
  if (opts.liveDir === null) return rec;
  const dir = opts.liveDir.replace(/[\\/]+$/, '');
  if (!dir || dir.includes('%')) throw new Error('liveDir must be a folder path without "%"');
  const hlsTime = opts.liveSegmentTimeS ?? 1;
  const listSize = opts.liveListSize ?? 4;
  if (!(hlsTime > 0) || !Number.isInteger(listSize) || listSize < 1) throw new Error('live segment time and list size must be positive');
  const args = [
    ...rec.args,
    '-map', '0:v:0', '-c:v', 'copy', '-an', '-sn', '-dn',
    '-f', 'hls',
    '-hls_time', String(hlsTime),
    '-hls_list_size', String(listSize),
    // program_date_time: the UI computes how far behind the camera it is;
    // temp_file: hls.js never fetches a half-written file.
    '-hls_flags', 'delete_segments+temp_file+program_date_time+independent_segments+omit_endlist',
    '-hls_delete_threshold', '2',
    '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4',
    '-hls_segment_filename', `${dir}/live-%d.m4s`,
    `${dir}/index.m3u8`,
  ];
  return { args, ...(rec.env ? { env: rec.env } : {}) };
}
