import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fmp4StreamSplitter, type Fmp4Fragment, type Fmp4Init } from '../../main/media/fmp4-stream.js';
import { LiveTail } from '../../main/media/live-tail.js';
import { Fmp4SampleReader } from '../../main/media/mp4-boxes.js';
import { silentLogger } from '../../main/log/logger.js';
import { locateFfmpeg, probeFile, ProcessOwner } from '../../native/index.js';

/**
 * Live view's reading of a recording as ffmpeg writes it: a fragmented MP4
 * made by real ffmpeg with the recorder's flags (5 s, 25 fps, a keyframe a
 * second), cut by the splitter from chunks of any size, and followed by the
 * tail while it is written fragment by fragment into two files in turn.
 */
const tools = locateFfmpeg();
const owner = new ProcessOwner();
const dir = mkdtempSync(path.join(tmpdir(), 'cctv-live-tail-'));
let stream: Buffer;

async function recordLike(out: string, pattern: string): Promise<Buffer> {
  await owner.run({
    command: tools.ffmpeg.path,
    args: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${pattern}=size=320x240:rate=25:duration=5`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-keyint_min', '25', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
      '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', out],
    timeoutMs: 60_000,
  });
  const { readFileSync } = await import('node:fs');
  return readFileSync(out);
}

function split(bytes: Buffer, chunkSizes: number[]): { inits: Fmp4Init[]; fragments: Fmp4Fragment[] } {
  const inits: Fmp4Init[] = [];
  const fragments: Fmp4Fragment[] = [];
  const s = new Fmp4StreamSplitter({ init: (i) => inits.push(i), fragment: (f) => fragments.push(f) });
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = chunkSizes[i % chunkSizes.length]!;
    s.push(bytes.subarray(at, at + n));
    at += n;
  }
  return { inits, fragments };
}

beforeAll(async () => {
  stream = await recordLike(path.join(dir, 'a.mp4'), 'testsrc');
}, 60_000);

afterAll(async () => {
  await owner.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('fMP4 stream splitter', () => {
  it('cuts a real recording into its init and one fragment per keyframe, whatever the chunk sizes', () => {
    const reference = new Fmp4SampleReader();
    reference.push(stream);
    const expected = reference.finish();
    for (const sizes of [[stream.length], [65_536], [1], [7, 1000, 3, 65_536, 17]]) {
      const { inits, fragments } = split(stream, sizes);
      expect(inits).toHaveLength(1);
      expect(inits[0]!.bytes.length).toBe(expected.initBytes);
      expect(inits[0]!.video.timescale).toBe(expected.timescale);
      expect(fragments.map((f) => f.frames)).toEqual([25, 25, 25, 25, 25]);
      fragments.forEach((f, i) => {
        expect(f.startS).toBeCloseTo(i, 6);
        expect(f.durationS).toBeCloseTo(1, 6);
        expect(f.mdatBytes).toBe(f.mdat.reduce((n, b) => n + b.length, 0));
      });
      // The frames the moofs describe are exactly those the file reader finds.
      expect(fragments.flatMap((f) => f.videoSamples)).toEqual(expected.samples);
      // Nothing is lost or changed: init + fragments are the file's bytes (ffmpeg writes nothing else before its index at the end).
      const rebuilt = Buffer.concat([inits[0]!.bytes, ...fragments.flatMap((f) => [f.moof, ...f.mdat])]);
      expect(rebuilt.equals(stream.subarray(0, rebuilt.length))).toBe(true);
    }
  });

  it('refuses what is not fragmented MP4 and says where', () => {
    const junk = Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n');
    expect(() => split(junk, [junk.length])).toThrow(/not fragmented MP4.*byte 0/);
    // A moof before any moov: cut the init off a real stream.
    const initLength = split(stream, [stream.length]).inits[0]!.bytes.length;
    expect(() => split(stream.subarray(initLength), [65_536])).toThrow(/moof at byte 0 comes before any moov/);
  });
});

describe('live tail', () => {
  it('follows the file being written, then the next one, serving playable fragments with their wall times', async () => {
    const second = await recordLike(path.join(dir, 'b.mp4'), 'testsrc2');
    const a = split(stream, [stream.length]);
    const b = split(second, [second.length]);
    const fileA = path.join(dir, 'seg-a.mp4');
    const fileB = path.join(dir, 'seg-b.mp4');
    let current: string | null = fileA;
    // The first file of a run: nothing dates it but when its fragments are seen.
    const tail = new LiveTail(() => (current ? { path: current, startMs: null } : null), () => null, silentLogger());
    // As ffmpeg with flush_packets writes a segment: the init at once, then a fragment as each completes.
    writeFileSync(fileA, a.inits[0]!.bytes);
    tail.want();
    const uris = { init: (id: number) => `init-${id}.mp4`, fragment: (seq: number) => `frag-${seq}.m4s` };
    expect(tail.feed.playlist(uris)).toBeNull();
    const started = Date.now();
    // In real time: a one-second fragment each second.
    for (const f of a.fragments.slice(0, 3)) {
      appendFileSync(fileA, Buffer.concat([f.moof, ...f.mdat]));
      await new Promise((r) => setTimeout(r, 1000));
    }
    let text = tail.feed.playlist(uris)!;
    expect(text.split('\n').filter((l) => l.startsWith('frag-'))).toEqual(['frag-0.m4s', 'frag-1.m4s', 'frag-2.m4s']);
    // Wall times from when each fragment was seen (polled every 150 ms): a
    // fragment is written when the next keyframe arrives, so it began about
    // one fragment before it was seen.
    const pdts = [...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((m) => Date.parse(m[1]!));
    expect(Math.abs(pdts[1]! - pdts[0]! - 1000)).toBeLessThan(250);
    expect(Math.abs(pdts[2]! - pdts[1]! - 1000)).toBeLessThan(250);
    expect(Math.abs(pdts[0]! - (started - 1000))).toBeLessThan(300);
    // The rest of file A, then ffmpeg opens file B.
    for (const f of a.fragments.slice(3)) appendFileSync(fileA, Buffer.concat([f.moof, ...f.mdat]));
    writeFileSync(fileB, Buffer.concat([b.inits[0]!.bytes, b.fragments[0]!.moof, ...b.fragments[0]!.mdat]));
    current = fileB;
    await new Promise((r) => setTimeout(r, 400));
    text = tail.feed.playlist(uris)!;
    const frags = text.split('\n').filter((l) => l.startsWith('frag-'));
    expect(frags).toEqual(['frag-2.m4s', 'frag-3.m4s', 'frag-4.m4s', 'frag-5.m4s']);
    // File B starts a new run: a discontinuity and its own init before its first fragment.
    const l = text.split('\n');
    expect(l.indexOf('#EXT-X-DISCONTINUITY')).toBeGreaterThan(l.indexOf('frag-4.m4s'));
    expect(l.indexOf('#EXT-X-MAP:URI="init-2.mp4"')).toBeLessThan(l.indexOf('frag-5.m4s'));
    // Init + fragment, as hls.js would append them, is a playable MP4 of 25 frames.
    const sample = path.join(dir, 'sample.mp4');
    writeFileSync(sample, Buffer.concat([tail.feed.init(2)!, ...tail.feed.fragment(5)!]));
    const probed = await probeFile(sample, { ffprobePath: tools.ffprobe.path, countFrames: true });
    expect([probed.codec, probed.frames]).toEqual(['h264', 25]);
    tail.stop();
    expect(tail.feed.playlist(uris)).toBeNull();
  });

  it('dates files it reads whole when it starts by the times the recorder knows, so the picture is not made to look newer', async () => {
    const second = await recordLike(path.join(dir, 'b2.mp4'), 'testsrc2');
    const b = split(second, [second.length]);
    const closed = path.join(dir, 'seg-closed.mp4');
    const open = path.join(dir, 'seg-open.mp4');
    writeFileSync(closed, stream);
    writeFileSync(open, Buffer.concat([b.inits[0]!.bytes, b.fragments[0]!.moof, ...b.fragments[0]!.mdat]));
    const t0 = Date.now() - 6000;
    // The closed segment as indexed; the open one starts where it ended (same ffmpeg run).
    const tail = new LiveTail(() => ({ path: open, startMs: t0 + 5000 }), () => ({ path: closed, startMs: t0 }), silentLogger());
    tail.want();
    const text = tail.feed.playlist({ init: (id) => `init-${id}.mp4`, fragment: (seq) => `frag-${seq}.m4s` })!;
    const pdts = [...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((m) => Date.parse(m[1]!));
    // The newest four: the closed file's last three seconds, then the open file's first.
    expect(pdts).toEqual([t0 + 2000, t0 + 3000, t0 + 4000, t0 + 5000]);
    tail.stop();
  });
});
