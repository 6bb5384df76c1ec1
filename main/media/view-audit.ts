import type { AuditLog } from '../audit/audit-log.js';

/**
 * Footage views are audited once per user session, camera and hour: hls.js
 * fetches a segment every second or so, and one audit entry per segment
 * would bury every other entry in the hash-chained log.
 */
export class ViewAudit {
  private readonly seen = new Map<string, number>();

  constructor(private readonly audit: AuditLog, private readonly now: () => number = Date.now) {}

  record(user: { id: number; username: string }, session: string, cameraId: number, kind: 'live' | 'playback' | 'frame', details: Record<string, unknown> = {}): void {
    const hour = Math.floor(this.now() / 3600_000);
    const key = `${user.id}:${session.slice(0, 16)}:${cameraId}:${kind}`;
    if (this.seen.get(key) === hour) return;
    this.seen.set(key, hour);
    if (this.seen.size > 10_000) {
      for (const [k, h] of this.seen) if (h !== hour) this.seen.delete(k);
    }
    this.audit.record({ id: user.id, name: user.username }, `media.view.${kind}`, `camera:${cameraId}`, details);
  }
}
