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
  it('stream-copies video into one fragmented MP4 on stdout, a fragment per keyframe, flushed at once', () => {
    const { args } = buildRecorderArgs({ url });
    expect(valueAfter(args, '-c:v')).toBe('copy');
    expect(args).toContain('-an');
    expect(valueAfter(args, '-f')).toBe('mp4');
    expect(valueAfter(args, '-movflags')).toBe('+frag_keyframe+empty_moov+default_base_moof');
    expect(valueAfter(args, '-flush_packets')).toBe('1');
    expect(args.at(-1)).toBe('pipe:1');
    // No muxer of ffmpeg's own cuts or lists segments: the app does (camera-recorder.ts).
    expect(args).not.toContain('segment');
    expect(args).not.toContain('hls');
    expect(args).not.toContain('-use_wallclock_as_timestamps');
    // input options come before -i
    expect(args.indexOf('-rtsp_transport')).toBeLessThan(args.indexOf('-i'));
    expect(args.indexOf('-timeout')).toBeLessThan(args.indexOf('-i'));
  });
  it('copies or transcodes audio on request, and can use wall-clock timestamps', () => {
    const copy = buildRecorderArgs({ url, audio: 'copy' }).args;
    expect(copy).toContain('0:a:0?');
    expect(valueAfter(copy, '-c:a')).toBe('copy');
    const aac = buildRecorderArgs({ url, audio: 'aac', useWallclockTimestamps: true }).args;
    expect(valueAfter(aac, '-c:a')).toBe('aac');
    expect(aac.indexOf('-use_wallclock_as_timestamps')).toBeLessThan(aac.indexOf('-i'));
  });
  it('rejects nonsense', () => {
    expect(() => buildRecorderArgs({ url: 'http://x/y' })).toThrow(/rtsp/);
    expect(() => buildRecorderArgs({ url, audio: 'mp3' as 'copy' })).toThrow(/audio/);
    expect(() => buildRecorderArgs({ url, ioTimeoutS: 0 })).toThrow(/ioTimeoutS/);
  });
});
