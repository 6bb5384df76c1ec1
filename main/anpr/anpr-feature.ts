/**
 * The anpr feature: camera read ingest, the exempt-vehicle white list, the
 * restriction each camera enforces, and candidate events. Needs the cameras
 * feature (camera ids, site codes, ANPR keys); uses the health feature's
 * blocking-defect check when it is registered.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiFailure } from '../api/api-failure.js';
import { anyRole } from '../api/contract/route.js';
import { actorOf } from '../api/handler.js';
import type { RawRoutes } from '../api/server.js';
import type { CamerasFeature } from '../cameras/camera-service.js';
import type { CoreContext } from '../core-context.js';
import type { Feature, FeatureFactory, FeatureRegistry } from '../features/feature.js';
import { AnprReadsStore } from '../store/anpr-reads-store.js';
import { EventsStore } from '../store/events-store.js';
import { RestrictionsStore } from '../store/restrictions-store.js';
import { WhiteListStore } from '../store/whitelist-store.js';
import { anprHandlers } from './anpr-handlers.js';
import { blockingDefectCheckerFrom, type BlockingDefectChecker } from './blocking-defect-checker.js';
import { cameraDirectoryFrom, type CameraDirectory } from './camera-directory.js';
import { EventBuilder, type EventOptions } from './event-builder.js';
import { ImageStore } from './image-store.js';
import { IngestService } from './ingest-service.js';
import { defaultIngestLimits, ingestRoutes, type IngestLimits } from './ingest-routes.js';
import { RestrictionsService } from './restrictions-service.js';
import { WhiteListService } from './white-list-service.js';

export interface AnprFeature extends Feature {
  readonly name: 'anpr';
  readonly whiteList: WhiteListService;
  readonly restrictions: RestrictionsService;
  readonly events: EventBuilder;
  readonly ingest: IngestService;
  readonly images: ImageStore;
}

export interface AnprFeatureOptions {
  limits?: Partial<IngestLimits>;
  events?: Partial<EventOptions>;
  /** Overrides for tests: the camera directory and the defect check. */
  cameras?: CameraDirectory;
  defects?: BlockingDefectChecker;
}

const noCameras: CameraDirectory = { resolve: () => undefined, exists: () => false, verifyKey: () => false };

export function createAnprFeature(options: AnprFeatureOptions = {}): FeatureFactory {
  return (core: CoreContext, features: FeatureRegistry): AnprFeature => {
    const cameras = features.find<CamerasFeature>('cameras');
    // Without the cameras feature no camera can prove its key: every push is refused (401), the rest works.
    if (!options.cameras && !cameras) core.log.warn('anpr: the cameras feature is not registered; ANPR ingest will refuse every camera');
    const directory = options.cameras ?? (cameras ? cameraDirectoryFrom(cameras.service) : noCameras);
    const db = core.store.db;
    const readsStore = new AnprReadsStore(db);
    const eventsStore = new EventsStore(db);
    const restrictions = new RestrictionsService({ store: new RestrictionsStore(db), audit: core.audit, cameraExists: (id) => directory.exists(id) });
    const whiteList = new WhiteListService({
      store: new WhiteListStore(db),
      audit: core.audit,
      resolveCamera: (ref) => directory.resolve(ref),
      restrictionAt: (cameraId, atMs) => {
        const r = restrictions.atCamera(cameraId, atMs);
        return r ? { type: r.restriction.type, permitted: r.restriction.permitted } : null;
      },
    });
    const events = new EventBuilder({
      events: eventsStore,
      restrictions,
      whiteList,
      defects: options.defects ?? blockingDefectCheckerFrom(features),
      audit: core.audit,
      cameraExists: (id) => directory.exists(id),
      options: options.events,
    });
    const images = new ImageStore(path.join(core.dataDir, 'anpr-images'));
    const ingest = new IngestService({ reads: readsStore, images, events, publish: (e) => core.publish(e), log: core.log });
    const t0 = performance.now();
    whiteList.load();
    core.log.info({ entries: whiteList.index.size, ms: Math.round(performance.now() - t0) }, 'white list loaded');

    const imageRoute: RawRoutes = (app: FastifyInstance, authenticate) => {
      app.get('/api/anpr/images/:sha256', async (req, reply) => {
        const user = authenticate(req, anyRole)!;
        const { sha256 } = req.params as { sha256: string };
        if (!/^[0-9a-f]{64}$/.test(sha256) || !readsStore.hasImage(sha256)) throw new ApiFailure(404, 'not-found', 'no such ANPR picture');
        core.audit.record(actorOf(user), 'anpr.image.view', `anpr-image:${sha256}`, {});
        return reply.type('image/jpeg').send(createReadStream(images.pathOf(sha256)));
      });
    };
    const ingestRaw = ingestRoutes({ ingest, cameras: directory, log: core.log, limits: { ...defaultIngestLimits, ...options.limits } });

    return {
      name: 'anpr',
      whiteList,
      restrictions,
      events,
      ingest,
      images,
      handlers: anprHandlers(core, { reads: readsStore, events: eventsStore, eventBuilder: events, whiteList, restrictions }),
      rawRoutes: (app, authenticate) => {
        ingestRaw(app, authenticate);
        imageRoute(app, authenticate);
      },
      async stop() {
        await ingest.stop();
        (directory as { dispose?: () => void }).dispose?.();
      },
    };
  };
}

export const anprFeature: FeatureFactory = createAnprFeature();
