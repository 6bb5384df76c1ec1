import { buildFilter } from './drawtext-escape.js';
import type { FfmpegInvocation } from './invocation.js';
import { mediaInputArgs, type MediaInput } from './media-input.js';
import { rtspInputArgs, type RtspInputOptions } from './rtsp-input.js';
import {
  formatSeconds,
  requireNonNegative,
  requireOneOf,
  requirePositive,
  requirePositiveInteger,
} from './validate.js';

export type SamplerSource = MediaInput | { rtsp: RtspInputOptions };

export interface FrameSampleOptions {
  source: SamplerSource;
  /** Seek in a file before grabbing; ignored for RTSP (a live stream has no start). */
  atS?: number;
  /** Scaled size; health checks do not need full resolution. Default 320x180. */
  width?: number;
  height?: number;
  /** gray: 1 byte/pixel (black/blur/frozen checks); rgb24: 3 bytes/pixel. */
  pixelFormat?: 'gray' | 'rgb24';
}

function sourceArgs(source: SamplerSource): string[] {
  if (source && typeof source === 'object' && 'rtsp' in source) return rtspInputArgs(source.rtsp);
  return mediaInputArgs(source as MediaInput, 'source');
}

/**
 * One frame as raw pixels on stdout (width*height*bpp bytes, row-major, no
 * header), for the health checks the caller does in JS. Raw rather than PNG
 * so the caller needs no image decoder.
 */
export function buildFrameSampleArgs(opts: FrameSampleOptions): FfmpegInvocation {
  const width = requirePositiveInteger('width', opts.width ?? 320);
  const height = requirePositiveInteger('height', opts.height ?? 180);
  if (width > 7680 || height > 4320) throw new Error('width/height larger than 8K');
  const fmt = requireOneOf('pixelFormat', opts.pixelFormat ?? 'gray', ['gray', 'rgb24'] as const);
  const isRtsp = opts.source && typeof opts.source === 'object' && 'rtsp' in opts.source;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'level+error'];
  if (opts.atS !== undefined && !isRtsp) args.push('-ss', formatSeconds(requireNonNegative('atS', opts.atS)));
  args.push(
    ...sourceArgs(opts.source),
    '-map', '0:v:0', '-frames:v', '1', '-an',
    // Exact size (not aspect-preserving) so the byte count is predictable.
    '-vf', buildFilter('scale', [['w', width], ['h', height], ['flags', 'area']]),
    '-pix_fmt', fmt, '-f', 'rawvideo', 'pipe:1',
  );
  return { args };
}

/** Expected byte length of a frame from buildFrameSampleArgs. */
export function frameSampleBytes(width: number, height: number, pixelFormat: 'gray' | 'rgb24' = 'gray'): number {
  return width * height * (pixelFormat === 'gray' ? 1 : 3);
}

export interface DetectOptions {
  source: SamplerSource;
  /** How much to analyse, seconds. */
  durationS: number;
  /** blackdetect: shortest black run reported, seconds. Default 1. */
  blackMinS?: number;
  /** blackdetect: pixel luma threshold 0..1. Default 0.1. */
  blackPixelThreshold?: number;
  /** freezedetect: shortest freeze reported, seconds. Default 2. */
  freezeMinS?: number;
  /** freezedetect: noise tolerance in dB. Default -60 (camera noise keeps a live picture above it). */
  freezeNoiseDb?: number;
}

/**
 * blackdetect + freezedetect over a stretch of video, output to null. The
 * results are log lines on stderr (read them with parseDetectLine), so
 * loglevel must stay at info for this one.
 */
export function buildDetectArgs(opts: DetectOptions): FfmpegInvocation {
  const durationS = requirePositive('durationS', opts.durationS);
  const blackMin = requirePositive('blackMinS', opts.blackMinS ?? 1);
  const pixTh = requireNonNegative('blackPixelThreshold', opts.blackPixelThreshold ?? 0.1);
  if (pixTh > 1) throw new Error('blackPixelThreshold must be between 0 and 1');
  const freezeMin = requirePositive('freezeMinS', opts.freezeMinS ?? 2);
  const noise = opts.freezeNoiseDb ?? -60;
  if (!Number.isFinite(noise) || noise >= 0) throw new Error('freezeNoiseDb must be a negative number of dB');
  const vf = [
    buildFilter('blackdetect', [['d', formatSeconds(blackMin)], ['pix_th', formatSeconds(pixTh)]]),
    buildFilter('freezedetect', [['n', `${noise}dB`], ['d', formatSeconds(freezeMin)]]),
  ].join(',');
  return {
    args: [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
      ...sourceArgs(opts.source),
      '-t', formatSeconds(durationS),
      '-map', '0:v:0', '-an', '-vf', vf, '-f', 'null', '-',
    ],
  };
}
