import type { FfmpegInvocation } from './invocation.js';
import { rtspInputArgs, type RtspInputOptions } from './rtsp-input.js';
import { requireOneOf } from './validate.js';

export interface RecorderOptions extends RtspInputOptions {
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

/** The fragmented-MP4 flags: see buildRecorderArgs. */
export const RECORDER_MOVFLAGS = '+frag_keyframe+empty_moov+default_base_moof';

/**
 * The recorder: RTSP in, stream copy (no re-encode, so the recording is the
 * camera's own bitstream), ONE continuous fragmented MP4 out on stdout. The
 * app (main/media/camera-recorder.ts) cuts that stream into segment files at
 * fragment boundaries, hashes and indexes each file as it writes it, and
 * serves live view from the same fragments in memory.
 *
 * Why a stream on stdout rather than ffmpeg's segment and HLS muxers
 * (measured with `npm run bench` on the simulated estate, same run):
 * - the segment muxer alone costs 10–20 % more CPU than a plain `-c copy`
 *   to one file, and a second (live HLS) output another ~50 %; one mp4
 *   output to a pipe costs the same as the plain copy;
 * - every byte reaches the app as it is produced, so the SHA-256 and the
 *   frame index are computed on the way to disk instead of by reading each
 *   closed file back;
 * - the app knows exactly which file is being written and when each
 *   fragment arrived (segment times to the millisecond, live view with no
 *   files of its own);
 * - a core that dies takes its recorder with it: ffmpeg's next write gets
 *   EPIPE and it exits, on every platform, instead of recording on
 *   unsupervised into the camera's folder.
 *
 * Fragmentation: `frag_keyframe` starts a fragment (moof + mdat) at every
 * keyframe, so every fragment can start a segment file and be decoded alone;
 * `empty_moov` writes ftyp + moov first, before any media (the init section
 * of every segment file and of live view); `default_base_moof` makes data
 * offsets relative to each moof, so a fragment can be moved to another file
 * without rewriting it. `flush_packets` pushes each fragment down the pipe
 * the moment it is complete (otherwise the output buffer holds it back),
 * which is what bounds live delay and what a crash can lose.
 */
export function buildRecorderArgs(opts: RecorderOptions): FfmpegInvocation {
  const audio = requireOneOf('audio', opts.audio ?? 'drop', ['drop', 'copy', 'aac'] as const);
  const args: string[] = [
    '-hide_banner',
    '-nostats',
    // Warnings and above only: the supervisor logs stderr.
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
  args.push('-sn', '-dn', '-f', 'mp4', '-movflags', RECORDER_MOVFLAGS, '-flush_packets', '1', 'pipe:1');
  return { args };
}
