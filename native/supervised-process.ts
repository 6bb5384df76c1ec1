import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { backoffDelay, resolveBackoff, type BackoffOptions, type ResolvedBackoff } from './backoff.js';
import type { ChildTracker } from './child-tracker.js';
import { killProcessGroup, processGroupAlive } from './kill-process-group.js';
import { LineSplitter } from './line-splitter.js';
import { LogRateLimiter } from './log-rate-limiter.js';
import { RecentLines } from './recent-lines.js';
import { silentLogger } from './silent-logger.js';

/**
 * idle → starting → running → stopping → stopped, with
 * running/starting → backoff → starting when the child dies unexpectedly, and
 * → failed when it cannot be started at all or gives up after maxRestarts.
 */
export type SupervisorState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'backoff' | 'failed';

/**
 * How to ask the child to finish. ffmpeg writing MP4 must write its trailer
 * (or finish the fragment) to leave a playable file: 'q' on stdin and SIGINT
 * both make it finish cleanly; SIGTERM does too on POSIX but is the generic
 * choice for non-ffmpeg children. Whatever is chosen, the whole group gets
 * SIGKILL if it has not gone after stopTimeoutMs.
 */
export type StopMethod = 'q' | 'SIGINT' | 'SIGTERM';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when it exited because stop() asked it to. */
  requested: boolean;
  uptimeMs: number;
  at: number;
}

export interface SupervisedProcessOptions {
  /** For logs and errors, e.g. "recorder cam-12". */
  name: string;
  command: string;
  /** A function is called at every (re)start, e.g. to pick fresh output names. */
  args: readonly string[] | (() => readonly string[]);
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  logger?: Logger;
  /** Default 'q' (ffmpeg). */
  stopMethod?: StopMethod;
  /** Default 5000. */
  stopTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Consecutive unexpected exits before giving up ('failed'). Default Infinity: cameras come back. */
  maxRestarts?: number;
  onStdoutLine?: (line: string) => void;
  /** Stderr lines logged per window; the rest are counted and summarised. Default 20 per 10 s. */
  stderrLogLimit?: { maxPerWindow: number; windowMs: number };
  tracker?: ChildTracker;
  /** Injectable for tests of the backoff. */
  random?: () => number;
}

interface SupervisorEvents {
  state: [to: SupervisorState, from: SupervisorState];
  spawn: [pid: number];
  exit: [info: ExitInfo];
  'restart-scheduled': [info: { attempt: number; delayMs: number }];
  'stdout-line': [line: string];
  'stderr-line': [line: string];
  failed: [error: Error];
}

/** Exit codes that mean "this will never work", so retrying is pointless. */
const FATAL_SPAWN_ERRORS = new Set(['ENOENT', 'EACCES', 'ENOEXEC', 'EISDIR']);

/**
 * Keeps one long-running child alive (a recorder, a live-view packager) and
 * stops it cleanly. It never restarts after stop().
 */
export class SupervisedProcess extends EventEmitter<SupervisorEvents> {
  private currentState: SupervisorState = 'idle';
  private child: ChildProcess | null = null;
  private startedAt: number | null = null;
  private attempt = 0;
  private consecutiveFailures = 0;
  private restarts = 0;
  private lastExitInfo: ExitInfo | null = null;
  private backoffTimer: NodeJS.Timeout | null = null;
  private killTimers: NodeJS.Timeout[] = [];
  private stopRequested = false;
  private stopPromise: Promise<void> | null = null;
  private childClosed: Promise<void> = Promise.resolve();
  private readonly backoff: ResolvedBackoff;
  private readonly logger: Logger;
  private readonly stderrLimiter: LogRateLimiter;
  private readonly stderrTail = new RecentLines(20);
  private untrack: (() => void) | null = null;
  private lastError: Error | null = null;

