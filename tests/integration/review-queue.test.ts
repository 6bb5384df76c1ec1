/**
 * The review queue over real HTTP and SQLite: two officers claiming at once
 * never get the same event; a lease that runs out puts the event back in the
 * queue; decisions are validated (a reason for a rejection, words for
 * "other", a code that fits the restriction); a PCN refusal reaches the
 * officer with each failed precondition; seconds per case are recorded;
 * referrals go to supervisors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api-client.js';
import { startTestCore, type TestCore } from '../support/test-core.js';
import { EventsStore } from '../../main/store/events-store.js';

describe('review queue over HTTP', () => {
  let t: TestCore;
  let tokens: Record<'administrator' | 'supervisor' | 'officer', string>;
  let officer2: string;
  let cameraId: number;
  const eventIds: number[] = [];
  const db = () => t.core.context.store.db;

  beforeAll(async () => {
    t = await startTestCore();
    tokens = await t.signInAll();
    const r = await call(t.url, 'createUser', { token: tokens.administrator, body: { username: 'officer2', displayName: 'Second Officer', role: 'officer', password: 'a long test passphrase' } });
    expect(r.status).toBe(200);
    officer2 = (await call(t.url, 'login', { body: { username: 'officer2', password: 'a long test passphrase' } })).json.token as string;
    const cam = await call(t.url, 'addCamera', { token: tokens.administrator, body: { source: 'rtsp', name: 'Bus lane King St', locationDescription: 'King Street', rtspMainUri: 'rtsp://127.0.0.1:9/none' } });
    expect(cam.status).toBe(200);
    cameraId = cam.json.camera.id as number;
    const restr = await call(t.url, 'createRestriction', {
      token: tokens.supervisor,
      body: { cameraId, type: 'bus-lane', schedule: 'At any time', permitted: ['bus', 'local-bus', 'taxi'], trafficOrderRef: 'TRO 2024/17', signsInOrder: true, area: 'england' },
    });
    expect(restr.status, JSON.stringify(restr.json)).toBe(200);
    // Retired: no recorder runs in this test; its events stay reviewable.
    await call(t.url, 'retireCamera', { token: tokens.administrator, params: { id: cameraId }, body: { reason: 'review test: no stream' } });
    const events = new EventsStore(db());
    const base = Date.now() - 3 * 3600_000;
    const vrms = ['AB12CDE', 'LR74TNP', 'BD51SMR', 'KV05DSJ', 'MJ15CUE', 'SH64NXR', 'YA21BDE', 'AB12CDE'];
    vrms.forEach((vrm, i) => {
      const at = base + i * 60_000;
      eventIds.push(events.insert({ cameraId, restrictionId: restr.json.id, restrictionType: 'bus-lane', vrm, origin: 'manual', firstSeenAt: at, lastSeenAt: at + 2000, clipStart: at - 5000, clipEnd: at + 7000, status: 'queued', holdReason: null, inForceWhy: 'at any time', nearMisses: [], note: '', createdBy: 'test', createdAt: at }, []));
    });
  });

  afterAll(async () => {
    await t?.stop();
  });

  const next = (token: string, body: { ahead?: boolean; exclude?: number[] } = {}) => call(t.url, 'reviewNext', { token, body });
  const decide = (token: string, id: number, body: unknown) => call(t.url, 'reviewDecide', { token, params: { id }, body });

  it('never gives two officers the same event, even when they ask at the same moment', async () => {
    const seen = { a: new Set<number>(), b: new Set<number>() };
    for (let round = 0; round < 3; round++) {
      const replies = await Promise.all([
        next(tokens.officer, { ahead: true, exclude: [...seen.a] }),
        next(officer2, { ahead: true, exclude: [...seen.b] }),
        next(tokens.officer),
        next(officer2),
      ]);
      for (const [i, r] of replies.entries()) {
        expect(r.status).toBe(200);
        if (r.json.case) (i % 2 === 0 ? seen.a : seen.b).add(r.json.case.event.id as number);
      }
    }
    expect(seen.a.size).toBeGreaterThan(0);
    expect(seen.b.size).toBeGreaterThan(0);
    for (const id of seen.a) expect(seen.b.has(id)).toBe(false);
    // Each officer holds at most the case on screen and one prefetched (held, oldest event first).
    expect(seen.a.size).toBeLessThanOrEqual(2);
    const claimed = db().prepare("SELECT claimed_by AS by, count(*) AS n FROM events WHERE status = 'in-review' GROUP BY claimed_by").all() as { by: number; n: number }[];
    expect(claimed.length).toBe(2);
  });

  it('opens the case with everything the officer needs beside the clip', async () => {
    const r = await next(tokens.officer);
    const c = r.json.case;
    expect(c.clip).toEqual({ cameraId, from: c.event.clipStart, to: c.event.clipEnd, at: c.event.firstSeenAt });
    expect(c.camera.name).toBe('Bus lane King St');
    expect(c.restriction).toMatchObject({ type: 'bus-lane', label: 'bus lane', schedule: 'At any time', inForce: true, trafficOrderRef: 'TRO 2024/17' });
    expect(c.codes.map((x: { display: string }) => x.display)).toEqual(['34J']);
    expect(c.whiteList).toMatchObject({ vrm: c.event.vrm, exempt: false });
    expect(c.claim.mine).toBe(true);
    expect(r.json.counts.inReview).toBeGreaterThanOrEqual(2);
  });

  it('validates decisions: a reason to reject, words for "other", a code that fits the restriction', async () => {
    const id = (await next(tokens.officer)).json.case.event.id as number;
    let r = await decide(tokens.officer, id, { outcome: 'reject' });
    expect(r.status).toBe(400);
    r = await decide(tokens.officer, id, { outcome: 'reject', reason: 'because' });
    expect(r.status).toBe(400);
    r = await decide(tokens.officer, id, { outcome: 'reject', reason: 'other' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toContain('reasonText');
    r = await decide(tokens.officer, id, { outcome: 'contravention', code: '31J' });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/does not fit a bus lane.*34J/);
    r = await decide(tokens.officer, id, { outcome: 'contravention', code: '99' });
    expect(r.status).toBe(400);
    r = await decide(tokens.officer, id, { outcome: 'refer', note: '' });
    expect(r.status).toBe(400);
    // Nothing was recorded and the officer still holds the event.
    expect((db().prepare('SELECT count(*) AS n FROM review_decisions WHERE event_id = ?').get(id) as { n: number }).n).toBe(0);
    expect((await next(tokens.officer)).json.case.event.id).toBe(id);
  });

  it('shows the officer a PCN refusal with each failed precondition, and keeps the event with them', async () => {
    const id = (await next(tokens.officer)).json.case.event.id as number;
    const r = await decide(tokens.officer, id, { outcome: 'contravention', code: '34J', notes: 'in the lane for 40 m' });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('precondition-failed');
    expect(r.json.error.details.failures.length).toBeGreaterThan(0);
    for (const f of r.json.error.details.failures) expect(typeof f.reason).toBe('string');
    expect((db().prepare("SELECT status, claimed_by AS by FROM events WHERE id = ?").get(id) as { status: string }).status).toBe('in-review');
    expect((await next(tokens.officer)).json.case.event.id).toBe(id);
  });

  it('records a rejection with its reason and the seconds on the case, and replies with the next case', async () => {
    const id = (await next(tokens.officer)).json.case.event.id as number;
    // The claim began 30 s ago; the page says the case was on screen for 12.4 s.
    db().prepare('UPDATE events SET claimed_at = claimed_at - 30000 WHERE id = ?').run(id);
    const r = await decide(tokens.officer, id, { outcome: 'reject', reason: 'other', reasonText: 'vehicle broke down in the lane', viewMs: 12_400 });
    expect(r.status).toBe(200);
    expect(r.json.decision).toMatchObject({ eventId: id, outcome: 'reject', reason: 'other', reasonText: 'vehicle broke down in the lane', seconds: 12.4, officerName: 'officer' });
    expect(r.json.next?.event.id).toBeDefined();
    expect(r.json.next.event.id).not.toBe(id);
    expect((db().prepare('SELECT status FROM events WHERE id = ?').get(id) as { status: string }).status).toBe('decided');
    // A second decision on a decided event is refused.
    expect((await decide(tokens.officer, id, { outcome: 'reject', reason: 'duplicate' })).status).toBe(409);
    const stats = await call(t.url, 'reviewStats', { token: tokens.officer });
    expect(stats.json.mine.cases).toBe(1);
    expect(stats.json.mine.meanSeconds).toBeCloseTo(12.4, 5);
    // Without a figure from the page, the seconds since the claim are used.
    const id2 = r.json.next.event.id as number;
    db().prepare('UPDATE events SET claimed_at = claimed_at - 8000 WHERE id = ?').run(id2);
    const r2 = await decide(tokens.officer, id2, { outcome: 'reject', reason: 'exempt-vehicle' });
    expect(r2.json.decision.seconds).toBeGreaterThanOrEqual(8);
    expect(r2.json.decision.seconds).toBeLessThan(60);
  });

  it('puts an event whose lease ran out back in the queue, and refuses the late decision', async () => {
    const held = (await next(officer2)).json.case.event.id as number;
    // The lease (15 minutes by default) ran out: officer2 went home with the case open.
    db().prepare('UPDATE events SET claimed_at = claimed_at - 3600000 WHERE claimed_by = (SELECT id FROM users WHERE username = ?)').run('officer2');
    const got = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const c = (await next(tokens.officer, { ahead: true, exclude: [...got] })).json.case;
      if (c) got.add(c.event.id as number);
      if (got.has(held)) break;
      const first = [...got][0]!;
      await decide(tokens.officer, first, { outcome: 'reject', reason: 'duplicate' });
      got.delete(first);
    }
    expect(got.has(held)).toBe(true);
    const late = await decide(officer2, held, { outcome: 'reject', reason: 'duplicate' });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('not-claimed');
  });

  it('sends a referral to supervisors only', async () => {
    const id = (await next(tokens.officer)).json.case.event.id as number;
    const r = await decide(tokens.officer, id, { outcome: 'refer', note: 'possible blue-light vehicle, please check' });
    expect(r.status).toBe(200);
    expect(r.json.decision.outcome).toBe('refer');
    // Officers are not given it again…
    const mine = new Set<number>();
    for (let i = 0; i < 3; i++) {
      const c = (await next(officer2, { ahead: true, exclude: [...mine] })).json.case;
      if (c) mine.add(c.event.id as number);
    }
    expect(mine.has(id)).toBe(false);
    // …a supervisor gets it first, with the note.
    const sup = (await next(tokens.supervisor)).json.case;
    expect(sup.event.id).toBe(id);
    expect(sup.referral).toMatchObject({ referredBy: 'officer', note: 'possible blue-light vehicle, please check' });
    const done = await decide(tokens.supervisor, id, { outcome: 'reject', reason: 'emergency' });
    expect(done.status).toBe(200);
    expect((db().prepare('SELECT count(*) AS n FROM review_referrals WHERE event_id = ? AND resolved_at IS NULL').get(id) as { n: number }).n).toBe(0);
  });

  it('shows a VRM its history: earlier events and decisions', async () => {
    const last = eventIds[eventIds.length - 1]!;
    const c = (await call(t.url, 'reviewCase', { token: officer2, params: { id: last } })).json;
    expect(c.history.events.map((e: { id: number }) => e.id)).toContain(eventIds[0]);
    expect(c.claim.mine).toBe(false);
  });

  it('lists the reasons an event may be rejected for', async () => {
    const r = await call(t.url, 'reviewReasons', { token: tokens.officer });
    expect(r.json.map((x: { id: string }) => x.id)).toEqual(['exempt-vehicle', 'emergency', 'plate-unreadable', 'not-in-contravention', 'sign-defect', 'duplicate', 'other']);
    expect(r.json.find((x: { id: string }) => x.id === 'other').needsText).toBe(true);
  });
});
