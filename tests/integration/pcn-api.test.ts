/**
 * The pcn feature over real HTTP and SQLite: a decision that fails a
 * precondition is refused by the API (422, each precondition named) and by
 * the CLI (exit 3, each named on stderr); a good one becomes a PCN, goes
 * through keeper enquiry to a notice PDF served as a file.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { routes, authRoutes, systemRoutes, pcnRoutes, type RouteName } from '../../main/api/contract.js';
import { ApiFailure } from '../../main/api/api-failure.js';
import type { Feature, FeatureFactory } from '../../main/features/feature.js';
import { pcnFeature } from '../../main/pcn/pcn-feature.js';
import { Store } from '../../main/store/store.js';
import { RestrictionsStore } from '../../main/store/restrictions-store.js';
import { EventsStore } from '../../main/store/events-store.js';
import { pcnIssueCommand } from '../../main/cli/commands/pcn-issue.js';
import { call } from '../support/api-client.js';
import { tempDir } from '../support/temp-dir.js';
import { event, goodWorld, sourcesOf } from '../unit/pcn/pcn-fixture.js';

// Routes of features this test does not run answer 501, so the core starts with the pcn feature alone.
const otherRoutes: FeatureFactory = () => ({
  name: 'other-routes',
  handlers: Object.fromEntries(
    (Object.keys(routes) as RouteName[]).filter((n) => !(n in authRoutes) && !(n in systemRoutes) && !(n in pcnRoutes)).map((n) => [n, () => { throw new ApiFailure(501, 'not-in-test', `${n} is not part of this test`); }]),
  ),
}) as Feature;

describe('pcn over HTTP and CLI', () => {
  const tmp = tempDir('cctv-pcn-api-');
  // The HTTP core runs on the real clock: an event an hour ago, at a site enforced at all times.
  const world = goodWorld();
  world.events.set(1, event(1, 'AB12CDE', Date.now() - 3600_000));
  world.restriction = { ...world.restriction, schedule: 'at any time' };
  world.certificate = { number: 'VCA/1', validFrom: Date.parse('2024-01-01'), validTo: null };
  let core: Core;
  let tokens: Record<'administrator' | 'supervisor' | 'officer', string>;

  beforeAll(async () => {
    core = await createCore({ dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null, features: [otherRoutes, (c, f) => pcnFeature(c, f, { sources: sourcesOf(world) })] });
    const password = 'a long test passphrase';
    await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
    const admin = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
    for (const role of ['supervisor', 'officer'] as const) await call(core.url, 'createUser', { token: admin, body: { username: role, displayName: role, role, password } });
    const login = async (u: string) => (await call(core.url, 'login', { body: { username: u, password } })).json.token as string;
    tokens = { administrator: admin, supervisor: await login('supervisor'), officer: await login('officer') };
  });
  afterAll(async () => {
    await core?.stop();
    tmp.cleanup();
  });

  it('refuses a decision that fails preconditions, naming each, and issues nothing', async () => {
    world.health = { clockOffsetS: 12, frameRateFps: 3 };
    const r = await call(core.url, 'issuePcn', { token: tokens.officer, body: { eventId: 1, code: '34J' } });
    world.health = { clockOffsetS: 1, frameRateFps: 25 };
    expect(r.status).toBe(422);
    const err = (r.json as { error: { code: string; details: { failures: { id: string }[] } } }).error;
    expect(err.code).toBe('precondition-failed');
    expect(err.details.failures.map((f) => f.id)).toEqual(['clock-drift-too-large', 'frame-rate-too-low']);
    const list = await call(core.url, 'listPcns', { token: tokens.officer, query: {} });
    expect(list.json.total).toBe(0);
  });

  it('issues a PCN and takes it to a notice PDF served as a file', async () => {
    const issued = await call(core.url, 'issuePcn', { token: tokens.officer, body: { eventId: 1, code: '34J', notes: 'clear footage' } });
    expect(issued.status).toBe(200);
    const id = issued.json.id as number;
    const batch = await call(core.url, 'exportKeeperEnquiries', { token: tokens.officer, body: {} });
    const ref = (batch.json.content as string).split(/\r?\n/)[1]!.split(',')[0];
    const reply = await call(core.url, 'importKeeperReplies', { token: tokens.officer, body: { csv: `enquiry_ref,keeper_name,address_line_1,postcode,make,model,colour\n${ref},Jane Keeper,1 Acacia Ave,DT1 2AB,Ford,Focus,Blue\n` } });
    expect(reply.json).toEqual({ applied: 1, mismatches: [] });
    const gen = await call(core.url, 'generateNotice', { token: tokens.officer, params: { id }, body: { lang: 'en' } });
    expect(gen.json.stage).toBe('notice-generated');
    const res = await fetch(`${core.url}/api/pcns/${id}/notice.pdf?download=1`, { headers: { authorization: `Bearer ${tokens.officer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(tmp.dir, 'served.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain(issued.json.reference as string);
    expect(text).toContain('AB12 CDE');
    expect((await fetch(`${core.url}/api/pcns/${id}/notice.pdf`)).status).toBe(401);
    const detail = await call(core.url, 'getPcn', { token: tokens.officer, params: { id } });
    expect((detail.json.history as { action: string }[]).map((h) => h.action)).toEqual(['issue', 'keeper-request', 'keeper-reply', 'notice']);
    // Payments import is for supervisors.
    expect((await call(core.url, 'importPayments', { token: tokens.officer, body: { csv: 'x' } })).status).toBe(403);
  });

  it('the CLI runs the same preconditions and names each that fails', async () => {
    const dir = tempDir('cctv-pcn-cli-');
    try {
      const store = Store.open(dir.dir);
      const rid = new RestrictionsStore(store.db).insert({ cameraId: 3, type: 'bus-lane', schedule: 'at any time', permitted: [], trafficOrderRef: 'TRO 1', signsInOrder: true, signsNote: '', enforcementStart: '2024-01-01', area: 'england' }, 't', 0);
      const at = Date.now() - 3600_000;
      const eid = new EventsStore(store.db).insert({ cameraId: 3, restrictionId: rid, restrictionType: 'bus-lane', vrm: 'AB12CDE', origin: 'manual', firstSeenAt: at, lastSeenAt: at, clipStart: at - 5000, clipEnd: at + 5000, status: 'decided', holdReason: null, inForceWhy: '', nearMisses: [], note: '', createdBy: 't', createdAt: at }, []);
      store.close();
      const out: string[] = [];
      const err: string[] = [];
      const code = await pcnIssueCommand.run(['--event', String(eid), '--code', '34J', '--officer', 'cli-officer', '--data', dir.dir], { out: (t) => out.push(t), err: (t) => err.push(t) });
      expect(code).toBe(3);
      const text = err.join('\n');
      // No health feature, no certificate, no footage in this store: each is named, none passes by default.
      for (const id of ['device-not-certified', 'clock-drift-unknown', 'frame-rate-unknown', 'footage-not-continuous', 'blocking-defect']) expect(text).toContain(`precondition ${id}`);
      const check = Store.open(dir.dir);
      expect((check.db.prepare('SELECT count(*) AS n FROM pcns').get() as { n: number }).n).toBe(0);
      check.close();
    } finally {
      dir.cleanup();
    }
  });
});
