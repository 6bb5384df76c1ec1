import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processInfo, readPidFile, stopStaleProcesses, writePidFile } from '../../native/stale-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api-client.js';
import { integrityCheck, openStoreReadOnly, processesMentioning, running, signInAdmin, sleep, startCoreChild, until, type CoreChild } from '../support/crash-core.js';
import { GstRtspServer } from '../support/gst-rtsp-server.js';
import { tempDir } from '../support/temp-dir.js';

interface Seg {
  id: number;
  startMs: number;
  endMs: number;
  path: string;
  sha256: string | null;
  frameCount: number | null;
}
interface Gap {
  startMs: number;
  endMs: number | null;
  cause: string;
}

/**
 * Issue 8 item 8, recording: SIGKILL the core (a child `cctv serve`) while it
 * records from GStreamer's RTSP server, restart it on the same data folder.
 * The recorder ffmpeg the dead core left running (own process group, no exit
 * hook) is ended by the restarted core before it starts its own, so there are
 * never two writing one camera; every segment closed before the kill keeps
 * its hash; what was being written is recovered; a gap covers the outage;
 * recording resumes; the database passes integrity_check; nothing is left.
 */
describe('crash safety: SIGKILL during recording', () => {
  const tmp = tempDir('cctv-crash-rec-');
  const gst = new GstRtspServer();
  let core: CoreChild | null = null;

  beforeAll(async () => {
    await gst.start();
  }, 30_000);

  afterAll(async () => {
    await core?.stop();
    // Belt and braces: never leave a recorder of this test running, whatever failed.
    for (const p of processesMentioning(tmp.dir)) {
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await gst.stop();
    tmp.cleanup();
  }, 40_000);

  it('ends the orphaned recorder on restart, keeps every closed segment, recovers the open one, records the gap and resumes', async () => {
    core = await startCoreChild(tmp.dir);
    let token = await signInAdmin(core.url, true);
    const added = await call(core.url, 'addCamera', { token, body: { source: 'rtsp', name: 'Crash test bus gate', rtspMainUri: gst.url } });
    expect(added.status).toBe(200);
    const cameraId = added.json.camera.id as number;
    const camDir = path.join(tmp.dir, 'recordings', String(cameraId));
    // Every run of this camera's recorder carries this argument (native/ffmpeg-args/recorder.ts).
    const marker = `recorder=${camDir}`;

    const db = () => openStoreReadOnly(tmp.dir);
    const read = <T>(sql: string): T[] => {
      const d = db();
      try {
        return d.prepare(sql).all(cameraId) as T[];
      } finally {
        d.close();
      }
    };
    const segs = () => read<Seg>('SELECT id, start_ms AS startMs, end_ms AS endMs, path, sha256, frame_count AS frameCount FROM media_segments WHERE camera_id = ? ORDER BY start_ms');
    const gaps = () => read<Gap>('SELECT start_ms AS startMs, end_ms AS endMs, cause FROM media_gaps WHERE camera_id = ? ORDER BY start_ms');

    // ~15 s of recording (10 s segments): one closed and indexed, the next open at the kill.
    await until('a first closed segment', () => segs().length >= 1, 45_000);
    await sleep(4000);
    const recorders = processesMentioning(marker);
    expect(recorders.map((p) => p.ppid)).toEqual([core.pid]);
    const orphanPid = recorders[0]!.pid;

    const before = segs();
    const lastBefore = before[before.length - 1]!;
    await core.kill();
    const killedAt = Date.now();
    await sleep(1500);
    // The evidence engineer's suspicion, verified: SIGKILL does not reach the
    // recorder, which keeps recording. (Logged, not asserted: a future ffmpeg
    // that exits with its parent would make the fix below unnecessary, not wrong.)
    const orphanSurvived = running(orphanPid);
    console.info(`recorder ffmpeg ${orphanPid} ${orphanSurvived ? 'survived' : 'did not survive'} the SIGKILL of its core`);

    core = await startCoreChild(tmp.dir);
    const restartedAt = Date.now();
    token = await signInAdmin(core.url, false);
    // The restarted core ends the orphan before starting its own recorder…
    await until('the orphaned recorder to be ended', () => !running(orphanPid), 10_000, 100);
    // …and resumes recording.
    await until('recording to resume', () => segs().some((s) => s.startMs >= restartedAt - 1000), 45_000);
    const now = processesMentioning(marker);
    expect(now.map((p) => p.ppid)).toEqual([core.pid]);
    expect(now[0]!.pid).not.toBe(orphanPid);

    const after = segs();
    // Every segment closed before the kill is still indexed, with its hash.
    for (const b of before) expect(after).toContainEqual(b);
    for (const s of after) {
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.frameCount).toBeGreaterThan(0);
    }
    // The segment open at the kill (and any the orphan wrote before it was
    // ended) was recovered from disk: at most the open segment's last fragment is lost.
    const recovered = after.filter((s) => s.startMs > lastBefore.startMs && s.startMs < restartedAt - 1000);
    expect(recovered.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...recovered.map((s) => s.endMs))).toBeGreaterThanOrEqual(killedAt - 3000);
    // Every segment file on disk is in the index (the core writes and indexes
    // each in one step), and the dead core's run file was cut and deleted:
    // only the run being recorded now is left.
    const indexed = new Set(after.map((s) => path.basename(s.path)));
    const files = readdirSync(camDir).filter((n) => n.startsWith('seg-') && n.endsWith('.mp4')).sort();
    expect(files.filter((n) => !indexed.has(n))).toEqual([]);
    expect(readdirSync(camDir).filter((n) => n.startsWith('run-'))).toHaveLength(1);

    // The outage is a recorded gap (not a silent jump), closed where footage resumes.
    const firstNew = after.find((s) => s.startMs >= restartedAt - 1000)!;
    const lastOld = after.filter((s) => s.startMs < firstNew.startMs).at(-1)!;
    const outage = gaps().find((g) => g.startMs >= lastOld.endMs - 1000 && g.startMs <= firstNew.startMs);
    expect(outage).toBeDefined();
    // The gap carries the latest reason footage is missing: the crash, or —
    // when GStreamer's test server answers the new recorder's first request
    // with 503 while it is still tearing down the killed orphan's session
    // (seen once under a full test run) — that refusal.
    expect(['recorder-stopped', 'unknown', 'unavailable']).toContain(outage!.cause);
    expect(outage!.endMs).toBe(firstNew.startMs);
    // No hole anywhere in the timeline without a gap over it.
    for (let i = 1; i < after.length; i++) {
      const [a, b] = [after[i - 1]!, after[i]!];
      if (b.startMs - a.endMs <= 1500) continue;
      expect(gaps().some((g) => g.startMs <= a.endMs + 1000 && (g.endMs ?? Infinity) >= b.startMs - 1000), `hole ${a.endMs}..${b.startMs}`).toBe(true);
    }

    const status = await call(core.url, 'getRecorder', { token, params: { cameraId } });
    expect(status.json.state).toBe('recording');
    expect(integrityCheck(tmp.dir)).toBe('ok');

    // A clean stop leaves nothing of ours running.
    await core.stop();
    core = null;
    expect(processesMentioning(tmp.dir)).toEqual([]);
    expect(integrityCheck(tmp.dir)).toBe('ok');
  }, 150_000);

  it('never kills a process a stale pid file names unless it is the same process and still ours', async () => {
    const marker = path.join(tmp.dir, 'stale-test', 'seg-%Y.mp4');
    const pidFile = path.join(tmp.dir, 'stale-test.pid');
    // Stands in for a recorder: a process (own group, like the supervisor's) whose argv carries the marker.
    const start = () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', marker], { stdio: 'ignore', detached: true });
    const victim = start();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore', detached: true });
    let unrecorded: ReturnType<typeof start> | null = null;
    try {
      await until('both to run', () => running(victim.pid!) && running(other.pid!), 5000, 50);
      // A pid now used by another process (start time differs): left alone.
      writeFileSync(pidFile, JSON.stringify({ pid: victim.pid, startTime: '1', marker, writtenAt: 0 }));
      expect(stopStaleProcesses({ pidFile, marker, program: 'no-such-program' })).toEqual([expect.objectContaining({ kind: 'not-ours', pid: victim.pid })]);
      // The same process, but its command line lacks our marker: left alone.
      expect(writePidFile(pidFile, other.pid!, marker)).toBe(true);
      expect(readPidFile(pidFile)?.startTime).toBe(processInfo(other.pid!)?.startTime);
      expect(stopStaleProcesses({ pidFile, marker, program: 'no-such-program' })).toEqual([expect.objectContaining({ kind: 'not-ours', pid: other.pid })]);
      expect(running(victim.pid!) && running(other.pid!)).toBe(true);
      // The same process and ours: ended, and the pid file removed.
      expect(writePidFile(pidFile, victim.pid!, marker)).toBe(true);
      expect(stopStaleProcesses({ pidFile, marker, program: path.basename(process.execPath) })).toEqual([{ kind: 'killed', pid: victim.pid, how: 'pid-file' }]);
      expect(running(victim.pid!)).toBe(false);
      expect(readPidFile(pidFile)).toBeNull();
      // No pid file (killed before it was written): found by its marker on Linux.
      const u = (unrecorded = start());
      await until('it to run', () => running(u.pid!), 5000, 50);
      expect(stopStaleProcesses({ pidFile, marker, program: path.basename(process.execPath) })).toEqual([{ kind: 'killed', pid: u.pid, how: 'scan' }]);
      expect(running(other.pid!)).toBe(true);
    } finally {
      for (const p of [victim, other, unrecorded]) if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }
  });
});
