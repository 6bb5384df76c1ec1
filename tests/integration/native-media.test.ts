import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClipOriginalArgs } from '../../native/ffmpeg-args/clip-original.js';
import { buildClipPresentationArgs } from '../../native/ffmpeg-args/clip-presentation.js';
import { buildConcatList, snapToKeyframe } from '../../native/ffmpeg-args/concat-list.js';
import { summariseDetect } from '../../native/ffmpeg-args/detect-parse.js';
import { buildDetectArgs, buildFrameSampleArgs, frameSampleBytes } from '../../native/ffmpeg-args/picture-sampler.js';
import { buildRecorderArgs } from '../../native/ffmpeg-args/recorder.js';
import { buildStillArgs } from '../../native/ffmpeg-args/still.js';
import { describeFfmpeg, locateFfmpeg } from '../../native/ffmpeg-locate.js';
import { keyframeTimes, probeFile } from '../../native/ffprobe.js';
import { processGroupAlive } from '../../native/kill-process-group.js';
import { ProcessOwner } from '../../native/process-owner.js';
import type { FfmpegProgress } from '../../native/progress-parser.js';

// Tiny media (320x240, 25 fps, 1 s GOP) so this runs on a shared 2-core machine.
const tools = locateFfmpeg();
const ffprobe = { ffprobePath: tools.ffprobe.path };
const owner = new ProcessOwner();
const dir = mkdtempSync(path.join(tmpdir(), 'cctv-native-media-'));
const segA = path.join(dir, 'a.mp4');
const segB = path.join(dir, 'b.mp4');
const spawned = new Set<number>();

async function ffmpeg(args: readonly string[], env?: Record<string, string>): Promise<Buffer> {
  const r = await owner.run({ command: tools.ffmpeg.path, args, ...(env ? { env } : {}), timeoutMs: 60_000 });
  return r.stdout;
}

