import type Database from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * The segment index, gaps and deletion log of the media feature (migration
 * 005). All SQL for recordings lives here; services get typed rows.
 */
export interface SegmentRow {
  id: number;
  cameraId: number;
  startMs: number;
  endMs: number;
  frameCount: number | null;
  bytes: number;
  initBytes: number;
  /** Relative to the recordings root. */
  path: string;
  sha256: string | null;
  keyframes: number[];
  cameraOffsetMs: number | null;
  indexedAt: number;
  state: 'complete' | 'missing';
}

export type NewSegment = Omit<SegmentRow, 'id' | 'state'>;

export interface GapRow {
  id: number;
  cameraId: number;
  startMs: number;
  endMs: number | null;
  cause: string;
  detail: string | null;
}

export interface DeletionRow {
  id: number;
  segmentId: number;
  cameraId: number;
  startMs: number;
  endMs: number;
  bytes: number;
  sha256: string | null;
  path: string;
  reason: 'retention' | 'low-disk' | 'file-missing';
  deletedAt: number;
}

interface RawSegment {
  id: number;
  camera_id: number;
  start_ms: number;
  end_ms: number;
  frame_count: number | null;
  bytes: number;
  init_bytes: number;
  path: string;
  sha256: string | null;
  keyframes: string;
  camera_offset_ms: number | null;
  indexed_at: number;
  state: 'complete' | 'missing';
}

const toSegment = (r: RawSegment): SegmentRow => ({
  id: r.id,
  cameraId: r.camera_id,
  startMs: r.start_ms,
  endMs: r.end_ms,
  frameCount: r.frame_count,
  bytes: r.bytes,
  initBytes: r.init_bytes,
  path: r.path,
  sha256: r.sha256,
  keyframes: JSON.parse(r.keyframes) as number[],
  cameraOffsetMs: r.camera_offset_ms,
  indexedAt: r.indexed_at,
  state: r.state,
});

const GAP_COLS = 'id, camera_id AS cameraId, start_ms AS startMs, end_ms AS endMs, cause, detail';
const DELETION_COLS = `id, segment_id AS segmentId, camera_id AS cameraId, start_ms AS startMs, end_ms AS endMs,
  bytes, sha256, path, reason, deleted_at AS deletedAt`;

export class RecordingsStore {
  /** Prepared once: the recorders run these every few seconds per camera, and parsing the SQL cost more than running it. */
  private readonly statements = new Map<string, Database.Statement>();

  /**
   * One transaction function, made once: better-sqlite3's db.transaction()
   * builds four wrappers and defines their properties on every call, which
   * cost more than the recorders' whole round of inserts.
   */
  private readonly transaction: (fn: () => unknown) => unknown;

