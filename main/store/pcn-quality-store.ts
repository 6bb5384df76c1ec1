import type { Db } from './database.js';

export interface QualityAuditRow {
  id: number;
  pcnId: number;
  officerName: string;
  month: string;
  seed: string;
  sampledAt: number;
  sampledBy: string;
  checks: Record<string, boolean> | null;
  passed: boolean | null;
  notes: string;
  checkedAt: number | null;
  checkedBy: string | null;
}

const columns = `id, pcn_id AS pcnId, officer_name AS officerName, month, seed, sampled_at AS sampledAt, sampled_by AS sampledBy, checks, passed, notes,
  checked_at AS checkedAt, checked_by AS checkedBy`;
type Raw = Omit<QualityAuditRow, 'checks' | 'passed'> & { checks: string | null; passed: number | null };
const toRow = (r: Raw): QualityAuditRow => ({ ...r, checks: r.checks === null ? null : (JSON.parse(r.checks) as Record<string, boolean>), passed: r.passed === null ? null : r.passed === 1 });

/** Supervisors' quality audits of sampled PCNs. */
export class PcnQualityStore {
  constructor(private readonly db: Db) {}

  /** Adds sampled PCNs not already in an audit; returns how many were new. */
  addSample(rows: readonly Omit<QualityAuditRow, 'id' | 'checks' | 'passed' | 'notes' | 'checkedAt' | 'checkedBy'>[]): number {
    const stmt = this.db.prepare(`INSERT OR IGNORE INTO pcn_quality_audits (pcn_id, officer_name, month, seed, sampled_at, sampled_by)
      VALUES (@pcnId, @officerName, @month, @seed, @sampledAt, @sampledBy)`);
    return this.db.transaction(() => rows.reduce((n, r) => n + stmt.run(r).changes, 0))();
  }

  byId(id: number): QualityAuditRow | undefined {
    const r = this.db.prepare(`SELECT ${columns} FROM pcn_quality_audits WHERE id = ?`).get(id) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  list(month?: string): QualityAuditRow[] {
    const rows = month === undefined
      ? this.db.prepare(`SELECT ${columns} FROM pcn_quality_audits ORDER BY month DESC, officer_name, id`).all()
      : this.db.prepare(`SELECT ${columns} FROM pcn_quality_audits WHERE month = ? ORDER BY officer_name, id`).all(month);
    return (rows as Raw[]).map(toRow);
  }

  record(id: number, checks: Record<string, boolean>, passed: boolean, notes: string, by: string, at: number): void {
    this.db.prepare('UPDATE pcn_quality_audits SET checks = ?, passed = ?, notes = ?, checked_by = ?, checked_at = ? WHERE id = ?').run(JSON.stringify(checks), passed ? 1 : 0, notes, by, at, id);
  }
}
