import { describe, expect, it } from 'vitest';
import { parseDetectLine, summariseDetect } from '../../../native/ffmpeg-args/detect-parse.js';
import {
  buildCountFramesArgs,
  buildKeyframeIndexArgs,
  buildProbeArgs,
  buildProbeFramesArgs,
} from '../../../native/ffmpeg-args/ffprobe-args.js';
import { buildDetectArgs, buildFrameSampleArgs, frameSampleBytes } from '../../../native/ffmpeg-args/picture-sampler.js';
import { parseFrameRate, parseKeyframeCsv, parseProbeJson } from '../../../native/ffprobe.js';

const after = (a: readonly string[], f: string): string | undefined => a[a.indexOf(f) + 1];

describe('ffprobe args', () => {
  it('builds JSON probes and the keyframe index', () => {
    expect(buildProbeArgs('/a.mp4').args).toEqual(['-hide_banner', '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '/a.mp4']);
    expect(buildCountFramesArgs('/a.mp4').args).toContain('-count_frames');
    expect(after(buildProbeFramesArgs('/a.mp4').args, '-show_entries')).toContain('key_frame');
    const k = buildKeyframeIndexArgs('/a.mp4').args;
    expect(after(k, '-show_entries')).toBe('packet=pts_time,flags');
    expect(after(k, '-print_format')).toBe('csv=print_section=0');
    expect(() => buildProbeArgs('')).toThrow(/file/);
  });
  it('parses probe JSON and keyframe CSV', () => {
    const r = parseProbeJson(JSON.stringify({
      streams: [
        { codec_type: 'audio', codec_name: 'aac' },
        { codec_type: 'video', codec_name: 'h264', width: 320, height: 240, avg_frame_rate: '25/1', nb_frames: '125' },
      ],
      format: { duration: '5.000000', bit_rate: '123456', format_name: 'mov,mp4' },
    }));
    expect(r).toEqual({ durationS: 5, codec: 'h264', width: 320, height: 240, fps: 25, frames: 125, bitRate: 123456, formatName: 'mov,mp4', hasAudio: true });
    expect(parseFrameRate('30000/1001')).toBeCloseTo(29.97, 2);
    expect(parseFrameRate('0/0')).toBeNull();
    expect(() => parseProbeJson('nope')).toThrow(/JSON/);
    expect(parseKeyframeCsv('2.000000,K__\n0.040000,___\n0.000000,K_\n\nN/A,K\n')).toEqual([0, 2]);
  });
});

describe('picture sampler', () => {
  it('grabs one raw gray frame to stdout', () => {
    const { args } = buildFrameSampleArgs({ source: { file: '/a.mp4' }, atS: 3 });
    expect(after(args, '-pix_fmt')).toBe('gray');
    expect(after(args, '-f')).toBe('rawvideo');
    expect(args.at(-1)).toBe('pipe:1');
    expect(after(args, '-vf')).toBe("scale=w=\\'320\\':h=\\'180\\':flags=\\'area\\'");
    expect(frameSampleBytes(320, 180)).toBe(57600);
    expect(frameSampleBytes(2, 2, 'rgb24')).toBe(12);
  });
  it('samples RTSP without seeking', () => {
    const { args } = buildFrameSampleArgs({ source: { rtsp: { url: 'rtsp://cam/1' } }, atS: 3, pixelFormat: 'rgb24' });
    expect(args).not.toContain('-ss');
    expect(args).toContain('-rtsp_transport');
    expect(() => buildFrameSampleArgs({ source: { rtsp: { url: 'http://cam/1' } } })).toThrow(/rtsp/);
    expect(() => buildFrameSampleArgs({ source: { file: '/a' }, width: 0 })).toThrow(/width/);
    expect(() => buildFrameSampleArgs({ source: { file: '/a' }, atS: -2 })).toThrow(/atS/);
  });
  it('builds blackdetect/freezedetect and parses their output', () => {
    const { args } = buildDetectArgs({ source: { file: '/a.mp4' }, durationS: 30 });
    expect(after(args, '-vf')).toContain('blackdetect=');
    expect(after(args, '-vf')).toContain('freezedetect=');
    expect(after(args, '-loglevel')).toBe('info');
    expect(() => buildDetectArgs({ source: { file: '/a' }, durationS: 0 })).toThrow(/durationS/);
    expect(() => buildDetectArgs({ source: { file: '/a' }, durationS: 1, freezeNoiseDb: 3 })).toThrow(/dB/);
    expect(parseDetectLine('[blackdetect @ 0x1] black_start:0 black_end:2.04 black_duration:2.04'))
      .toEqual({ kind: 'black', startS: 0, endS: 2.04, durationS: 2.04 });
    const s = summariseDetect([
      '[freezedetect @ 0x2] lavfi.freezedetect.freeze_start: 1.2',
      '[freezedetect @ 0x2] lavfi.freezedetect.freeze_duration: 3',
      '[freezedetect @ 0x2] lavfi.freezedetect.freeze_end: 4.2',
      '[freezedetect @ 0x2] lavfi.freezedetect.freeze_start: 9',
      'frame= 100 fps=0.0',
    ]);
    expect(s).toEqual({ black: [], frozen: [{ startS: 1.2, endS: 4.2 }, { startS: 9, endS: null }] });
  });
});
