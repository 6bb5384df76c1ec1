import type { FfmpegInvocation } from './invocation.js';
import { rtspInputArgs, type RtspInputOptions } from './rtsp-input.js';
import { requireNonEmptyString, requireOneOf, requirePositive, requirePositiveInteger } from './validate.js';

export interface HlsLiveOptions extends RtspInputOptions {
  /** Folder served over HTTP for this camera's live view; the playlist is `index.m3u8`. */
  outputDir: string;
  /**
   * 'fmp4' by default (hls.js plays it with no transmux and it matches the
   * recordings); 'mpegts' for old players.
   */
  segmentType?: 'fmp4' | 'mpegts';
  /**
   * Target segment length, default 1 s for low latency. With stream copy a
   * segment cannot be shorter than the camera's keyframe interval, so a
   * camera with a 4 s GOP gives 4 s segments whatever is set here.
   */
  segmentTimeS?: number;
  /** Segments kept in the playlist, default 4: a few seconds of buffer for hls.js. */
  listSize?: number;
}

/**
 * Live view: a short, self-cleaning HLS playlist, stream copy (no CPU cost,
 * the officer sees exactly what is recorded).
 */
export function buildHlsLiveArgs(opts: HlsLiveOptions): FfmpegInvocation {
  const dir = requireNonEmptyString('outputDir', opts.outputDir).replace(/[\\/]+$/, '') || '/';
  if (dir.includes('%')) throw new Error('outputDir must not contain "%"');
  const type = requireOneOf('segmentType', opts.segmentType ?? 'fmp4', ['fmp4', 'mpegts'] as const);
  const hlsTime = requirePositive('segmentTimeS', opts.segmentTimeS ?? 1);
  const listSize = requirePositiveInteger('listSize', opts.listSize ?? 4);
  const base = dir === '/' ? '' : dir;
  const ext = type === 'fmp4' ? 'm4s' : 'ts';
  const args = [
    '-hide_banner', '-nostats', '-loglevel', 'level+warning',
    // nobuffer + low_delay: do not hold packets in the demuxer; live view
    // wants latency, not smoothness.
    '-fflags', '+genpts+discardcorrupt+nobuffer', '-flags', 'low_delay',
    ...rtspInputArgs(opts),
    '-map', '0:v:0', '-c:v', 'copy', '-an', '-sn', '-dn',
    '-f', 'hls',
    '-hls_time', String(hlsTime),
    '-hls_list_size', String(listSize),
    // delete_segments keeps the folder bounded; temp_file stops hls.js from
    // fetching a half-written segment; program_date_time lets the player map
    // what it shows to wall-clock time; omit_endlist: this never "ends".
    '-hls_flags', 'delete_segments+temp_file+program_date_time+independent_segments+omit_endlist',
    // Keep a couple of deleted-from-playlist segments on disk for clients
    // still fetching them.
    '-hls_delete_threshold', '2',
    '-hls_segment_type', type,
  ];
  if (type === 'fmp4') args.push('-hls_fmp4_init_filename', 'init.mp4');
  args.push('-hls_segment_filename', `${base}/live-%d.${ext}`, `${base}/index.m3u8`);
  return { args };
}
