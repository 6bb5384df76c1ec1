/**
 * What an owner needs to know about a child it must be able to stop. Kept
 * apart from ProcessOwner so run-once and the supervisor can register with an
 * owner without importing it.
 */
export interface TrackedChild {
  readonly name: string;
  /** Current pid, or null when nothing is running (e.g. between restarts). */
  readonly pid: number | null;
  /** Stops it for good; resolves when the process (group) is gone. */
  stop(): Promise<void>;
}

export interface ChildTracker {
  /** Registers a child; the returned function unregisters it. */
  track(child: TrackedChild): () => void;
}
