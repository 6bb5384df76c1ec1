import type { FaultCode, ProbeKind, ProbeOutcome } from './health-types.js';

/**
 * Counts consecutive failures per camera and probe kind (pure, in memory),
 * and says when a defect should open or close:
 *  - open when the same fault has been seen `failuresToOpen` times in a row
 *    (said again on every further failure; the caller opens one defect);
 *    its outage starts at the first of those failures;
 *  - close when that probe kind passes again; the outage ends at that
 *    first passing probe.
 * A different fault of the same kind restarts the count (a camera going
 * from black to frozen is a new fault, not a longer one).
 */

export interface Streak {
  fault: FaultCode;
  count: number;
  firstAt: number;
}

export type StreakAction =
  | { type: 'none' }
  | { type: 'open'; fault: FaultCode; outageStart: number; reason: string | null }
  | { type: 'recovered'; kind: ProbeKind; at: number };

export class FailureStreaks {
  private readonly streaks = new Map<string, Streak>();

  constructor(private readonly failuresToOpen: number) {}

  observe(o: Pick<ProbeOutcome, 'cameraId' | 'kind' | 'at' | 'status' | 'fault' | 'reason'>): StreakAction {
    const key = `${o.cameraId}:${o.kind}`;
    if (o.status === 'ok' || o.fault === null) {
      this.streaks.delete(key);
      return { type: 'recovered', kind: o.kind, at: o.at };
    }
    const s = this.streaks.get(key);
    const next: Streak = s && s.fault === o.fault ? { ...s, count: s.count + 1 } : { fault: o.fault, count: 1, firstAt: o.at };
    this.streaks.set(key, next);
    if (next.count >= this.failuresToOpen) return { type: 'open', fault: o.fault, outageStart: next.firstAt, reason: o.reason };
    return { type: 'none' };
  }

  current(cameraId: number, kind: ProbeKind): Streak | undefined {
    return this.streaks.get(`${cameraId}:${kind}`);
  }

  forget(cameraId: number): void {
    for (const k of [...this.streaks.keys()]) if (k.startsWith(`${cameraId}:`)) this.streaks.delete(k);
  }
}
