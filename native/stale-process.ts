import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Children a crashed core left behind.
 *
 * Every long-running child is spawned in its own process group (so stop()
 * reaches all of it), which also means a core killed with SIGKILL (or the
 * OOM killer, or a power-button shutdown of Electron) does not take its
 * ffmpeg recorders with it: ProcessOwner's exit hook never runs. Verified
 * with ffmpeg 5.1: an orphaned recorder keeps writing its file indefinitely.
 * Its stdin reaching EOF does not stop it (ffmpeg only acts on a 'q' byte),
 * and it ignores SIGPIPE, so losing the reader of its stdout does not stop
 * it either. A restarted core would then have two ffmpeg
 * writing one camera's folder.
 *
 * So the owner of such a child writes a pid file naming the pid AND the
 * process's start time (a pid alone may have been reused by an unrelated
 * process since), and on the next start asks this module to end whatever
 * that file names, but only if it is still the same process and its command
 * line still carries the owner's marker (e.g. the recorder's `recorder=<camera folder>` argument).
 *
 * Linux reads /proc; other POSIX systems ask `ps`; on Windows nothing can be
 * verified and nothing is killed (best effort, reported as 'unverifiable').
 */

export interface ProcessInfo {
  pid: number;
  /** Opaque: /proc/<pid>/stat starttime (clock ticks since boot) on Linux, `ps -o lstart=` elsewhere. */
  startTime: string;
  /** argv; on non-Linux POSIX one element holding the whole command line. */
  argv: string[];
  /** A zombie has exited; only its parent's wait() is missing. */
  zombie: boolean;
}

export interface PidFileRecord {
  pid: number;
  startTime: string;
  /** A string the process's command line must contain for it to be ours (e.g. an output path). */
  marker: string;
  writtenAt: number;
}

export type StaleOutcome =
  | { kind: 'none' }
  | { kind: 'killed'; pid: number; how: 'pid-file' | 'scan' }
  | { kind: 'not-ours'; pid: number; why: string }
  | { kind: 'unverifiable'; pid: number; why: string };

const isLinux = process.platform === 'linux';

function readProcStat(pid: number): { startTime: string; state: string; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) is in parentheses and may itself hold spaces or ')':
    // the fields after the LAST ')' are fixed. state is field 3, ppid 4, starttime 22.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0] ?? '';
    const ppid = Number(rest[1]);
    const startTime = rest[19];
    if (!startTime) return null;
    return { startTime, state, ppid };
  } catch {
    return null;
  }
}

function readProcArgv(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`);
    return raw.toString('utf8').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
  } catch {
    return null;
  }
}

function psField(pid: number, field: string): string | null {
  try {
    const out = execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000, windowsHide: true }).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** What the system says about a pid now, or null when it is gone (or, on Windows, unknowable). */
export function processInfo(pid: number): ProcessInfo | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (isLinux) {
    const stat = readProcStat(pid);
    if (!stat) return null;
    return { pid, startTime: stat.startTime, argv: readProcArgv(pid) ?? [], zombie: stat.state === 'Z' || stat.state === 'X' };
  }
  if (process.platform === 'win32') return null;
  const lstart = psField(pid, 'lstart');
  if (!lstart) return null;
  const state = psField(pid, 'state') ?? '';
  return { pid, startTime: lstart, argv: [psField(pid, 'command') ?? ''], zombie: state.startsWith('Z') };
}

/** Whether pid is running (not gone, not a zombie). */
export function processRunning(pid: number): boolean {
  const info = processInfo(pid);
  if (info) return !info.zombie;
  if (process.platform !== 'win32') return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Records a child just spawned. Written whole then renamed, so a crash
 * mid-write leaves the previous file or the new one, never half of one.
 * Returns false (and writes nothing) where the start time cannot be read.
 */
export function writePidFile(file: string, pid: number, marker: string): boolean {
  const info = processInfo(pid);
  if (!info) return false;
  const rec: PidFileRecord = { pid, startTime: info.startTime, marker, writtenAt: Date.now() };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(rec)}\n`);
  renameSync(tmp, file);
  return true;
}

