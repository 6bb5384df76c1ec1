import type { EstateCamera } from '../../fixtures/estate/sim-estate.js';
import type { EstateCameraSpec } from '../../fixtures/estate/estate-cameras.js';
import type { ExemptionReason } from '../../fixtures/footage/footage-types.js';
import type { CamerasFeature } from '../cameras/camera-service.js';
import { CameraPatch } from '../api/contract/cameras-routes.js';
import type { CameraServiceImpl } from '../cameras/camera-service-impl.js';
import type { AnprFeature } from '../anpr/anpr-feature.js';
import type { FeatureRegistry } from '../features/feature.js';
import type { VehicleClass } from '../domain/vehicle-classes.js';

const seedActor = { id: null, name: 'demo-seed' };

/** What each restriction's traffic order permits (DOMAIN.md §8): buses, taxis (hackney carriages) and cycles in the bus lane; buses and cycles only through the bus gate. */
const permittedByRestriction: Record<EstateCameraSpec['restriction'], VehicleClass[]> = {
  'bus-lane': ['bus', 'local-bus', 'taxi', 'pedal-cycle'],
  'bus-gate': ['bus', 'local-bus', 'pedal-cycle'],
  'box-junction': [],
  'banned-turn': [],
  'no-entry': [],
};

/** Enforcement began long ago at most sites; the banned turn is new, so its first-time offenders get warning notices (DOMAIN.md §5). */
function enforcementStart(spec: EstateCameraSpec): string {
  return spec.restriction === 'banned-turn' ? '2026-09-01' : '2024-04-01';
}

const whiteListCategory: Record<ExemptionReason, { category: 'bus-operator' | 'hackney-carriage' | 'emergency-service'; source: string }> = {
  'local-bus': { category: 'bus-operator', source: 'Demo Buses Ltd fleet list' },
  'hackney-carriage': { category: 'hackney-carriage', source: 'Council licensing team (hackney carriage register)' },
  'emergency-service': { category: 'emergency-service', source: 'Regional ambulance service fleet list' },
};

/**
 * Makes sure the core knows one simulated camera: added over ONVIF the first
 * time (as an officer would), then its address refreshed (ports are
 * ephemeral), an approved-device certificate, its restriction, the white list
 * for its exempt vehicles, and a fresh ANPR key for its push feed.
 */
export async function configureDemoCamera(features: FeatureRegistry, cam: EstateCamera, credentials: { username: string; password: string }): Promise<{ cameraId: number; anprKey: string }> {
  const cameras = features.get<CamerasFeature>('cameras').service as CameraServiceImpl;
  const anpr = features.get<AnprFeature>('anpr');
  const port = Number(new URL(cam.onvifUrl).port);
  const existing = cameras.list({ includeRetired: true }).find((c) => c.siteCode === cam.spec.key);
  let cameraId: number;
  if (!existing) {
    const { camera } = await cameras.add(
      {
        source: 'onvif',
        onvif: { host: '127.0.0.1', port, username: credentials.username, password: credentials.password },
        name: cam.spec.name,
        locationDescription: cam.spec.location,
        siteCode: cam.spec.key,
        enforcementSiteName: cam.spec.name,
        stream: 'main',
        transport: 'tcp',
        retentionDays: 31,
      },
      seedActor,
    );
    cameraId = camera.id;
    cameras.addCertificate(
      cameraId,
      { certificateNumber: `VCA/CCTV/${cam.spec.serialNumber}`, issuer: 'Vehicle Certification Agency', typeApprovalRef: 'SIM-TA-2024-01', validFrom: '2025-01-01', validTo: '2027-12-31' },
      seedActor,
    );
  } else {
    cameraId = existing.id;
    // A new run serves on new ports: point the camera record at them and re-read the stream URI.
    await cameras.update(cameraId, CameraPatch.parse({ onvifHost: '127.0.0.1', onvifPort: port, rtspMainUri: cam.rtspUrl }), seedActor);
  }

  if (!anpr.restrictions.list().some((r) => r.cameraId === cameraId)) {
    anpr.restrictions.create(
      {
        cameraId,
        type: cam.spec.restriction,
        schedule: cam.spec.schedule,
        permitted: permittedByRestriction[cam.spec.restriction],
        trafficOrderRef: cam.spec.trafficOrder,
        signsInOrder: true,
        signsNote: '',
        enforcementStart: enforcementStart(cam.spec),
        area: 'england',
      },
      seedActor,
    );
  }

  for (const v of cam.footage.manifest.vehicles) {
    if (!v.exemption) continue;
    if (anpr.whiteList.check(v.vrmKey, {}).exempt) continue;
    const w = whiteListCategory[v.exemption];
    anpr.whiteList.add({ vrm: v.vrmKey, category: w.category, scopeCameras: [], scopeTypes: [], validFrom: '2025-01-01', validTo: null, source: w.source, notes: 'demo estate' }, seedActor);
  }

  const { anprKey } = cameras.rotateAnprKey(cameraId, seedActor);
  return { cameraId, anprKey };
}
