import { spawn } from 'node:child_process';

/**
 * Signals a child's whole process group. Children are spawned detached (own
 * group, pgid = pid) on POSIX so this reaches anything ffmpeg or a wrapper
 * script started too. Windows has no process groups: `taskkill /T` walks the
 * tree instead, and only a forced kill is possible there.
 *
 * Returns false when there was nothing left to signal.
 */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (process.platform === 'win32') {
    const force = signal === 'SIGKILL' || signal === 'SIGTERM' ? ['/F'] : [];
    const killer = spawn('taskkill', ['/PID', String(pid), '/T', ...force], { stdio: 'ignore', windowsHide: true });
    killer.on('error', () => {});
    return true;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/** Whether any process is left in the group (POSIX) or the pid exists (Windows). */
export function processGroupAlive(pid: number): boolean {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
