import { SimRtspServer } from '../../fixtures/rtsp/sim-rtsp-server.js';
import { ensureFootage } from '../../fixtures/footage/ensure-footage.js';
import { OnvifDeviceSimulator } from '../../fixtures/onvif/index.js';
import { OnvifClient } from '../../main/cameras/onvif-client.js';
import type { CameraDetails } from '../../main/cameras/camera-service.js';
import type { HealthCameras } from '../../main/health/probes/probe-context.js';
import { routes, systemRoutes, authRoutes, healthRoutes, type RouteName } from '../../main/api/contract.js';
import { ApiFailure } from '../../main/api/api-failure.js';
import type { Feature, FeatureFactory } from '../../main/features/feature.js';

/**
 * A small simulated estate for the health tests: cameras on one SimRtspServer
 * (bus-lane footage with its fault variants) and one ONVIF simulator each,
 * behind a camera source shaped like the cameras feature's service.
 */
export interface SimEstate {
  cameras: HealthCameras;
  rtsp: SimRtspServer;
  onvif: Map<number, OnvifDeviceSimulator>;
  pathOf(id: number): string;
  stop(): Promise<void>;
}

const USER = 'admin';
const PASS = 'sim pass';

export async function startSimEstate(count: number): Promise<SimEstate> {
  const footage = await ensureFootage({ cameraKind: 'bus-lane', durationS: 6 });
  const rtsp = new SimRtspServer({ auth: { username: USER, password: PASS }, udp: false });
  for (let i = 1; i <= count; i++) await rtsp.addStream(`/cam${i}`, footage);
  await rtsp.start();
  const onvif = new Map<number, OnvifDeviceSimulator>();
  for (let i = 1; i <= count; i++) {
    const sim = new OnvifDeviceSimulator({ username: USER, password: PASS, streamUris: { main: rtsp.url(`/cam${i}`) } });
    await sim.start();
    onvif.set(i, sim);
  }
  const details = (id: number): CameraDetails | undefined => {
    if (!onvif.has(id)) return undefined;
    return {
      id, name: `Sim camera ${id}`, locationDescription: `Sim street ${id}`, siteCode: `SITE-${id}`, enforcementSiteName: null,
      status: 'active', model: 'sim', retentionDays: 31, certificate: null, latitude: null, longitude: null,
      onvifHost: '127.0.0.1', onvifPort: onvif.get(id)!.port, rtspMainUri: rtsp.url(`/cam${id}`), rtspSubUri: null, profileToken: null,
      stream: 'main', transport: 'tcp', username: USER, hasPassword: true, hasAnprKey: false,
      device: { manufacturer: null, model: null, firmware: null, serial: null }, clockOffsetS: null, clockCheckedAt: null,
      retiredAt: null, retiredReason: null, createdAt: 0, createdBy: 'test', updatedAt: 0, updatedBy: 'test', certificates: [],
    };
  };
  const cameras: HealthCameras = {
    list: () => [...onvif.keys()].map((id) => details(id)!),
    get: details,
    recordingSource: (id) => (onvif.has(id) ? { cameraId: id, rtspUrl: rtsp.url(`/cam${id}`, { withCredentials: true }), transport: 'tcp', retentionDays: 31 } : undefined),
    readClock: async (id) => {
      const sim = onvif.get(id)!;
      const client = await OnvifClient.connect({ host: '127.0.0.1', port: sim.port, username: USER, password: PASS, timeoutMs: 2000 });
      const r = await client.readClock();
      return { offsetS: r.offsetS, at: r.at };
    },
  };
  return {
    cameras,
    rtsp,
    onvif,
    pathOf: (id) => `/cam${id}`,
    async stop() {
      for (const s of onvif.values()) await s.stop();
      await rtsp.stop();
    },
  };
}

/**
 * Other features' routes answer 501 in these tests: the server insists on a
 * handler for every route in the contract, and this test runs only health.
 */
export const otherRoutesStub: FeatureFactory = (): Feature => {
  const own = new Set<string>([...Object.keys(systemRoutes), ...Object.keys(authRoutes), ...Object.keys(healthRoutes)]);
  const handlers = Object.fromEntries(
    (Object.keys(routes) as RouteName[])
      .filter((n) => !own.has(n))
      .map((n) => [n, () => { throw new ApiFailure(501, 'not-in-this-test', `${n} is not part of this test`); }]),
  );
  return { name: 'stub-others', handlers };
};
