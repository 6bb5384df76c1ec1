import path from 'node:path';
import type { Feature, FeatureFactory, FeatureRegistry } from '../features/feature.js';
import type { CamerasFeature } from '../cameras/camera-service.js';
import type { CoreContext } from '../core-context.js';
import { locateFfmpeg } from '../../native/index.js';
import { HealthStore } from '../store/health-store.js';
import { DefectsStore } from '../store/defects-store.js';
import { RecordingsStore } from '../store/recordings-store.js';
import { HEALTH_CONFIG_SETTING, resolveHealthConfig, type HealthConfig } from './health-config.js';
import { HealthService } from './health-service.js';
import type { HealthCameras } from './probes/probe-context.js';
import { healthHandlers } from './health-handlers.js';
import { healthRawRoutes } from './health-raw-routes.js';
import { PhotoStore } from './photo-store.js';

export interface HealthFeature extends Feature {
  readonly name: 'health';
  readonly service: HealthService;
  readonly photos: PhotoStore;
}

export interface HealthFeatureOptions {
  config?: Partial<HealthConfig>;
  /** Tests and the benchmark give a simulated estate; default: the cameras feature. */
  cameras?: HealthCameras;
  /** Default: ffmpeg/ffprobe as located by native/. */
  tools?: { ffmpeg: string; ffprobe: string } | null;
}

/**
 * The cameras feature is looked up when needed, not at construction, so the
 * health feature can be registered (and the core start) while cameras is
 * still being built; with no cameras there is simply nothing to probe.
 */
export function healthFeature(opts: HealthFeatureOptions = {}): FeatureFactory {
  return (core: CoreContext, features: FeatureRegistry): HealthFeature => {
    const db = core.store.db;
    const health = new HealthStore(db);
    const defects = new DefectsStore(db);
    const recordings = new RecordingsStore(db);
    const config = resolveHealthConfig(core.store.settings.get<Partial<HealthConfig>>(HEALTH_CONFIG_SETTING), opts.config);
    let tools: { ffmpeg: string; ffprobe: string } | null | undefined = opts.tools;
    const service = new HealthService({
      cameras: () => opts.cameras ?? features.find<CamerasFeature>('cameras')?.service ?? null,
      health,
      defects,
      config,
      log: core.log,
      publish: (e) => core.publish(e),
      newestSegmentEnd: (id) => recordings.lastSegment(id)?.endMs ?? null,
      storageDir: core.dataDir,
      tools: () => {
        if (tools === undefined) {
          try {
            const t = locateFfmpeg();
            tools = { ffmpeg: t.ffmpeg.path, ffprobe: t.ffprobe.path };
          } catch (e) {
            core.log.warn({ err: e }, 'no ffmpeg: the stream and picture health probes are off');
            tools = null;
          }
        }
        return tools;
      },
    });
    const photos = new PhotoStore(path.join(core.dataDir, 'health', 'photos'));
    const cameras = (): HealthCameras | null => opts.cameras ?? features.find<CamerasFeature>('cameras')?.service ?? null;
    return {
      name: 'health',
      service,
      photos,
      handlers: healthHandlers({ core, service, defects, health, photos, cameras }),
      rawRoutes: healthRawRoutes({ core, service, defects, health, photos, cameras }),
      start: () => service.start(),
      stop: () => service.stop(),
    };
  };
}

/** The default registration (main/features/index.ts). */
export const createHealthFeature: FeatureFactory = healthFeature();
