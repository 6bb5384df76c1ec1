import type { Db } from './database.js';

export interface WhiteListFields {
  vrm: string;
  vrmEntered: string;
  vrmValid: boolean;
  category: string;
  scopeCameras: number[];
  scopeTypes: string[];
  validFrom: number;
  validTo: number | null;
  source: string;
  notes: string;
}

export interface WhiteListRow extends WhiteListFields {
  id: number;
  addedBy: string;
  addedAt: number;
  updatedBy: string;
  updatedAt: number;
  reviewedAt: number;
  removedAt: number | null;
  removedBy: string | null;
  removedReason: string | null;
}

export interface WhiteListQuery {
  search?: string;
  category?: string;
  includeRemoved?: boolean;
  limit: number;
  offset: number;
}

const columns = `id, vrm, vrm_entered AS vrmEntered, vrm_valid AS vrmValid, category, scope_cameras AS scopeCameras,
  scope_types AS scopeTypes, valid_from AS validFrom, valid_to AS validTo, source, notes, added_by AS addedBy,
  added_at AS addedAt, updated_by AS updatedBy, updated_at AS updatedAt, reviewed_at AS reviewedAt,
  removed_at AS removedAt, removed_by AS removedBy, removed_reason AS removedReason`;

type RawRow = Omit<WhiteListRow, 'vrmValid' | 'scopeCameras' | 'scopeTypes'> & { vrmValid: number; scopeCameras: string; scopeTypes: string };

function toRow(r: RawRow): WhiteListRow {
  return { ...r, vrmValid: r.vrmValid === 1, scopeCameras: JSON.parse(r.scopeCameras) as number[], scopeTypes: JSON.parse(r.scopeTypes) as string[] };
}

/** The exempt-vehicle white list (a reference database: Surveillance Camera Code principle 12). Entries are removed softly, never deleted. */
export class WhiteListStore {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO white_list (vrm, vrm_entered, vrm_valid, category, scope_cameras, scope_types, valid_from, valid_to, source, notes, added_by, added_at, updated_by, updated_at, reviewed_at)
      VALUES (@vrm, @vrmEntered, @vrmValid, @category, @scopeCameras, @scopeTypes, @validFrom, @validTo, @source, @notes, @by, @at, @by, @at, @at)`);
  }

  private params(f: WhiteListFields) {
    return { ...f, vrmValid: f.vrmValid ? 1 : 0, scopeCameras: JSON.stringify(f.scopeCameras), scopeTypes: JSON.stringify(f.scopeTypes) };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  insert(f: WhiteListFields, by: string, at: number): number {
    return Number(this.insertStmt.run({ ...this.params(f), by, at }).lastInsertRowid);
  }

  /** Many entries in one transaction: all or none. Returns the new ids in order. */
  insertMany(rows: readonly WhiteListFields[], by: string, at: number): number[] {
    return this.transaction(() => rows.map((f) => this.insert(f, by, at)));
  }

  update(id: number, f: WhiteListFields, by: string, at: number): void {
    this.db
      .prepare(`UPDATE white_list SET vrm = @vrm, vrm_entered = @vrmEntered, vrm_valid = @vrmValid, category = @category, scope_cameras = @scopeCameras,
        scope_types = @scopeTypes, valid_from = @validFrom, valid_to = @validTo, source = @source, notes = @notes, updated_by = @by, updated_at = @at, reviewed_at = @at
        WHERE id = @id AND removed_at IS NULL`)
      .run({ ...this.params(f), by, at, id });
  }

  markReviewed(id: number, by: string, at: number): void {
    this.db.prepare('UPDATE white_list SET reviewed_at = ?, updated_by = ?, updated_at = ? WHERE id = ? AND removed_at IS NULL').run(at, by, at, id);
  }

  remove(id: number, by: string, at: number, reason: string): void {
    this.db.prepare('UPDATE white_list SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE id = ? AND removed_at IS NULL').run(at, by, reason, id);
  }

  byId(id: number): WhiteListRow | undefined {
    const r = this.db.prepare(`SELECT ${columns} FROM white_list WHERE id = ?`).get(id) as RawRow | undefined;
    return r ? toRow(r) : undefined;
  }

  byVrm(vrm: string): WhiteListRow[] {
    return (this.db.prepare(`SELECT ${columns} FROM white_list WHERE vrm = ? AND removed_at IS NULL ORDER BY id`).all(vrm) as RawRow[]).map(toRow);
  }

  list(q: WhiteListQuery): { total: number; entries: WhiteListRow[] } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (!q.includeRemoved) where.push('removed_at IS NULL');
    if (q.category) {
      where.push('category = ?');
      args.push(q.category);
    }
    if (q.search) {
      where.push("(vrm LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\')");
      args.push(...Array(3).fill(`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM white_list ${w}`).get(...args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT ${columns} FROM white_list ${w} ORDER BY vrm, id LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as RawRow[];
    return { total, entries: rows.map(toRow) };
  }

  /** Every live entry, streamed (the in-memory index is built from this). */
  *iterateActive(): Generator<WhiteListRow> {
    for (const r of this.db.prepare(`SELECT ${columns} FROM white_list WHERE removed_at IS NULL`).iterate() as IterableIterator<RawRow>) yield toRow(r);
  }

  /** Live entries whose validity ends in [from, to). */
  expiringBetween(from: number, to: number): WhiteListRow[] {
    return (this.db.prepare(`SELECT ${columns} FROM white_list WHERE removed_at IS NULL AND valid_to IS NOT NULL AND valid_to >= ? AND valid_to < ? ORDER BY valid_to LIMIT 1000`).all(from, to) as RawRow[]).map(toRow);
  }

  /** Live, still-valid entries nobody has reviewed since `before`. */
  notReviewedSince(before: number, now: number): WhiteListRow[] {
    return (this.db.prepare(`SELECT ${columns} FROM white_list WHERE removed_at IS NULL AND reviewed_at < ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY reviewed_at LIMIT 1000`).all(before, now) as RawRow[]).map(toRow);
  }

  countActive(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM white_list WHERE removed_at IS NULL').get() as { n: number }).n;
  }
}
