import { afterAll, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../main/api/api-failure.js';
import { AuditLog } from '../../../main/audit/audit-log.js';
import { codeChoices, checkCodeFits } from '../../../main/review/code-choices.js';
import { ReviewService, type PcnIssuer } from '../../../main/review/review-service.js';
import { AnprReadsStore } from '../../../main/store/anpr-reads-store.js';
import { CamerasStore } from '../../../main/store/cameras-store.js';
import { EventsStore } from '../../../main/store/events-store.js';
import { RestrictionsStore } from '../../../main/store/restrictions-store.js';
import { ReviewQueueStore } from '../../../main/store/review-queue-store.js';
import { Store } from '../../../main/store/store.js';
import { tempDir } from '../../support/temp-dir.js';

describe('codes an officer may choose', () => {
  it('lists the codes that fit the restriction and a camera may enforce', () => {
    expect(codeChoices('bus-lane', 'england').map((c) => c.display)).toEqual(['34J']);
    expect(codeChoices('banned-turn', 'england')[0]).toMatchObject({ display: '50J', suffixes: [{ suffix: 'l' }, { suffix: 'r' }, { suffix: 'u' }] });
    expect(codeChoices('box-junction', 'london').map((c) => c.display)).toEqual(['31J']);
    // Outside London camera parking is limited to listed places (DOMAIN §2).
    expect(codeChoices('cctv-parking', 'england')).toEqual([]);
    expect(codeChoices(null, 'england')).toEqual([]);
  });

  it('checks a written code against the restriction type', () => {
    expect(checkCodeFits('34j', 'bus-lane', 'england')).toMatchObject({ ok: true, display: '34J' });
    expect(checkCodeFits('50jr', 'banned-turn', 'england')).toMatchObject({ ok: true, display: '50Jr' });
    const wrong = checkCodeFits('31J', 'bus-lane', 'england');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problems[0]).toMatch(/does not fit a bus lane; use 34J/);
    expect(checkCodeFits('50x', 'banned-turn', 'england').ok).toBe(false);
    expect(checkCodeFits('34J', null, 'england').ok).toBe(false);
  });
});

describe('review service', () => {
  const tmp = tempDir('cctv-review-unit-');
  const store = Store.open(tmp.dir);
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });
  const db = store.db;
  let now = 1_750_000_000_000;
  const issued: unknown[] = [];
  let refuse = false;
  const issuer: PcnIssuer = {
    issueFromDecision(d) {
      if (refuse) throw new ApiFailure(422, 'precondition-failed', 'no PCN: certificate', { failures: [{ id: 'certificate', reason: 'no approved-device certificate' }] });
      issued.push(d);
      return { id: 7, reference: 'DB00000007', kind: 'pcn' };
    },
  };
  const restrictions = new RestrictionsStore(db);
  const rid = restrictions.insert({ cameraId: 1, type: 'banned-turn', schedule: 'At any time', permitted: [], trafficOrderRef: 'TRO 9', signsInOrder: true, signsNote: '', enforcementStart: null, area: 'england' }, 't', now);
  const events = new EventsStore(db);
  const ev = (vrm: string, at: number) => events.insert({ cameraId: 1, restrictionId: rid, restrictionType: 'banned-turn', vrm, origin: 'manual', firstSeenAt: at, lastSeenAt: at, clipStart: at - 1000, clipEnd: at + 1000, status: 'queued', holdReason: null, inForceWhy: '', nearMisses: [], note: '', createdBy: 't', createdAt: at }, []);
  const a = ev('AB12CDE', now - 5000);
  const b = ev('LR74TNP', now - 4000);
  const service = new ReviewService({
    queue: new ReviewQueueStore(db),
    events,
    settings: store.settings,
    audit: new AuditLog(store.audit),
    sources: { reads: new AnprReadsStore(db), cameras: new CamerasStore(db), restrictions, anpr: {}, cachedOcr: () => null },
    pcn: () => issuer,
    now: () => now,
  });
  const officer = { id: 1, name: 'officer', role: 'officer' as const };

  it('sends a contravention through the PCN issuer with the code as printed, and records the PCN', () => {
    expect(service.next(officer, { ahead: false, exclude: [] })!.event.id).toBe(a);
    now += 20_000;
    const r = service.decide(officer, a, { outcome: 'contravention', code: '50jr', notes: 'right turn at 08:02', vehicle: { colour: 'blue' }, viewMs: 15_000 });
    expect(issued).toEqual([{ eventId: a, officer: { id: 1, name: 'officer' }, code: '50Jr', notes: 'right turn at 08:02', vehicle: { colour: 'blue' } }]);
    expect(r.pcn).toEqual({ id: 7, reference: 'DB00000007', kind: 'pcn' });
    expect(r.decision).toMatchObject({ outcome: 'contravention', code: '50Jr', pcnReference: 'DB00000007', seconds: 15 });
  });

  it('lets a refusal through untouched and records nothing', () => {
    refuse = true;
    expect(service.next(officer, { ahead: false, exclude: [] })!.event.id).toBe(b);
    expect(() => service.decide(officer, b, { outcome: 'contravention', code: '50J', notes: '' })).toThrow(/certificate/);
    expect(new ReviewQueueStore(db).decisions(b)).toEqual([]);
    // The page's figure never exceeds the time the event was held.
    now += 3000;
    const r = service.decide(officer, b, { outcome: 'reject', reason: 'sign-defect', reasonText: '', notes: '', viewMs: 999_999 });
    expect(r.decision.seconds).toBe(3);
  });

  it('uses the council’s lease setting, within sense', () => {
    expect(service.leaseMs()).toBe(15 * 60_000);
    store.settings.set('review.leaseMs', 120_000, 'admin', now);
    expect(service.leaseMs()).toBe(120_000);
    store.settings.set('review.leaseMs', 5, 'admin', now);
    expect(service.leaseMs()).toBe(15 * 60_000);
  });
});
