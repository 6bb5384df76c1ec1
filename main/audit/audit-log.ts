import { createHash } from 'node:crypto';
import type { AuditRow, AuditStore } from '../store/audit-store.js';

export interface Actor {
  id: number | null;
  name: string;
}

export const systemActor: Actor = { id: null, name: 'system' };

const genesis = '0'.repeat(64);

/** The canonical text an entry's hash covers: every field but the hash, in a fixed order. */
function canonical(e: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([e.seq, e.at, e.actorId, e.actorName, e.action, e.subject, e.details, e.prevHash]);
}

function hashOf(e: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonical(e)).digest('hex');
}

/**
 * The append-only, hash-chained audit log: every login, view of footage or a
 * case, export, decision and change to the white list, cameras and users.
 * Each entry's hash covers the previous entry's hash, so editing or removing
 * any entry breaks every hash after it.
 */
export class AuditLog {
  constructor(private readonly store: AuditStore, private readonly now: () => number = Date.now) {}

  record(actor: Actor, action: string, subject: string, details: Record<string, unknown> = {}): AuditRow {
    return this.store.append((prev) => {
      const entry = {
        seq: (prev?.seq ?? 0) + 1,
        at: this.now(),
        actorId: actor.id,
        actorName: actor.name,
        action,
        subject,
        details: JSON.stringify(details),
        prevHash: prev?.hash ?? genesis,
      };
      return { ...entry, hash: hashOf(entry) };
    });
  }

  /** Walks the whole chain; returns the first break found, or ok. */
  verify(): { ok: true; entries: number } | { ok: false; entries: number; seq: number; problem: string } {
    let prevHash = genesis;
    let expectedSeq = 1;
    let n = 0;
    for (const row of this.store.iterate()) {
      n++;
      if (row.seq !== expectedSeq) return { ok: false, entries: n, seq: row.seq, problem: `entry ${expectedSeq} is missing (found ${row.seq} next)` };
      if (row.prevHash !== prevHash) return { ok: false, entries: n, seq: row.seq, problem: `entry ${row.seq} does not follow the entry before it (chain broken)` };
      const { hash, ...rest } = row;
      if (hashOf(rest) !== hash) return { ok: false, entries: n, seq: row.seq, problem: `entry ${row.seq} has been altered (hash mismatch)` };
      prevHash = hash;
      expectedSeq++;
    }
    return { ok: true, entries: n };
  }
}
