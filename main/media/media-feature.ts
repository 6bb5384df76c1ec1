import { rmSync } from 'node:fs';
import path from 'node:path';
import { locateFfmpeg, ProcessOwner } from '../../native/index.js';
import { ApiFailure, notFound } from '../api/api-failure.js';
import type { Handlers } from '../api/handler.js';
import { actorOf, signedIn } from '../api/handler.js';
import type { CamerasFeature, CameraService } from '../cameras/camera-service.js';
import type { CoreContext } from '../core-context.js';
import type { Feature, FeatureRegistry } from '../features/feature.js';
import { MediaExportsStore } from '../store/media-exports-store.js';
import { MediaLocksStore } from '../store/media-locks-store.js';
import { RecordingsStore } from '../store/recordings-store.js';
import { ExportService, type ExportRequest } from './export-service.js';
import { MediaLibrary, type TimelineMarkProvider } from './media-library.js';
import type { MediaFeatureParts } from './media-parts.js';
import { mediaRawRoutes } from './media-raw-routes.js';
import { RecorderManager } from './recorder-manager.js';
import { RetentionService, type DiskSpace } from './retention-service.js';
import { SegmentIndexer } from './segment-indexer.js';
import { ViewAudit } from './view-audit.js';

export interface MediaOptions {
  /** Segment length, s (default 10: fine-grained retention and at most 10 s at risk in a crash). */
  segmentTimeS?: number;
  /** Default: the setting 'media.minFreeBytes', else 5 GiB. */
  minFreeBytes?: number;
  diskSpace?: (dir: string) => DiskSpace | null;
  /** Paths of ffmpeg/ffprobe (default: located as native/ffmpeg-locate does). */
  ffmpegPath?: string;
  ffprobePath?: string;
  stallMs?: number;
  /** A recorder's ffmpeg hands over to a fresh one after this long (default 3600 s): see CameraRecorderDeps.runMaxS. */
  runMaxS?: number;
}

/** What other features may use (get it with `features.get<MediaFeature>('media').service`). */
export interface MediaService {
  /** Marks (ANPR reads, events, health incidents) shown on the review timeline. */
  addTimelineMarks(provider: TimelineMarkProvider): void;
  /** The frame shown at a wall time: segment, frame index, camera timestamp. Throws ApiFailure 404 where there is no recording. */
  frameAt: MediaLibrary['frameAt'];
  /** Whether the camera has continuous recording over [fromMs, toMs] (e.g. before queuing a review event). */
  hasRecording(cameraId: number, fromMs: number, toMs: number): boolean;
  /** Locks footage against deletion (a case, a disclosure request). */
  lock(l: { cameraId: number; fromMs: number; toMs: number; reason: string; caseReference: string | null }, actor: { id: number | null; name: string }): { id: number };
  /** Queues an export (evidence-locked when done); returns its job id. */
  exportClip(req: ExportRequest, actor: { id: number | null; name: string }): { jobId: string };
  exportJob(jobId: string): ReturnType<ExportService['toJob']> | undefined;
  /** Absolute path of an export file (for evidence packs), or undefined. */
  exportFilePath(jobId: string, name: string): string | undefined;
}

export interface MediaFeature extends Feature {
  readonly name: 'media';
  readonly service: MediaService;
  /** For tests and the CLI. */
  readonly parts: MediaFeatureParts;
}

const DEFAULT_MIN_FREE = 5 * 1024 ** 3;

export function mediaFeatureWith(opts: MediaOptions = {}) {
  return (core: CoreContext, features: FeatureRegistry): MediaFeature => createMediaFeature(core, features, opts);
}

