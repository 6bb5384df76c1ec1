import type { FfmpegInvocation } from './invocation.js';
import { rtspInputArgs, type RtspInputOptions } from './rtsp-input.js';
import { requireNonEmptyString, requireOneOf } from './validate.js';

export interface RecorderOptions extends RtspInputOptions {
  /**
   * The file this run records into: one fragmented MP4, growing for as long
   * as ffmpeg runs. The app cuts it into indexed segments as it grows
   * (main/media/run-segmenter.ts).
   */
  outputFile: string;
  /**
   * Written into the command line as `-metadata recorder=<tag>` (a key the
   * mp4 muxer does not store): one argument every run of a camera carries,
   * by which a recorder a crashed app left running is recognised.
   */
  tag?: string;
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

/**
 * The recorder: RTSP in, stream copy (no re-encode, so the recording is the
 * camera's own bitstream), ONE fragmented MP4 out, the same command as a
 * bare `ffmpeg -c copy` of the stream.
 *
 * Why one growing file and not ffmpeg's segment muxer (measured, see
 * `npm run bench`): the segment muxer formats eight timestamps into debug
 * strings for every packet whatever the log level (libavformat/segment.c,
 * seg_write_packet: the av_ts2timestr arguments of two AV_LOG_DEBUG calls
 * are evaluated before av_log looks at the level), which alone costs
 * 11–16 % more CPU than the copy. Cutting is done by the app instead, from
 * bytes it reads back from the page cache anyway to hash them
 * (main/media/run-segmenter.ts), and the segments it writes are the same
 * standalone fMP4 files the segment muxer wrote.
 *
 * Fragmented MP4 (empty_moov + frag_keyframe) means a power cut loses at most
 * the current fragment instead of the whole file (a plain MP4 has no index
 * until its trailer is written). `-flush_packets 1` writes each fragment
 * (one keyframe interval) to the file the moment it is complete; without it
 * ffmpeg holds up to 256 KiB back. The app reads fragments from there for
 * segments and for live view, so that is all a crash can lose.
 *
 * ffmpeg writes the file, not a pipe to the app: footage keeps reaching the
 * disk while the app is busy or even after it has crashed (the restarted
 * app cuts and indexes what was written), and a Node process taking a
 * stream off a pipe costs more in wake-ups than reading a file every few seconds.
 */
export function buildRecorderArgs(opts: RecorderOptions): FfmpegInvocation {
  const outputFile = requireNonEmptyString('outputFile', opts.outputFile);
  if (!/\.mp4$/i.test(outputFile)) throw new Error('outputFile must end in .mp4');
  const audio = requireOneOf('audio', opts.audio ?? 'drop', ['drop', 'copy', 'aac'] as const);

  const args: string[] = [
    '-hide_banner',
    '-nostats',
    // Warnings and above only: the supervisor logs stderr.
    '-loglevel', 'level+warning',
    // discardcorrupt: drop packets the demuxer flags as corrupt rather than
    // muxing garbage. Not genpts: the RTP demuxer gives every video packet
    // the pts of its RTP timestamp (libavformat/rtpdec.c, finalize_packet),
    // so there is nothing for it to generate, and it routes every packet
    // through a buffered list, a malloc and a copy each (av_read_frame);
    // measured with perf on the benchmark's recorders, that was most of the
    // ~1.5 % of CPU by which they exceeded a bare `-c copy`. A camera whose
    // RTP clock is broken is recorded with useWallclockTimestamps instead.
    '-fflags', '+discardcorrupt',
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
  );
  if (opts.tag !== undefined) args.push('-metadata', `recorder=${requireNonEmptyString('tag', opts.tag)}`);
  args.push(
    '-f', 'mp4',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
    '-flush_packets', '1',
    // A run file is named by the app for the moment it starts: never overwrite one.
    '-n',
    outputFile,
  );
  return { args };
}
