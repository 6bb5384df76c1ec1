import type { Db } from './database.js';
import type { CameraHealthStatus, ProbeKind, ProbeOutcome, ProbeRow, StatusChange } from '../health/health-types.js';

/**
 * The health log (migration 006): probe results, status changes and the
 * approved reference views. All SQL for them lives here.
 */

interface RawProbe {
  id: number;
  camera_id: number;
  kind: ProbeKind;
  at: number;
  status: ProbeRow['status'];
  value: number | null;
  fault: string | null;
  reason: string | null;
  detail: string;
  duration_ms: number;
}

const toProbe = (r: RawProbe): ProbeRow => ({
  id: r.id,
  cameraId: r.camera_id,
  kind: r.kind,
  at: r.at,
  status: r.status,
  value: r.value,
  fault: r.fault as ProbeRow['fault'],
  reason: r.reason,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  durationMs: r.duration_ms,
});

interface RawChange {
  id: number;
  camera_id: number;
  at: number;
  status: CameraHealthStatus;
  reasons: string;
}

const toChange = (r: RawChange): StatusChange => ({
  id: r.id,
  cameraId: r.camera_id,
  at: r.at,
  status: r.status,
  reasons: JSON.parse(r.reasons) as string[],
});

export interface ReferenceView {
  cameraId: number;
  width: number;
  height: number;
  pixels: Uint8Array;
  sharpness: number;
  approvedBy: string;
  approvedAt: number;
}

export class HealthStore {
  constructor(private readonly db: Db) {}

  insertProbe(p: ProbeOutcome): ProbeRow {
    const detail = JSON.stringify(p.detail ?? {});
    const info = this.db
      .prepare(
        `INSERT INTO health_probes (camera_id, kind, at, status, value, fault, reason, detail, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.cameraId, p.kind, p.at, p.status, finiteOrNull(p.value), p.fault, p.reason, detail, Math.max(0, Math.round(p.durationMs)));
    return { ...p, value: finiteOrNull(p.value), id: Number(info.lastInsertRowid) };
  }

  /** Many results in one transaction (the scheduler batches a tick's results: one fsync, not hundreds). */
  insertProbes(list: readonly ProbeOutcome[]): void {
    this.db.transaction(() => {
      for (const p of list) this.insertProbe(p);
    })();
  }

  probesBetween(cameraId: number, fromMs: number, toMs: number, opts: { kind?: ProbeKind; limit?: number } = {}): ProbeRow[] {
    const rows = (opts.kind
      ? this.db
          .prepare('SELECT * FROM health_probes WHERE camera_id = ? AND kind = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?')
          .all(cameraId, opts.kind, fromMs, toMs, opts.limit ?? 10_000)
      : this.db
          .prepare('SELECT * FROM health_probes WHERE camera_id = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?')
          .all(cameraId, fromMs, toMs, opts.limit ?? 10_000)) as RawProbe[];
    return rows.map(toProbe);
  }

  /** The latest result of a kind at or before `atMs`. */
  probeAt(cameraId: number, kind: ProbeKind, atMs: number): ProbeRow | undefined {
    const r = this.db
      .prepare('SELECT * FROM health_probes WHERE camera_id = ? AND kind = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1')
      .get(cameraId, kind, atMs) as RawProbe | undefined;
    return r ? toProbe(r) : undefined;
  }

  insertStatusChange(cameraId: number, at: number, status: CameraHealthStatus, reasons: string[]): StatusChange {
    const info = this.db
      .prepare('INSERT INTO health_status_changes (camera_id, at, status, reasons) VALUES (?, ?, ?, ?)')
      .run(cameraId, at, status, JSON.stringify(reasons));
    return { id: Number(info.lastInsertRowid), cameraId, at, status, reasons };
  }

  statusAt(cameraId: number, atMs: number): StatusChange | undefined {
    const r = this.db
      .prepare('SELECT * FROM health_status_changes WHERE camera_id = ? AND at <= ? ORDER BY at DESC, id DESC LIMIT 1')
      .get(cameraId, atMs) as RawChange | undefined;
    return r ? toChange(r) : undefined;
  }

  /** Changes in [from, to) plus the one in force at `from`, oldest first. */
  statusChangesBetween(cameraId: number, fromMs: number, toMs: number): StatusChange[] {
    const before = this.statusAt(cameraId, fromMs - 1);
    const rows = this.db
      .prepare('SELECT * FROM health_status_changes WHERE camera_id = ? AND at >= ? AND at < ? ORDER BY at, id')
      .all(cameraId, fromMs, toMs) as RawChange[];
    return [...(before ? [before] : []), ...rows.map(toChange)];
  }

  /** Every camera the health log knows (the CLI report works from the store alone). */
  cameraIdsInLog(): number[] {
    return (this.db.prepare('SELECT DISTINCT camera_id AS id FROM health_status_changes WHERE camera_id > 0 ORDER BY camera_id').all() as { id: number }[]).map((r) => r.id);
  }

  saveReference(ref: ReferenceView): void {
    this.db
      .prepare(
        `INSERT INTO health_references (camera_id, width, height, pixels, sharpness, approved_by, approved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(camera_id) DO UPDATE SET width = excluded.width, height = excluded.height, pixels = excluded.pixels,
           sharpness = excluded.sharpness, approved_by = excluded.approved_by, approved_at = excluded.approved_at`,
      )
      .run(ref.cameraId, ref.width, ref.height, Buffer.from(ref.pixels), ref.sharpness, ref.approvedBy, ref.approvedAt);
  }

  reference(cameraId: number): ReferenceView | undefined {
    const r = this.db.prepare('SELECT * FROM health_references WHERE camera_id = ?').get(cameraId) as
      | { camera_id: number; width: number; height: number; pixels: Buffer; sharpness: number; approved_by: string; approved_at: number }
      | undefined;
    if (!r) return undefined;
    return {
      cameraId: r.camera_id,
      width: r.width,
      height: r.height,
      pixels: new Uint8Array(r.pixels),
      sharpness: r.sharpness,
      approvedBy: r.approved_by,
      approvedAt: r.approved_at,
    };
  }
}

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
