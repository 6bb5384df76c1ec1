import type { CoreContext } from '../core-context.js';
import type { FeatureFactory } from '../features/feature.js';
import { CamerasStore } from '../store/cameras-store.js';
import type { CamerasFeature } from './camera-service.js';
import { CameraServiceImpl, type CameraServiceOptions } from './camera-service-impl.js';
import { camerasHandlers, camerasRawRoutes } from './cameras-handlers.js';

export type { CamerasFeature, CameraService, RecordingSource, Certificate, CameraSummary, CameraDetails } from './camera-service.js';

/** Name under which later features find it: `features.get<CamerasFeature>('cameras')`. */
export const CAMERAS_FEATURE = 'cameras';

/**
 * The cameras feature: the camera register, ONVIF discovery/probe, snapshots,
 * certificates. It runs no background work of its own (the recorder and the
 * health checks are other features that listen to onChange).
 */
export function createCamerasFeature(core: CoreContext, opts: CameraServiceOptions = {}): CamerasFeature & { service: CameraServiceImpl } {
  const service = new CameraServiceImpl(core, new CamerasStore(core.store.db), opts);
  return {
    name: 'cameras',
    service,
    handlers: camerasHandlers(service),
    rawRoutes: camerasRawRoutes(service),
  };
}

export const camerasFeature: FeatureFactory = (core) => createCamerasFeature(core);
