/**
 * Which segments retention may delete. Pure, so the rule that matters most
 * (locked footage is never deleted) is tested as a plain function.
 */
export interface RetentionSegment {
  id: number;
  cameraId: number;
  startMs: number;
  endMs: number;
}

export interface RetentionLock {
  cameraId: number;
  fromMs: number;
  toMs: number;
  releasedAt: number | null;
}

/** True when any unreleased lock of the segment's camera overlaps it, even by a frame. */
export function isLocked(seg: RetentionSegment, locks: readonly RetentionLock[]): boolean {
  return locks.some((l) => l.releasedAt === null && l.cameraId === seg.cameraId && l.fromMs < seg.endMs && l.toMs > seg.startMs);
}

/** Segments wholly older than the cut-off (now − retention days) and not locked. */
export function selectExpired<S extends RetentionSegment>(segments: readonly S[], nowMs: number, retentionDays: number, locks: readonly RetentionLock[]): { expired: S[]; keptByLock: S[] } {
  if (!(retentionDays > 0)) throw new Error('retention must be a positive number of days');
  const cutoff = nowMs - retentionDays * 86_400_000;
  const expired: S[] = [];
  const keptByLock: S[] = [];
  for (const s of segments) {
    if (s.endMs >= cutoff) continue;
    (isLocked(s, locks) ? keptByLock : expired).push(s);
  }
  return { expired, keptByLock };
}

/**
 * Low disk: the oldest unlocked segments (given oldest first), as many as it
 * takes to free `needBytes`. Recording carries on because space is made
 * before the disk is full, not after.
 */
export function selectForSpace<S extends RetentionSegment & { bytes: number }>(oldestFirst: readonly S[], needBytes: number, locks: readonly RetentionLock[]): S[] {
  const out: S[] = [];
  let freed = 0;
  for (const s of oldestFirst) {
    if (freed >= needBytes) break;
    if (isLocked(s, locks)) continue;
    out.push(s);
    freed += s.bytes;
  }
  return out;
}
