import type { Db } from './database.js';

export interface NewReadRow {
  cameraId: number;
  plateSent: string;
  vrm: string;
  vrmFormat: string;
  vrmFlags: string[];
  readAt: number;
  receivedAt: number;
  confidence: number | null;
  direction: 'approaching' | 'departing' | null;
  channel: string | null;
  source: 'json' | 'hikvision' | 'csv';
  exemptEntryId: number | null;
}

export interface ReadImageRow {
  role: 'plate' | 'overview';
  name: string;
  sha256: string;
  bytes: number;
}

export interface ReadRow extends NewReadRow {
  id: number;
  images: ReadImageRow[];
}

export interface ReadQuery {
  cameraId?: number;
  vrm?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

const columns = `id, camera_id AS cameraId, plate_sent AS plateSent, vrm, vrm_format AS vrmFormat, vrm_flags AS vrmFlags,
  read_at AS readAt, received_at AS receivedAt, confidence, direction, channel, source, exempt_entry_id AS exemptEntryId`;

/** ANPR reads and the pictures that came with them (the JPEGs live on disk by hash). */
export class AnprReadsStore {
  private readonly insertStmt;
  private readonly existingStmt;
  private readonly imageStmt;
  /** Made once: building a better-sqlite3 transaction function per call showed in the ingest profile. */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(private readonly db: Db) {
    this.inTransaction = db.transaction((fn: () => unknown) => fn());
    this.insertStmt = db.prepare(`INSERT INTO anpr_reads (camera_id, plate_sent, vrm, vrm_format, vrm_flags, read_at, received_at, confidence, direction, channel, source, exempt_entry_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (camera_id, plate_sent, read_at) DO NOTHING`);
    this.existingStmt = db.prepare('SELECT id FROM anpr_reads WHERE camera_id = ? AND plate_sent = ? AND read_at = ?');
    this.imageStmt = db.prepare('INSERT INTO anpr_images (read_id, role, name, sha256, bytes) VALUES (?, ?, ?, ?, ?)');
  }

  /** Runs `fn` in one transaction (a savepoint when nested), so a batch commits or rolls back whole. */
  transaction<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }

  /** Inserts a read once; a repeat of (camera, plate as sent, time) returns the stored row's id with duplicate=true. */
  insert(r: NewReadRow, images: readonly ReadImageRow[]): { id: number; duplicate: boolean } {
    const info = this.insertStmt.run(r.cameraId, r.plateSent, r.vrm, r.vrmFormat, r.vrmFlags.length ? JSON.stringify(r.vrmFlags) : '[]', r.readAt, r.receivedAt, r.confidence, r.direction, r.channel, r.source, r.exemptEntryId);
    if (info.changes === 0) {
      const row = this.existingStmt.get(r.cameraId, r.plateSent, r.readAt) as { id: number };
      return { id: row.id, duplicate: true };
    }
    const id = Number(info.lastInsertRowid);
    for (const im of images) this.imageStmt.run(id, im.role, im.name, im.sha256, im.bytes);
    return { id, duplicate: false };
  }

  byId(id: number): ReadRow | undefined {
    const row = this.db.prepare(`SELECT ${columns} FROM anpr_reads WHERE id = ?`).get(id) as (Omit<ReadRow, 'images' | 'vrmFlags'> & { vrmFlags: string }) | undefined;
    if (!row) return undefined;
    return { ...row, vrmFlags: JSON.parse(row.vrmFlags) as string[], images: this.imagesOf(id) };
  }

  imagesOf(readId: number): ReadImageRow[] {
    return this.db.prepare('SELECT role, name, sha256, bytes FROM anpr_images WHERE read_id = ? ORDER BY id').all(readId) as ReadImageRow[];
  }

  hasImage(sha256: string): boolean {
    return this.db.prepare('SELECT 1 FROM anpr_images WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
  }

  list(q: ReadQuery): { total: number; reads: ReadRow[] } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.cameraId !== undefined) {
      where.push('camera_id = ?');
      args.push(q.cameraId);
    }
    if (q.vrm !== undefined) {
      where.push('vrm = ?');
      args.push(q.vrm);
    }
    if (q.from !== undefined) {
      where.push('read_at >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('read_at < ?');
      args.push(q.to);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM anpr_reads ${w}`).get(...args) as { n: number }).n;
    const rows = this.db.prepare(`SELECT ${columns} FROM anpr_reads ${w} ORDER BY read_at DESC, id DESC LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as (Omit<ReadRow, 'images' | 'vrmFlags'> & { vrmFlags: string })[];
    return { total, reads: rows.map((r) => ({ ...r, vrmFlags: JSON.parse(r.vrmFlags) as string[], images: this.imagesOf(r.id) })) };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM anpr_reads').get() as { n: number }).n;
  }
}