function makeSource(out: string, pattern: string): Promise<Buffer> {
  return ffmpeg(['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi',
    '-i', `${pattern}=size=320x240:rate=25:duration=5`, '-c:v', 'libx264', '-preset', 'ultrafast',
    '-g', '25', '-keyint_min', '25', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', out]);
}

beforeAll(async () => {
  await makeSource(segA, 'testsrc');
  await makeSource(segB, 'testsrc2');
});

afterAll(async () => {
  await owner.dispose();
  expect(owner.livePids()).toEqual([]);
  for (const pid of spawned) expect(processGroupAlive(pid)).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});

describe('describeFfmpeg', () => {
  it('finds the system ffmpeg with every required feature', async () => {
    const report = await describeFfmpeg();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.ffmpeg.version).toMatch(/^\d+\.\d+/);
    expect(report.ffmpeg.capabilities?.features['encoder:libx264']).toBe(true);
    expect(report.ffmpeg.capabilities?.features['filter:drawtext']).toBe(true);
    expect(report.ffprobe.found).toBe(true);
    expect(report.ffprobe.version).toBe(report.ffmpeg.version);
  });
  it('explains a missing ffmpeg instead of throwing', async () => {
    const report = await describeFfmpeg({ env: { PATH: dir }, ffmpegStaticPath: null });
    expect(report.ok).toBe(false);
    expect(report.ffmpeg.found).toBe(false);
    expect(report.problems.join('\n')).toMatch(/apt-get install ffmpeg/);
  });
});

describe('ffprobe wrappers', () => {
  it('probes the test video', async () => {
    const r = await probeFile(segA, { ...ffprobe, countFrames: true });
    expect(r).toMatchObject({ codec: 'h264', width: 320, height: 240, fps: 25, frames: 125 });
    expect(r.durationS).toBeCloseTo(5, 1);
    expect(r.bitRate).toBeGreaterThan(0);
  });
  it('lists keyframes once a second', async () => {
    expect(await keyframeTimes(segA, ffprobe)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('clips and stills', () => {
  it('ORIGINAL: stream-copies across two segments from a keyframe', async () => {
    const inpoint = snapToKeyframe(await keyframeTimes(segA, ffprobe), 2.4);
    expect(inpoint).toBe(2);
    const list = path.join(dir, 'clip.ffconcat');
    writeFileSync(list, buildConcatList([{ path: segA, inpointS: inpoint }, { path: segB, outpointS: 2 }]));
    const out = path.join(dir, 'original.mp4');
    const progress: FfmpegProgress[] = [];
    await owner.run({
      command: tools.ffmpeg.path,
      args: buildClipOriginalArgs({ concatListPath: list, outputPath: out }).args,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.at(-1)?.done).toBe(true);
    const r = await probeFile(out, { ...ffprobe, countFrames: true });
    expect(r.codec).toBe('h264');
    expect(r.durationS).toBeCloseTo(5, 1);
    expect(r.frames).toBe(125);
    // faststart: the index (moov) comes before the media (mdat)
    const head = readFileSync(out).subarray(0, 4096).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(-1);
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat') === -1 ? Infinity : head.indexOf('mdat'));
  });

  it('PRESENTATION: frame-accurate re-encode with the overlay', async () => {
    const out = path.join(dir, 'presentation.mp4');
    const progress: FfmpegProgress[] = [];
    await owner.run({
      command: tools.ffmpeg.path,
      args: buildClipPresentationArgs({
        input: { file: segA },
        outputPath: out,
        startS: 1.24,
        durationS: 2,
        startUtcMs: Date.UTC(2024, 2, 31, 0, 59, 59),
        camera: "CAM-7 'North'",
        location: 'High St: bus gate, 100% [eastbound]; \\ lane',
        preset: 'ultrafast',
      }).args,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.at(-1)?.done).toBe(true);
    expect(progress.at(-1)?.frame).toBe(50);
    const r = await probeFile(out, { ...ffprobe, countFrames: true });
    expect(r).toMatchObject({ codec: 'h264', width: 320, height: 240, frames: 50 });
    expect(r.durationS).toBeCloseTo(2, 1);
  });

  it('STILL: exact frame as full-resolution PNG, by time and by index alike', async () => {
    const byTime = path.join(dir, 'still-time.png');
    const byIndex = path.join(dir, 'still-index.png');
    await ffmpeg(buildStillArgs({ input: { file: segA }, at: { timeS: 2.04 }, outputPath: byTime }).args);
    await ffmpeg(buildStillArgs({ input: { file: segA }, at: { frameIndex: 51 }, outputPath: byIndex }).args);
    const r = await probeFile(byTime, ffprobe);
    expect(r).toMatchObject({ codec: 'png', width: 320, height: 240 });
    expect(readFileSync(byTime).equals(readFileSync(byIndex))).toBe(true);
    // and a different frame gives a different picture
    const other = path.join(dir, 'still-other.png');
    await ffmpeg(buildStillArgs({ input: { file: segA }, at: { frameIndex: 52 }, outputPath: other }).args);
    expect(readFileSync(other).equals(readFileSync(byTime))).toBe(false);
  });
});

describe('health sampling', () => {
  it('grabs one raw gray frame', async () => {
    const buf = await ffmpeg(buildFrameSampleArgs({ source: { file: segA }, atS: 1, width: 160, height: 90 }).args);
    expect(buf.length).toBe(frameSampleBytes(160, 90));
  });

  it('detects black and frozen picture', async () => {
    const src = path.join(dir, 'black.mp4');
    await ffmpeg(['-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', 'color=c=black:size=160x120:rate=10:duration=2',
      '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2',
      '-filter_complex', '[0][1]concat=n=2:v=1', '-c:v', 'libx264', '-preset', 'ultrafast', src]);
    const lines: string[] = [];
    await owner.run({
      command: tools.ffmpeg.path,
      args: buildDetectArgs({ source: { file: src }, durationS: 4, blackMinS: 0.5, freezeMinS: 1 }).args,
      onStderrLine: (l) => lines.push(l),
    });
    const s = summariseDetect(lines);
    expect(s.black).toHaveLength(1);
    expect(s.black[0]?.startS).toBe(0);
    expect(s.black[0]?.endS).toBeCloseTo(2, 1);
    expect(s.frozen[0]?.startS).toBe(0);
  });
});

describe('recorder', () => {
  it('writes one fragmented MP4 that grows a fragment per keyframe while it records, and is whole when stopped', async () => {
    const file = path.join(dir, 'run-test.mp4');
    const inv = buildRecorderArgs({ url: 'rtsp://127.0.0.1:8554/cam', outputFile: file, tag: dir });
    // No RTSP server here: swap the RTSP input for the test file played in
    // real time; everything after -i (the output) is what is tested.
    const args = [...inv.args];
    const from = args.indexOf('-rtsp_transport');
    const to = args.indexOf('-i') + 2;
    args.splice(from, to - from, '-re', '-i', segA);
    const rec = owner.supervise({ name: 'recorder-test', command: tools.ffmpeg.path, args, stopMethod: 'q' });
    rec.on('spawn', (pid) => spawned.add(pid));
    rec.start();
    // Flushed as each fragment completes: the file grows while ffmpeg runs.
    const sizes: number[] = [];
    const until = Date.now() + 15_000;
    while (sizes.filter((s, i) => i > 0 && s > sizes[i - 1]!).length < 2 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 300));
      if (existsSync(file)) sizes.push(statSync(file).size);
    }
    expect(sizes.filter((s, i) => i > 0 && s > sizes[i - 1]!).length).toBeGreaterThanOrEqual(2);
    const whileRecording = readFileSync(file);
    expect(whileRecording.includes('moof')).toBe(true);
    expect(whileRecording.includes('mfra')).toBe(false);
    // Stopped with 'q': the last fragment and the index (mfra) are written, and the file is whole.
    await rec.stop();
    expect(rec.lastExit?.code).toBe(0);
    expect(readFileSync(file).includes('mfra')).toBe(true);
    const p = await probeFile(file, { ...ffprobe, countFrames: true });
    expect(p.codec).toBe('h264');
    expect(p.frames).toBeGreaterThanOrEqual(50);
  });
});
