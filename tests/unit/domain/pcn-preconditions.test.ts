import { describe, expect, it } from 'vitest';
import { pcnPreconditionFailures, type PcnFacts, type PreconditionId } from '../../../main/domain/pcn-preconditions.js';

const good: PcnFacts = {
  eventUtcMs: Date.parse('2024-06-11T07:15:00Z'),
  restriction: { inForce: true, why: 'Mon-Fri 7-10am: within' },
  exemption: { exempt: false },
  blockingDefects: [],
  deviceCertificate: { number: 'VCA-123', validFrom: '2023-01-01', validTo: '2025-12-31' },
  clockDriftSeconds: 0.4,
  lastClockSyncUtcMs: Date.parse('2024-06-10T02:00:00Z'),
  frameRateFps: 25,
  footageContinuous: true,
  serviceBy: '2024-07-08',
  today: '2024-06-13',
  duplicatePcnExists: false,
  warningNotice: { decision: 'pcn', reason: 'warning period over' },
};

describe('pcnPreconditionFailures', () => {
  it('an empty list when every precondition holds', () => {
    expect(pcnPreconditionFailures(good)).toEqual([]);
  });

  it.each<[string, Partial<PcnFacts>, PreconditionId[]]>([
    ['restriction not in force', { restriction: { inForce: false, why: 'Saturday' } }, ['restriction-not-in-force']],
    ['vehicle exempt', { exemption: { exempt: true, reason: 'white list: local bus' } }, ['vehicle-exempt']],
    ['exemptions not checked', { exemption: null }, ['exemption-not-checked']],
    ['two blocking defects', { blockingDefects: [{ id: 'D1', description: 'sign obscured' }, { id: 'D2', description: 'lines worn' }] }, ['blocking-defect', 'blocking-defect']],
    ['no certificate', { deviceCertificate: null }, ['device-not-certified']],
    ['certificate expired before the event', { deviceCertificate: { number: 'V', validFrom: '2020-01-01', validTo: '2024-06-10' } }, ['device-certificate-not-valid']],
    ['certificate not yet valid', { deviceCertificate: { number: 'V', validFrom: '2024-06-12', validTo: null } }, ['device-certificate-not-valid']],
    ['certificate valid on its last day', { deviceCertificate: { number: 'V', validFrom: '2020-01-01', validTo: '2024-06-11' } }, []],
    ['open-ended certificate', { deviceCertificate: { number: 'V', validFrom: '2020-01-01', validTo: null } }, []],
    // SI 2022/71 Sch. 1: clock within ±10 s.
    ['clock 10 s out (the limit)', { clockDriftSeconds: -10 }, []],
    ['clock 10.5 s out', { clockDriftSeconds: 10.5 }, ['clock-drift-too-large']],
    ['clock 11 s slow', { clockDriftSeconds: -11 }, ['clock-drift-too-large']],
    ['clock accuracy unknown', { clockDriftSeconds: null }, ['clock-drift-unknown']],
    ['clock not synchronised for 15 days', { lastClockSyncUtcMs: Date.parse('2024-05-27T07:00:00Z') }, ['clock-not-resynchronised']],
    ['clock synchronised 14 days before', { lastClockSyncUtcMs: Date.parse('2024-05-28T07:15:00Z') }, []],
    // SI 2022/71 Sch. 1: at least 5 frames a second.
    ['5 fps (the minimum)', { frameRateFps: 5 }, []],
    ['4.9 fps', { frameRateFps: 4.9 }, ['frame-rate-too-low']],
    ['frame rate unknown', { frameRateFps: null }, ['frame-rate-unknown']],
    ['gap in the footage', { footageContinuous: false }, ['footage-not-continuous']],
    // Posted Thu 4 Jul → served Mon 8 Jul: in time. Posted Fri 5 Jul → Tue 9 Jul: too late.
    ['posted on the last possible day', { today: '2024-07-04' }, []],
    ['posted a day too late', { today: '2024-07-05' }, ['service-deadline-missed']],
    ['duplicate', { duplicatePcnExists: true }, ['duplicate-pcn']],
    ['warning notice due', { warningNotice: { decision: 'warning', reason: 'first at this site' } }, ['warning-notice-due']],
    ['before enforcement began', { warningNotice: { decision: 'not-enforceable', reason: 'before start' } }, ['not-enforceable']],
    ['several at once', { footageContinuous: false, frameRateFps: 2, duplicatePcnExists: true }, ['frame-rate-too-low', 'footage-not-continuous', 'duplicate-pcn']],
  ])('%s', (_name, patch, ids) => {
    const failures = pcnPreconditionFailures({ ...good, ...patch });
    expect(failures.map((f) => f.id)).toEqual(ids);
    for (const f of failures) expect(f.reason.length).toBeGreaterThan(10);
  });

  it('explains in plain English', () => {
    const [f] = pcnPreconditionFailures({ ...good, clockDriftSeconds: 12 });
    expect(f!.reason).toBe('the camera clock was 12 s out; Schedule 1 allows ±10 s');
  });

  it('takes stricter council figures', () => {
    const device = { minFramesPerSecond: 10, maxClockDriftSeconds: 2, maxDaysBetweenClockSyncs: 7, source: 'council policy' };
    // Last sync 10 Jun 02:00, event 11 Jun 07:15: within 7 days.
    expect(pcnPreconditionFailures({ ...good, frameRateFps: 8, clockDriftSeconds: 3 }, { device }).map((f) => f.id)).toEqual([
      'clock-drift-too-large',
      'frame-rate-too-low',
    ]);
    const staleSync = { ...good, lastClockSyncUtcMs: Date.parse('2024-06-03T07:00:00Z') };
    expect(pcnPreconditionFailures(staleSync, { device }).map((f) => f.id)).toEqual(['clock-not-resynchronised']);
  });
});
