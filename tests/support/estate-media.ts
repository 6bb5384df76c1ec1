import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { EstateCamera, SimEstate } from '../../fixtures/estate/sim-estate.js';

/**
 * Helpers for recording the simulated estate through the media feature
 * (tests/integration/media-estate-recording.test.ts and the media bench).
 */

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds; the error names what was awaited (a hang says what it hung on). */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}

/**
 * The camera's RTSP address with the estate's credentials in it, as the
 * cameras feature hands it to the recorder (the simulated cameras use digest
 * authentication, so a recorder without them gets 401).
 */
export function credentialedRtspUrl(estate: SimEstate, camera: Pick<EstateCamera, 'rtspUrl'>): string {
  const u = new URL(camera.rtspUrl);
  u.username = encodeURIComponent(estate.username);
  u.password = encodeURIComponent(estate.password);
  return u.toString();
}

/** True when something accepts TCP connections on 127.0.0.1:port (a server left running). */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Runs ffmpeg to completion and returns its stdout (throws with stderr's tail on failure). */
export function ffmpegStdout(args: readonly string[], command = 'ffmpeg'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const own = command === 'ffprobe' ? ['-hide_banner', '-loglevel', 'error'] : ['-hide_banner', '-nostdin', '-loglevel', 'error'];
    const child = spawn(command, [...own, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-2000);
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${command} exited ${code}: ${err.trim()}`))));
  });
}

/** Frames compared at this size, in grey: enough to tell neighbouring frames apart by their burnt-in frame counter. */
const CMP_W = 640;
const CMP_H = 360;
/** Same conversion for every source (the stills are RGB PNGs made from the recording's YUV). */
const CMP_FILTER = `format=rgb24,scale=${CMP_W}:${CMP_H}:flags=area,format=gray`;

function splitFrames(buf: Buffer): Buffer[] {
  const size = CMP_W * CMP_H;
  const frames: Buffer[] = [];
  for (let o = 0; o + size <= buf.length; o += size) frames.push(buf.subarray(o, o + size));
  return frames;
}

/** Every frame of a camera's footage loop (Annex-B H.264 as the estate serves it), grey, small. */
export async function loopFrames(mainH264: string, fps: number): Promise<Buffer[]> {
  return splitFrames(await ffmpegStdout(['-f', 'h264', '-r', String(fps), '-i', mainH264, '-vf', CMP_FILTER, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-']));
}

/** One frame of a recorded file by index (decoded independently of the media feature), grey, small. */
export async function fileFrame(file: string, frameIndex: number): Promise<Buffer> {
  const buf = await ffmpegStdout(['-i', file, '-vf', `select=eq(n\\,${frameIndex}),${CMP_FILTER}`, '-fps_mode', 'passthrough', '-frames:v', '1', '-f', 'rawvideo', '-']);
  const f = splitFrames(buf)[0];
  if (!f) throw new Error(`${file} has no frame ${frameIndex}`);
  return f;
}

/** An image file (a PNG still), grey, small. */
export async function imageFrame(file: string): Promise<Buffer> {
  readFileSync(file); // a clear ENOENT before ffmpeg's wording
  const f = splitFrames(await ffmpegStdout(['-i', file, '-vf', CMP_FILTER, '-frames:v', '1', '-f', 'rawvideo', '-']))[0];
  if (!f) throw new Error(`${file} decoded to nothing`);
  return f;
}

/** Mean absolute difference of two grey frames (0: identical). */
export function meanAbsDiff(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error(`frames differ in size (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

export function meanLuma(f: Buffer): number {
  let sum = 0;
  for (let i = 0; i < f.length; i++) sum += f[i]!;
  return sum / f.length;
}

/**
 * Which frame of the loop a picture is: the nearest match, and how much
 * nearer it is than the runner-up (each loop frame carries its own burnt-in
 * frame number, so an exact match stands out).
 */
export function matchLoopFrame(picture: Buffer, loop: readonly Buffer[]): { index: number; diff: number; runnerUp: number } {
  let best = { index: -1, diff: Infinity };
  let runnerUp = Infinity;
  loop.forEach((f, index) => {
    const d = meanAbsDiff(picture, f);
    if (d < best.diff) {
      runnerUp = best.diff;
      best = { index, diff: d };
    } else if (d < runnerUp) runnerUp = d;
  });
  return { ...best, runnerUp };
}

/** Frame distance on a loop of `n` frames (wrapping). */
export function loopDistance(a: number, b: number, n: number): number {
  const d = (((a - b) % n) + n) % n;
  return Math.min(d, n - d);
}
