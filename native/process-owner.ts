import type { ChildTracker, TrackedChild } from './child-tracker.js';
import { killProcessGroup } from './kill-process-group.js';
import { runOnce, type RunOnceOptions, type RunOnceResult } from './run-once.js';
import { SupervisedProcess, type SupervisedProcessOptions } from './supervised-process.js';

// One 'exit' listener for every owner, however many there are (a core has
// one per service; tests start several cores), instead of one each.
const liveOwners = new Set<ProcessOwner>();
let exitHookInstalled = false;
function killAllOnExit(): void {
  for (const owner of liveOwners) owner.killAllNow();
}

/**
 * Owns every child process a part of the app starts, so shutdown (and every
 * test's afterEach) can stop them all and prove none is left. Create one per
 * service (or one for the app) and route all spawning through it.
 */
export class ProcessOwner implements ChildTracker {
  private readonly children = new Set<TrackedChild>();
  private readonly supervised = new Set<SupervisedProcess>();
  /**
   * Last resort when the core exits without stopAll() (crash, Ctrl-C):
   * detached children would otherwise outlive it and hold cameras and files.
   */
  killAllNow(): void {
    for (const c of this.children) if (c.pid !== null) killProcessGroup(c.pid, 'SIGKILL');
  }

  constructor(opts: { killOnParentExit?: boolean } = {}) {
    if (opts.killOnParentExit ?? true) {
      liveOwners.add(this);
      if (!exitHookInstalled) {
        process.on('exit', killAllOnExit);
        exitHookInstalled = true;
      }
    }
  }

  track(child: TrackedChild): () => void {
    this.children.add(child);
    return () => {
      this.children.delete(child);
    };
  }

  /** A supervised long-running child owned by this owner (not started yet). */
  supervise(opts: Omit<SupervisedProcessOptions, 'tracker'>): SupervisedProcess {
    const p = new SupervisedProcess({ ...opts, tracker: this });
    this.supervised.add(p);
    return p;
  }

  /** A short-lived command owned by this owner. */
  run(opts: Omit<RunOnceOptions, 'tracker'>): Promise<RunOnceResult> {
    return runOnce({ ...opts, tracker: this });
  }

  /** Pids of every child that is running now. */
  livePids(): number[] {
    const pids: number[] = [];
    for (const c of this.children) if (c.pid !== null) pids.push(c.pid);
    for (const s of this.supervised) if (s.pid !== null && !pids.includes(s.pid)) pids.push(s.pid);
    return pids;
  }

  /** Stops everything (supervised children finalise their files) and waits for it. */
  async stopAll(): Promise<void> {
    const stops: Promise<void>[] = [];
    for (const s of this.supervised) stops.push(s.stop());
    for (const c of [...this.children]) stops.push(c.stop());
    await Promise.allSettled(stops);
    this.supervised.clear();
  }

  /** stopAll() and stop watching for the parent's exit. */
  async dispose(): Promise<void> {
    await this.stopAll();
    liveOwners.delete(this);
  }
}
