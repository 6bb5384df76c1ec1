import type { ChildTracker } from './child-tracker.js';
import { buildCountFramesArgs, buildKeyframeIndexArgs, buildProbeArgs } from './ffmpeg-args/ffprobe-args.js';
import { runOnce } from './run-once.js';

export interface ProbeResult {
  /** Container duration, seconds (the stream's when the container has none). */
  durationS: number | null;
  /** First video stream's codec, e.g. "h264"; null when there is no video. */
  codec: string | null;
  width: number | null;
  height: number | null;
  /** Average frame rate of the first video stream. */
  fps: number | null;
  /** Frame count: from the container, or exact when probed with countFrames. */
  frames: number | null;
  /** Bits per second (container's overall rate). */
  bitRate: number | null;
  /** e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  formatName: string | null;
  hasAudio: boolean;
}

export interface FfprobeRunOptions {
  ffprobePath: string;
  /** Default 60000. */
  timeoutMs?: number;
  tracker?: ChildTracker;
}

function toNumber(v: unknown): number | null {
  if (v === undefined || v === null || v === 'N/A' || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** "30000/1001" → 29.97; "0/0" → null. */
export function parseFrameRate(rate: unknown): number | null {
  if (typeof rate !== 'string') return null;
  const [a, b] = rate.split('/');
  const num = Number(a);
  const den = b === undefined ? 1 : Number(b);
  if (!Number.isFinite(num) || !Number.isFinite(den) || den === 0 || num === 0) return null;
  return num / den;
}

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  nb_read_frames?: string;
  duration?: string;
  bit_rate?: string;
}

/** Turns `ffprobe -show_format -show_streams -of json` output into a ProbeResult. */
export function parseProbeJson(text: string): ProbeResult {
  let data: { streams?: RawStream[]; format?: { duration?: string; bit_rate?: string; format_name?: string } };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new Error('ffprobe returned output that is not JSON');
  }
  const streams = Array.isArray(data.streams) ? data.streams : [];
  const video = streams.find((s) => s.codec_type === 'video');
  return {
    durationS: toNumber(data.format?.duration) ?? toNumber(video?.duration),
    codec: video?.codec_name ?? null,
    width: toNumber(video?.width),
    height: toNumber(video?.height),
    fps: parseFrameRate(video?.avg_frame_rate) ?? parseFrameRate(video?.r_frame_rate),
    frames: toNumber(video?.nb_read_frames) ?? toNumber(video?.nb_frames),
    bitRate: toNumber(data.format?.bit_rate) ?? toNumber(video?.bit_rate),
    formatName: data.format?.format_name ?? null,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
  };
}

/** Keyframe times from `-show_entries packet=pts_time,flags -of csv=p=0` lines, sorted. */
export function parseKeyframeCsv(text: string): number[] {
  const times: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [pts, flags] = line.split(',');
    if (!pts || !flags || !flags.includes('K')) continue;
    const t = Number(pts);
    if (Number.isFinite(t)) times.push(t);
  }
  return times.sort((a, b) => a - b);
}

async function runProbe(args: readonly string[], opts: FfprobeRunOptions): Promise<string> {
  const r = await runOnce({
    command: opts.ffprobePath,
    args,
    timeoutMs: opts.timeoutMs ?? 60_000,
    ...(opts.tracker ? { tracker: opts.tracker } : {}),
  });
  return r.stdout.toString('utf8');
}

/** Duration, codec, size, frame rate and bit rate of a media file. */
export async function probeFile(file: string, opts: FfprobeRunOptions & { countFrames?: boolean }): Promise<ProbeResult> {
  const result = parseProbeJson(await runProbe(buildProbeArgs(file).args, opts));
  if (opts.countFrames) result.frames = await countFrames(file, opts);
  return result;
}

/** Exact number of video frames, by decoding. */
export async function countFrames(file: string, opts: FfprobeRunOptions): Promise<number> {
  const text = await runProbe(buildCountFramesArgs(file).args, opts);
  const data = JSON.parse(text) as { streams?: RawStream[] };
  const n = toNumber(data.streams?.[0]?.nb_read_frames);
  if (n === null) throw new Error(`ffprobe could not count the frames of ${file}`);
  return n;
}

/** Times (seconds) of every keyframe of the first video stream: where a stream-copy cut can start. */
export async function keyframeTimes(file: string, opts: FfprobeRunOptions): Promise<number[]> {
  return parseKeyframeCsv(await runProbe(buildKeyframeIndexArgs(file).args, opts));
}
