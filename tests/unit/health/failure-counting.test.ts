import { afterEach, describe, expect, it } from 'vitest';
import { FailureStreaks } from '../../../main/health/failure-streaks.js';
import type { FaultCode, ProbeKind, ProbeOutcome } from '../../../main/health/health-types.js';
import { fakeCameras, testHealthService, type TestHealth } from './fake-estate.js';

const outcome = (kind: ProbeKind, at: number, fault: FaultCode | null, status: ProbeOutcome['status'] = fault ? 'degraded' : 'ok', cameraId = 1): ProbeOutcome => ({
  cameraId, kind, at, status, value: null, fault, reason: fault ? `${fault} at ${at}` : null, detail: {}, durationMs: 1,
});

describe('failure streaks (pure)', () => {
  it('opens after N failures of the same fault in a row, from the first of them, and recovers on a pass', () => {
    const s = new FailureStreaks(3);
    expect(s.observe(outcome('clock', 100, 'clock-drift'))).toEqual({ type: 'none' });
    expect(s.observe(outcome('clock', 200, 'clock-drift'))).toEqual({ type: 'none' });
    expect(s.observe(outcome('clock', 300, 'clock-drift'))).toEqual({ type: 'open', fault: 'clock-drift', outageStart: 100, reason: 'clock-drift at 300' });
    // Said again on every further failure; the service opens only one defect.
    expect(s.observe(outcome('clock', 400, 'clock-drift')).type).toBe('open');
    expect(s.current(1, 'clock')).toEqual({ fault: 'clock-drift', count: 4, firstAt: 100 });
    expect(s.observe(outcome('clock', 500, null))).toEqual({ type: 'recovered', kind: 'clock', at: 500 });
    expect(s.current(1, 'clock')).toBeUndefined();
  });

  it('a different fault of the same kind restarts the count; kinds and cameras count apart', () => {
    const s = new FailureStreaks(2);
    s.observe(outcome('picture', 1, 'black'));
    expect(s.observe(outcome('picture', 2, 'frozen'))).toEqual({ type: 'none' });
    expect(s.observe(outcome('picture', 3, 'frozen'))).toMatchObject({ type: 'open', fault: 'frozen', outageStart: 2 });
    s.observe(outcome('network', 4, 'offline', 'down', 2));
    expect(s.observe(outcome('clock', 5, 'clock-drift', 'degraded', 2))).toEqual({ type: 'none' });
    expect(s.observe(outcome('network', 6, 'offline', 'down', 2))).toMatchObject({ type: 'open', fault: 'offline', outageStart: 4 });
    s.forget(2);
    expect(s.current(2, 'network')).toBeUndefined();
    expect(s.current(1, 'picture')?.fault).toBe('frozen');
  });
});

describe('failure counting in the health service → defects', () => {
  let t: TestHealth | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('opens one auto defect on the Nth failure, blocking where the fault voids evidence, and closes it on the first pass with the outage measured', () => {
    t = testHealthService(fakeCameras(new Map([[1, { rtspUrl: null, readClock: async () => ({ offsetS: 0, at: 0 }) }]])), { failuresToOpen: 3 }, () => 10_000);
    const { service, defects, health, events } = t;
    service.handle(outcome('network', 1000, null));
    service.handle(outcome('clock', 1000, 'clock-drift'));
    service.handle(outcome('clock', 61_000, 'clock-drift'));
    expect(defects.list({ state: 'open' })).toEqual([]);
    service.handle(outcome('clock', 121_000, 'clock-drift'));
    const open = defects.list({ state: 'open' });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ cameraId: 1, origin: 'auto', fault: 'clock-drift', category: 'clock-drift', blocking: true, outageStart: 1000, siteCode: 'T1', createdBy: 'health-probe', description: 'clock-drift at 121000' });
    service.handle(outcome('clock', 181_000, 'clock-drift'));
    expect(defects.list({ state: 'open' })).toHaveLength(1);
    expect(service.hasBlockingDefect(1, 150_000)).toMatchObject({ blocked: true, defectIds: [open[0]!.id] });
    expect(service.summaries()[0]).toMatchObject({ status: 'degraded', reasons: ['clock: clock-drift at 181000'] });

    service.handle(outcome('clock', 241_000, null));
    const closed = defects.get(open[0]!.id)!;
    expect(closed).toMatchObject({ outageStart: 1000, outageEnd: 241_000 });
    expect(closed.resolvedAt).toBe(241_000);
    expect(defects.list({ state: 'open' })).toEqual([]);
    expect(service.summaries()[0]).toMatchObject({ status: 'ok', reasons: [] });
    expect(service.hasBlockingDefect(1, 300_000).blocked).toBe(false);
    // The status history and the events the UI listens to.
    // (A new reason is recorded too, so consecutive entries may repeat a status.)
    expect(health.statusChangesBetween(1, 0, 1e12).map((c) => c.status).filter((s, i, a) => s !== a[i - 1])).toEqual(['ok', 'degraded', 'ok']);
    expect(events.filter((e) => e.type === 'defect-changed')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'camera-status').map((e) => (e as { status: string }).status)).toEqual(['ok', 'degraded', 'ok']);
    expect(service.incidents(1, 0, 1e12)).toEqual([{ start: 1000, end: 241_000, status: 'degraded', reasons: ['clock: clock-drift at 1000'] }]);
  });

  it('a camera that stays down opens an offline defect; a passing probe of another kind does not close it', () => {
    t = testHealthService(fakeCameras(new Map([[1, { rtspUrl: null, readClock: async () => ({ offsetS: 0, at: 0 }) }]])), { failuresToOpen: 2 }, () => 500);
    const { service, defects } = t;
    service.handle(outcome('network', 1000, 'offline', 'down'));
    service.handle(outcome('network', 2000, 'offline', 'down'));
    const d = defects.openAuto(1, 'offline')!;
    expect(d).toMatchObject({ outageStart: 1000, blocking: false });
    expect(service.summaries()[0]!.status).toBe('down');
    service.handle(outcome('clock', 3000, null));
    expect(defects.get(d.id)!.resolvedAt).toBeNull();
    service.handle(outcome('network', 4000, null));
    expect(defects.get(d.id)).toMatchObject({ outageEnd: 4000, resolvedAt: 4000 });
  });
});
