// The core under a crash test runs as a CHILD process (`cctv serve`), so the
// test can SIGKILL it the way the OOM killer or a power-button would, then
// start it again on the same data folder. Also: /proc helpers to find the
// processes a core left behind (Linux; the crash tests run there).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { call } from './api-client.js';

const root = path.resolve(import.meta.dirname, '..', '..');
export const PASSWORD = 'a long test passphrase';

export interface CoreChild {
  pid: number;
  url: string;
  /** Everything it printed (for failure messages). */
  output(): string;
  /** Resolves with the signal/code once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The crash: SIGKILL, no shutdown code runs. Resolves once it is gone. */
  kill(): Promise<void>;
  /** A clean stop (SIGTERM → core.stop()); SIGKILL after 20 s. */
  stop(): Promise<void>;
}

export async function startCoreChild(dataDir: string, timeoutMs = 30_000): Promise<CoreChild> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin', 'cctv.mjs'), 'serve', '--data', dataDir, '--port', '0', '--duration', '600'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`core did not listen within ${timeoutMs} ms:\n${out.slice(-2000)}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then((e) => {
      clearTimeout(timer);
      reject(new Error(`core exited (${e.code ?? e.signal}) before listening:\n${out.slice(-2000)}`));
    });
  });
  const gone = async (signal: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(t);
  };
  return {
    pid: child.pid!,
    url,
    output: () => out,
    exited,
    kill: () => gone('SIGKILL', 5000),
    stop: () => gone('SIGTERM', 20_000),
  };
}

/** Creates the first administrator (first start only) and signs in. */
export async function signInAdmin(url: string, first: boolean): Promise<string> {
  if (first) {
    const a = await call(url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password: PASSWORD } });
    if (a.status !== 200) throw new Error(`first admin: ${JSON.stringify(a.json)}`);
  }
  const r = await call(url, 'login', { body: { username: 'admin', password: PASSWORD } });
  if (r.status !== 200) throw new Error(`login: ${JSON.stringify(r.json)}`);
  return r.json.token as string;
}

/** The store file, opened read-only (WAL lets it sit beside a running core). */
export function openStoreReadOnly(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, 'workstation.sqlite'), { readonly: true, fileMustExist: true });
}

export function integrityCheck(dataDir: string): string {
  const db = openStoreReadOnly(dataDir);
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

export interface ProcEntry {
  pid: number;
  ppid: number;
  state: string;
  argv: string[];
}

function procEntry(pid: number): ProcEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(rest[1]), state: rest[0] ?? '', argv };
  } catch {
    return null;
  }
}

/** Live (non-zombie) processes whose command line mentions `needle` (e.g. a data folder). */
export function processesMentioning(needle: string): ProcEntry[] {
  const found: ProcEntry[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    const p = procEntry(Number(e));
    if (p && p.state !== 'Z' && p.state !== 'X' && p.argv.some((a) => a.includes(needle))) found.push(p);
  }
  return found;
}

/** Whether pid is running (a zombie is not: it has exited, only its reaping is missing). */
export function running(pid: number): boolean {
  const p = procEntry(pid);
  return p !== null && p.state !== 'Z' && p.state !== 'X';
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(stepMs);
  }
}
