import type { FfmpegInvocation } from './invocation.js';
import { rtspInputArgs, type RtspInputOptions } from './rtsp-input.js';
import { requireNonEmptyString, requireOneOf, requirePositive } from './validate.js';

export interface RecorderOptions extends RtspInputOptions {
  /**
   * Folder for this camera's segments. File names are
   * `<prefix>YYYYMMDDTHHMMSSZ.mp4` in UTC (see `env`), so a segment left
   * unlisted after a crash still tells the indexer when it started.
   */
  outputDir: string;
  /** Default 'seg-'. Letters, digits, '-' and '_' only (ends up in a strftime pattern). */
  filePrefix?: string;
  /** Target segment length, 2..3600 s; ffmpeg cuts at the first keyframe at or after it. Default 60 s. */
  segmentTimeS?: number;
  /**
   * Cut on wall-clock multiples of segmentTimeS (e.g. on the minute) so
   * segments line up across cameras and with the index. Default true.
   */
  alignToClock?: boolean;
  /**
   * 'drop' by default: enforcement cameras carry no useful audio and the
   * Surveillance Camera Code of Practice discourages recording conversations.
   * 'copy' keeps AAC as-is (G.711 cannot go into MP4; use 'aac' for that).
   */
  audio?: 'drop' | 'copy' | 'aac';
  /**
   * Replace the camera's timestamps with arrival time. Off by default: with
   * stream copy it turns network jitter into frame-timing jitter and breaks
   * B-frame ordering (pts = dts = arrival). Only for cameras whose RTP clock
   * is broken (jumps, goes backwards).
   */
  useWallclockTimestamps?: boolean;
}

/** Characters allowed in the file prefix: it is spliced into a strftime and a file name. */
const SAFE_PREFIX = /^[A-Za-z0-9_-]{0,64}$/;

/**
 * The recorder: RTSP in, stream copy (no re-encode, so the recording is the
 * camera's own bitstream), fragmented-MP4 segments out.
 *
 * How the app learns segment boundaries: `-segment_list pipe:1
 * -segment_list_type csv`. The segment muxer appends `file,start,end` to the
 * list (and flushes it) the moment each segment is closed, so every stdout
 * line means "this file is complete, its media spans start..end". That is
 * robust where the alternatives are not: watching the folder sees files while
 * they are still being written; parsing stderr depends on log wording and
 * level; an m3u8 list is rewritten whole each time. The list's start/end are
 * stream times (before -reset_timestamps) and give exact durations; the
 * wall-clock start comes from the UTC strftime file name. A segment open when
 * ffmpeg dies is never listed: the indexer must probe unlisted files on
 * restart (they are still playable because they are fragmented).
 *
 * Fragmented MP4 (empty_moov + frag_keyframe) means a power cut loses at most
 * the current fragment instead of the whole file (a plain MP4 has no index
 * until its trailer is written). `flush_packets=1` (an option of the inner
 * mp4 muxer: on the segment muxer itself it is not passed down) writes each
 * fragment to the file the moment it is complete, one keyframe interval
 * behind the camera; without it ffmpeg holds up to 256 KiB back (measured:
 * a 720p camera's file grew in 256 KiB steps, every 4 s). That is what live
 * view reads (main/media/live-tail.ts), and all a crash can lose.
 *
 * Why ffmpeg writes the files, rather than streaming to the app which would
 * cut them (tried and measured, see `npm run bench`): the segment muxer
 * costs ~13 % more CPU than a plain copy, but a Node process taking the
 * stream off a pipe costs more than that just in wake-ups, and with ffmpeg
 * writing, footage keeps reaching the disk while the core is busy or even
 * after it has crashed (the restarted core indexes what was written).
 */
export function buildRecorderArgs(opts: RecorderOptions): FfmpegInvocation {
  const outputDir = requireNonEmptyString('outputDir', opts.outputDir).replace(/[\\/]+$/, '') || '/';
  const prefix = opts.filePrefix ?? 'seg-';
  if (!SAFE_PREFIX.test(prefix)) throw new Error('filePrefix may only contain letters, digits, "-" and "_"');
  // '%' in the folder would be expanded by strftime.
  if (outputDir.includes('%')) throw new Error('outputDir must not contain "%"');
  const segmentTimeS = requirePositive('segmentTimeS', opts.segmentTimeS ?? 60);
  // File names have one-second resolution: segments shorter than 2 s could
  // start in the same second and overwrite each other.
  if (segmentTimeS < 2 || segmentTimeS > 3600) throw new Error('segmentTimeS must be between 2 and 3600');
  const audio = requireOneOf('audio', opts.audio ?? 'drop', ['drop', 'copy', 'aac'] as const);
  const alignToClock = opts.alignToClock ?? true;
  const sep = outputDir.includes('\\') && !outputDir.includes('/') ? '\\' : '/';
  const pattern = `${outputDir === '/' ? '' : outputDir}${sep}${prefix}%Y%m%dT%H%M%SZ.mp4`;

  const args: string[] = [
    '-hide_banner',
    '-nostats',
    // Warnings and above only: the supervisor logs stderr, and info-level
    // output is one line per segment per camera.
    '-loglevel', 'level+warning',
    // genpts: some cameras send packets without pts; discardcorrupt: drop
    // packets the demuxer flags as corrupt rather than muxing garbage.
    '-fflags', '+genpts+discardcorrupt',
  ];
  if (opts.useWallclockTimestamps) args.push('-use_wallclock_as_timestamps', '1');
  args.push(...rtspInputArgs(opts));
  args.push('-map', '0:v:0');
  if (audio !== 'drop') args.push('-map', '0:a:0?');
  args.push('-c:v', 'copy');
  if (audio === 'copy') args.push('-c:a', 'copy');
  else if (audio === 'aac') args.push('-c:a', 'aac', '-b:a', '64k');
  else args.push('-an');
  args.push(
    '-sn', '-dn',
    '-f', 'segment',
    '-segment_format', 'mp4',
    '-segment_format_options', 'movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1',
    '-segment_time', String(segmentTimeS),
  );
  if (alignToClock) args.push('-segment_atclocktime', '1');
  args.push(
    '-reset_timestamps', '1',
    '-strftime', '1',
    '-segment_list', 'pipe:1',
    '-segment_list_type', 'csv',
    pattern,
  );
  // TZ=UTC0 (POSIX and the Windows CRT both read it) so strftime names and
  // -segment_atclocktime work in UTC, not the machine's zone: stored times are
  // UTC and a BST/GMT change must not produce two segments with the same name.
  return { args, env: { TZ: 'UTC0' } };
}
