import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../native/ffmpeg-locate.js';
import { probeFile } from '../../native/ffprobe.js';
import { processGroupAlive } from '../../native/kill-process-group.js';
import { ProcessOwner } from '../../native/process-owner.js';
import { ProcessRunError } from '../../native/process-run-error.js';
import type { SupervisorState } from '../../native/supervised-process.js';

const tools = locateFfmpeg();
const owner = new ProcessOwner();
const dir = mkdtempSync(path.join(tmpdir(), 'cctv-native-proc-'));
/** Every pid any test started, checked at the end. */
const seenPids = new Set<number>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(20);
  }
}

/** A tracker in front of the owner that remembers pids. */
const recordingTracker = {
  track(child: Parameters<ProcessOwner['track']>[0]) {
    const untrack = owner.track(child);
    const t = setInterval(() => {
      if (child.pid !== null) seenPids.add(child.pid);
    }, 5);
    if (child.pid !== null) seenPids.add(child.pid);
    return () => {
      clearInterval(t);
      untrack();
    };
  },
};

afterAll(async () => {
  await owner.dispose();
  expect(owner.livePids()).toEqual([]);
  for (const pid of seenPids) {
    expect(pidAlive(pid), `pid ${pid} still alive`).toBe(false);
    expect(processGroupAlive(pid), `group ${pid} still alive`).toBe(false);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('runOnce', () => {
  it('kills an endless ffmpeg and its group on timeout', async () => {
    const { runOnce } = await import('../../native/run-once.js');
    const started = Date.now();
    const err = await runOnce({
      command: tools.ffmpeg.path,
      args: ['-hide_banner', '-nostdin', '-re', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-f', 'null', '-'],
      timeoutMs: 500,
      tracker: recordingTracker,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessRunError);
    expect((err as ProcessRunError).failure).toBe('timeout');
    expect((err as ProcessRunError).signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(seenPids.size).toBeGreaterThan(0);
    for (const pid of seenPids) expect(processGroupAlive(pid)).toBe(false);
  });

  it('reports a non-zero exit with the last stderr lines', async () => {
    const err = await owner.run({ command: tools.ffmpeg.path, args: ['-hide_banner', '-nostdin', '-i', path.join(dir, 'missing.mp4')] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessRunError);
    expect((err as ProcessRunError).failure).toBe('exit');
    expect((err as ProcessRunError).exitCode).not.toBe(0);
    expect((err as Error).message).toMatch(/exited with code \d+/);
    expect((err as Error).message).toMatch(/No such file or directory/);
  });

  it('fails a run that writes more than the output cap', async () => {
    const err = await owner.run({
      command: tools.ffmpeg.path,
      args: ['-hide_banner', '-nostdin', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '5', '-f', 'rawvideo', 'pipe:1'],
      maxOutputBytes: 100_000,
    }).catch((e: unknown) => e);
    expect((err as ProcessRunError).failure).toBe('output-limit');
  });

  it('reports a missing program as a spawn failure', async () => {
    const err = await owner.run({ command: path.join(dir, 'no-such-binary'), args: [] }).catch((e: unknown) => e);
    expect((err as ProcessRunError).failure).toBe('spawn');
    expect((err as Error).message).toMatch(/could not start/);
  });

  it('can be aborted', async () => {
    const ac = new AbortController();
    const p = owner.run({ command: process.execPath, args: ['-e', 'setTimeout(() => {}, 30000)'], signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    const err = await p.catch((e: unknown) => e);
    expect((err as ProcessRunError).failure).toBe('aborted');
  });
});

describe('SupervisedProcess', () => {
  it('restarts a dying child with growing backoff, and never after stop()', async () => {
    const p = owner.supervise({
      name: 'dies',
      command: process.execPath,
      args: ['-e', 'process.exit(1)'],
      stopMethod: 'SIGTERM',
      backoff: { minMs: 50, maxMs: 400, factor: 2, jitter: 0.5, resetAfterMs: 10_000 },
      random: () => 0,
    });
    const delays: number[] = [];
    const states: SupervisorState[] = [];
    p.on('restart-scheduled', ({ delayMs }) => delays.push(delayMs));
    p.on('state', (to) => states.push(to));
    p.on('spawn', (pid) => seenPids.add(pid));
    p.start();
    await waitFor(() => delays.length >= 4);
    expect(delays.slice(0, 4)).toEqual([50, 100, 200, 400]);
    expect(p.lastExit?.code).toBe(1);
    expect(p.restartCount).toBeGreaterThanOrEqual(3);
    expect(states.slice(0, 4)).toEqual(['starting', 'running', 'backoff', 'starting']);
    await p.stop();
    expect(p.state).toBe('stopped');
    const count = p.restartCount;
    await sleep(900);
    expect(p.restartCount).toBe(count);
    expect(p.state).toBe('stopped');
    expect(p.pid).toBeNull();
  });

  it('stop() takes down the whole process group', async () => {
    // A shell with a background grandchild: only a group kill reaches both.
    const p = owner.supervise({
      name: 'group',
      command: '/bin/sh',
      args: ['-c', 'sleep 30 & echo $!; wait'],
      stopMethod: 'SIGTERM',
      stopTimeoutMs: 2000,
    });
    let grandchild = 0;
    p.on('stdout-line', (l) => (grandchild = Number(l)));
    p.start();
    await waitFor(() => grandchild > 0 && p.state === 'running');
    const pid = p.pid!;
    seenPids.add(pid);
    seenPids.add(grandchild);
    expect(pidAlive(grandchild)).toBe(true);
    expect(p.uptimeMs).not.toBeNull();
    await p.stop();
    expect(p.lastExit?.requested).toBe(true);
    await waitFor(() => !pidAlive(grandchild), 3000);
    expect(processGroupAlive(pid)).toBe(false);
  });

  it("escalates when a child ignores 'q'", async () => {
    const p = owner.supervise({
      name: 'stubborn',
      command: process.execPath,
      args: ['-e', "process.on('SIGINT', () => {}); setInterval(() => {}, 1000)"],
      stopMethod: 'q',
      stopTimeoutMs: 600,
    });
    p.on('spawn', (pid) => seenPids.add(pid));
    p.start();
    await waitFor(() => p.state === 'running');
    await sleep(200);
    const t0 = Date.now();
    await p.stop();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
    expect(p.lastExit?.signal).toBe('SIGKILL');
  });

  it("stops ffmpeg with 'q' so the MP4 is finalised", async () => {
    const out = path.join(dir, 'q.mp4');
    const p = owner.supervise({
      name: 'ffmpeg-q',
      command: tools.ffmpeg.path,
      args: ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10',
        '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4', '-y', out],
      stopMethod: 'q',
      stopTimeoutMs: 5000,
    });
    p.on('spawn', (pid) => seenPids.add(pid));
    p.start();
    await waitFor(() => p.state === 'running');
    await sleep(1500);
    await p.stop();
    expect(p.lastExit).toMatchObject({ code: 0, requested: true });
    const probe = await probeFile(out, { ffprobePath: tools.ffprobe.path });
    expect(probe.codec).toBe('h264');
    expect(probe.durationS).toBeGreaterThan(0.5);
  });

  it('goes to failed when the program does not exist', async () => {
    const p = owner.supervise({ name: 'missing', command: path.join(dir, 'nope'), args: [] });
    const failed = new Promise<Error>((r) => p.once('failed', r));
    p.start();
    expect((await failed).message).toMatch(/could not start/);
    expect(p.state).toBe('failed');
  });

  it('gives up after maxRestarts', async () => {
    const p = owner.supervise({
      name: 'gives-up',
      command: process.execPath,
      args: ['-e', 'process.exit(3)'],
      backoff: { minMs: 10, maxMs: 20 },
      maxRestarts: 2,
    });
    p.on('spawn', (pid) => seenPids.add(pid));
    p.start();
    await waitFor(() => p.state === 'failed');
    expect(p.restartCount).toBe(2);
    expect(p.failure?.message).toMatch(/3 times in a row/);
  });
});

describe('stderr logging', () => {
  it('rate-limits a chatty child and reports what it dropped', async () => {
    const { pino } = await import('pino');
    const { Writable } = await import('node:stream');
    const records: Array<{ msg: string }> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const line of chunk.toString().split('\n')) if (line) records.push(JSON.parse(line) as { msg: string });
        cb();
      },
    });
    const p = owner.supervise({
      name: 'chatty',
      command: process.execPath,
      args: ['-e', "for (let i = 0; i < 500; i++) console.error('[error] bad packet ' + i); setInterval(() => {}, 1000)"],
      stopMethod: 'SIGTERM',
      logger: pino({ level: 'warn' }, sink),
      stderrLogLimit: { maxPerWindow: 5, windowMs: 60_000 },
    });
    let lines = 0;
    p.on('stderr-line', () => lines++);
    p.on('spawn', (pid) => seenPids.add(pid));
    p.start();
    await waitFor(() => lines >= 500);
    await p.stop();
    const packetLogs = records.filter((r) => r.msg.includes('bad packet'));
    expect(packetLogs).toHaveLength(5);
    expect(records.some((r) => r.msg === '495 stderr lines suppressed')).toBe(true);
    expect(p.recentStderr().at(-1)).toBe('[error] bad packet 499');
  });
});

describe('ProcessOwner', () => {
  it('stopAll() ends supervised and one-shot children alike', async () => {
    const a = owner.supervise({ name: 'a', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], stopMethod: 'SIGTERM' });
    a.on('spawn', (pid) => seenPids.add(pid));
    a.start();
    const once = owner.run({ command: process.execPath, args: ['-e', 'setTimeout(() => {}, 30000)'], timeoutMs: 0 }).catch((e: unknown) => e);
    await waitFor(() => owner.livePids().length >= 2);
    for (const pid of owner.livePids()) seenPids.add(pid);
    await owner.stopAll();
    expect(((await once) as ProcessRunError).failure).toBe('aborted');
    expect(owner.livePids()).toEqual([]);
    expect(a.state).toBe('stopped');
  });
});
