import { describe, expect, it } from 'vitest';
import { buildRecorderArgs } from '../../../native/ffmpeg-args/recorder.js';
import { isRtspUrl, rtspInputArgs } from '../../../native/ffmpeg-args/rtsp-input.js';

const url = 'rtsp://user:pw@10.0.0.5:554/stream1';

function valueAfter(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

describe('rtspInputArgs', () => {
  it('uses TCP and the ffmpeg 5 -timeout option in microseconds by default', () => {
    expect(rtspInputArgs({ url })).toEqual(['-rtsp_transport', 'tcp', '-timeout', '10000000', '-i', url]);
  });
  it('uses -stimeout for ffmpeg 4 (where -timeout meant listen)', () => {
    const args = rtspInputArgs({ url, ffmpegMajor: 4, ioTimeoutS: 2.5, transport: 'udp' });
    expect(args).toEqual(['-rtsp_transport', 'udp', '-stimeout', '2500000', '-i', url]);
  });
  it('rejects non-RTSP URLs and bad options', () => {
    expect(() => rtspInputArgs({ url: 'http://cam/stream' })).toThrow(/rtsp/);
    expect(() => rtspInputArgs({ url: '/dev/video0' })).toThrow(/rtsp/);
    expect(() => rtspInputArgs({ url: 'rtsp://' })).toThrow(/rtsp/);
    expect(() => rtspInputArgs({ url, transport: 'http' as 'tcp' })).toThrow(/transport/);
    expect(() => rtspInputArgs({ url, ioTimeoutS: 0 })).toThrow(/ioTimeoutS/);
    expect(() => rtspInputArgs({ url, ioTimeoutS: -1 })).toThrow(/ioTimeoutS/);
  });
  it('recognises rtsps', () => {
    expect(isRtspUrl('rtsps://cam.example/1')).toBe(true);
    expect(isRtspUrl('rtmp://cam.example/1')).toBe(false);
  });
});

describe('buildRecorderArgs', () => {
  it('stream-copies video into fragmented MP4 segments listed on stdout as CSV', () => {
    const { args, env } = buildRecorderArgs({ url, outputDir: '/data/rec/cam1/' });
    expect(valueAfter(args, '-c:v')).toBe('copy');
    expect(args).toContain('-an');
    expect(valueAfter(args, '-f')).toBe('segment');
    expect(valueAfter(args, '-segment_format')).toBe('mp4');
    // Each fragment reaches the file as soon as it is complete (live view reads it there).
    expect(valueAfter(args, '-segment_format_options')).toBe('movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1');
    expect(valueAfter(args, '-segment_time')).toBe('60');
    expect(valueAfter(args, '-segment_atclocktime')).toBe('1');
    expect(valueAfter(args, '-reset_timestamps')).toBe('1');
    expect(valueAfter(args, '-strftime')).toBe('1');
    expect(valueAfter(args, '-segment_list')).toBe('pipe:1');
    expect(valueAfter(args, '-segment_list_type')).toBe('csv');
    expect(args.at(-1)).toBe('/data/rec/cam1/seg-%Y%m%dT%H%M%SZ.mp4');
    expect(args).not.toContain('-use_wallclock_as_timestamps');
    expect(env).toEqual({ TZ: 'UTC0' });
    // input options come before -i
    expect(args.indexOf('-rtsp_transport')).toBeLessThan(args.indexOf('-i'));
    expect(args.indexOf('-timeout')).toBeLessThan(args.indexOf('-i'));
  });
  it('copies or transcodes audio on request, and can use wall-clock timestamps', () => {
    const copy = buildRecorderArgs({ url, outputDir: '/r', audio: 'copy' }).args;
    expect(copy).toContain('0:a:0?');
    expect(valueAfter(copy, '-c:a')).toBe('copy');
    const aac = buildRecorderArgs({ url, outputDir: '/r', audio: 'aac', useWallclockTimestamps: true, alignToClock: false }).args;
    expect(valueAfter(aac, '-c:a')).toBe('aac');
    expect(aac.indexOf('-use_wallclock_as_timestamps')).toBeLessThan(aac.indexOf('-i'));
    expect(aac).not.toContain('-segment_atclocktime');
  });
  it('rejects nonsense', () => {
    expect(() => buildRecorderArgs({ url: 'http://x/y', outputDir: '/r' })).toThrow(/rtsp/);
    expect(() => buildRecorderArgs({ url, outputDir: '' })).toThrow(/outputDir/);
    expect(() => buildRecorderArgs({ url, outputDir: '/r/%d' })).toThrow(/%/);
    expect(() => buildRecorderArgs({ url, outputDir: '/r', segmentTimeS: -5 })).toThrow(/segmentTimeS/);
    expect(() => buildRecorderArgs({ url, outputDir: '/r', segmentTimeS: 1.5 })).toThrow(/segmentTimeS/);
    expect(() => buildRecorderArgs({ url, outputDir: '/r', filePrefix: '../x' })).toThrow(/filePrefix/);
    expect(() => buildRecorderArgs({ url, outputDir: '/r', audio: 'mp3' as 'copy' })).toThrow(/audio/);
  });
});