export function createMediaFeature(core: CoreContext, features: FeatureRegistry, opts: MediaOptions = {}): MediaFeature {
  const cameras: CameraService | null = features.find<CamerasFeature>('cameras')?.service ?? null;
  const db = core.store.db;
  const store = new RecordingsStore(db);
  const locksStore = new MediaLocksStore(db);
  const exportsStore = new MediaExportsStore(db);
  const owner = new ProcessOwner();
  const recordingsRoot = path.join(core.dataDir, 'recordings');
  // Live view is served from memory now; remove the folder older versions wrote it to.
  rmSync(path.join(core.dataDir, 'live'), { recursive: true, force: true });
  const exportsRoot = path.join(core.dataDir, 'exports');
  const log = core.log.child({ feature: 'media' });

  // ffmpeg is located lazily so a machine without it still starts the core (and says why nothing records).
  let tools: { ffmpeg: string; ffprobe: string } | null = null;
  const locate = (): { ffmpeg: string; ffprobe: string } => {
    if (!tools) {
      if (opts.ffmpegPath && opts.ffprobePath) tools = { ffmpeg: opts.ffmpegPath, ffprobe: opts.ffprobePath };
      else {
        const t = locateFfmpeg();
        tools = { ffmpeg: opts.ffmpegPath ?? t.ffmpeg.path, ffprobe: opts.ffprobePath ?? t.ffprobe.path };
      }
    }
    return tools;
  };

  const minFreeBytes = (): number => opts.minFreeBytes ?? core.store.settings.get<number>('media.minFreeBytes') ?? DEFAULT_MIN_FREE;
  const indexer = new SegmentIndexer(store, owner, '', recordingsRoot);
  const absolute = (rel: string): string => indexer.absolute(rel);
  const library = new MediaLibrary(store, owner, () => locate().ffprobe, absolute, log);
  const retention = new RetentionService(store, locksStore, cameras, core.audit, log, {
    recordingsRoot, absolute, minFreeBytes, ...(opts.diskSpace ? { diskSpace: opts.diskSpace } : {}),
  });
  const views = new ViewAudit(core.audit);
  const exports = new ExportService(exportsStore, locksStore, store, library, cameras, owner, () => locate().ffmpeg, absolute, exportsRoot, core.audit, log, core.publish);
  let recorders: RecorderManager | null = null;
  const makeRecorders = (): RecorderManager => {
    let ffmpegPath = '';
    let ffprobePath = '';
    try {
      ({ ffmpeg: ffmpegPath, ffprobe: ffprobePath } = locate());
    } catch (e) {
      log.error({ err: (e as Error).message }, 'media: ffmpeg not found; nothing can be recorded');
    }
    return new RecorderManager(ffmpegPath ? cameras : null, store, {
      owner, store, indexer: new SegmentIndexer(store, owner, ffprobePath, recordingsRoot), ffmpegPath, recordingsRoot, log,
      segmentTimeS: opts.segmentTimeS ?? 10,
      onDiskFull: () => retention.safeDiskCheck(),
      ...(opts.stallMs !== undefined ? { stallMs: opts.stallMs } : {}),
      ...(opts.runMaxS !== undefined ? { runMaxS: opts.runMaxS } : {}),
    }, log, core.publish);
  };
  recorders = makeRecorders();

  const parts: MediaFeatureParts = { store, locksStore, exportsStore, owner, recorders, library, retention, exports, views, audit: core.audit, recordingsRoot, absolute, minFreeBytes };

  const cameraKnown = (cameraId: number): void => {
    if (cameras && !cameras.get(cameraId) && !store.lastSegment(cameraId)) throw notFound(`camera ${cameraId}`);
  };

  const handlers: Partial<Handlers> = {
    listRecorders: () => recorders!.statuses(),
    getRecorder: ({ params }) => {
      cameraKnown(params.cameraId);
      return recorders!.status(params.cameraId);
    },
    getTimeline: ({ query }) => library.timeline(query.cameraId, query.from, query.to, query.buckets),
    getFrameAt: async (ctx) => {
      const user = signedIn(ctx);
      const r = await library.frameAt(ctx.query.cameraId, ctx.query.at);
      views.record(user, ctx.token ?? '', ctx.query.cameraId, 'frame');
      return r;
    },
    listLocks: ({ query }) => locksStore.list({ ...(query.cameraId !== undefined ? { cameraId: query.cameraId } : {}), includeReleased: query.includeReleased === 'true' }),
    createLock: (ctx) => {
      const user = signedIn(ctx);
      const b = ctx.body;
      const lock = locksStore.create({ cameraId: b.cameraId, fromMs: b.from, toMs: b.to, reason: b.reason, caseReference: b.caseReference, createdBy: user.username, createdAt: Date.now() });
      core.audit.record(actorOf(user), 'media.lock.create', `lock:${lock.id}`, { cameraId: b.cameraId, fromMs: b.from, toMs: b.to, reason: b.reason, caseReference: b.caseReference });
      return lock;
    },
    releaseLock: (ctx) => {
      const user = signedIn(ctx);
      const existing = locksStore.get(ctx.params.id);
      if (!existing) throw notFound(`evidence lock ${ctx.params.id}`);
      if (existing.releasedAt !== null) throw new ApiFailure(409, 'already-released', `evidence lock ${existing.id} was released already`);
      const lock = locksStore.release(existing.id, user.username, ctx.body.reason, Date.now())!;
      core.audit.record(actorOf(user), 'media.lock.release', `lock:${lock.id}`, { reason: ctx.body.reason, cameraId: lock.cameraId, fromMs: lock.fromMs, toMs: lock.toMs });
      return lock;
    },
    runRetentionSweep: (ctx) => {
      const user = signedIn(ctx);
      const r = retention.sweep();
      core.audit.record(actorOf(user), 'media.retention.sweep', 'media', { deleted: r.deleted, freedBytes: r.freedBytes, keptByLock: r.keptByLock });
      return r;
    },
    listDeletions: ({ query }) => store.deletions({ ...(query.cameraId !== undefined ? { cameraId: query.cameraId } : {}), limit: query.limit }),
    getStorage: () => {
      const space = retention.diskSpace();
      const totals = store.totals();
      return {
        recordingsDir: recordingsRoot,
        freeBytes: space?.freeBytes ?? null,
        totalBytes: space?.totalBytes ?? null,
        minFreeBytes: minFreeBytes(),
        recordedBytes: totals.bytes,
        segments: totals.segments,
        lastSweepAt: retention.lastSweepAt,
      };
    },
    createExport: (ctx) => {
      const user = signedIn(ctx);
      const b = ctx.body;
      const row = exports.create({ cameraId: b.cameraId, fromMs: b.from, toMs: b.to, original: b.original, presentation: b.presentation, stillsMs: b.stills, reason: b.reason, caseReference: b.caseReference }, actorOf(user));
      return exports.toJob(row);
    },
    getExport: ({ params }) => {
      const row = exportsStore.get(params.jobId);
      if (!row) throw notFound(`export ${params.jobId}`);
      return exports.toJob(row);
    },
    listExports: () => exportsStore.recent(200).map((r) => exports.toJob(r)),
  };

  const service: MediaService = {
    addTimelineMarks: (p) => library.addMarkProvider(p),
    frameAt: (cameraId, atMs) => library.frameAt(cameraId, atMs),
    hasRecording: (cameraId, fromMs, toMs) => {
      try {
        exports.covering(cameraId, fromMs, toMs);
        return true;
      } catch {
        return false;
      }
    },
    lock: (l, actor) => {
      const lock = locksStore.create({ ...l, createdBy: actor.name, createdAt: Date.now() });
      core.audit.record(actor, 'media.lock.create', `lock:${lock.id}`, { ...l });
      return { id: lock.id };
    },
    exportClip: (req, actor) => ({ jobId: exports.create(req, actor).id }),
    exportJob: (jobId) => {
      const row = exportsStore.get(jobId);
      return row ? exports.toJob(row) : undefined;
    },
    exportFilePath: (jobId, name) => {
      const row = exportsStore.get(jobId);
      return row?.files.some((f) => f.name === name) ? path.join(exports.dirOf(jobId), name) : undefined;
    },
  };

  let startupCheck: NodeJS.Timeout | null = null;
  return {
    name: 'media',
    service,
    parts,
    handlers,
    rawRoutes: mediaRawRoutes(parts),
    start() {
      exportsStore.failUnfinished(Date.now());
      recorders!.start();
      retention.start();
      // A disk check shortly after start-up, before the first minute's tick.
      startupCheck = setTimeout(() => retention.safeDiskCheck(), 5000);
      startupCheck.unref();
    },
    async stop() {
      if (startupCheck) clearTimeout(startupCheck);
      retention.stop();
      await recorders!.stop();
      await exports.idle();
      await owner.dispose();
    },
  };
}
