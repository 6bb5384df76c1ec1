import path from 'node:path';
import { silentLogger } from '../../../main/log/logger.js';
import type { ServerEvent } from '../../../main/api/contract.js';
import type { CameraDetails } from '../../../main/cameras/camera-service.js';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { HealthStore } from '../../../main/store/health-store.js';
import { DefectsStore } from '../../../main/store/defects-store.js';
import { resolveHealthConfig, type HealthConfig } from '../../../main/health/health-config.js';
import { HealthService } from '../../../main/health/health-service.js';
import type { HealthCameras } from '../../../main/health/probes/probe-context.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * A health service on a real SQLite file with cameras that exist only as
 * what the probes ask of them (an RTSP address, a clock), for the unit tests
 * of failure counting and bad camera answers.
 */
export interface FakeCamera {
  rtspUrl: string | null;
  readClock: () => Promise<{ offsetS: number; at: number }>;
  siteCode?: string | null;
}

export function fakeCameras(list: Map<number, FakeCamera>): HealthCameras {
  const details = (id: number): CameraDetails | undefined => {
    const c = list.get(id);
    if (!c) return undefined;
    return {
      id, name: `Test camera ${id}`, locationDescription: `Test street ${id}`, siteCode: c.siteCode ?? `T${id}`, enforcementSiteName: null,
      status: 'active', model: null, retentionDays: 31, certificate: null, latitude: null, longitude: null,
      onvifHost: null, onvifPort: null, rtspMainUri: c.rtspUrl, rtspSubUri: null, profileToken: null, stream: 'main', transport: 'tcp',
      username: null, hasPassword: false, hasAnprKey: false, device: { manufacturer: null, model: null, firmware: null, serial: null },
      clockOffsetS: null, clockCheckedAt: null, retiredAt: null, retiredReason: null, createdAt: 0, createdBy: 'test', updatedAt: 0, updatedBy: 'test', certificates: [],
    };
  };
  return {
    list: () => [...list.keys()].map((id) => details(id)!),
    get: details,
    recordingSource: (id) => {
      const c = list.get(id);
      return c?.rtspUrl ? { cameraId: id, rtspUrl: c.rtspUrl, transport: 'tcp', retentionDays: 31 } : undefined;
    },
    readClock: (id) => list.get(id)!.readClock(),
  };
}

export interface TestHealth {
  service: HealthService;
  health: HealthStore;
  defects: DefectsStore;
  events: ServerEvent[];
  db: Db;
  close(): Promise<void>;
}

export function testHealthService(cameras: HealthCameras, config: Partial<HealthConfig> = {}, now?: () => number): TestHealth {
  const tmp = tempDir('cctv-health-unit-');
  const db = openDatabase(path.join(tmp.dir, 'w.sqlite'));
  const health = new HealthStore(db);
  const defects = new DefectsStore(db);
  const events: ServerEvent[] = [];
  const service = new HealthService({
    cameras: () => cameras, health, defects, config: resolveHealthConfig(config), log: silentLogger(),
    publish: (e) => events.push(e), newestSegmentEnd: () => null, storageDir: tmp.dir, tools: () => null, ...(now ? { now } : {}),
  });
  return {
    service, health, defects, events, db,
    async close() {
      await service.stop();
      db.close();
      tmp.cleanup();
    },
  };
}
