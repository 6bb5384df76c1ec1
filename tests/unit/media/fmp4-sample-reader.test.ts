import { readFileSync, readdirSync, truncateSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../../main/media/file-hash.js';
import { Fmp4SampleReader, fmp4InitBytes } from '../../../main/media/mp4-boxes.js';
import { packetTimesFromSamples, parsePacketCsv, type PacketTimes } from '../../../main/media/packet-times.js';
import { scanSegmentFile } from '../../../main/media/segment-scan.js';
import { buildKeyframeIndexArgs } from '../../../native/index.js';
import { ffmpegStdout } from '../../support/estate-media.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * The fMP4 box reader against ffprobe, on small files ffmpeg writes here the
 * way the recorder does (stream copy into fragmented MP4 segments): the frame
 * count, keyframes and frame times the index stores must be exactly what the
 * packet-level ffprobe it replaces reported.
 */
const tmp = tempDir('cctv-fmp4-');
const FRAG = 'movflags=+frag_keyframe+empty_moov+default_base_moof';
let sources: Record<string, string>;

const probe = async (file: string): Promise<PacketTimes> =>
  parsePacketCsv((await ffmpegStdout(buildKeyframeIndexArgs(file).args.filter((a) => a !== '-hide_banner'), 'ffprobe')).toString('utf8'));

function readAll(file: string, chunk: number): ReturnType<Fmp4SampleReader['finish']> {
  const bytes = readFileSync(file);
  const r = new Fmp4SampleReader();
  for (let at = 0; at < bytes.length; at += chunk) r.push(bytes.subarray(at, at + chunk));
  return r.finish();
}

function expectSameTimes(ours: PacketTimes, theirs: PacketTimes): void {
  expect(ours.frameTimesS.length).toBe(theirs.frameTimesS.length);
  expect(ours.keyframeTimesS.length).toBe(theirs.keyframeTimesS.length);
  // ffprobe prints microseconds; both sides round there, so allow one µs.
  ours.frameTimesS.forEach((t, i) => expect(Math.abs(t - theirs.frameTimesS[i]!)).toBeLessThanOrEqual(1.5e-6));
  ours.keyframeTimesS.forEach((t, i) => expect(Math.abs(t - theirs.keyframeTimesS[i]!)).toBeLessThanOrEqual(1.5e-6));
}

beforeAll(async () => {
  const d = tmp.dir;
  // H.264 with B-frames (composition offsets, negative ones in trun v1), a
  // keyframe every 12 frames; MP4 so the copies below keep real presentation
  // times, as RTP gives the recorder (raw .h264 has none to keep).
  const src = path.join(d, 'src.mp4');
  await ffmpegStdout(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '6', '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-g', '12', '-pix_fmt', 'yuv420p', '-y', src]);
  // AAC beside the video in one file: the reader must pick the video track's fragments.
  const withAudio = path.join(d, 'av.mp4');
  await ffmpegStdout(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30000/1001', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '3', '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', '30', '-c:a', 'aac', '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-y', withAudio]);
  // Segment files as the recorder writes them (older versions with ffmpeg's segment muxer; now cut by run-segmenter.ts to the same shape): stream copy, timestamps reset per file.
  await ffmpegStdout(['-i', src, '-map', '0:v:0', '-c', 'copy', '-f', 'segment', '-segment_format', 'mp4',
    '-segment_format_options', FRAG, '-segment_time', '2', '-reset_timestamps', '1', path.join(d, 'seg-%02d.mp4')]);
  // Without default_base_moof: tfhd carries an absolute base data offset.
  const absBase = path.join(d, 'abs-base.mp4');
  await ffmpegStdout(['-i', src, '-map', '0:v:0', '-c', 'copy', '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov', '-y', absBase]);
  // Fragments cut by duration, not only at keyframes (several non-key runs per fragment).
  const byDuration = path.join(d, 'frag-duration.mp4');
  await ffmpegStdout(['-i', src, '-map', '0:v:0', '-c', 'copy', '-f', 'mp4', '-movflags', '+empty_moov+default_base_moof', '-frag_duration', '200000', '-y', byDuration]);
  sources = { withAudio, absBase, byDuration };
  for (const n of readdirSync(d).filter((x) => x.startsWith('seg-'))) sources[n] = path.join(d, n);
}, 60_000);

afterAll(() => tmp.cleanup());

describe('fMP4 sample reader against ffprobe', () => {
  it('gives every file the frame count, keyframes and frame times ffprobe gives', async () => {
    expect(Object.keys(sources).filter((k) => k.startsWith('seg-')).length).toBeGreaterThanOrEqual(3);
    for (const [name, file] of Object.entries(sources)) {
      const found = readAll(file, 1 << 20);
      expect(found.timescale, name).toBeGreaterThan(0);
      const ours = packetTimesFromSamples(found.samples, found.timescale!);
      const theirs = await probe(file);
      expect(theirs.frameTimesS.length, name).toBeGreaterThan(10);
      expect(theirs.keyframeTimesS.length, name).toBeGreaterThan(0);
      expectSameTimes(ours, theirs);
      expect(found.initBytes, name).toBe(fmp4InitBytes(file));
    }
  });

  it('sees composition offsets (B-frames): decode order is not presentation order', () => {
    const found = readAll(sources['seg-00.mp4']!, 1 << 20);
    const pts = found.samples.map((s) => s.pts);
    expect(pts.some((p, i) => i > 0 && p < pts[i - 1]!)).toBe(true);
  });

  it('gives the same answer whatever the chunk boundaries', () => {
    const file = sources['seg-01.mp4']!;
    const whole = readAll(file, 1 << 24);
    for (const chunk of [1, 7, 16, 4095]) expect(readAll(file, chunk)).toEqual(whole);
  });

  it('scans, hashes and indexes in one read', async () => {
    for (const file of [sources['seg-00.mp4']!, sources.withAudio!]) {
      const scan = await scanSegmentFile(file);
      expect(scan.parseError).toBeNull();
      expect(scan.sha256).toBe(await sha256File(file));
      expect(scan.bytes).toBe(readFileSync(file).length);
      expect(scan.initBytes).toBe(fmp4InitBytes(file));
      expectSameTimes(scan.packets!, await probe(file));
      expect(scan.cpuUs).toBeGreaterThanOrEqual(0);
    }
  });

  it('counts only the frames whose data a file cut short really holds', async () => {
    const file = sources['seg-00.mp4']!;
    const whole = readAll(file, 1 << 20);
    const cut = path.join(tmp.dir, 'cut.mp4');
    copyFileSync(file, cut);
    const size = readFileSync(file).length;
    truncateSync(cut, Math.floor(size * 0.6));
    const part = readAll(cut, 1 << 20);
    expect(part.samples.length).toBeGreaterThan(0);
    expect(part.samples.length).toBeLessThan(whole.samples.length);
    expect(part.samples).toEqual(whole.samples.slice(0, part.samples.length));
    // ffprobe may show the torn last frame; never fewer frames than we count.
    expect((await probe(cut)).frameTimesS.length).toBeGreaterThanOrEqual(part.samples.length);
  });

  it('finds no fragment in a file with only its header, and nothing at all in an empty one', async () => {
    const file = sources['seg-00.mp4']!;
    const head = path.join(tmp.dir, 'head.mp4');
    writeFileSync(head, readFileSync(file).subarray(0, fmp4InitBytes(file)!));
    expect(readAll(head, 1 << 20)).toMatchObject({ initBytes: null, samples: [] });
    const empty = path.join(tmp.dir, 'empty.mp4');
    writeFileSync(empty, '');
    expect(await scanSegmentFile(empty)).toMatchObject({ bytes: 0, initBytes: null, parseError: null });
  });

  it('rejects malformed boxes with where they are, and the scan still hashes the file', async () => {
    const file = sources['seg-00.mp4']!;
    const bytes = Buffer.from(readFileSync(file));
    const init = fmp4InitBytes(file)!;
    // A moof whose first child claims to run past the moof's end.
    bytes.writeUInt32BE(0xfffff, init + 8);
    const bad = path.join(tmp.dir, 'bad.mp4');
    writeFileSync(bad, bytes);
    expect(() => readAll(bad, 1 << 20)).toThrow(/malformed "mfhd" box at byte/);
    const scan = await scanSegmentFile(bad);
    expect(scan.packets).toBeNull();
    expect(scan.parseError).toMatch(/malformed/);
    expect(scan.sha256).toBe(await sha256File(bad));
    // A top-level box smaller than its own header.
    const junk = Buffer.alloc(16);
    junk.writeUInt32BE(4, 0);
    junk.write('ftyp', 4, 'latin1');
    expect(() => new Fmp4SampleReader().push(junk)).toThrow(/malformed top-level "ftyp" box at byte 0/);
  });
});
