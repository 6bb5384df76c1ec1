import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fmp4StreamSplitter, type Fmp4Fragment, type Fmp4Init } from '../../main/media/fmp4-stream.js';
import { LiveTail } from '../../main/media/live-tail.js';
import { RecorderRun } from '../../main/media/recorder-run.js';
import { RunSegmenter, type CutSegment, type SegmentWriter } from '../../main/media/run-segmenter.js';
import { Fmp4SampleReader } from '../../main/media/mp4-boxes.js';
import { silentLogger } from '../../main/log/logger.js';
import { locateFfmpeg, probeFile, ProcessOwner } from '../../native/index.js';

/**
 * Reading a recording as ffmpeg writes it: a fragmented MP4 made by real
 * ffmpeg with the recorder's flags (5 s, 25 fps, a keyframe a second), cut
 * by the splitter from chunks of any size, cut into segments by the run
 * segmenter while it is written fragment by fragment in real time, and the
 * fragments served to live view.
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

/** Collects what a segmenter writes, segment by segment, as the recorder's writer puts it in files. */
function collectingWriter(): { writer: SegmentWriter; segs: Array<{ seg: CutSegment; bytes: Buffer }>; writes: () => number } {
  const segs: Array<{ seg: CutSegment; bytes: Buffer }> = [];
  let parts: Buffer[] = [];
  let writes = 0;
  return {
    segs,
    writes: () => writes,
    writer: {
      begin: () => {
        parts = [];
      },
      write: (p) => {
        writes++;
        parts.push(...p);
      },
      end: (seg) => segs.push({ seg, bytes: Buffer.concat(parts) }),
    },
  };
}

/** Writes a cut segment's bytes to a file and checks it is a standalone MP4 whose bytes are the ones hashed. */
async function checkSegmentFile({ seg, bytes }: { seg: CutSegment; bytes: Buffer }, name: string): Promise<{ frames: number }> {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(seg.sha256);
  expect(readFileSync(file).length).toBe(seg.bytes);
  const p = await probeFile(file, { ffprobePath: tools.ffprobe.path, countFrames: true });
  expect(p.codec).toBe('h264');
  expect(p.frames).toBe(seg.packets.frameTimesS.length);
  // Decode times start at 0 in each segment (moofs rebased), as the concat demuxer's in-points need.
  expect(p.durationS).toBeCloseTo(p.frames! / 25, 1);
  return { frames: p.frames! };
}