  constructor(private readonly opts: SupervisedProcessOptions) {
    super();
    this.backoff = resolveBackoff(opts.backoff);
    this.logger = (opts.logger ?? silentLogger).child({ proc: opts.name });
    const limit = opts.stderrLogLimit ?? { maxPerWindow: 20, windowMs: 10_000 };
    this.stderrLimiter = new LogRateLimiter(limit.maxPerWindow, limit.windowMs);
    // Failures are emitted as 'failed', not 'error': EventEmitter throws an
    // unobserved 'error', and a dead camera must not crash the core.
  }

  get name(): string {
    return this.opts.name;
  }

  get state(): SupervisorState {
    return this.currentState;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Restarts after unexpected exits, since construction. */
  get restartCount(): number {
    return this.restarts;
  }

  get lastExit(): ExitInfo | null {
    return this.lastExitInfo;
  }

  /** How long the current child has been running, or null. */
  get uptimeMs(): number | null {
    return this.currentState === 'running' && this.startedAt !== null ? Date.now() - this.startedAt : null;
  }

  /** Why it is 'failed', when it is. */
  get failure(): Error | null {
    return this.lastError;
  }

  /** Last stderr lines (for a health page or a failure report). */
  recentStderr(): string[] {
    return this.stderrTail.toArray();
  }

  /** Starts it from idle, stopped or failed; does nothing if already running. */
  start(): void {
    if (!['idle', 'stopped', 'failed'].includes(this.currentState)) return;
    this.stopRequested = false;
    this.stopPromise = null;
    this.attempt = 0;
    this.consecutiveFailures = 0;
    this.lastError = null;
    if (this.opts.tracker && !this.untrack) {
      this.untrack = this.opts.tracker.track(this);
    }
    this.spawnChild();
  }

  /** Stops the child (finalising its output) and any pending restart. Resolves when the group is gone. */
  stop(): Promise<void> {
    this.stopRequested = true;
    if (this.stopPromise) return this.stopPromise;
    this.stopPromise = this.doStop().finally(() => {
      this.untrack?.();
      this.untrack = null;
    });
    return this.stopPromise;
  }

  private async doStop(): Promise<void> {
    if (this.backoffTimer) {
      clearTimeout(this.backoffTimer);
      this.backoffTimer = null;
    }
    const child = this.child;
    if (!child || child.pid === undefined) {
      this.setState('stopped');
      return;
    }
    this.setState('stopping');
    const pid = child.pid;
    const method = this.opts.stopMethod ?? 'q';
    const timeout = this.opts.stopTimeoutMs ?? 5000;
    if (method === 'q') {
      try {
        child.stdin?.write('q');
        child.stdin?.end();
      } catch {
        killProcessGroup(pid, 'SIGINT');
      }
      // A child that ignores 'q' (not ffmpeg, or wedged) gets SIGINT half way.
      this.killTimers.push(setTimeout(() => killProcessGroup(pid, 'SIGINT'), timeout / 2));
    } else {
      killProcessGroup(pid, method);
    }
    this.killTimers.push(setTimeout(() => {
      this.logger.warn({ pid }, `did not stop within ${timeout} ms; killing its process group`);
      killProcessGroup(pid, 'SIGKILL');
    }, timeout));
    await this.childClosed;
  }

  private resolveArgs(): string[] {
    const a = this.opts.args;
    return [...(typeof a === 'function' ? a() : a)];
  }

  private spawnChild(): void {
    this.setState('starting');
    let args: string[];
    try {
      args = this.resolveArgs();
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const useStdin = (this.opts.stopMethod ?? 'q') === 'q';
    const child = spawn(this.opts.command, args, {
      cwd: this.opts.cwd,
      env: { ...process.env, ...this.opts.env },
      stdio: [useStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      // Own process group: stop() and stopAll() signal -pid and so reach
      // everything the child started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.child = child;
    let closedResolve: () => void = () => {};
    this.childClosed = new Promise<void>((r) => (closedResolve = r));
    let spawnError: NodeJS.ErrnoException | null = null;

    // EPIPE when the child has already gone: nothing to do, exit handling follows.
    child.stdin?.on('error', () => {});

    const stdout = new LineSplitter((line) => {
      this.opts.onStdoutLine?.(line);
      this.emit('stdout-line', line);
    });
    const stderr = new LineSplitter((line) => this.onStderrLine(line));
    child.stdout?.on('data', (c: Buffer) => stdout.push(c));
    child.stderr?.on('data', (c: Buffer) => stderr.push(c));

    child.on('spawn', () => {
      this.startedAt = Date.now();
      if (this.currentState === 'starting') this.setState('running');
      if (child.pid !== undefined) this.emit('spawn', child.pid);
      this.logger.info({ pid: child.pid }, 'started');
      // stop() may have been called while starting: it is waiting on us.
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      // 'error' without a pid means it never started; 'close' still follows.
      if (child.pid === undefined) spawnError = err;
      else this.logger.warn({ err: err.message }, 'child process error');
    });
    child.on('exit', () => {
      if (child.pid !== undefined && processGroupAlive(child.pid)) killProcessGroup(child.pid, 'SIGKILL');
    });
    child.on('close', (code, signal) => {
      stdout.end();
      stderr.end();
      const dropped = this.stderrLimiter.takeDropped();
      if (dropped > 0) this.logger.warn(`${dropped} stderr lines suppressed`);
      for (const t of this.killTimers) clearTimeout(t);
      this.killTimers = [];
      const now = Date.now();
      const uptimeMs = this.startedAt !== null ? now - this.startedAt : 0;
      this.child = null;
      this.startedAt = null;
      const info: ExitInfo = { code, signal, requested: this.stopRequested, uptimeMs, at: now };
      this.lastExitInfo = info;
      closedResolve();
      this.emit('exit', info);
      if (this.stopRequested) {
        this.logger.info({ code, signal }, 'stopped');
        this.setState('stopped');
        return;
      }
      if (spawnError && FATAL_SPAWN_ERRORS.has(spawnError.code ?? '')) {
        this.fail(new Error(`could not start ${this.opts.name} (${this.opts.command}): ${spawnError.message}`));
        return;
      }
      this.logger.warn({ code, signal, uptimeMs, stderr: this.stderrTail.toArray().slice(-5) }, 'exited unexpectedly');
      this.scheduleRestart(uptimeMs);
    });
  }

  private onStderrLine(line: string): void {
    this.stderrTail.push(line);
    this.emit('stderr-line', line);
    const { allowed, droppedBefore } = this.stderrLimiter.take();
    if (droppedBefore > 0) this.logger.warn(`${droppedBefore} stderr lines suppressed`);
    if (!allowed) return;
    // ffmpeg with -loglevel level+… prefixes each line with its level.
    if (/\[(error|fatal|panic)\]/.test(line)) this.logger.error(line);
    else this.logger.warn(line);
  }

  private scheduleRestart(uptimeMs: number): void {
    // A child that ran healthily for a while gets a fresh schedule: a camera
    // that drops once a day should come back after minMs, not maxMs.
    if (uptimeMs >= this.backoff.resetAfterMs) {
      this.attempt = 0;
      this.consecutiveFailures = 0;
    }
    this.consecutiveFailures++;
    const max = this.opts.maxRestarts ?? Infinity;
    if (this.consecutiveFailures > max) {
      this.fail(new Error(`${this.opts.name} exited ${this.consecutiveFailures} times in a row; giving up`));
      return;
    }
    const delayMs = backoffDelay(this.backoff, this.attempt, this.opts.random);
    const attempt = this.attempt;
    this.attempt++;
    this.setState('backoff');
    this.emit('restart-scheduled', { attempt, delayMs });
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = null;
      if (this.stopRequested || this.currentState !== 'backoff') return;
      this.restarts++;
      this.spawnChild();
    }, delayMs);
  }

  private fail(error: Error): void {
    this.lastError = error;
    this.logger.error({ err: error.message }, 'failed');
    this.setState('failed');
    this.untrack?.();
    this.untrack = null;
    this.emit('failed', error);
  }

  private setState(to: SupervisorState): void {
    const from = this.currentState;
    if (from === to) return;
    this.currentState = to;
    this.emit('state', to, from);
  }
}
