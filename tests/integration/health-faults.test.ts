import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { healthFeature, type HealthFeature } from '../../main/health/health-feature.js';
import { HealthStore } from '../../main/store/health-store.js';
import { DefectsStore } from '../../main/store/defects-store.js';
import type { FaultCode, ProbeKind } from '../../main/health/health-types.js';
import { tempDir } from '../support/temp-dir.js';
import type { Db } from '../../main/store/database.js';
import { startSimEstate, otherRoutesStub, type SimEstate } from './health-sim-estate.js';

/**
 * Every fault the simulated estate can inject is caught by the right probe
 * within two probe periods, opens the right defect, and recovery closes it
 * with the outage measured from the first failed probe to the first passing
 * one. Period 2 s and two failures to open keep the run short.
 */
const PERIOD = 2000;

let estate: SimEstate;
let core: Core;
let tmp: { dir: string; cleanup(): void };
let feature: HealthFeature;
let db: Db;
let health: HealthStore;
let defects: DefectsStore;

beforeAll(async () => {
  estate = await startSimEstate(1);
  tmp = tempDir('cctv-health-');
  core = await createCore({
    dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null,
    features: [
      otherRoutesStub,
      (c, r) => (db = c.store.db, feature = healthFeature({ cameras: estate.cameras, config: { periodMs: PERIOD, failuresToOpen: 2, minFreeBytes: 0, expensiveConcurrency: 2, probeTimeoutMs: 3000, expensiveTimeoutMs: 12000 } })(c, r) as HealthFeature),
    ],
  });
  health = new HealthStore(db);
  defects = new DefectsStore(db);
  await feature.service.approveReference(1, 'test officer');
}, 120_000);

afterAll(async () => {
  await core?.stop();
  expect(feature.service.processes.livePids()).toEqual([]);
  await estate?.stop();
  tmp?.cleanup();
  const open = estate.rtsp.openResources();
  expect(open.listening).toBe(false);
  expect(open.sessions).toBe(0);
});

async function waitFor<T>(what: string, fn: () => T | undefined | null | false, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(feature.service.summaries())}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function firstProbe(kind: ProbeKind, since: number, pred: (p: { status: string; fault: string | null }) => boolean) {
  return health.probesBetween(1, since, Number.MAX_SAFE_INTEGER, { kind }).reverse().find(pred);
}

const cases: Array<{ fault: FaultCode; kind: ProbeKind; inject(): Promise<void> | void; clear(): Promise<void> | void }> = [
  { fault: 'offline', kind: 'network', inject: async () => { estate.rtsp.setOffline('/cam1', true); await estate.onvif.get(1)!.setOffline(true); }, clear: async () => { estate.rtsp.setOffline('/cam1', false); await estate.onvif.get(1)!.setOffline(false); } },
  { fault: 'clock-drift', kind: 'clock', inject: () => estate.onvif.get(1)!.setClockOffset(45), clear: () => estate.onvif.get(1)!.setClockOffset(0) },
  { fault: 'black', kind: 'picture', inject: () => estate.rtsp.setFault('/cam1', 'black'), clear: () => estate.rtsp.setFault('/cam1', null) },
  { fault: 'frozen', kind: 'picture', inject: () => estate.rtsp.setFault('/cam1', 'frozen'), clear: () => estate.rtsp.setFault('/cam1', null) },
  { fault: 'moved', kind: 'picture', inject: () => estate.rtsp.setFault('/cam1', 'moved'), clear: () => estate.rtsp.setFault('/cam1', null) },
  { fault: 'obstructed', kind: 'picture', inject: () => estate.rtsp.setFault('/cam1', 'obstructed'), clear: () => estate.rtsp.setFault('/cam1', null) },
  { fault: 'low-frame-rate', kind: 'stream', inject: () => estate.rtsp.setFault('/cam1', 'lowfps'), clear: () => estate.rtsp.setFault('/cam1', null) },
];

describe('health probes against the simulated estate', () => {
  it('starts healthy', async () => {
    await waitFor('camera ok', () => feature.service.summaries().find((s) => s.cameraId === 1 && s.status === 'ok'), 40_000);
    expect(defects.list({ state: 'open' })).toEqual([]);
  }, 60_000);

  for (const c of cases) {
    it(`catches ${c.fault} with the ${c.kind} probe, opens a defect and closes it on recovery`, async () => {
      const injectedAt = Date.now();
      await c.inject();
      const defect = await waitFor(`${c.fault} defect`, () => defects.openAuto(1, c.fault), 60_000);
      const firstFail = health.probesBetween(1, defect.outageStart!, defect.outageStart! + 1, { kind: c.kind })[0]!;
      expect(firstFail.fault).toBe(c.fault);
      // Caught by a probe that started within two periods of the fault (lowfps probes take longer to finish, not to start).
      expect(firstFail.at - injectedAt).toBeLessThanOrEqual(2 * PERIOD + 1500);
        expect(defect.category).toBe(c.fault);

      const clearedAt = Date.now();
      await c.clear();
      const closed = await waitFor(`${c.fault} defect closed`, () => {
        const d = defects.get(defect.id)!;
        return d.resolvedAt !== null ? d : undefined;
      }, 60_000);
      const firstOk = firstProbe(c.kind, clearedAt, (p) => p.status === 'ok')!;
      expect(closed.outageEnd).toBe(firstOk.at);
      expect(closed.outageEnd! - closed.outageStart!).toBe(firstOk.at - firstFail.at);
      // Settle to ok before the next fault so faults do not overlap.
      await waitFor('camera ok again', () => feature.service.summaries().find((s) => s.cameraId === 1 && s.status === 'ok'), 40_000);
    }, 150_000);
  }

  it("answers the camera's state at a past time and blocking defects", () => {
    const drift = health.probesBetween(1, 0, Number.MAX_SAFE_INTEGER, { kind: 'clock' }).find((p) => p.fault === 'clock-drift')!;
    const st = feature.service.stateAt(1, drift.at);
    expect(st.clockDriftS).toBeGreaterThan(10);
    expect(st.evidenceUsable).toBe(false);
    const d = defects.list({ state: 'all' }).find((x) => x.fault === 'clock-drift')!;
    expect(feature.service.hasBlockingDefect(1, d.reportedAt + 1).blocked).toBe(true);
    expect(feature.service.hasBlockingDefect(1, d.resolvedAt! + 1).blocked).toBe(false);
    expect(feature.service.incidents(1, 0, Date.now()).length).toBeGreaterThan(0);
  });
});
