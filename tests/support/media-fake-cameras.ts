import type { CameraService, CamerasFeature, CameraDetails, RecordingSource } from '../../main/cameras/camera-service.js';
import type { FeatureFactory } from '../../main/features/feature.js';
import { authRoutes, mediaRoutes, routes, systemRoutes } from '../../main/api/contract.js';
import { ApiFailure } from '../../main/api/api-failure.js';

/** Every route of features not under test answers 501, so a core with only cameras+media starts. */
function stubHandlers(): Record<string, () => never> {
  const own = new Set([...Object.keys(systemRoutes), ...Object.keys(authRoutes), ...Object.keys(mediaRoutes)]);
  return Object.fromEntries(Object.keys(routes).filter((n) => !own.has(n)).map((n) => [n, () => {
    throw new ApiFailure(501, 'not-in-test', `${n} is not part of this test core`);
  }]));
}

/** A stand-in for the cameras feature: cameras with an RTSP URL, editable by the test. */
export class FakeCameras {
  private readonly cams = new Map<number, { name: string; url: string; retired: boolean; retentionDays: number }>();
  private readonly listeners = new Set<(id: number) => void>();

  set(id: number, c: { name: string; url: string; retired?: boolean; retentionDays?: number }): void {
    this.cams.set(id, { retired: false, retentionDays: 31, ...c });
    for (const l of this.listeners) l(id);
  }

  readonly service: CameraService = {
    list: () => [...this.cams.entries()].map(([id, c]) => ({
      id, name: c.name, locationDescription: `${c.name} location`, siteCode: null, enforcementSiteName: null,
      status: c.retired ? 'retired' : 'active', model: null, retentionDays: c.retentionDays, certificate: null,
    })),
    get: (id) => {
      const c = this.cams.get(id);
      if (!c) return undefined;
      return { id, name: c.name, locationDescription: `${c.name} location`, status: c.retired ? 'retired' : 'active', retentionDays: c.retentionDays } as CameraDetails;
    },
    recordingSource: (id): RecordingSource | undefined => {
      const c = this.cams.get(id);
      return c && !c.retired ? { cameraId: id, rtspUrl: c.url, transport: 'tcp', retentionDays: c.retentionDays } : undefined;
    },
    onChange: (l) => {
      this.listeners.add(l);
      return () => this.listeners.delete(l);
    },
    certificateAt: () => undefined,
    readClock: async () => ({ offsetS: 1.5, at: Date.now() }),
    snapshot: async () => Buffer.alloc(0),
    verifyAnprKey: () => false,
  };

  feature(): FeatureFactory {
    return () => ({ name: 'cameras', service: this.service, handlers: stubHandlers() }) as unknown as CamerasFeature;
  }
}
