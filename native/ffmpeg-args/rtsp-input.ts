import { hasControlCharacter, requireOneOf, requirePositive } from './validate.js';

/** How a camera's RTSP stream is opened; shared by the recorder, live view and health sampler. */
export interface RtspInputOptions {
  /** rtsp:// or rtsps:// URL, credentials included where the camera needs them. */
  url: string;
  /**
   * TCP by default: RTP interleaved over the RTSP connection survives NAT,
   * firewalls and lossy links without smearing; UDP loses packets (and so
   * evidence frames) silently on a busy council network.
   */
  transport?: 'tcp' | 'udp';
  /**
   * Give up when no data arrives for this long, so a dead camera makes ffmpeg
   * exit (and the supervisor restart it and record the outage) instead of
   * hanging forever. Default 10 s.
   */
  ioTimeoutS?: number;
  /**
   * Major version of the ffmpeg that will run this. ffmpeg 5.0 renamed the RTSP
   * socket timeout: `-stimeout` (µs) became `-timeout` (µs), and the old
   * `-timeout` (listen timeout, s) became `-listen_timeout`. Passing `-timeout`
   * to a 4.x ffmpeg would make it *listen* as a server. Default 5.
   */
  ffmpegMajor?: number;
}

export function isRtspUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'rtsp:' || u.protocol === 'rtsps:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export function requireRtspUrl(name: string, url: unknown): string {
  if (!isRtspUrl(url)) {
    throw new Error(`${name} must be an rtsp:// or rtsps:// URL with a host`);
  }
  if (/\s/.test(url) || hasControlCharacter(url)) throw new Error(`${name} must not contain whitespace or control characters`);
  return url;
}

/** Input options that go before `-i url`, then `-i url` itself. */
export function rtspInputArgs(opts: RtspInputOptions): string[] {
  const url = requireRtspUrl('url', opts.url);
  const transport = requireOneOf('transport', opts.transport ?? 'tcp', ['tcp', 'udp'] as const);
  const timeoutS = requirePositive('ioTimeoutS', opts.ioTimeoutS ?? 10);
  const major = opts.ffmpegMajor ?? 5;
  const timeoutUs = String(Math.round(timeoutS * 1_000_000));
  const timeoutOption = major >= 5 ? '-timeout' : '-stimeout';
  return ['-rtsp_transport', transport, timeoutOption, timeoutUs, '-i', url];
}