  constructor(private readonly db: Db) {
    this.transaction = db.transaction((fn: () => unknown) => fn());
  }

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) this.statements.set(text, (st = this.db.prepare(text)));
    return st;
  }

  /** Runs `fn` in one transaction: the recorders' segments of one moment are committed (and synced) together. */
  inTransaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : (this.transaction(fn) as T);
  }

  /** Adds a segment; an already-indexed path (re-listed after a restart) returns the existing row. */
  insertSegment(s: NewSegment): SegmentRow {
    return this.insertSegmentIfNew(s) ?? toSegment(this.sql('SELECT * FROM media_segments WHERE camera_id = ? AND path = ?').get(s.cameraId, s.path) as RawSegment);
  }

  /**
   * Adds a segment and returns its row, or null when its path is already
   * indexed (the row there is kept as it is). One statement: this runs for
   * every segment of every camera, in the recorders' read transaction.
   */
  insertSegmentIfNew(s: NewSegment): SegmentRow | null {
    const r = this.sql(
      `INSERT INTO media_segments (camera_id, start_ms, end_ms, frame_count, bytes, init_bytes, path, sha256, keyframes, camera_offset_ms, indexed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (camera_id, path) DO NOTHING
       RETURNING *`,
    ).get(s.cameraId, s.startMs, s.endMs, s.frameCount, s.bytes, s.initBytes, s.path, s.sha256, JSON.stringify(s.keyframes), s.cameraOffsetMs, s.indexedAt) as RawSegment | undefined;
    return r ? toSegment(r) : null;
  }

  segment(id: number): SegmentRow | undefined {
    const r = this.sql('SELECT * FROM media_segments WHERE id = ?').get(id) as RawSegment | undefined;
    return r ? toSegment(r) : undefined;
  }

  hasPath(cameraId: number, path: string): boolean {
    return this.sql('SELECT 1 FROM media_segments WHERE camera_id = ? AND path = ?').get(cameraId, path) !== undefined;
  }

  /** Segments of a camera overlapping [fromMs, toMs), oldest first. */
  segmentsBetween(cameraId: number, fromMs: number, toMs: number, limit = 1_000_000): SegmentRow[] {
    return (this.sql('SELECT * FROM media_segments WHERE camera_id = ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms LIMIT ?')
      .all(cameraId, toMs, fromMs, limit) as RawSegment[]).map(toSegment);
  }

  countBetween(cameraId: number, fromMs: number, toMs: number): number {
    return (this.sql('SELECT count(*) AS n FROM media_segments WHERE camera_id = ? AND start_ms < ? AND end_ms > ?').get(cameraId, toMs, fromMs) as { n: number }).n;
  }

  /** The segment showing `atMs` (start ≤ at < end), if any. */
  segmentAt(cameraId: number, atMs: number): SegmentRow | undefined {
    const r = this.sql('SELECT * FROM media_segments WHERE camera_id = ? AND start_ms <= ? AND end_ms > ? ORDER BY start_ms DESC LIMIT 1')
      .get(cameraId, atMs, atMs) as RawSegment | undefined;
    return r ? toSegment(r) : undefined;
  }

  lastSegment(cameraId: number): SegmentRow | undefined {
    const r = this.sql('SELECT * FROM media_segments WHERE camera_id = ? ORDER BY end_ms DESC LIMIT 1').get(cameraId) as RawSegment | undefined;
    return r ? toSegment(r) : undefined;
  }

  neighbour(cameraId: number, seg: SegmentRow, dir: 'before' | 'after'): SegmentRow | undefined {
    const sql = dir === 'before'
      ? 'SELECT * FROM media_segments WHERE camera_id = ? AND start_ms < ? ORDER BY start_ms DESC LIMIT 1'
      : 'SELECT * FROM media_segments WHERE camera_id = ? AND start_ms > ? ORDER BY start_ms LIMIT 1';
    const r = this.sql(sql).get(cameraId, seg.startMs) as RawSegment | undefined;
    return r ? toSegment(r) : undefined;
  }

  markMissing(id: number): void {
    this.sql("UPDATE media_segments SET state = 'missing' WHERE id = ?").run(id);
  }

  /** Oldest first, across cameras: candidates for the low-disk guard. */
  oldestSegments(limit: number, afterId = 0): SegmentRow[] {
    return (this.sql('SELECT * FROM media_segments WHERE id > ? ORDER BY end_ms, id LIMIT ?')
      .all(afterId, limit) as RawSegment[]).map(toSegment);
  }

  /** A camera's segments that ended before `beforeMs`, oldest first. */
  segmentsEndingBefore(cameraId: number, beforeMs: number, limit: number): SegmentRow[] {
    return (this.sql('SELECT * FROM media_segments WHERE camera_id = ? AND end_ms < ? ORDER BY end_ms LIMIT ?')
      .all(cameraId, beforeMs, limit) as RawSegment[]).map(toSegment);
  }

  cameraIdsWithFootage(): number[] {
    return (this.sql('SELECT DISTINCT camera_id AS id FROM media_segments').all() as { id: number }[]).map((r) => r.id);
  }

  totals(): { bytes: number; segments: number } {
    const r = this.sql('SELECT coalesce(sum(bytes), 0) AS bytes, count(*) AS segments FROM media_segments').get() as { bytes: number; segments: number };
    return r;
  }

  /** Removes a segment from the index and logs it, in one transaction (the file is already gone). */
  deleteSegment(seg: SegmentRow, reason: DeletionRow['reason'], at: number): DeletionRow {
    return this.db.transaction(() => {
      this.sql('DELETE FROM media_segments WHERE id = ?').run(seg.id);
      const info = this.db
        .prepare(
          `INSERT INTO media_deletions (segment_id, camera_id, start_ms, end_ms, bytes, sha256, path, reason, deleted_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(seg.id, seg.cameraId, seg.startMs, seg.endMs, seg.bytes, seg.sha256, seg.path, reason, at);
      return this.sql(`SELECT ${DELETION_COLS} FROM media_deletions WHERE id = ?`).get(Number(info.lastInsertRowid)) as DeletionRow;
    })();
  }

  deletions(opts: { cameraId?: number; limit: number }): DeletionRow[] {
    if (opts.cameraId !== undefined) {
      return this.sql(`SELECT ${DELETION_COLS} FROM media_deletions WHERE camera_id = ? ORDER BY id DESC LIMIT ?`).all(opts.cameraId, opts.limit) as DeletionRow[];
    }
    return this.sql(`SELECT ${DELETION_COLS} FROM media_deletions ORDER BY id DESC LIMIT ?`).all(opts.limit) as DeletionRow[];
  }

  // --- gaps -------------------------------------------------------------

  /** Opens a gap unless one is open already for the camera (then returns that one). */
  openGap(cameraId: number, startMs: number, cause: string, detail: string | null): GapRow {
    const open = this.openGapOf(cameraId);
    if (open) return open;
    const info = this.sql('INSERT INTO media_gaps (camera_id, start_ms, end_ms, cause, detail) VALUES (?, ?, NULL, ?, ?)').run(cameraId, startMs, cause, detail);
    return this.gap(Number(info.lastInsertRowid))!;
  }

  /** A closed gap in one go (a missing file, a recovered outage). */
  insertClosedGap(cameraId: number, startMs: number, endMs: number, cause: string, detail: string | null): GapRow {
    const info = this.sql('INSERT INTO media_gaps (camera_id, start_ms, end_ms, cause, detail) VALUES (?, ?, ?, ?, ?)').run(cameraId, startMs, Math.max(startMs, endMs), cause, detail);
    return this.gap(Number(info.lastInsertRowid))!;
  }

  openGapOf(cameraId: number): GapRow | undefined {
    return this.sql(`SELECT ${GAP_COLS} FROM media_gaps WHERE camera_id = ? AND end_ms IS NULL`).get(cameraId) as GapRow | undefined;
  }

  /** Sharpens an open gap's cause once stderr has told us more. */
  updateOpenGapCause(cameraId: number, cause: string, detail: string | null): void {
    this.sql('UPDATE media_gaps SET cause = ?, detail = ? WHERE camera_id = ? AND end_ms IS NULL').run(cause, detail, cameraId);
  }

  closeGap(cameraId: number, endMs: number): GapRow | undefined {
    const open = this.openGapOf(cameraId);
    if (!open) return undefined;
    this.sql('UPDATE media_gaps SET end_ms = ? WHERE id = ?').run(Math.max(open.startMs, endMs), open.id);
    return this.gap(open.id);
  }

  gap(id: number): GapRow | undefined {
    return this.sql(`SELECT ${GAP_COLS} FROM media_gaps WHERE id = ?`).get(id) as GapRow | undefined;
  }

  /** Gaps overlapping [fromMs, toMs); an open gap counts as running until now. */
  gapsBetween(cameraId: number, fromMs: number, toMs: number): GapRow[] {
    return this.sql(`SELECT ${GAP_COLS} FROM media_gaps WHERE camera_id = ? AND start_ms < ? AND (end_ms IS NULL OR end_ms > ?) ORDER BY start_ms`)
      .all(cameraId, toMs, fromMs) as GapRow[];
  }

  /** Forgets closed gaps that ended before `beforeMs` (their footage has aged out too). */
  deleteGapsEndingBefore(cameraId: number, beforeMs: number): number {
    return this.sql('DELETE FROM media_gaps WHERE camera_id = ? AND end_ms IS NOT NULL AND end_ms < ?').run(cameraId, beforeMs).changes;
  }
}