describe('run segmenter', () => {
  it('cuts the run being written into standalone segments on the clock, dated by when the file was written', async () => {
    const a = split(stream, [stream.length]);
    const runPath = path.join(dir, 'run-live.mp4');
    const out = collectingWriter();
    const run = new RecorderRun(runPath, Date.now(), { segmentTimeS: 2, writer: out.writer }, silentLogger());
    // Not there yet: ffmpeg is still connecting.
    expect(run.poll()).toBe(false);
    // As ffmpeg with -flush_packets 1 writes it: the init at once, then each fragment as it completes, in real time.
    writeFileSync(runPath, a.inits[0]!.bytes);
    const writtenAt: number[] = [];
    for (const f of a.fragments) {
      appendFileSync(runPath, Buffer.concat([f.moof, ...f.mdat]));
      writtenAt.push(Date.now());
      await new Promise((r) => setTimeout(r, 300));
      expect(run.poll()).toBe(true);
      await new Promise((r) => setTimeout(r, 700));
    }
    run.finish();
    expect(existsSync(runPath)).toBe(false);
    // Bytes reach the writer as they are read, one write per read (nothing is held for the whole segment).
    expect(out.writes()).toBeLessThanOrEqual(5 + out.segs.length);
    const segs = out.segs.map((s) => s.seg);
    // Five 1 s fragments on a 2 s grid: three segments, contiguous, all 125 frames.
    expect(segs.length).toBeGreaterThanOrEqual(3);
    let frames = 0;
    for (const [i, seg] of segs.entries()) {
      frames += (await checkSegmentFile(out.segs[i]!, `cut-${i}.mp4`)).frames;
      if (i > 0) {
        expect(seg.startMs).toBe(segs[i - 1]!.endMs);
        // Cut at the first keyframe in each new 2 s slot of the UTC clock.
        expect(Math.floor(seg.startMs / 2000)).toBeGreaterThan(Math.floor(segs[i - 1]!.startMs / 2000));
      }
      expect(seg.initBytes).toBe(a.inits[0]!.bytes.length);
    }
    expect(frames).toBe(125);
    // A fragment is written when it is complete: the first began one second before it reached the disk.
    expect(Math.abs(segs[0]!.startMs - (writtenAt[0]! - 1000))).toBeLessThan(150);
    expect(segs.at(-1)!.endMs - segs[0]!.startMs).toBe(5000);
  });

  it('closes a segment at the read that brings the fragment ending its slot, not a keyframe interval later', () => {
    const a = split(stream, [stream.length]);
    const out = collectingWriter();
    const seg = new RunSegmenter({ segmentTimeS: 2, writer: out.writer });
    // Stream time 0 is a multiple of 2 s on the clock: fragment i (1 s each) starts at t0 + i s.
    const t0 = Math.floor(Date.now() / 2000) * 2000 - 60_000;
    const push = (i: number): void => {
      const f = a.fragments[i]!;
      seg.push(Buffer.concat([...(i === 0 ? [a.inits[0]!.bytes] : []), f.moof, ...f.mdat]), t0 + (i + 1) * 1000);
    };
    const closed = (): number[][] => out.segs.map(({ seg: s }) => [s.startMs - t0, s.endMs - t0]);
    push(0);
    // Ends at 1 s, inside its 2 s slot: the segment goes on.
    expect(closed()).toEqual([]);
    push(1);
    // Ends on the 2 s boundary: whatever comes next is the next slot's, so the segment is whole now.
    expect(closed()).toEqual([[0, 2000]]);
    push(2);
    expect(closed()).toEqual([[0, 2000]]);
    push(3);
    push(4);
    expect(closed()).toEqual([[0, 2000], [2000, 4000]]);
    seg.finish();
    expect(closed()).toEqual([[0, 2000], [2000, 4000], [4000, 5000]]);
    expect(out.segs.reduce((n, s) => n + s.seg.packets.frameTimesS.length, 0)).toBe(125);
  });

  it('dates a run a crash left behind by its last write, skips what the index has, and ends where the next run took over', async () => {
    const runPath = path.join(dir, 'run-recovered.mp4');
    writeFileSync(runPath, stream);
    const wroteAt = new Date(Math.floor(Date.now() / 10_000) * 10_000 - 60_000);
    utimesSync(runPath, wroteAt, wroteAt);
    const out = collectingWriter();
    const run = RecorderRun.recovered(runPath, wroteAt.getTime() - 6000, { segmentTimeS: 10, writer: out.writer }, silentLogger());
    const t0 = wroteAt.getTime() - 5000;
    // The first second is already indexed; the next run began at 4 s.
    run.segmenter.skipBeforeMs = t0 + 1000;
    run.segmenter.endAt(t0 + 4000);
    run.finish();
    expect(out.segs.map(({ seg }) => [seg.startMs - t0, seg.endMs - t0])).toEqual([[1000, 4000]]);
    expect((await checkSegmentFile(out.segs[0]!, 'recovered.mp4')).frames).toBe(75);
  });

  it('refuses a run file that is not fragmented MP4, says why, and keeps it', () => {
    const runPath = path.join(dir, 'run-garbage.mp4');
    writeFileSync(runPath, Buffer.from('this is not an mp4 file at all, just text'));
    const run = new RecorderRun(runPath, Date.now(), { segmentTimeS: 10, writer: collectingWriter().writer }, silentLogger());
    run.poll();
    expect(run.broken).toMatch(/not fragmented MP4.*byte 0/);
    run.finish();
    expect(existsSync(runPath)).toBe(true);
  });
});

describe('live tail', () => {
  it('serves the fragments being recorded while someone watches, primed at once, with a new init for a new run', async () => {
    const second = await recordLike(path.join(dir, 'b.mp4'), 'testsrc2');
    const a = split(stream, [stream.length]);
    const b = split(second, [second.length]);
    const T = Date.now() - 10_000;
    const dated = (f: Fmp4Fragment, i: number, base: number) => ({ moof: f.moof, mdat: f.mdat, durationS: f.durationS, startMs: base + i * 1000 });
    const recent = { init: a.inits[0]!, fragments: a.fragments.slice(0, 2).map((f, i) => dated(f, i, T)) };
    const tail = new LiveTail(() => recent);
    const uris = { init: (id: number) => `init-${id}.mp4`, fragment: (seq: number) => `frag-${seq}.m4s` };
    // Nobody watching: fragments are not kept.
    tail.offer(dated(a.fragments[0]!, 0, T), a.inits[0]!);
    expect(tail.active).toBe(false);
    expect(tail.feed.playlist(uris)).toBeNull();
    // A viewer arrives: the recorder's newest fragments at once, then each as it is read.
    tail.want();
    expect(tail.active).toBe(true);
    for (const [i, f] of a.fragments.entries()) tail.offer(dated(f, i, T), a.inits[0]!);
    let text = tail.feed.playlist(uris)!;
    expect(text.split('\n').filter((l) => l.startsWith('frag-'))).toEqual(['frag-1.m4s', 'frag-2.m4s', 'frag-3.m4s', 'frag-4.m4s']);
    const pdts = [...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((m) => Date.parse(m[1]!));
    expect(pdts).toEqual([T + 1000, T + 2000, T + 3000, T + 4000]);
    // The next run (a reconnect): its own init and a discontinuity.
    tail.offer(dated(b.fragments[0]!, 0, T + 5000), b.inits[0]!);
    text = tail.feed.playlist(uris)!;
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
});
