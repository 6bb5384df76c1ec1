import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../main/api/api-failure.js';
import { parsePcnNumber } from '../../../main/domain/pcn-number.js';
import { EVENT_AT, event, goodWorld, pcnHarness, type World } from './pcn-fixture.js';

let h: ReturnType<typeof pcnHarness> | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

function refusal(fn: () => unknown): { id: string; reason: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiFailure);
    expect((e as ApiFailure).status).toBe(422);
    expect((e as ApiFailure).code).toBe('precondition-failed');
    return ((e as ApiFailure).details as { failures: { id: string; reason: string }[] }).failures;
  }
  throw new Error('expected a refusal');
}

describe('issueFromDecision', () => {
  it('issues a PCN with the council prefix, a sequence and a valid check digit', () => {
    h = pcnHarness();
    const p = h.service.issueFromDecision({ eventId: 1, officer: h.officer, code: '34J' });
    expect(p.kind).toBe('pcn');
    expect(p.stage).toBe('approved');
    const parsed = parsePcnNumber(p.reference, { prefix: 'DB' });
    expect(parsed).toMatchObject({ ok: true, sequence: 1 });
    expect(p.amountPence).toBe(7000);
    expect(p.discountPence).toBe(3500);
    expect(p.serviceBy).toBe('2025-03-31'); // 28 days beginning with 4 March
    const q = h.service.issueFromDecision({ eventId: 2, officer: h.officer, code: '34J' });
    expect(parsePcnNumber(q.reference)).toMatchObject({ ok: true, sequence: 2 });
    expect(h.service.pcns.history(p.id).map((x) => x.action)).toEqual(['issue']);
  });

  // Each precondition, broken alone, refuses the PCN and names itself.
  const cases: [string, (w: World) => void, string][] = [
    ['restriction not in force (Sunday)', (w) => w.events.set(1, event(1, 'AB12CDE', Date.parse('2025-03-02T08:15:00Z'))), 'restriction-not-in-force'],
    ['no restriction recorded', (w) => w.events.set(1, { ...event(1, 'AB12CDE'), restrictionId: null }), 'restriction-not-in-force'],
    ['vehicle exempt', (w) => (w.exemption = { exempt: true, reason: 'white-listed bus' }), 'vehicle-exempt'],
    ['exemption unknown', (w) => (w.exemption = null), 'exemption-not-checked'],
    ['camera defect', (w) => (w.defects = [{ id: '12', description: 'camera misaligned' }]), 'blocking-defect'],
    ['defect register unknown', (w) => (w.defects = null), 'blocking-defect'],
    ['signs not in order', (w) => (w.restriction = { ...w.restriction, signsInOrder: false, signsNote: 'sign missing' }), 'blocking-defect'],
    ['no certificate', (w) => (w.certificate = null), 'device-not-certified'],
    ['certificate expired', (w) => (w.certificate = { number: 'C1', validFrom: Date.parse('2023-01-01'), validTo: Date.parse('2024-12-31') }), 'device-certificate-not-valid'],
    ['clock 11 s out', (w) => (w.health = { clockOffsetS: 11, frameRateFps: 25 }), 'clock-drift-too-large'],
    ['clock unknown', (w) => (w.health = null), 'clock-drift-unknown'],
    ['4 fps', (w) => (w.health = { clockOffsetS: 0, frameRateFps: 4 }), 'frame-rate-too-low'],
    ['fps unknown', (w) => (w.health = { clockOffsetS: 0, frameRateFps: null }), 'frame-rate-unknown'],
    ['gap in footage', (w) => (w.continuity = { continuous: false, why: 'gap of 3 s' }), 'footage-not-continuous'],
    ['footage unknown', (w) => (w.continuity = null), 'footage-not-continuous'],
    ['service deadline gone', (w) => w.events.set(1, event(1, 'AB12CDE', Date.parse('2025-02-04T08:15:00Z'))), 'service-deadline-missed'],
    ['code does not fit', () => undefined, 'not-enforceable'],
    ['no enforcement start', (w) => (w.restriction = { ...w.restriction, enforcementStart: null }), 'not-enforceable'],
  ];
  for (const [name, breakIt, id] of cases) {
    it(`refuses when ${name}: ${id}`, () => {
      const w = goodWorld();
      breakIt(w);
      h = pcnHarness(w);
      const failures = refusal(() => h!.service.issueFromDecision({ eventId: 1, officer: h!.officer, code: name === 'code does not fit' ? '31J' : '34J' }));
      expect(failures.map((f) => f.id)).toContain(id);
      expect(h.service.pcns.list({ limit: 10, offset: 0 }).total).toBe(0);
      expect(h.service.pcns.refusals()).toHaveLength(1);
      // A refusal leaves the number sequence untouched.
      expect(h.service.pcns.lastSequence('pcn')).toBe(0);
    });
  }

  it('refuses a second PCN for the same vehicle, place and day', () => {
    const w = goodWorld();
    w.events.set(2, event(2, 'AB12CDE', EVENT_AT + 3600_000));
    h = pcnHarness(w);
    h.service.issueFromDecision({ eventId: 1, officer: h.officer, code: '34J' });
    expect(refusal(() => h!.service.issueFromDecision({ eventId: 2, officer: h!.officer, code: '34J' })).map((f) => f.id)).toContain('duplicate-pcn');
  });

  it('gives a warning notice instead of a PCN for a first contravention at a new moving-traffic site, then a PCN for a repeat', () => {
    const w = goodWorld();
    w.restriction = { ...w.restriction, type: 'box-junction', schedule: 'at any time', enforcementStart: '2025-01-15' };
    w.events.set(2, event(2, 'AB12CDE', EVENT_AT + 86_400_000));
    h = pcnHarness(w);
    const first = h.service.issueFromDecision({ eventId: 1, officer: h.officer, code: '31J' });
    expect(first.kind).toBe('warning');
    expect(first.reference).toBe('DBW00000001');
    expect(first.amountPence).toBe(0);
    const second = h.service.issueFromDecision({ eventId: 2, officer: h.officer, code: '31J' });
    expect(second.kind).toBe('pcn');
  });
});
