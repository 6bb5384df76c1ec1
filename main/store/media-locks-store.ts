import type { Db } from './database.js';

/** Evidence locks (migration 005): footage in a locked range is never deleted, by retention or for disk space. */
export interface LockRow {
  id: number;
  cameraId: number;
  fromMs: number;
  toMs: number;
  reason: string;
  caseReference: string | null;
  createdBy: string;
  createdAt: number;
  releasedAt: number | null;
  releasedBy: string | null;
}

const COLS = `id, camera_id AS cameraId, from_ms AS fromMs, to_ms AS toMs, reason, case_reference AS caseReference,
  created_by AS createdBy, created_at AS createdAt, released_at AS releasedAt, released_by AS releasedBy`;

export class MediaLocksStore {
  constructor(private readonly db: Db) {}

  create(l: { cameraId: number; fromMs: number; toMs: number; reason: string; caseReference: string | null; createdBy: string; createdAt: number }): LockRow {
    const info = this.db
      .prepare('INSERT INTO evidence_locks (camera_id, from_ms, to_ms, reason, case_reference, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(l.cameraId, l.fromMs, l.toMs, l.reason, l.caseReference, l.createdBy, l.createdAt);
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): LockRow | undefined {
    return this.db.prepare(`SELECT ${COLS} FROM evidence_locks WHERE id = ?`).get(id) as LockRow | undefined;
  }

  release(id: number, by: string, reason: string, at: number): LockRow | undefined {
    this.db.prepare('UPDATE evidence_locks SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ? AND released_at IS NULL').run(at, by, reason, id);
    return this.get(id);
  }

  list(opts: { cameraId?: number; includeReleased: boolean }): LockRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.cameraId !== undefined) {
      where.push('camera_id = ?');
      args.push(opts.cameraId);
    }
    if (!opts.includeReleased) where.push('released_at IS NULL');
    const sql = `SELECT ${COLS} FROM evidence_locks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY from_ms`;
    return this.db.prepare(sql).all(...args) as LockRow[];
  }

  /** Unreleased locks of every camera, for the retention sweep. */
  active(): LockRow[] {
    return this.list({ includeReleased: false });
  }
}
