import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { anprFeature, createAnprFeature } from '../../main/anpr/anpr-feature.js';
import { featureFactories } from '../../main/features/index.js';
import type { CameraDirectory } from '../../main/anpr/camera-directory.js';
import { formatIsapiPush } from '../../fixtures/anpr/isapi-anpr-alert.js';
import { PLACEHOLDER_JPEG } from '../../fixtures/anpr/make-jpeg.js';
import type { AnprRead } from '../../fixtures/anpr/anpr-read.js';
import { tempDir } from '../support/temp-dir.js';
import { call } from '../support/api-client.js';

const cams: Record<number, { site: string; key: string }> = { 1: { site: 'CAM-BG-01', key: 'key-one' }, 2: { site: 'CAM-BG-02', key: 'key-two' } };
const directory: CameraDirectory = {
  resolve: (ref) => {
    const id = /^\d+$/.test(ref) ? Number(ref) : Number(Object.entries(cams).find(([, c]) => c.site === ref.toUpperCase())?.[0]);
    return cams[id] ? id : undefined;
  },
  exists: (id) => Boolean(cams[id]),
  verifyKey: (id, key) => cams[id]?.key === key,
};
const blocked = new Set<number>();

let core: Core;
let tmp: ReturnType<typeof tempDir>;
let tokens: Record<'administrator' | 'supervisor' | 'officer', string>;

beforeAll(async () => {
  tmp = tempDir('cctv-anpr-');
  core = await createCore({
    dataDir: tmp.dir,
    mode: 'server',
    port: 0,
    logger: silentLogger(),
    rendererDir: null,
    // Every feature as shipped, with the anpr one given fake cameras and a controllable defect check.
    features: featureFactories.map((f) => (f !== anprFeature ? f : createAnprFeature({ cameras: directory, defects: { hasBlockingDefect: (cam) => (blocked.has(cam) ? { reason: 'camera 2 lens obscured', defectId: 7 } : false) }, limits: { perCameraRatePerS: 1000, perCameraBurst: 1000 } }))),
  });
  const password = 'a long test passphrase';
  await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada', password } });
  const admin = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
  for (const role of ['supervisor', 'officer'] as const) await call(core.url, 'createUser', { token: admin, body: { username: role, displayName: role, role, password } });
  tokens = {
    administrator: admin,
    supervisor: (await call(core.url, 'login', { body: { username: 'supervisor', password } })).json.token,
    officer: (await call(core.url, 'login', { body: { username: 'officer', password } })).json.token,
  };
});

afterAll(async () => {
  await core?.stop();
  tmp?.cleanup();
});

