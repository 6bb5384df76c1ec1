import { rmSync, statfsSync } from 'node:fs';
import type { Logger } from 'pino';
import { systemActor, type AuditLog } from '../audit/audit-log.js';
import type { SweepResult } from '../api/contract/media-routes.js';
import type { CameraService } from '../cameras/camera-service.js';
import type { MediaLocksStore } from '../store/media-locks-store.js';
import type { DeletionRow, RecordingsStore, SegmentRow } from '../store/recordings-store.js';
import { selectExpired, selectForSpace } from './retention-policy.js';

export const DEFAULT_RETENTION_DAYS = 31;

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

export interface RetentionOptions {
  recordingsRoot: string;
  absolute: (rel: string) => string;
  /** Below this much free space the oldest unlocked footage is deleted. */
  minFreeBytes: () => number;
  /** Injectable for tests (a disk cannot be filled on demand). */
  diskSpace?: (dir: string) => DiskSpace | null;
  now?: () => number;
  sweepEveryMs?: number;
  diskCheckEveryMs?: number;
}

export function statfsSpace(dir: string): DiskSpace | null {
  try {
    const s = statfsSync(dir);
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}

/**
 * Retention: footage older than its camera's retention period goes on an
 * hourly schedule; footage under an evidence lock never goes; when free
 * space runs low the oldest unlocked footage goes first (checked every
 * minute and at once when a recorder hits a full disk), so recording
 * carries on. Every deleted segment is logged in media_deletions; the audit
 * log gets one entry per camera per sweep (per segment would swamp the
 * hash chain with 8 640 entries per camera per day).
 */
export class RetentionService {
  private sweepTimer: NodeJS.Timeout | null = null;
  private diskTimer: NodeJS.Timeout | null = null;
  private running = false;
  lastSweepAt: number | null = null;

  constructor(
    private readonly store: RecordingsStore,
    private readonly locks: MediaLocksStore,
    private readonly cameras: CameraService | null,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly opts: RetentionOptions,
  ) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  diskSpace(): DiskSpace | null {
    return (this.opts.diskSpace ?? statfsSpace)(this.opts.recordingsRoot);
  }

  start(): void {
    this.sweepTimer = setInterval(() => this.safeSweep(), this.opts.sweepEveryMs ?? 3600_000);
    this.sweepTimer.unref();
    this.diskTimer = setInterval(() => this.safeDiskCheck(), this.opts.diskCheckEveryMs ?? 60_000);
    this.diskTimer.unref();
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.diskTimer) clearInterval(this.diskTimer);
    this.sweepTimer = this.diskTimer = null;
  }

  private safeSweep(): void {
    try {
      this.sweep();
    } catch (e) {
      this.log.error({ err: (e as Error).message }, 'media: retention sweep failed');
    }
  }

  safeDiskCheck(): void {
    try {
      this.freeSpace([]);
    } catch (e) {
      this.log.error({ err: (e as Error).message }, 'media: low-disk check failed');
    }
  }

  private retentionDays(cameraId: number): number {
    const c = this.cameras?.list({ includeRetired: true }).find((x) => x.id === cameraId);
    return c && c.retentionDays > 0 ? c.retentionDays : DEFAULT_RETENTION_DAYS;
  }

  private remove(seg: SegmentRow, reason: DeletionRow['reason'], errors: string[]): DeletionRow | null {
    try {
      rmSync(this.opts.absolute(seg.path), { force: true });
    } catch (e) {
      errors.push(`segment ${seg.id}: ${(e as Error).message}`);
      return null;
    }
    return this.store.deleteSegment(seg, reason, this.now());
  }

  /** The scheduled sweep (also run on demand): expired footage first, then the low-disk guard. */
  sweep(nowMs?: number): SweepResult {
    if (this.running) return { deleted: 0, freedBytes: 0, keptByLock: 0, lowDisk: false, freeBytes: this.diskSpace()?.freeBytes ?? null, errors: ['a sweep is already running'] };
    this.running = true;
    try {
      const errors: string[] = [];
      const locks = this.locks.active();
      let deleted = 0;
      let freedBytes = 0;
      let keptByLock = 0;
      const now = nowMs ?? this.now();
      for (const cameraId of this.store.cameraIdsWithFootage()) {
        const days = this.retentionDays(cameraId);
        const cutoff = now - days * 86_400_000;
        const perCamera: DeletionRow[] = [];
        // Batches keep memory flat for a camera with months of backlog.
        for (;;) {
          const batch = this.store.segmentsEndingBefore(cameraId, cutoff, 2000);
          const { expired, keptByLock: kept } = selectExpired(batch, now, days, locks);
          keptByLock += kept.length;
          for (const s of expired) {
            const d = this.remove(s, 'retention', errors);
            if (d) perCamera.push(d);
          }
          if (batch.length < 2000 || expired.length === 0) break;
        }
        this.store.deleteGapsEndingBefore(cameraId, cutoff);
        if (perCamera.length > 0) {
          deleted += perCamera.length;
          const bytes = perCamera.reduce((a, d) => a + d.bytes, 0);
          freedBytes += bytes;
          this.audit.record(systemActor, 'media.retention.delete', `camera:${cameraId}`, {
            reason: 'retention', retentionDays: days, segments: perCamera.length, bytes,
            fromMs: Math.min(...perCamera.map((d) => d.startMs)), toMs: Math.max(...perCamera.map((d) => d.endMs)),
            firstDeletionId: perCamera[0]!.id, lastDeletionId: perCamera[perCamera.length - 1]!.id,
          });
        }
      }
      const space = this.freeSpace(errors);
      this.lastSweepAt = now;
      return { deleted: deleted + space.deleted, freedBytes: freedBytes + space.freedBytes, keptByLock, lowDisk: space.lowDisk, freeBytes: space.freeBytes, errors };
    } finally {
      this.running = false;
    }
  }

  /** Low-disk guard: deletes the oldest unlocked segments until free space is 10% above the threshold. */
  freeSpace(errors: string[]): { deleted: number; freedBytes: number; lowDisk: boolean; freeBytes: number | null } {
    const space = this.diskSpace();
    const min = this.opts.minFreeBytes();
    if (!space || space.freeBytes >= min) return { deleted: 0, freedBytes: 0, lowDisk: false, freeBytes: space?.freeBytes ?? null };
    const need = Math.ceil(min * 1.1) - space.freeBytes;
    const locks = this.locks.active();
    const chosen = selectForSpace(this.store.oldestSegments(5000), need, locks);
    const byCamera = new Map<number, DeletionRow[]>();
    for (const s of chosen) {
      const d = this.remove(s, 'low-disk', errors);
      if (d) byCamera.set(s.cameraId, [...(byCamera.get(s.cameraId) ?? []), d]);
    }
    let deleted = 0;
    let freedBytes = 0;
    for (const [cameraId, rows] of byCamera) {
      const bytes = rows.reduce((a, d) => a + d.bytes, 0);
      deleted += rows.length;
      freedBytes += bytes;
      this.audit.record(systemActor, 'media.retention.delete', `camera:${cameraId}`, {
        reason: 'low-disk', segments: rows.length, bytes, freeBytesBefore: space.freeBytes, minFreeBytes: min,
        fromMs: Math.min(...rows.map((d) => d.startMs)), toMs: Math.max(...rows.map((d) => d.endMs)),
      });
    }
    if (chosen.length === 0) {
      this.log.error({ freeBytes: space.freeBytes, minFreeBytes: min }, 'media: disk is low and every remaining segment is evidence-locked; recording may stop');
    } else {
      this.log.warn({ deleted, freedBytes, freeBytes: space.freeBytes, minFreeBytes: min }, 'media: disk low; deleted the oldest unlocked footage');
    }
    return { deleted, freedBytes, lowDisk: true, freeBytes: this.diskSpace()?.freeBytes ?? null };
  }
}
