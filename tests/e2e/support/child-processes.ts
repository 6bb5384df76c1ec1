import { readdirSync, readFileSync } from 'node:fs';

/**
 * Live child processes of this process, read from /proc (so the check itself
 * starts nothing). Zombies are left out: they have exited and only wait to be reaped.
 */
export function liveChildProcesses(parent = process.pid): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …; comm may contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (Number(ppid) === parent && state !== 'Z') found.push(`${entry} ${comm}`);
  }
  return found;
}

export async function waitForNoChildren(timeoutMs = 5_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  let left = liveChildProcesses();
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = liveChildProcesses();
  }
  return left;
}
