import type { FeatureRegistry } from '../features/feature.js';
import type { Db } from '../store/database.js';
import { EventsStore } from '../store/events-store.js';
import { RestrictionsStore, type RestrictionRow } from '../store/restrictions-store.js';
import { CamerasStore } from '../store/cameras-store.js';
import { RecordingsStore } from '../store/recordings-store.js';
import { WhiteListStore } from '../store/whitelist-store.js';
import { AnprReadsStore } from '../store/anpr-reads-store.js';
import { readFile } from 'node:fs/promises';

/**
 * Where the facts behind a PCN come from. Each is a small interface so the
 * services of other features (anpr, cameras, health, media) plug in when
 * they are registered, and tests pass their own. Every method returns null
 * for "not known": the preconditions treat unknown as a failure, never as a
 * pass (a PCN is a legal claim).
 */
export interface PcnEvent {
  id: number;
  cameraId: number;
  restrictionId: number | null;
  restrictionType: string | null;
  vrm: string;
  firstSeenAt: number;
  lastSeenAt: number;
  clipStart: number;
  clipEnd: number;
  status: string;
}

export interface CameraFacts {
  name: string;
  place: string;
  siteCode: string | null;
}

export interface HealthState {
  /** Camera clock minus the national time source, seconds; null if not known. */
  clockOffsetS: number | null;
  frameRateFps: number | null;
  /** Last clock synchronisation before the instant; omit when not tracked. */
  lastClockSyncAt?: number | null;
}

export interface Still {
  label: string;
  type: 'png' | 'jpeg';
  bytes: Uint8Array;
}

export interface PcnFactSources {
  event(id: number): PcnEvent | null;
  restriction(id: number): RestrictionRow | null;
  camera(id: number): CameraFacts | null;
  exemption(q: { vrm: string; cameraId: number; restrictionType: string; atMs: number }): { exempt: boolean; reason?: string } | null;
  /** Open defects that block enforcement; null when the defect register cannot be read. */
  blockingDefects(cameraId: number, atMs: number): { id: string; description: string }[] | null;
  certificateAt(cameraId: number, atMs: number): { number: string; validFrom: number; validTo: number | null } | null;
  healthAt(cameraId: number, atMs: number): HealthState | null;
  /** Whether recorded footage covers [from, to) without a gap; null when it cannot be told. */
  continuity(cameraId: number, fromMs: number, toMs: number): { continuous: boolean; why: string } | null;
  /** Stills of the vehicle and its plate for the notice. */
  stills(eventId: number): Promise<Still[]>;
  /** Cameras that make up the same enforcement site (warning notices count history per site). */
  siteCameraIds(cameraId: number): number[];
}

/**
 * The shapes this feature reads from other features, duck-typed so each may
 * land in any order: health and cameras expose `service`, anpr its
 * `whiteList`; media may offer continuity and stills.
 */
interface HealthService {
  stateAt?(cameraId: number, atMs: number): { status?: string; clockDriftS?: number | null; fps?: number | null; stale?: boolean; lastClockSyncAt?: number | null } | null | undefined;
  hasBlockingDefect?(cameraId: number, atMs: number): { blocked: boolean; defectIds: (number | string)[]; reason: string | null } | null;
}
interface CameraService {
  certificateAt?(cameraId: number, atMs: number): { certificateNumber: string; validFrom: number; validTo: number | null } | null | undefined;
}
interface MediaService {
  continuity?(cameraId: number, fromMs: number, toMs: number): { continuous: boolean; why: string } | null;
  stillsForEvent?(eventId: number): Promise<Still[]>;
}
interface WhiteListService {
  check?(vrm: string, opts: { cameraId?: number; atMs?: number }): { exempt: boolean; explanation: string };
}
type WithService<S> = { service?: S } & S;

/** Footage may have sub-second seams between segments; more than this is a gap in the record. */
const MAX_SEAM_MS = 1000;

/**
 * Facts from the registered features where they offer them, else from the
 * shared tables the earlier migrations created (events, restrictions,
 * certificates, segment index, white list) — data, not guesses. The health
 * log has no table here: without the health feature, clock and defect facts
 * are unknown and the preconditions fail.
 */
