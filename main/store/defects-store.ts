import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { Defect, DefectDetails, DefectNote, DefectPhoto, DefectScope, FaultCode } from '../health/health-types.js';

/**
 * Defects (migration 006): camera faults, opened by the health probes or by
 * an officer, and on-street sign / road-marking faults at a location, with
 * notes and photos (the photo bytes live content-addressed on disk; rows
 * name them by SHA-256).
 */

interface RawDefect {
  id: number;
  scope: DefectScope;
  camera_id: number | null;
  site_code: string | null;
  location: string | null;
  category: string;
  title: string;
  description: string;
  origin: 'auto' | 'manual';
  fault: string | null;
  blocking: number;
  supplier: string | null;
  supplier_ref: string | null;
  reported_at: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  outage_start: number | null;
  outage_end: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

const toDefect = (r: RawDefect): Defect => ({
  id: r.id,
  scope: r.scope,
  cameraId: r.camera_id,
  siteCode: r.site_code,
  location: r.location,
  category: r.category,
  title: r.title,
  description: r.description,
  origin: r.origin,
  fault: r.fault as FaultCode | null,
  blocking: r.blocking === 1,
  supplier: r.supplier,
  supplierRef: r.supplier_ref,
  reportedAt: r.reported_at,
  acknowledgedAt: r.acknowledged_at,
  resolvedAt: r.resolved_at,
  outageStart: r.outage_start,
  outageEnd: r.outage_end,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewDefect {
  scope: DefectScope;
  cameraId: number | null;
  siteCode: string | null;
  location: string | null;
  category: string;
  title: string;
  description: string;
  origin: 'auto' | 'manual';
  fault: FaultCode | null;
  blocking: boolean;
  supplier: string | null;
  supplierRef: string | null;
  reportedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  outageStart: number | null;
  createdBy: string;
  createdAt: number;
}

export type DefectPatch = Partial<
  Pick<Defect, 'title' | 'description' | 'category' | 'blocking' | 'supplier' | 'supplierRef' | 'acknowledgedAt' | 'resolvedAt' | 'location' | 'siteCode' | 'outageEnd'>
>;

export interface DefectFilter {
  cameraId?: number;
  state?: 'open' | 'resolved' | 'all';
  origin?: 'auto' | 'manual';
  scope?: DefectScope;
  /** Defects that were open at some time in [from, to). */
  from?: number;
  to?: number;
  limit?: number;
}

const COLUMN: Record<keyof DefectPatch, string> = {
  title: 'title',
  description: 'description',
  category: 'category',
  blocking: 'blocking',
  supplier: 'supplier',
  supplierRef: 'supplier_ref',
  acknowledgedAt: 'acknowledged_at',
  resolvedAt: 'resolved_at',
  location: 'location',
  siteCode: 'site_code',
  outageEnd: 'outage_end',
};

export class DefectsStore {
  constructor(private readonly db: Db) {}

  insert(d: NewDefect): Defect {
    const info = this.db
      .prepare(
        `INSERT INTO defects (scope, camera_id, site_code, location, category, title, description, origin, fault, blocking,
           supplier, supplier_ref, reported_at, acknowledged_at, resolved_at, outage_start, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.scope, d.cameraId, d.siteCode, d.location, d.category, d.title, d.description, d.origin, d.fault, d.blocking ? 1 : 0,
        d.supplier, d.supplierRef, d.reportedAt, d.acknowledgedAt, d.resolvedAt, d.outageStart, d.createdBy, d.createdAt, d.createdAt,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): Defect | undefined {
    const r = this.db.prepare('SELECT * FROM defects WHERE id = ?').get(id) as RawDefect | undefined;
    return r ? toDefect(r) : undefined;
  }

  details(id: number): DefectDetails | undefined {
    const d = this.get(id);
    if (!d) return undefined;
    const notes = this.db
      .prepare('SELECT id, defect_id AS defectId, at, author, text FROM defect_notes WHERE defect_id = ? ORDER BY at, id')
      .all(id) as DefectNote[];
    const photos = this.db
      .prepare(
        `SELECT id, defect_id AS defectId, sha256, mime, bytes, name, added_by AS addedBy, added_at AS addedAt
         FROM defect_photos WHERE defect_id = ? ORDER BY added_at, id`,
      )
      .all(id) as DefectPhoto[];
    return { ...d, notes, photos };
  }

  update(id: number, patch: DefectPatch, now: number): Defect | undefined {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [k, v] of Object.entries(patch) as [keyof DefectPatch, unknown][]) {
      if (v === undefined) continue;
      sets.push(`${COLUMN[k]} = ?`);
      values.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    }
    sets.push('updated_at = ?');
    values.push(now);
    this.db.prepare(`UPDATE defects SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    return this.get(id);
  }

  /** The open auto defect for a camera's fault, if any. */
  openAuto(cameraId: number, fault: FaultCode): Defect | undefined {
    const r = this.db
      .prepare("SELECT * FROM defects WHERE camera_id = ? AND fault = ? AND origin = 'auto' AND resolved_at IS NULL")
      .get(cameraId, fault) as RawDefect | undefined;
    return r ? toDefect(r) : undefined;
  }

  openAutoFor(cameraId: number): Defect[] {
    return (this.db
      .prepare("SELECT * FROM defects WHERE camera_id = ? AND origin = 'auto' AND resolved_at IS NULL ORDER BY id")
      .all(cameraId) as RawDefect[]).map(toDefect);
  }

  /** Closes an auto defect with its measured outage. */
  closeAuto(id: number, outageEnd: number, now: number): Defect | undefined {
    this.db
      .prepare('UPDATE defects SET resolved_at = ?, outage_end = ?, updated_at = ? WHERE id = ? AND resolved_at IS NULL')
      .run(Math.max(outageEnd, 0), outageEnd, now, id);
    return this.get(id);
  }

  list(f: DefectFilter = {}): Defect[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (f.cameraId !== undefined) {
      where.push('camera_id = ?');
      values.push(f.cameraId);
    }
    if (f.state === 'open') where.push('resolved_at IS NULL');
    if (f.state === 'resolved') where.push('resolved_at IS NOT NULL');
    if (f.origin) {
      where.push('origin = ?');
      values.push(f.origin);
    }
    if (f.scope) {
      where.push('scope = ?');
      values.push(f.scope);
    }
    if (f.to !== undefined) {
      where.push('reported_at < ?');
      values.push(f.to);
    }
    if (f.from !== undefined) {
      where.push('(resolved_at IS NULL OR resolved_at >= ?)');
      values.push(f.from);
    }
    const sql = `SELECT * FROM defects ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY reported_at DESC, id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...values, f.limit ?? 10_000) as RawDefect[]).map(toDefect);
  }

  /**
   * Blocking defects in force at `atMs` that apply to a camera: its own, and
   * location defects at its site (a missing sign makes every camera there
   * unable to enforce).
   */
  // Asked for every new enforcement event (ANPR ingest): prepared once, not per call.
  private blockingAtStmt: Statement<unknown[]> | undefined;

  blockingAt(cameraId: number, siteCode: string | null, atMs: number): Defect[] {
    this.blockingAtStmt ??= this.db.prepare(
      `SELECT * FROM defects WHERE blocking = 1 AND reported_at <= ? AND (resolved_at IS NULL OR resolved_at > ?)
         AND (camera_id = ? OR (scope = 'location' AND site_code IS NOT NULL AND site_code = ?)) ORDER BY id`,
    );
    const rows = this.blockingAtStmt.all(atMs, atMs, cameraId, siteCode) as RawDefect[];
    return rows.map(toDefect);
  }

  addNote(defectId: number, at: number, author: string, text: string): DefectNote {
    const info = this.db.prepare('INSERT INTO defect_notes (defect_id, at, author, text) VALUES (?, ?, ?, ?)').run(defectId, at, author, text);
    return { id: Number(info.lastInsertRowid), defectId, at, author, text };
  }

  addPhoto(p: Omit<DefectPhoto, 'id'>): DefectPhoto {
    this.db
      .prepare(
        `INSERT INTO defect_photos (defect_id, sha256, mime, bytes, name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(defect_id, sha256) DO NOTHING`,
      )
      .run(p.defectId, p.sha256, p.mime, p.bytes, p.name, p.addedBy, p.addedAt);
    return this.db
      .prepare(
        `SELECT id, defect_id AS defectId, sha256, mime, bytes, name, added_by AS addedBy, added_at AS addedAt
         FROM defect_photos WHERE defect_id = ? AND sha256 = ?`,
      )
      .get(p.defectId, p.sha256) as DefectPhoto;
  }

  photo(defectId: number, sha256: string): DefectPhoto | undefined {
    return this.db
      .prepare(
        `SELECT id, defect_id AS defectId, sha256, mime, bytes, name, added_by AS addedBy, added_at AS addedAt
         FROM defect_photos WHERE defect_id = ? AND sha256 = ?`,
      )
      .get(defectId, sha256) as DefectPhoto | undefined;
  }
}
