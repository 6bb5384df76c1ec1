import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, roles, type RouteName } from '../../main/api/contract.js';
import { call } from '../support/api-client.js';
import { startTestCore, type TestCore } from '../support/test-core.js';

let t: TestCore;
let tokens: Record<(typeof roles)[number], string>;

beforeAll(async () => {
  t = await startTestCore();
  tokens = await t.signInAll();
});
afterAll(() => t.stop());

describe('first run', () => {
  it('reports that set-up is done and refuses a second first administrator', async () => {
    expect((await call(t.url, 'setupStatus')).json.needsFirstAdministrator).toBe(false);
    const again = await call(t.url, 'createFirstAdministrator', { body: { username: 'eve', displayName: 'Eve', password: 'another long passphrase' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already-set-up');
  });
});

describe('health', () => {
  it('answers without signing in', async () => {
    const h = await call(t.url, 'health');
    expect(h.status).toBe(200);
    expect(h.json).toMatchObject({ status: 'ok', mode: 'server', schemaVersion: expect.any(Number) });
  });
});

describe('bad input gets a clear JSON error and the core carries on', () => {
  it('wrong password → 401 bad-credentials', async () => {
    const r = await call(t.url, 'login', { body: { username: 'officer', password: 'not the password' } });
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ code: 'bad-credentials', message: 'username or password is wrong' });
  });

  it('unknown user → the same 401 (no hint which usernames exist)', async () => {
    const r = await call(t.url, 'login', { body: { username: 'nobody', password: 'whatever it is' } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('bad-credentials');
  });

  it('missing token → 401 not-signed-in', async () => {
    const r = await call(t.url, 'me');
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('not-signed-in');
  });

  it('made-up token → 401 session-expired', async () => {
    const r = await call(t.url, 'me', { token: 'made-up' });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('session-expired');
  });

  it('malformed JSON → 400', async () => {
    const r = await call(t.url, 'login', { rawBody: '{"username": "x", ' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid-request');
  });

  it('a body that breaks the schema → 400 naming the field', async () => {
    const r = await call(t.url, 'createUser', { token: tokens.administrator, body: { username: 'x y', displayName: '', role: 'king', password: 'p' } });
    expect(r.status).toBe(400);
    const paths = r.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'role']));
  });

  it('a weak password → 400 with the rule broken', async () => {
    const r = await call(t.url, 'createUser', { token: tokens.administrator, body: { username: 'weak', displayName: 'W', role: 'officer', password: 'short' } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'weak-password' });
    expect(r.json.error.message).toMatch(/at least 12 characters/);
  });

  it('unknown route → 404 JSON', async () => {
    const res = await fetch(`${t.url}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-found');
  });

  it('an oversized body → 413', async () => {
    const r = await call(t.url, 'login', { rawBody: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }) });
    expect(r.status).toBe(413);
  });

  it('still serves after all that', async () => {
    expect((await call(t.url, 'me', { token: tokens.officer })).json.username).toBe('officer');
  });
});

describe('every route checks the caller’s role in the core', () => {
  const cases = (Object.keys(routes) as RouteName[]).flatMap((name) =>
    (['anonymous', ...roles] as const).map((who) => [name, who] as const),
  );

  it.each(cases)('%s as %s', async (name, who) => {
    const access = routes[name].access;
    const allowed = access === 'public' || (who !== 'anonymous' && (access as readonly string[]).includes(who));
    // Requests carry an empty body so that a permitted call fails validation (400)
    // instead of doing anything; a refused one must fail before validation.
    const params = 'params' in routes[name] ? { id: 999999 } : undefined;
    const res = await call(t.url, name, { token: who === 'anonymous' ? undefined : tokens[who], params, ...(routes[name].method === 'GET' ? {} : { rawBody: '{"__probe":1}' }) });
    if (allowed) {
      expect([200, 400, 404, 409]).toContain(res.status);
    } else {
      expect(res.status).toBe(who === 'anonymous' ? 401 : 403);
      expect(res.json.error.code).toBe(who === 'anonymous' ? 'not-signed-in' : 'forbidden');
    }
  });
});

describe('sessions', () => {
  it('logout ends the session', async () => {
    const s = await call(t.url, 'login', { body: { username: 'supervisor', password: 'a long test passphrase' } });
    expect((await call(t.url, 'logout', { token: s.json.token })).status).toBe(200);
    expect((await call(t.url, 'me', { token: s.json.token })).status).toBe(401);
  });

  it('the last administrator cannot be demoted', async () => {
    const me = await call(t.url, 'me', { token: tokens.administrator });
    const r = await call(t.url, 'updateUser', { token: tokens.administrator, params: { id: me.json.id }, body: { role: 'officer' } });
    expect(r.status).toBe(409);
  });

  it('the audit log records sign-ins and verifies', async () => {
    const found = await call(t.url, 'searchAudit', { token: tokens.supervisor, query: { action: 'auth.login' } });
    expect(found.json.map((e: { actorName: string }) => e.actorName)).toEqual(expect.arrayContaining(['admin', 'officer', 'supervisor']));
    expect((await call(t.url, 'verifyAudit', { token: tokens.supervisor })).json.ok).toBe(true);
  });
});

describe('expiry and lock-out', () => {
  let short: TestCore;
  beforeAll(async () => {
    // Idle timeout long enough for set-up's scrypt hashing on a busy machine, short enough to wait out.
    short = await startTestCore({ authPolicy: { idleTimeoutMs: 2500, absoluteTimeoutMs: 60_000, maxFailedLogins: 3, lockoutMs: 60_000 } });
    await short.signInAll();
  });
  afterAll(() => short.stop());

  it('an idle session expires', async () => {
    const s = await call(short.url, 'login', { body: { username: 'officer', password: 'a long test passphrase' } });
    expect((await call(short.url, 'me', { token: s.json.token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2700));
    const r = await call(short.url, 'me', { token: s.json.token });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('session-expired');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) await call(short.url, 'login', { body: { username: 'supervisor', password: 'wrong password here' } });
    const r = await call(short.url, 'login', { body: { username: 'supervisor', password: 'a long test passphrase' } });
    expect(r.status).toBe(423);
    expect(r.json.error.code).toBe('account-locked');
  });
});