export function defaultFactSources(db: Db, features?: FeatureRegistry): PcnFactSources {
  const events = new EventsStore(db);
  const restrictions = new RestrictionsStore(db);
  const cameras = new CamerasStore(db);
  const recordings = new RecordingsStore(db);
  const whiteList = new WhiteListStore(db);
  const svc = <S,>(name: string): S | undefined => {
    const f = features?.find<WithService<S> & { name: string }>(name);
    return f ? (f.service ?? f) : undefined;
  };
  const health = svc<HealthService>('health');
  const camerasF = svc<CameraService>('cameras');
  const media = svc<MediaService>('media');
  const anprF = features?.find<{ name: string; whiteList?: WhiteListService; images?: { pathOf(sha256: string): string } }>('anpr');
  const whiteListF = anprF?.whiteList;
  const reads = new AnprReadsStore(db);

  const storeContinuity = (cameraId: number, fromMs: number, toMs: number) => {
    const segs = recordings.segmentsBetween(cameraId, fromMs, toMs);
    if (!segs.length) return { continuous: false, why: 'no footage is recorded for the clip' };
    const gaps = recordings.gapsBetween(cameraId, fromMs, toMs);
    if (gaps.length) return { continuous: false, why: `a recording gap (${gaps[0]!.cause}) falls inside the clip` };
    let covered = fromMs;
    for (const s of segs) {
      if (s.state !== 'complete') return { continuous: false, why: `segment ${s.id} is missing from disk` };
      if (s.startMs > covered + MAX_SEAM_MS) return { continuous: false, why: `footage is missing for ${Math.round((s.startMs - covered) / 1000)} s inside the clip` };
      covered = Math.max(covered, s.endMs);
    }
    if (covered + MAX_SEAM_MS < toMs) return { continuous: false, why: 'footage ends before the clip does' };
    return { continuous: true, why: `${segs.length} segment(s) cover the clip without a gap` };
  };

  return {
    event(id) {
      const e = events.byId(id);
      return e ? { ...e } : null;
    },
    restriction: (id) => restrictions.byId(id) ?? null,
    camera(id) {
      const c = cameras.byId(id);
      if (!c) return null;
      return { name: c.name, place: c.enforcementSiteName || c.locationDescription || c.name, siteCode: c.siteCode };
    },
    exemption(q) {
      if (whiteListF?.check) {
        const r = whiteListF.check(q.vrm, { cameraId: q.cameraId, atMs: q.atMs });
        return r.exempt ? { exempt: true, reason: r.explanation } : { exempt: false };
      }
      // The white list itself: an entry in date whose scope covers this camera and restriction type.
      const hit = whiteList
        .byVrm(q.vrm)
        .find(
          (w) =>
            w.removedAt === null &&
            w.validFrom <= q.atMs &&
            (w.validTo === null || q.atMs <= w.validTo) &&
            (w.scopeCameras.length === 0 || w.scopeCameras.includes(q.cameraId)) &&
            (w.scopeTypes.length === 0 || w.scopeTypes.includes(q.restrictionType)),
        );
      return hit ? { exempt: true, reason: `white-listed (${hit.category}, entry ${hit.id}, source: ${hit.source})` } : { exempt: false };
    },
    blockingDefects(cameraId, atMs) {
      if (!health?.hasBlockingDefect) return null;
      const r = health.hasBlockingDefect(cameraId, atMs);
      if (!r) return null;
      return r.blocked ? [{ id: r.defectIds.join(',') || 'health', description: r.reason ?? 'the defect register reports a blocking defect' }] : [];
    },
    certificateAt(cameraId, atMs) {
      const c = camerasF?.certificateAt ? camerasF.certificateAt(cameraId, atMs) : cameras.certificateAt(cameraId, atMs);
      return c ? { number: c.certificateNumber, validFrom: c.validFrom, validTo: c.validTo } : null;
    },
    healthAt(cameraId, atMs) {
      if (health?.stateAt) {
        const s = health.stateAt(cameraId, atMs);
        // No probe near the event (stale) or no status: the clock and frame rate then are not known.
        if (!s || s.stale || s.status === 'unknown') return null;
        return {
          clockOffsetS: s.clockDriftS ?? null,
          frameRateFps: s.fps ?? null,
          ...(s.lastClockSyncAt !== undefined ? { lastClockSyncAt: s.lastClockSyncAt } : {}),
        };
      }
      // Without the health log, the recording itself: frames over duration, and the clock offset read when it was indexed.
      const seg = recordings.segmentAt(cameraId, atMs);
      if (!seg) return null;
      const secs = (seg.endMs - seg.startMs) / 1000;
      return {
        clockOffsetS: seg.cameraOffsetMs === null ? null : seg.cameraOffsetMs / 1000,
        frameRateFps: seg.frameCount !== null && secs > 0 ? Math.round((seg.frameCount / secs) * 10) / 10 : null,
      };
    },
    continuity: (cameraId, fromMs, toMs) => (media?.continuity ? media.continuity(cameraId, fromMs, toMs) : storeContinuity(cameraId, fromMs, toMs)),
    async stills(eventId) {
      if (media?.stillsForEvent) {
        const s = await media.stillsForEvent(eventId);
        if (s.length) return s;
      }
      // The ANPR camera's own pictures of the event's reads: the plate patch and the overview, one of each.
      const e = events.byId(eventId);
      if (!e || !anprF?.images) return [];
      const out: Still[] = [];
      for (const role of ['overview', 'plate'] as const) {
        const img = e.readIds.flatMap((id) => reads.imagesOf(id)).find((i) => i.role === role);
        if (!img) continue;
        try {
          out.push({ label: role === 'plate' ? 'Registration plate' : 'The vehicle', type: 'jpeg', bytes: await readFile(anprF.images.pathOf(img.sha256)) });
        } catch {
          // A picture aged out or missing is left off; the notice then needs the footage stills instead.
        }
      }
      return out;
    },
    siteCameraIds(cameraId) {
      const c = cameras.byId(cameraId);
      if (!c?.siteCode) return [cameraId];
      return cameras.list({ includeRetired: true }).filter((x) => x.siteCode === c.siteCode).map((x) => x.id);
    },
  };
}
