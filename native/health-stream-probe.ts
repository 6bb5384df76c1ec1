import type { FfmpegInvocation } from './ffmpeg-args/invocation.js';
import { rtspInputArgs, type RtspInputOptions } from './ffmpeg-args/rtsp-input.js';
import { buildFilter } from './ffmpeg-args/drawtext-escape.js';
import { formatSeconds, requirePositive, requirePositiveInteger } from './ffmpeg-args/validate.js';

/**
 * Argument builders and parsers for the health feature's two stream probes
 * (pure: no spawning here; run them with runOnce / ProcessOwner.run).
 *
 * Why not ffprobe -show_streams alone: over RTSP the frame rate it reports
 * comes from the SDP or the codec headers, which say what the camera was
 * configured for, not what it sends. A camera that drops to 3 frames a second
 * (below the 5 of SI 2022/71 Sch. 1) still announces 25. So the stream probe
 * reads a few seconds of packets and measures the rate from their timestamps.
 */

export interface StreamPacketProbeOptions {
  rtsp: RtspInputOptions;
  /** Seconds of packets to read. Default 2. */
  windowS?: number;
}

/** ffprobe: first video stream's codec/size, then one `packet,<pts_time>,<size>` line per packet in the window. */
export function buildStreamPacketProbeArgs(opts: StreamPacketProbeOptions): FfmpegInvocation {
  const windowS = requirePositive('windowS', opts.windowS ?? 2);
  const input = rtspInputArgs(opts.rtsp);
  // rtspInputArgs ends with ['-i', url]; ffprobe takes the URL as a bare argument.
  const url = input[input.length - 1]!;
  const before = input.slice(0, -2);
  return {
    args: [
      '-hide_banner', '-v', 'error', ...before,
      '-select_streams', 'v:0',
      '-read_intervals', `%+${formatSeconds(windowS)}`,
      '-show_entries', 'stream=codec_name,width,height:packet=pts_time,size',
      '-of', 'csv=print_section=1:nokey=1',
      url,
    ],
  };
}

export interface StreamPacketProbe {
  codec: string | null;
  width: number | null;
  height: number | null;
  packets: number;
  /** Measured from packet timestamps; null with fewer than 2 packets. */
  fps: number | null;
  /** Measured bits per second over the window; null with fewer than 2 packets. */
  bitRate: number | null;
}

/** Reads the CSV of buildStreamPacketProbeArgs. Garbage in gives nulls, never a throw. */
export function parseStreamPacketProbe(text: string): StreamPacketProbe {
  let codec: string | null = null;
  let width: number | null = null;
  let height: number | null = null;
  const times: number[] = [];
  let bytes = 0;
  for (const line of text.split(/\r?\n/)) {
    const parts = line.split(',');
    if (parts[0] === 'stream') {
      codec = parts[1] && /^[a-z0-9_]+$/i.test(parts[1]) ? parts[1] : null;
      width = positiveInt(parts[2]);
      height = positiveInt(parts[3]);
    } else if (parts[0] === 'packet') {
      const t = Number(parts[1]);
      const size = Number(parts[2]);
      if (Number.isFinite(t) && parts[1] !== '' && parts[1] !== 'N/A') times.push(t);
      if (Number.isFinite(size) && size > 0) bytes += size;
    }
  }
  times.sort((a, b) => a - b);
  const span = times.length >= 2 ? times[times.length - 1]! - times[0]! : 0;
  const fps = span > 0 ? round2((times.length - 1) / span) : null;
  const bitRate = span > 0 ? Math.round((bytes * 8 * (times.length - 1)) / times.length / span) : null;
  return { codec, width, height, packets: times.length, fps, bitRate };
}

export interface FrameBurstOptions {
  rtsp: RtspInputOptions;
  /** Frames to grab. Default 3. */
  frames?: number;
  /** Seconds between them. Default 1. */
  intervalS?: number;
  width?: number;
  height?: number;
}

/**
 * A few grey frames a fixed interval apart as raw bytes on stdout, so the
 * frozen check can see whether the picture changes within one probe (the
 * `fps` filter picks them by timestamp, so the spacing is stream time).
 */
export function buildFrameBurstArgs(opts: FrameBurstOptions): FfmpegInvocation {
  const frames = requirePositiveInteger('frames', opts.frames ?? 3);
  const interval = requirePositive('intervalS', opts.intervalS ?? 1);
  const width = requirePositiveInteger('width', opts.width ?? 320);
  const height = requirePositiveInteger('height', opts.height ?? 180);
  if (width > 1920 || height > 1080) throw new Error('health frames larger than 1080p are never needed');
  const vf = [
    buildFilter('fps', [['fps', `1/${formatSeconds(interval)}`]]),
    buildFilter('scale', [['w', width], ['h', height], ['flags', 'area']]),
  ].join(',');
  return {
    args: [
      '-hide_banner', '-nostdin', '-loglevel', 'level+error',
      ...rtspInputArgs(opts.rtsp),
      '-map', '0:v:0', '-an', '-vf', vf, '-frames:v', String(frames),
      '-pix_fmt', 'gray', '-f', 'rawvideo', 'pipe:1',
    ],
  };
}

function positiveInt(s: string | undefined): number | null {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
