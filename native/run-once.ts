import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildTracker } from './child-tracker.js';
import { killProcessGroup, processGroupAlive } from './kill-process-group.js';
import { LineSplitter } from './line-splitter.js';
import { ProcessRunError } from './process-run-error.js';
import { ProgressParser, type FfmpegProgress } from './progress-parser.js';
import { RecentLines } from './recent-lines.js';

export interface RunOnceOptions {
  command: string;
  args: readonly string[];
  /** Added to the parent's environment. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Kill the whole process group after this long. Default 120000; 0 for none. */
  timeoutMs?: number;
  /**
   * Most stdout bytes kept; past it the child is killed and the run fails,
   * so a runaway probe cannot exhaust memory. Default 64 MiB.
   */
  maxOutputBytes?: number;
  /**
   * When set, stdout is read as `-progress pipe:1` output and not kept
   * (the command line must ask ffmpeg for it).
   */
  onProgress?: (progress: FfmpegProgress) => void;
  /** Every stderr line, e.g. to read blackdetect results. */
  onStderrLine?: (line: string) => void;
  signal?: AbortSignal;
  /** Registers the child so its owner's stopAll() can end it. */
  tracker?: ChildTracker;
  /** For error messages; default the command's base name. */
  name?: string;
  /** Stderr lines quoted in errors. Default 15. */
  stderrTailLines?: number;
}

export interface RunOnceResult {
  stdout: Buffer;
  stderrTail: string[];
  exitCode: number;
  durationMs: number;
}

/**
 * Runs a short-lived command (ffprobe, a clip export) to completion. The
 * child gets its own process group so a timeout, abort or stopAll() takes
 * down anything it started as well.
 */
export function runOnce(opts: RunOnceOptions): Promise<RunOnceResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const maxBytes = opts.maxOutputBytes ?? 64 * 1024 * 1024;
  const name = opts.name ?? path.basename(opts.command);
  const tail = new RecentLines(opts.stderrTailLines ?? 15);
  const started = Date.now();

  return new Promise<RunOnceResult>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new ProcessRunError('aborted', opts.command, opts.args, null, null, [], `${name} aborted before start`));
      return;
    }
    const child = spawn(opts.command, [...opts.args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });

    let failure: { kind: 'timeout' | 'output-limit' | 'aborted'; detail: string } | null = null;
    let settled = false;
    const chunks: Buffer[] = [];
    let bytes = 0;
    let exitResolve: () => void = () => {};
    const exited = new Promise<void>((r) => (exitResolve = r));

    const kill = (kind: 'timeout' | 'output-limit' | 'aborted', detail: string): void => {
      if (failure) return;
      failure = { kind, detail };
      if (child.pid !== undefined) killProcessGroup(child.pid, 'SIGKILL');
    };

    const untrack = opts.tracker?.track({
      name,
      get pid() {
        return child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null;
      },
      stop: async () => {
        kill('aborted', `${name} stopped by its owner`);
        await exited;
      },
    });

    const timer = timeoutMs > 0
      ? setTimeout(() => kill('timeout', `${name} timed out after ${timeoutMs} ms`), timeoutMs)
      : null;
    const onAbort = (): void => kill('aborted', `${name} aborted`);
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const progress = opts.onProgress ? new ProgressParser(opts.onProgress) : null;
    const progressLines = progress ? new LineSplitter((l) => progress.line(l)) : null;
    child.stdout.on('data', (chunk: Buffer) => {
      if (progressLines) {
        progressLines.push(chunk);
        return;
      }
      bytes += chunk.length;
      if (bytes > maxBytes) {
        kill('output-limit', `${name} wrote more than ${maxBytes} bytes to stdout`);
        return;
      }
      chunks.push(chunk);
    });
    const stderrLines = new LineSplitter((line) => {
      tail.push(line);
      opts.onStderrLine?.(line);
    });
    child.stderr.on('data', (chunk: Buffer) => stderrLines.push(chunk));

    const finish = (err: Error | null, result?: RunOnceResult): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      untrack?.();
      if (err) reject(err);
      else resolve(result!);
    };

    child.on('error', (err) => {
      exitResolve();
      finish(new ProcessRunError('spawn', opts.command, opts.args, null, null, [],
        `could not start ${name} (${opts.command}): ${err.message}`, { cause: err }));
    });
    child.on('exit', () => {
      // Anything the command left behind in its group goes with it; also
      // unblocks 'close' if a grandchild still holds stdout open.
      if (child.pid !== undefined && processGroupAlive(child.pid)) killProcessGroup(child.pid, 'SIGKILL');
    });
    child.on('close', (code, signal) => {
      exitResolve();
      stderrLines.end();
      progressLines?.end();
      const lines = tail.toArray();
      if (failure) {
        finish(new ProcessRunError(failure.kind, opts.command, opts.args, code, signal, lines, failure.detail));
      } else if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        finish(new ProcessRunError('exit', opts.command, opts.args, code, signal, lines, `${name} ${how}`));
      } else {
        finish(null, { stdout: Buffer.concat(chunks), stderrTail: lines, exitCode: 0, durationMs: Date.now() - started });
      }
    });
  });
}
