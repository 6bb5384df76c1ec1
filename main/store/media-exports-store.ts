import type { Db } from './database.js';

/** Export jobs (migration 005): kept so an evidence export and its hashes outlive a restart. */
export interface ExportFileRow {
  kind: 'original' | 'presentation' | 'still';
  name: string;
  bytes: number;
  sha256: string;
}

export interface ExportRow {
  id: string;
  cameraId: number;
  fromMs: number;
  toMs: number;
  request: unknown;
  state: 'queued' | 'running' | 'done' | 'failed';
  fraction: number;
  files: ExportFileRow[];
  lockId: number | null;
  error: string | null;
  createdBy: string;
  createdAt: number;
  finishedAt: number | null;
  originalStartMs: number | null;
}

interface Raw {
  id: string;
  camera_id: number;
  from_ms: number;
  to_ms: number;
  request: string;
  state: ExportRow['state'];
  fraction: number;
  files: string;
  lock_id: number | null;
  error: string | null;
  created_by: string;
  created_at: number;
  finished_at: number | null;
  original_start_ms: number | null;
}

const toRow = (r: Raw): ExportRow => ({
  id: r.id,
  cameraId: r.camera_id,
  fromMs: r.from_ms,
  toMs: r.to_ms,
  request: JSON.parse(r.request) as unknown,
  state: r.state,
  fraction: r.fraction,
  files: JSON.parse(r.files) as ExportFileRow[],
  lockId: r.lock_id,
  error: r.error,
  createdBy: r.created_by,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  originalStartMs: r.original_start_ms,
});

export class MediaExportsStore {
  constructor(private readonly db: Db) {}

  create(e: { id: string; cameraId: number; fromMs: number; toMs: number; request: unknown; createdBy: string; createdAt: number }): ExportRow {
    this.db
      .prepare("INSERT INTO media_exports (id, camera_id, from_ms, to_ms, request, state, created_by, created_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)")
      .run(e.id, e.cameraId, e.fromMs, e.toMs, JSON.stringify(e.request), e.createdBy, e.createdAt);
    return this.get(e.id)!;
  }

  get(id: string): ExportRow | undefined {
    const r = this.db.prepare('SELECT * FROM media_exports WHERE id = ?').get(id) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  update(id: string, patch: Partial<Pick<ExportRow, 'state' | 'fraction' | 'files' | 'lockId' | 'error' | 'finishedAt' | 'originalStartMs'>>): void {
    const sets: string[] = [];
    const args: unknown[] = [];
    const col: Record<string, string> = { state: 'state', fraction: 'fraction', files: 'files', lockId: 'lock_id', error: 'error', finishedAt: 'finished_at', originalStartMs: 'original_start_ms' };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      sets.push(`${col[k]} = ?`);
      args.push(k === 'files' ? JSON.stringify(v) : v);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE media_exports SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
  }

  recent(limit: number): ExportRow[] {
    return (this.db.prepare('SELECT * FROM media_exports ORDER BY created_at DESC LIMIT ?').all(limit) as Raw[]).map(toRow);
  }

  /** Jobs a crash left queued or running: they are failed at start-up (their partial files are not evidence). */
  failUnfinished(at: number): number {
    return this.db.prepare("UPDATE media_exports SET state = 'failed', error = 'the core stopped before this export finished', finished_at = ? WHERE state IN ('queued', 'running')").run(at).changes;
  }
}