export function readPidFile(file: string): PidFileRecord | null {
  try {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidFileRecord>;
    if (!Number.isInteger(rec.pid) || typeof rec.startTime !== 'string' || typeof rec.marker !== 'string') return null;
    return { pid: rec.pid!, startTime: rec.startTime, marker: rec.marker, writtenAt: Number(rec.writtenAt) || 0 };
  } catch {
    return null;
  }
}

/** Removes the pid file, but only while it still names `pid` (a newer child may have replaced it). */
export function removePidFile(file: string, pid?: number): void {
  if (pid !== undefined && readPidFile(file)?.pid !== pid) return;
  rmSync(file, { force: true });
}

/** Linux: pids (not ours, not zombies) whose argv holds `marker` exactly and whose program is `program` (basename prefix). */
export function findProcessesWithArg(marker: string, program: string): number[] {
  if (!isLinux) return [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    const argv = readProcArgv(pid);
    if (!argv || !argv.includes(marker)) continue;
    if (!path.basename(argv[0] ?? '').startsWith(program)) continue;
    const stat = readProcStat(pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') continue;
    found.push(pid);
  }
  return found;
}

/** Blocks up to `ms` (short waits only: this runs once per recorder start after a crash). */
function waitGone(pid: number, ms: number): boolean {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const end = Date.now() + ms;
  while (processRunning(pid)) {
    if (Date.now() > end) return false;
    Atomics.wait(cell, 0, 0, 5);
  }
  return true;
}

function killGroup(pid: number): void {
  // The stale child led its own group (spawned detached): -pid reaches it
  // and anything it started. If the group is gone, try the pid itself.
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
}

function matches(info: ProcessInfo, marker: string): boolean {
  return isLinux ? info.argv.includes(marker) : info.argv.join(' ').includes(marker);
}

/**
 * Ends the process group a pid file names when it is provably the same
 * process (start time) and still ours (marker in its command line), then, on
 * Linux, any other running `program` whose argv carries the marker (a core
 * killed between spawning a child and writing its pid file). SIGKILL, not a
 * polite stop: its output is already orphaned (nobody reads its list), the
 * files it leaves are fragmented MP4 and lose at most the last fragment, and
 * the caller is about to start a replacement that must not share the folder.
 * Waits (≤ 1 s) for each to be gone. Removes the pid file.
 */
export function stopStaleProcesses(opts: { pidFile: string; marker: string; program: string }): StaleOutcome[] {
  const out: StaleOutcome[] = [];
  const rec = readPidFile(opts.pidFile);
  if (rec) {
    const info = processInfo(rec.pid);
    if (!info && process.platform === 'win32') {
      out.push({ kind: 'unverifiable', pid: rec.pid, why: 'process identity cannot be checked on this system; left alone' });
    } else if (!info || info.zombie) {
      /* exited already */
    } else if (info.startTime !== rec.startTime) {
      out.push({ kind: 'not-ours', pid: rec.pid, why: 'the pid now belongs to a process started at another time (pid reused)' });
    } else if (rec.marker !== opts.marker || !matches(info, opts.marker)) {
      out.push({ kind: 'not-ours', pid: rec.pid, why: 'its command line does not carry our marker' });
    } else {
      killGroup(rec.pid);
      waitGone(rec.pid, 1000);
      out.push({ kind: 'killed', pid: rec.pid, how: 'pid-file' });
    }
  }
  for (const pid of findProcessesWithArg(opts.marker, opts.program)) {
    killGroup(pid);
    waitGone(pid, 1000);
    out.push({ kind: 'killed', pid, how: 'scan' });
  }
  removePidFile(opts.pidFile);
  if (!out.length) out.push({ kind: 'none' });
  return out;
}
