import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the media bench reads from Linux's /proc about the processes it
 * measures (a core in its own process and its ffmpeg children).
 */

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every mainstream Linux build). */
export const TICKS_PER_S = 100;

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, ticks. */
  cpuTicks: number;
  /** cutime + cstime: CPU of children it has waited for (short-lived ffprobes), ticks. */
  childCpuTicks: number;
}

/** null when the process has gone. */
export function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // comm is in parentheses and may itself hold spaces or ')': split after the last one.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
  const n = (field: number): number => Number(f[field - 3]);
  return { pid, comm, ppid: n(4), cpuTicks: n(14) + n(15), childCpuTicks: n(16) + n(17) };
}

/** Resident set size in MiB (VmRSS), or null when the process has gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Live children of a process, optionally only those whose command name is `comm`. */
export function childrenOf(ppid: number, comm?: string): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = procStat(Number(name));
    if (s && s.ppid === ppid && (comm === undefined || s.comm === comm)) out.push(s);
  }
  return out;
}
