import type { FeatureRegistry } from '../features/feature.js';
import type { Db } from '../store/database.js';
import { AnprReadsStore } from '../store/anpr-reads-store.js';
import { CamerasStore } from '../store/cameras-store.js';
import { EventsStore, type EventRow } from '../store/events-store.js';
import { PcnStore, type PcnRow } from '../store/pcn-store.js';
import { RestrictionsStore, type RestrictionRow } from '../store/restrictions-store.js';
import { defaultFactSources } from '../pcn/fact-sources.js';

export interface CertificateFacts {
  number: string;
  issuer: string;
  typeApproval: string;
  validFrom: number;
  validTo: number | null;
}

export interface HealthFacts {
  status: string;
  clockDriftS: number | null;
  fps: number | null;
  lastProbeAt: number | null;
  stale: boolean | null;
  evidenceUsable: boolean | null;
  source: 'health-log' | 'recording-index' | 'none';
}

export interface FootageFile {
  kind: 'original' | 'presentation' | 'still';
  absPath: string;
  sha256: string;
  bytes: number;
}

export interface FootageExport {
  files: FootageFile[];
  /** The original clip's true first frame (snapped to a keyframe). */
  originalStartMs: number | null;
  exportId: string;
}

/**
 * Where an evidence pack's content comes from. Each is a small interface so
 * the features (cameras, media, health, anpr, pcn) plug in as they land and
 * tests pass their own. A null answer is "not available": the pack then
 * names the omission instead of pretending.
 */
export interface EvidenceSources {
  pcn(id: number): PcnRow | undefined;
  event(id: number): EventRow | undefined;
  restriction(id: number): RestrictionRow | undefined;
  camera(id: number): { name: string; location: string } | undefined;
  certificateAt(cameraId: number, atMs: number): CertificateFacts | null;
  healthAt(cameraId: number, atMs: number): HealthFacts;
  continuity(cameraId: number, fromMs: number, toMs: number): { continuous: boolean; why: string } | null;
  /** Exports the clip (original + presentation) and stills at the given times; rejects with the reason when there is no footage. */
  exportFootage(req: { cameraId: number; fromMs: number; toMs: number; stillsMs: number[]; caseReference: string; reason: string }, actor: { id: number | null; name: string }): Promise<FootageExport>;
  /** The ANPR camera's own pictures of the event's reads (plate patch, overview), as files on disk. */
  anprImages(eventId: number): { role: 'plate' | 'overview'; absPath: string; sha256: string }[];
}

export interface MediaExportPort {
    exportClip(req: { cameraId: number; fromMs: number; toMs: number; original: boolean; presentation: boolean; stillsMs: number[]; reason: string; caseReference: string | null }, actor: { id: number | null; name: string }): { jobId: string };
    exportJob(jobId: string): { state: string; error: string | null; files: { kind: 'original' | 'presentation' | 'still'; name: string; bytes: number; sha256: string }[]; originalStartMs: number | null } | undefined;
    exportFilePath(jobId: string, name: string): string | undefined;
}

/** Queues an export with media and waits (polling gently: exports run one at a time) until it is done or failed. */
export async function exportViaMedia(
  media: MediaExportPort,
  req: { cameraId: number; fromMs: number; toMs: number; original: boolean; presentation: boolean; stillsMs: number[]; caseReference: string; reason: string },
  actor: { id: number | null; name: string },
  timeoutMs = 10 * 60_000,
): Promise<FootageExport> {
  const { jobId } = media.exportClip(req, actor);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = media.exportJob(jobId);
    if (!job) throw new Error(`export ${jobId} vanished`);
    if (job.state === 'done') {
      return {
        exportId: jobId,
        originalStartMs: job.originalStartMs,
        files: job.files.map((f) => ({ kind: f.kind, bytes: f.bytes, sha256: f.sha256, absPath: media.exportFilePath(jobId, f.name)! })),
      };
    }
    if (job.state === 'failed') throw new Error(job.error ?? 'the export failed');
    if (Date.now() > deadline) throw new Error(`export ${jobId} did not finish in time`);
    await sleep(250);
  }
}

interface MediaLike {
  service?: MediaExportPort;
}
interface HealthLike {
  service?: { stateAt?(cameraId: number, atMs: number): { status: string; clockDriftS: number | null; fps: number | null; lastProbeAt: number | null; stale: boolean; evidenceUsable: boolean } };
}
interface CamerasLike {
  service?: { certificateAt?(cameraId: number, atMs: number): { certificateNumber: string; issuer: string; typeApprovalRef: string | null; validFrom: number; validTo: number } | undefined };
}
interface AnprLike {
  images?: { pathOf(sha256: string): string };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sources from the registered features, falling back to the shared tables where a feature is absent. */
export function defaultEvidenceSources(db: Db, features: FeatureRegistry | undefined, opts: { exportTimeoutMs?: number } = {}): EvidenceSources {
  const pcns = new PcnStore(db);
  const events = new EventsStore(db);
  const restrictions = new RestrictionsStore(db);
  const cameras = new CamerasStore(db);
  const reads = new AnprReadsStore(db);
  const facts = defaultFactSources(db, features);
  const media = features?.find<MediaLike & { name: string }>('media')?.service;
  const health = features?.find<HealthLike & { name: string }>('health')?.service;
  const camerasF = features?.find<CamerasLike & { name: string }>('cameras')?.service;
  const anpr = features?.find<AnprLike & { name: string }>('anpr');

  return {
    pcn: (id) => pcns.byId(id),
    event: (id) => events.byId(id),
    restriction: (id) => restrictions.byId(id),
    camera(id) {
      const c = cameras.byId(id);
      return c ? { name: c.name, location: c.enforcementSiteName || c.locationDescription || c.name } : undefined;
    },
    certificateAt(cameraId, atMs) {
      const c = camerasF?.certificateAt ? camerasF.certificateAt(cameraId, atMs) : cameras.certificateAt(cameraId, atMs);
      return c ? { number: c.certificateNumber, issuer: c.issuer, typeApproval: c.typeApprovalRef ?? '', validFrom: c.validFrom, validTo: c.validTo } : null;
    },
    healthAt(cameraId, atMs) {
      if (health?.stateAt) {
        const s = health.stateAt(cameraId, atMs);
        return { status: s.status, clockDriftS: s.clockDriftS, fps: s.fps, lastProbeAt: s.lastProbeAt, stale: s.stale, evidenceUsable: s.evidenceUsable, source: 'health-log' };
      }
      const h = facts.healthAt(cameraId, atMs);
      if (!h) return { status: 'unknown', clockDriftS: null, fps: null, lastProbeAt: null, stale: null, evidenceUsable: null, source: 'none' };
      return { status: 'unknown', clockDriftS: h.clockOffsetS, fps: h.frameRateFps, lastProbeAt: null, stale: null, evidenceUsable: null, source: 'recording-index' };
    },
    continuity: (cameraId, fromMs, toMs) => facts.continuity(cameraId, fromMs, toMs),
    async exportFootage(req, actor) {
      if (!media) throw new Error('the media feature is not running, so no footage can be exported');
      return exportViaMedia(media, { ...req, original: true, presentation: true }, actor, opts.exportTimeoutMs);
    },
    anprImages(eventId) {
      const e = events.byId(eventId);
      if (!e || !anpr?.images) return [];
      return e.readIds.flatMap((id) => reads.imagesOf(id)).map((i) => ({ role: i.role, sha256: i.sha256, absPath: anpr.images!.pathOf(i.sha256) }));
    },
  };
}
