import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../../main/core.js';
import { createLogger } from '../../main/log/logger.js';
import { routes, type RouteName } from '../../main/api/contract.js';
import { call } from '../support/api-client.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Hostile input at every ANPR ingest route (entities, DTDs, oversize), a
 * camera password that must never come back in a reply or reach a log file,
 * and the core's default of listening on loopback only.
 */
const CAMERA_PASSWORD = 'Sup3r-Secret-Camera-Pa55';
const tmp = tempDir('cctv-security-');
let core: Core;
let admin = '';
let anprKey = '';
let cameraId = 0;
const replies: string[] = [];

async function api(name: RouteName, opts: Parameters<typeof call>[2] = {}) {
  const r = await call(core.url, name, opts);
  replies.push(JSON.stringify(r.json));
  return r;
}

async function push(route: string, body: string | Buffer, contentType: string) {
  const res = await fetch(`${core.url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${anprKey}`, 'x-camera-id': String(cameraId), 'content-type': contentType }, body: new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body) });
  const text = await res.text();
  replies.push(text);
  return { status: res.status, text };
}

function readCount(): number {
  return (core.context.store.db.prepare('SELECT count(*) AS n FROM anpr_reads').get() as { n: number }).n;
}

beforeAll(async () => {
  process.env.CCTV_ALLOW_MISSING_HANDLERS = '1';
  // The real file logger, so the test can read what the core writes to disk.
  core = await createCore({ dataDir: tmp.dir, mode: 'server', port: 0, rendererDir: null, logger: createLogger({ dataDir: tmp.dir, level: 'debug', quiet: true }) });
  const password = 'a long test passphrase';
  await api('createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
  admin = (await api('login', { body: { username: 'admin', password } })).json.token;
  const added = await api('addCamera', { token: admin, body: { source: 'rtsp', name: 'Sec cam', rtspMainUri: 'rtsp://127.0.0.1:9/stream', username: 'viewer', password: CAMERA_PASSWORD } });
  expect(added.status, JSON.stringify(added.json)).toBe(200);
  cameraId = added.json.camera.id;
  anprKey = added.json.anprKey;
});

afterAll(async () => {
  await core?.stop();
  tmp.cleanup();
});

describe('hostile XML at the ingest routes', () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><EventNotificationAlert><ANPR><licensePlate>&lol4;</licensePlate></ANPR></EventNotificationAlert>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><EventNotificationAlert><dateTime>2025-01-06T08:00:00Z</dateTime><ANPR><licensePlate>&x;</licensePlate></ANPR></EventNotificationAlert>`;

  it.each([
    ['billion laughs', laughs],
    ['external entity (XXE)', xxe],
  ])('refuses %s without expanding it or storing a read', async (_name, xml) => {
    const before = readCount();
    for (const route of ['/ingest/anpr/hikvision', `/ingest/anpr/hikvision/${cameraId}`]) {
      const r = await push(route, xml, 'application/xml');
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.text).not.toMatch(/lollollol|root:x:0/);
    }
    expect(readCount()).toBe(before);
  });

  it('refuses an oversized body at every ingest route with 413 and keeps serving', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x61);
    const cases: [string, string][] = [
      ['/ingest/anpr/json', 'application/json'],
      ['/ingest/anpr/hikvision', 'application/xml'],
      [`/ingest/anpr/hikvision/${cameraId}`, 'application/xml'],
      ['/ingest/anpr/csv', 'text/csv'],
      [`/ingest/anpr/csv/${cameraId}`, 'text/csv'],
    ];
    for (const [route, type] of cases) {
      const r = await push(route, big, type);
      expect(r.status, `${route}: ${r.text.slice(0, 200)}`).toBe(413);
    }
    expect((await api('health')).status).toBe(200);
  });
});

describe('secrets', () => {
  it('never returns the camera password in any API reply of the session', async () => {
    // Read back everything an administrator can list about cameras, and more.
    for (const name of Object.keys(routes) as RouteName[]) {
      const def = routes[name];
      if (def.method !== 'GET' || def.path.includes(':')) continue;
      await api(name, { token: admin });
    }
    await api('getCamera', { token: admin, params: { id: cameraId } });
    expect(replies.length).toBeGreaterThan(10);
    for (const r of replies) expect(r).not.toContain(CAMERA_PASSWORD);
  });

  it('never writes the camera password to the log files or the store in the clear', () => {
    const logs = path.join(tmp.dir, 'logs');
    expect(existsSync(logs)).toBe(true);
    const files = readdirSync(logs).map((f) => path.join(logs, f)).filter((f) => statSync(f).isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(CAMERA_PASSWORD);
    const dump = JSON.stringify(core.context.store.db.prepare('SELECT * FROM cameras').all());
    expect(dump).not.toContain(CAMERA_PASSWORD);
  });
});

describe('network exposure', () => {
  it('listens on loopback unless told otherwise', () => {
    const addr = core.server.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(new URL(core.url).hostname).toBe('127.0.0.1');
  });
});
