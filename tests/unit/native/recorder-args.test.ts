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
  it('stream-copies video into one growing fragmented MP4, each fragment flushed as it completes', () => {
    const { args, env } = buildRecorderArgs({ url, outputFile: '/data/rec/cam1/run-20261126T090000.000Z.mp4', tag: '/data/rec/cam1' });
    expect(valueAfter(args, '-c:v')).toBe('copy');
    expect(args).toContain('-an');
    // The same muxer as a bare `ffmpeg -c copy`: no segment muxer (its per-packet cost is the app's to avoid).
    expect(valueAfter(args, '-f')).toBe('mp4');
    expect(args).not.toContain('segment');
    expect(valueAfter(args, '-movflags')).toBe('+frag_keyframe+empty_moov+default_base_moof');
    expect(valueAfter(args, '-flush_packets')).toBe('1');
    // Never overwrites a file, and carries the camera's tag for finding a stale recorder.
    expect(args).toContain('-n');
    expect(valueAfter(args, '-metadata')).toBe('recorder=/data/rec/cam1');
    expect(args.at(-1)).toBe('/data/rec/cam1/run-20261126T090000.000Z.mp4');
    expect(args).not.toContain('-use_wallclock_as_timestamps');
    // Corrupt packets are dropped; pts are not regenerated (RTP gives every packet one, and genpts costs a malloc per packet).
    expect(valueAfter(args, '-fflags')).toBe('+discardcorrupt');
    expect(args.indexOf('-fflags')).toBeLessThan(args.indexOf('-i'));
    expect(env).toBeUndefined();
    // input options come before -i, output options after
    expect(args.indexOf('-rtsp_transport')).toBeLessThan(args.indexOf('-i'));
    expect(args.indexOf('-timeout')).toBeLessThan(args.indexOf('-i'));
    expect(args.indexOf('-movflags')).toBeGreaterThan(args.indexOf('-i'));
  });
  it('copies or transcodes audio on request, and can use wall-clock timestamps', () => {
    const copy = buildRecorderArgs({ url, outputFile: '/r/run.mp4', audio: 'copy' }).args;
    expect(copy).toContain('0:a:0?');
    expect(valueAfter(copy, '-c:a')).toBe('copy');
    const aac = buildRecorderArgs({ url, outputFile: '/r/run.mp4', audio: 'aac', useWallclockTimestamps: true }).args;
    expect(valueAfter(aac, '-c:a')).toBe('aac');
    expect(aac.indexOf('-use_wallclock_as_timestamps')).toBeLessThan(aac.indexOf('-i'));
    expect(aac).not.toContain('-metadata');
  });
  it('rejects nonsense', () => {
    expect(() => buildRecorderArgs({ url: 'http://x/y', outputFile: '/r/run.mp4' })).toThrow(/rtsp/);
    expect(() => buildRecorderArgs({ url, outputFile: '' })).toThrow(/outputFile/);
    expect(() => buildRecorderArgs({ url, outputFile: '/r/run.ts' })).toThrow(/\.mp4/);
    expect(() => buildRecorderArgs({ url, outputFile: '/r/run.mp4', tag: '' })).toThrow(/tag/);
    expect(() => buildRecorderArgs({ url, outputFile: '/r/run.mp4', audio: 'mp3' as 'copy' })).toThrow(/audio/);
  });
});
