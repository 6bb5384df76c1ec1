import type { Db } from './database.js';

export type EventStatus = 'queued' | 'held' | 'in-review' | 'decided';

export interface NewEventRow {
  cameraId: number;
  restrictionId: number | null;
  restrictionType: string | null;
  vrm: string;
  origin: 'anpr' | 'manual';
  firstSeenAt: number;
  lastSeenAt: number;
  clipStart: number;
  clipEnd: number;
  status: EventStatus;
  holdReason: string | null;
  inForceWhy: string;
  nearMisses: unknown[];
  note: string;
  createdBy: string;
  createdAt: number;
}

export interface EventRow extends NewEventRow {
  id: number;
  claimedBy: number | null;
  claimedAt: number | null;
  updatedAt: number;
  readIds: number[];
}

export interface EventQuery {
  cameraId?: number;
  status?: EventStatus;
  vrm?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

const columns = `id, camera_id AS cameraId, restriction_id AS restrictionId, restriction_type AS restrictionType, vrm, origin,
  first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, clip_start AS clipStart, clip_end AS clipEnd, status,
  hold_reason AS holdReason, in_force_why AS inForceWhy, near_misses AS nearMisses, note, claimed_by AS claimedBy,
  claimed_at AS claimedAt, created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt`;

type RawRow = Omit<EventRow, 'nearMisses' | 'readIds'> & { nearMisses: string };

/** Candidate events and the reads each gathered. */
export class EventsStore {
  private readonly insertStmt;
  private readonly linkStmt;
  private readonly mergeableStmt;
  private readonly extendStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO events (camera_id, restriction_id, restriction_type, vrm, origin, first_seen_at, last_seen_at, clip_start, clip_end, status, hold_reason, in_force_why, near_misses, note, created_by, created_at, updated_at)
      VALUES (@cameraId, @restrictionId, @restrictionType, @vrm, @origin, @firstSeenAt, @lastSeenAt, @clipStart, @clipEnd, @status, @holdReason, @inForceWhy, @nearMisses, @note, @createdBy, @createdAt, @createdAt)`);
    this.linkStmt = db.prepare('INSERT OR IGNORE INTO event_reads (event_id, read_id) VALUES (?, ?)');
    // Only events nobody has started reviewing take more reads.
    this.mergeableStmt = db.prepare(`SELECT id, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, clip_start AS clipStart, clip_end AS clipEnd FROM events
      WHERE camera_id = ? AND vrm = ? AND origin = 'anpr' AND status IN ('queued', 'held') AND last_seen_at >= ? AND first_seen_at <= ?
      ORDER BY last_seen_at DESC LIMIT 1`);
    this.extendStmt = db.prepare('UPDATE events SET first_seen_at = ?, last_seen_at = ?, clip_start = ?, clip_end = ?, updated_at = ? WHERE id = ?');
  }

  insert(e: NewEventRow, readIds: readonly number[]): number {
    const id = Number(this.insertStmt.run({ ...e, nearMisses: JSON.stringify(e.nearMisses) }).lastInsertRowid);
    for (const r of readIds) this.linkStmt.run(id, r);
    return id;
  }

  /** An open ANPR event for this vehicle at this camera whose reads lie within `windowMs` of `atMs`. */
  findMergeable(cameraId: number, vrm: string, atMs: number, windowMs: number): { id: number; firstSeenAt: number; lastSeenAt: number; clipStart: number; clipEnd: number } | undefined {
    return this.mergeableStmt.get(cameraId, vrm, atMs - windowMs, atMs + windowMs) as { id: number; firstSeenAt: number; lastSeenAt: number; clipStart: number; clipEnd: number } | undefined;
  }

  extend(id: number, readId: number, span: { firstSeenAt: number; lastSeenAt: number; clipStart: number; clipEnd: number }, at: number): void {
    this.extendStmt.run(span.firstSeenAt, span.lastSeenAt, span.clipStart, span.clipEnd, at, id);
    this.linkStmt.run(id, readId);
  }

  byId(id: number): EventRow | undefined {
    const r = this.db.prepare(`SELECT ${columns} FROM events WHERE id = ?`).get(id) as RawRow | undefined;
    return r ? this.toRow(r) : undefined;
  }

  private toRow(r: RawRow): EventRow {
    const readIds = (this.db.prepare('SELECT read_id AS id FROM event_reads WHERE event_id = ? ORDER BY read_id').all(r.id) as { id: number }[]).map((x) => x.id);
    return { ...r, nearMisses: JSON.parse(r.nearMisses) as unknown[], readIds };
  }

  list(q: EventQuery): { total: number; events: EventRow[] } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.cameraId !== undefined) {
      where.push('camera_id = ?');
      args.push(q.cameraId);
    }
    if (q.status !== undefined) {
      where.push('status = ?');
      args.push(q.status);
    }
    if (q.vrm !== undefined) {
      where.push('vrm = ?');
      args.push(q.vrm);
    }
    if (q.from !== undefined) {
      where.push('first_seen_at >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('first_seen_at < ?');
      args.push(q.to);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM events ${w}`).get(...args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT ${columns} FROM events ${w} ORDER BY first_seen_at DESC, id DESC LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as RawRow[];
    return { total, events: rows.map((r) => this.toRow(r)) };
  }
}
