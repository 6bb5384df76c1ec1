import type { Db } from './database.js';

export interface AuditRow {
  seq: number;
  at: number;
  actorId: number | null;
  actorName: string;
  action: string;
  subject: string;
  details: string;
  prevHash: string;
  hash: string;
}

const columns = 'seq, at, actor_id AS actorId, actor_name AS actorName, action, subject, details, prev_hash AS prevHash, hash';

export class AuditStore {
  constructor(private readonly db: Db) {}

  last(): AuditRow | undefined {
    return this.db.prepare(`SELECT ${columns} FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as AuditRow | undefined;
  }

  /**
   * Appends one entry. `build` receives the previous entry inside the write
   * transaction so that the chain cannot fork when two writers race.
   */
  append(build: (prev: AuditRow | undefined) => Omit<AuditRow, 'seq'> & { seq: number }): AuditRow {
    return this.db
      .transaction(() => {
        const row = build(this.last());
        this.db
          .prepare(`INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(row.seq, row.at, row.actorId, row.actorName, row.action, row.subject, row.details, row.prevHash, row.hash);
        return row;
      })
      .immediate();
  }

  *iterate(): IterableIterator<AuditRow> {
    yield* this.db.prepare(`SELECT ${columns} FROM audit_log ORDER BY seq`).iterate() as IterableIterator<AuditRow>;
  }

  search(q: { from?: number; to?: number; action?: string; actor?: string; text?: string; limit: number }): AuditRow[] {
    return this.db
      .prepare(
        `SELECT ${columns} FROM audit_log
         WHERE (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
           AND (@action IS NULL OR action = @action)
           AND (@actor IS NULL OR actor_name = @actor)
           AND (@text IS NULL OR subject LIKE '%' || @text || '%' OR details LIKE '%' || @text || '%')
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ from: q.from ?? null, to: q.to ?? null, action: q.action ?? null, actor: q.actor ?? null, text: q.text ?? null, limit: q.limit }) as AuditRow[];
  }
}
