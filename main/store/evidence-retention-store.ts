import type { Db } from './database.js';

export interface RetentionRunRow {
  id: number;
  at: number;
  by: string;
  summary: Record<string, unknown>;
}

/**
 * The data-protection schedule's deletions across kinds of data other
 * features own (ANPR reads and pictures, candidate events). Each rule keeps
 * what a case or an open review still needs; the evidence feature calls it,
 * logs it and writes the run here.
 */
export class EvidenceRetentionStore {
  constructor(private readonly db: Db) {}

  /**
   * Candidate events older than the cut-off that never became a PCN and that
   * nobody is reviewing now (their reads go with them; event_reads cascades).
   */
  deleteStaleEvents(cutoffMs: number): number {
    return this.db
      .prepare(`DELETE FROM events WHERE last_seen_at < ? AND status <> 'in-review'
        AND NOT EXISTS (SELECT 1 FROM pcns p WHERE p.event_id = events.id)`)
      .run(cutoffMs).changes;
  }

  /** Pictures of reads older than the cut-off that no event holds; returns the hashes whose last reference went. */
  deleteImagesOfUnlinkedReads(cutoffMs: number): { rows: number; orphanedHashes: string[] } {
    return this.db.transaction(() => {
      const hashes = (this.db
        .prepare(`SELECT DISTINCT i.sha256 AS sha FROM anpr_images i JOIN anpr_reads r ON r.id = i.read_id
          WHERE r.read_at < ? AND NOT EXISTS (SELECT 1 FROM event_reads er WHERE er.read_id = r.id)`)
        .all(cutoffMs) as { sha: string }[]).map((x) => x.sha);
      const rows = this.db
        .prepare(`DELETE FROM anpr_images WHERE read_id IN (SELECT r.id FROM anpr_reads r WHERE r.read_at < ?
          AND NOT EXISTS (SELECT 1 FROM event_reads er WHERE er.read_id = r.id))`)
        .run(cutoffMs).changes;
      const still = this.db.prepare('SELECT 1 FROM anpr_images WHERE sha256 = ? LIMIT 1');
      return { rows, orphanedHashes: hashes.filter((h) => still.get(h) === undefined) };
    })();
  }

  /** Reads older than the cut-off that no event holds (their pictures cascade; call deleteImagesOfUnlinkedReads first for the files). */
  deleteUnlinkedReads(cutoffMs: number): number {
    return this.db
      .prepare(`DELETE FROM anpr_reads WHERE read_at < ? AND NOT EXISTS (SELECT 1 FROM event_reads er WHERE er.read_id = anpr_reads.id)`)
      .run(cutoffMs).changes;
  }

  /** Closed or cancelled cases whose last change is older than the cut-off: due for review against the records schedule. */
  casesPastRetention(cutoffMs: number): { id: number; reference: string; closedAt: number | null }[] {
    return this.db
      .prepare(`SELECT id, reference, closed_at AS closedAt FROM pcns WHERE stage IN ('closed', 'cancelled', 'paid-discount', 'paid-full', 'representation-accepted')
        AND coalesce(closed_at, updated_at) < ? ORDER BY id LIMIT 1000`)
      .all(cutoffMs) as { id: number; reference: string; closedAt: number | null }[];
  }

  recordRun(r: Omit<RetentionRunRow, 'id'>): RetentionRunRow {
    const id = Number(this.db.prepare('INSERT INTO retention_runs (at, by, summary) VALUES (?, ?, ?)').run(r.at, r.by, JSON.stringify(r.summary)).lastInsertRowid);
    return { id, ...r };
  }

  runs(limit: number): RetentionRunRow[] {
    return (this.db.prepare('SELECT id, at, by, summary FROM retention_runs ORDER BY id DESC LIMIT ?').all(limit) as (Omit<RetentionRunRow, 'summary'> & { summary: string })[]).map((r) => ({ ...r, summary: JSON.parse(r.summary) as Record<string, unknown> }));
  }

  lastRunAt(): number | null {
    return (this.db.prepare('SELECT max(at) AS at FROM retention_runs').get() as { at: number | null }).at;
  }
}