const post = (p: string, body: string | Buffer, headers: Record<string, string>) => fetch(`${core.url}${p}`, { method: 'POST', body: typeof body === "string" ? body : new Uint8Array(body), headers }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> & { error?: { code: string; message: string } } }));
const jsonRead = (plate: string, atMs: number, extra: Record<string, unknown> = {}) => JSON.stringify({ cameraId: 'CAM-BG-01', plate, timestamp: new Date(atMs).toISOString(), confidence: 90, direction: 'approaching', ...extra });
const bearer = (key: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${key}` });
let clock = Date.now() - 3_600_000;
const nextTime = () => (clock += 120_000);

describe('ANPR ingest over HTTP', () => {
  it('stores a JSON read with its pictures once; a repeat answers duplicate', async () => {
    const at = nextTime();
    const img = PLACEHOLDER_JPEG.toString('base64');
    const body = jsonRead('AB12 CDE', at, { plateImage: img, overviewImage: img });
    const first = await post('/ingest/anpr/json', body, bearer('key-one'));
    expect(first.status).toBe(201);
    expect(first.json.duplicate).toBe(false);
    const again = await post('/ingest/anpr/json', body, bearer('key-one'));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ duplicate: true, readId: first.json.readId });
    const read = await call(core.url, 'getRead', { token: tokens.officer, params: { id: first.json.readId as number } });
    expect(read.json).toMatchObject({ vrm: 'AB12CDE', plateSent: 'AB12 CDE', cameraId: 1, source: 'json' });
    const sha = createHash('sha256').update(PLACEHOLDER_JPEG).digest('hex');
    expect(read.json.images.map((i: { sha256: string }) => i.sha256)).toEqual([sha, sha]);
    const file = path.join(tmp.dir, 'anpr-images', sha.slice(0, 2), `${sha}.jpg`);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sha);
  });

  it('stores a Hikvision multipart push (Basic auth) and bare XML (?key= on the path)', async () => {
    const at = nextTime();
    const read = { cameraId: 'CAM-BG-01', plate: 'BX19LMN', confidence: 88, timestampMs: at, direction: 'approaching', vehicleClass: 'car' } as AnprRead;
    const { body, contentType } = formatIsapiPush(read, { plate: PLACEHOLDER_JPEG, overview: PLACEHOLDER_JPEG }, { ipAddress: '10.0.0.1', portNo: 80, macAddress: 'x', channelId: 1, channelName: 'CAM-BG-01' }, { uuid: 'u' });
    const basic = `Basic ${Buffer.from('CAM-BG-01:key-one').toString('base64')}`;
    const r = await post('/ingest/anpr/hikvision', body, { 'content-type': contentType, authorization: basic });
    expect(r.status).toBe(201);
    const stored = await call(core.url, 'getRead', { token: tokens.officer, params: { id: r.json.readId as number } });
    expect(stored.json).toMatchObject({ vrm: 'BX19LMN', source: 'hikvision', direction: 'approaching' });
    expect(stored.json.images.map((i: { name: string }) => i.name)).toEqual(['licensePlatePicture.jpg', 'detectionPicture.jpg']);
    const xml = readFileSync(new URL('../../fixtures/anpr/samples/hikvision-anpr.xml', import.meta.url), 'utf8').replace('2025-06-02T08:45:12.340+01:00', new Date(nextTime()).toISOString());
    const bare = await post('/ingest/anpr/hikvision/CAM-BG-02?key=key-two', xml, { 'content-type': 'application/xml' });
    expect(bare.status).toBe(201);
  });

  it('stores a CSV batch, reporting its bad rows', async () => {
    const t = (ms: number) => new Date(ms).toISOString();
    const csv = `camera_id,plate,timestamp,confidence,direction\nCAM-BG-02,LV70ABC,${t(nextTime())},91,departing\nCAM-BG-02,,${t(nextTime())},90,approaching\n`;
    const r = await post('/ingest/anpr/csv', csv, { 'content-type': 'text/csv', authorization: 'Bearer key-two', 'x-camera-id': 'CAM-BG-02' });
    expect(r.status).toBe(201);
    expect(r.json.stored).toBe(1);
    expect(r.json.rejected).toEqual([expect.objectContaining({ location: 'line 3', field: 'plate' })]);
  });

  it.each([
    ['wrong key', '/ingest/anpr/json', jsonRead('AB12CDE', Date.now()), bearer('nope'), 401],
    ['unknown camera', '/ingest/anpr/json', jsonRead('AB12CDE', Date.now(), { cameraId: 'CAM-NONE' }), bearer('key-one'), 401],
    ['time in the future', '/ingest/anpr/json', jsonRead('AB12CDE', Date.now() + 3_600_000), bearer('key-one'), 422],
    ['time too old', '/ingest/anpr/json', jsonRead('AB12CDE', Date.now() - 40 * 86_400_000), bearer('key-one'), 422],
    ['invalid plate', '/ingest/anpr/json', jsonRead('=CMD()', Date.now()), bearer('key-one'), 422],
    ['a DOCTYPE', '/ingest/anpr/hikvision/CAM-BG-01?key=key-one', '<!DOCTYPE x [<!ENTITY a "b">]><EventNotificationAlert/>', { 'content-type': 'application/xml' }, 400],
    ['a huge XML body', '/ingest/anpr/hikvision/CAM-BG-01?key=key-one', `<a>${'x'.repeat(1024 * 1024)}</a>`, { 'content-type': 'application/xml' }, 413],
    ['a huge JSON body', '/ingest/anpr/json', JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }), bearer('key-one'), 413],
  ])('refuses %s', async (_n, p, body, headers, status) => {
    const before = (await call(core.url, 'listReads', { token: tokens.officer })).json.total;
    const r = await post(p, body, headers);
    expect(r.status).toBe(status);
    expect(r.json.error?.message).toBeTruthy();
    expect((await call(core.url, 'listReads', { token: tokens.officer })).json.total).toBe(before);
  });
});

describe('restrictions, white list and events', () => {
  it('turns reads into events only where the restriction is in force and the vehicle is not exempt', async () => {
    const bad = await call(core.url, 'createRestriction', { token: tokens.supervisor, body: { cameraId: 1, type: 'bus-gate', schedule: 'Mon-Fri 7-10am 4-7pm garbage', permitted: ['bus', 'taxi'], trafficOrderRef: 'TRO 2024/12', signsInOrder: true, area: 'england' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].column).toBeGreaterThan(0);
    expect((await call(core.url, 'createRestriction', { token: tokens.officer, body: {} })).status).toBe(403);
    for (const cameraId of [1, 2]) {
      const r = await call(core.url, 'createRestriction', { token: tokens.supervisor, body: { cameraId, type: 'bus-gate', schedule: 'At any time', permitted: ['bus', 'local-bus', 'taxi', 'pedal-cycle'], trafficOrderRef: 'TRO 2024/12', signsInOrder: true, area: 'england' } });
      expect(r.status).toBe(200);
      expect(r.json.inForceNow.inForce).toBe(true);
    }
    const add = await call(core.url, 'addWhiteListEntry', { token: tokens.officer, body: { vrm: 'BU51 ABC', category: 'bus-operator', validFrom: '2020-01-01', source: 'Metro Buses' } });
    expect(add.status).toBe(200);

    const exempt = await post('/ingest/anpr/json', jsonRead('BU51ABC', nextTime()), bearer('key-one'));
    expect(exempt.json.reads).toEqual([expect.objectContaining({ eventId: null })]);

    const near = await post('/ingest/anpr/json', jsonRead('BU51ABD', nextTime()), bearer('key-one'));
    const nearEvent = await call(core.url, 'getCandidateEvent', { token: tokens.officer, params: { id: (near.json.reads as { eventId: number }[])[0]!.eventId } });
    expect(nearEvent.json).toMatchObject({ status: 'queued', vrm: 'BU51ABD', restrictionType: 'bus-gate' });
    expect(nearEvent.json.nearMisses[0]).toMatchObject({ vrm: 'BU51ABC' });
    expect(nearEvent.json.clipEnd - nearEvent.json.clipStart).toBe(15_000);

    const t0 = nextTime();
    const ids = [];
    for (const dt of [0, 20_000, 40_000]) ids.push(((await post('/ingest/anpr/json', jsonRead('CA12RSX', t0 + dt, { confidence: 80 + dt / 10_000 }), bearer('key-one'))).json.reads as { eventId: number }[])[0]!.eventId);
    expect(new Set(ids).size).toBe(1);
    const merged = await call(core.url, 'getCandidateEvent', { token: tokens.officer, params: { id: ids[0]! } });
    expect(merged.json.readIds).toHaveLength(3);
    expect(merged.json.clipStart).toBe(t0 - 5_000);
    expect(merged.json.clipEnd).toBe(t0 + 40_000 + 10_000);

    const check = await call(core.url, 'checkWhiteList', { token: tokens.officer, query: { vrm: 'BU51ABD', cameraId: 1 } });
    expect(check.json).toMatchObject({ exempt: false, restrictionType: 'bus-gate' });
    expect(check.json.nearMisses).toHaveLength(1);
  });

  it('holds events while a blocking defect is open, saying why', async () => {
    blocked.add(2);
    try {
      const r = await post('/ingest/anpr/json', JSON.stringify({ cameraId: 2, plate: 'HD12XYZ', timestamp: new Date(nextTime()).toISOString() }), bearer('key-two'));
      const e = await call(core.url, 'getCandidateEvent', { token: tokens.officer, params: { id: (r.json.reads as { eventId: number }[])[0]!.eventId } });
      expect(e.json).toMatchObject({ status: 'held', holdReason: 'defect #7: camera 2 lens obscured' });
    } finally {
      blocked.delete(2);
    }
    const manual = await call(core.url, 'createManualEvent', { token: tokens.officer, body: { cameraId: 2, at: Date.now() - 60_000, vrm: 'mn12 opq', note: 'seen in the player' } });
    expect(manual.json).toMatchObject({ origin: 'manual', status: 'queued', vrm: 'MN12OPQ', createdBy: 'officer' });
    const listed = await call(core.url, 'listCandidateEvents', { token: tokens.officer, query: { status: 'held' } });
    expect(listed.json.total).toBe(1);
  });

  it('keeps the pictures directory content-addressed', () => {
    expect(existsSync(path.join(tmp.dir, 'anpr-images'))).toBe(true);
  });
});
