import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { createLogger } from '../../main/log/logger.js';
import { authRoutes, camerasRoutes, routes, systemRoutes, type ServerEvent } from '../../main/api/contract.js';
import type { Feature } from '../../main/features/feature.js';
import { createCamerasFeature } from '../../main/cameras/cameras-feature.js';
import type { CamerasFeature } from '../../main/cameras/camera-service.js';
import { OnvifDeviceSimulator } from '../../fixtures/onvif/onvif-device-simulator.js';
import { WsDiscoveryResponder } from '../../fixtures/onvif/ws-discovery-responder.js';
import { call } from '../support/api-client.js';
import { tempDir } from '../support/temp-dir.js';

// The cameras API over real HTTP, with a real SQLite store and log file, against
// the simulated ONVIF estate: roles, validation, secrets, audit, events.

const CAM_USER = 'enforcement';
const CAM_PASS = 'Zq8-unique-camera-passw0rd';
const RTSP_PASS = 'Rt5p-pasted-secret';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const USER_PASSWORD = 'a long test passphrase';

type Role = 'administrator' | 'supervisor' | 'officer';

/**
 * The server refuses to start with a route unhandled; this test runs the
 * cameras feature alone (no recorders, no ingest), so other features' routes
 * answer 501 here.
 */
const otherFeaturesStub = (): Feature => {
  const own = new Set([...Object.keys(systemRoutes), ...Object.keys(authRoutes), 'listUsers', 'createUser', 'updateUser', ...Object.keys(camerasRoutes)]);
  const handlers: Record<string, () => never> = {};
  for (const name of Object.keys(routes)) {
    if (!own.has(name)) {
      handlers[name] = () => {
        throw new Error(`${name} is not part of this test`);
      };
    }
  }
  return { name: 'not-under-test', handlers };
};

describe('cameras API', () => {
  const tmp = tempDir('cctv-cameras-api-');
  let core: Core;
  let url: string;
  let tokens: Record<Role, string>;
  const sims: OnvifDeviceSimulator[] = [];
  const responder = new WsDiscoveryResponder({ port: 0 });
  const events: ServerEvent[] = [];
  const changes: number[] = [];
  const requests: string[] = [];
  let feature: CamerasFeature;
  let created: CamerasFeature | undefined;
  let garbage: Server;
  let garbagePort: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    for (let i = 1; i <= 2; i++) {
      const sim = new OnvifDeviceSimulator({
        username: CAM_USER,
        password: CAM_PASS,
        name: `Sim ${i}`,
        location: 'Station Road bus gate',
        streamUris: { main: `rtsp://127.0.0.1:8554/sim${i}/main`, sub: `rtsp://127.0.0.1:8554/sim${i}/sub` },
        snapshot: JPEG,
        clockOffsetS: i === 2 ? -25 : 0,
        onRequest: (e) => requests.push(`${i} ${e.action ?? e.path}`),
      });
      await sim.start();
      sims.push(sim);
      responder.add(sim);
    }
    await responder.start();
    garbage = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      s.end('\u0000\u0001 garbage, not HTTP \r\n\r\n');
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    garbagePort = (garbage.address() as AddressInfo).port;

    core = await createCore({
      dataDir: tmp.dir,
      mode: 'server',
      port: 0,
      logger: createLogger({ dataDir: tmp.dir, quiet: true, level: 'debug' }),
      rendererDir: null,
      features: [(c) => (created = createCamerasFeature(c, { timeoutMs: 2000 })), otherFeaturesStub],
    });
    url = core.url;
    core.context.subscribe((e) => events.push(e));
    const a = await call(url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password: USER_PASSWORD } });
    expect(a.status).toBe(200);
    const admin = (await call(url, 'login', { body: { username: 'admin', password: USER_PASSWORD } })).json.token as string;
    for (const role of ['supervisor', 'officer'] as const) {
      expect((await call(url, 'createUser', { token: admin, body: { username: role, displayName: `Test ${role}`, role, password: USER_PASSWORD } })).status).toBe(200);
    }
    tokens = {
      administrator: admin,
      supervisor: (await call(url, 'login', { body: { username: 'supervisor', password: USER_PASSWORD } })).json.token,
      officer: (await call(url, 'login', { body: { username: 'officer', password: USER_PASSWORD } })).json.token,
    };
    // The feature instance as other features reach it (features.get('cameras')).
    feature = created!;
    feature.service.onChange((id) => changes.push(id));
  });


  afterAll(async () => {
    await core?.stop();
    await responder.stop();
    for (const s of sims) await s.stop();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => garbage.close(() => resolve()));
    tmp.cleanup();
  });

  const onvifBody = (i: number, extra: Record<string, unknown> = {}) => ({
    source: 'onvif',
    name: `Station Road ${i}`,
    locationDescription: 'Station Road, eastbound, bus gate',
    onvif: { host: '127.0.0.1', port: sims[i - 1]!.port, username: CAM_USER, password: CAM_PASS },
    ...extra,
  });

  it('discovers the simulated cameras on loopback (supervisor and administrator only)', async () => {
    const r = await call(url, 'discoverCameras', { token: tokens.supervisor, body: { targets: [`127.0.0.1:${responder.port}`], multicast: false, timeoutMs: 400 } });
    expect(r.status).toBe(200);
    expect(r.json.devices.map((d: { name: string }) => d.name).sort()).toEqual(['Sim 1', 'Sim 2']);
    const d1 = r.json.devices.find((d: { name: string }) => d.name === 'Sim 1');
    expect(d1).toMatchObject({ host: '127.0.0.1', port: sims[0]!.port, hardware: 'SC-ANPR-720', location: 'Station Road bus gate', cameraId: null });
    expect((await call(url, 'discoverCameras', { token: tokens.officer, body: {} })).status).toBe(403);
    expect((await call(url, 'discoverCameras', { body: {} })).status).toBe(401);
    const bad = await call(url, 'discoverCameras', { token: tokens.administrator, body: { targets: ['http://x/'], multicast: false } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/not a discovery target/);
  });

  it('probes a camera without saving it', async () => {
    const r = await call(url, 'probeCamera', { token: tokens.administrator, body: { host: '127.0.0.1', port: sims[1]!.port, username: CAM_USER, password: CAM_PASS } });
    expect(r.status).toBe(200);
    expect(r.json.device.model).toBe('SC-ANPR-720');
    expect(r.json.profiles.map((p: { token: string; rtspUri: string }) => [p.token, p.rtspUri])).toEqual([
      ['Profile_1', 'rtsp://127.0.0.1:8554/sim2/main'],
      ['Profile_2', 'rtsp://127.0.0.1:8554/sim2/sub'],
    ]);
    expect(Math.abs(r.json.clock.offsetS + 25)).toBeLessThanOrEqual(r.json.clock.uncertaintyS);
    expect(r.json.clock.withinTolerance).toBe(false);
    expect((await call(url, 'listCameras', { token: tokens.officer })).json).toEqual([]);
  });

  it('reports a wrong camera password, an unreachable camera and a garbage answer clearly', async () => {
    const wrong = await call(url, 'probeCamera', { token: tokens.supervisor, body: { host: '127.0.0.1', port: sims[0]!.port, username: CAM_USER, password: 'not-it' } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error).toMatchObject({ code: 'camera-bad-credentials', details: { kind: 'bad-credentials', address: `127.0.0.1:${sims[0]!.port}` } });
    expect(wrong.json.error.message).toMatch(/refused the username or password/);
    const junk = await call(url, 'probeCamera', { token: tokens.supervisor, body: { host: '127.0.0.1', port: garbagePort, username: 'u', password: 'p' } });
    expect(junk.status).toBe(502);
    expect(junk.json.error.code).toBe('camera-garbage');
    expect(junk.json.error.message).toContain(`127.0.0.1:${garbagePort}`);
    const add = await call(url, 'addCamera', { token: tokens.supervisor, body: { ...onvifBody(1), onvif: { host: '127.0.0.1', port: garbagePort, username: 'u', password: 'p' } } });
    expect(add.status).toBe(502);
    // The core survives and nothing was stored.
    expect((await call(url, 'health')).status).toBe(200);
    expect((await call(url, 'listCameras', { token: tokens.officer })).json).toEqual([]);
  });

  let onvifId: number;
  let anprKey: string;

  it('adds an ONVIF camera: streams, device and clock read, password sealed, ANPR key shown once', async () => {
    const r = await call(url, 'addCamera', { token: tokens.supervisor, body: onvifBody(1, { siteCode: 'SR01', enforcementSiteName: 'Station Road bus gate', latitude: 51.5, longitude: -0.12 }) });
    expect(r.status).toBe(200);
    onvifId = r.json.camera.id;
    anprKey = r.json.anprKey;
    expect(anprKey).toMatch(/^anpr_/);
    expect(r.json.camera).toMatchObject({
      name: 'Station Road 1',
      status: 'active',
      onvifHost: '127.0.0.1',
      rtspMainUri: 'rtsp://127.0.0.1:8554/sim1/main',
      rtspSubUri: 'rtsp://127.0.0.1:8554/sim1/sub',
      profileToken: 'Profile_1',
      stream: 'main',
      transport: 'tcp',
      retentionDays: 31,
      username: CAM_USER,
      hasPassword: true,
      hasAnprKey: true,
      device: { manufacturer: 'SimCam Systems', model: 'SC-ANPR-720' },
      certificate: null,
      createdBy: 'supervisor',
    });
    expect(Math.abs(r.json.camera.clockOffsetS)).toBeLessThanOrEqual(2);
    expect(changes).toContain(onvifId);
    expect(events).toContainEqual(expect.objectContaining({ type: 'camera-status', cameraId: onvifId, status: 'ok' }));
    // The same address again is a conflict; so is the same name.
    expect((await call(url, 'addCamera', { token: tokens.supervisor, body: onvifBody(1, { name: 'Other' }) })).status).toBe(409);
    const dupName = await call(url, 'addCamera', { token: tokens.supervisor, body: { source: 'rtsp', name: 'station road 1', rtspMainUri: 'rtsp://192.0.2.1/x' } });
    expect(dupName.status).toBe(409);
    expect(dupName.json.error.message).toMatch(/already called/);
  });

  let rtspId: number;

  it('adds a non-ONVIF camera by RTSP URL, taking the credentials out of the pasted URL', async () => {
    const r = await call(url, 'addCamera', {
      token: tokens.administrator,
      body: { source: 'rtsp', name: 'Box junction 4', rtspMainUri: `rtsp://viewer:${encodeURIComponent(RTSP_PASS)}@192.0.2.44:554/h264`, transport: 'udp', retentionDays: 14, stream: 'main' },
    });
    expect(r.status).toBe(200);
    rtspId = r.json.camera.id;
    expect(r.json.camera).toMatchObject({ rtspMainUri: 'rtsp://192.0.2.44:554/h264', username: 'viewer', hasPassword: true, transport: 'udp', retentionDays: 14, onvifHost: null });
    const source = feature.service.recordingSource(rtspId)!;
    expect(source).toEqual({ cameraId: rtspId, rtspUrl: `rtsp://viewer:${encodeURIComponent(RTSP_PASS)}@192.0.2.44:554/h264`, transport: 'udp', retentionDays: 14 });
  });

  it.each([
    ['http://192.0.2.9/stream', /not RTSP/],
    ['192.0.2.9:554/stream', /not (RTSP|an RTSP address)/],
    ['rtsp:///nohost', /no host/],
  ])('refuses %s as "not RTSP" with a 400', async (rtspMainUri, message) => {
    const r = await call(url, 'addCamera', { token: tokens.administrator, body: { source: 'rtsp', name: `Bad ${rtspMainUri}`, rtspMainUri } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('not-rtsp');
    expect(r.json.error.message).toMatch(message);
    expect(r.json.error.details).toEqual([{ path: 'rtspMainUri', message: expect.any(String) }]);
  });

  it('lists and gets cameras for every role, never with a password', async () => {
    for (const role of ['officer', 'supervisor', 'administrator'] as const) {
      const list = await call(url, 'listCameras', { token: tokens[role] });
      expect(list.status).toBe(200);
      expect(list.json.map((c: { name: string }) => c.name)).toEqual(['Box junction 4', 'Station Road 1']);
      const one = await call(url, 'getCamera', { token: tokens[role], params: { id: onvifId } });
      expect(one.status).toBe(200);
      for (const text of [JSON.stringify(list.json), JSON.stringify(one.json)]) {
        expect(text).not.toContain(CAM_PASS);
        expect(text).not.toContain(RTSP_PASS);
        expect(text).not.toContain(anprKey);
        expect(text).not.toMatch(/sealed|passwordSealed|anprKeyHash/);
      }
    }
    expect((await call(url, 'getCamera', { token: tokens.officer, params: { id: 999 } })).status).toBe(404);
    expect((await call(url, 'listCameras')).status).toBe(401);
  });

  it('only supervisors and administrators change cameras', async () => {
    const o = tokens.officer;
    expect((await call(url, 'addCamera', { token: o, body: { source: 'rtsp', name: 'x', rtspMainUri: 'rtsp://h/x' } })).status).toBe(403);
    expect((await call(url, 'updateCamera', { token: o, params: { id: onvifId }, body: { name: 'y' } })).status).toBe(403);
    expect((await call(url, 'retireCamera', { token: o, params: { id: onvifId }, body: { reason: 'because' } })).status).toBe(403);
    expect((await call(url, 'addCameraCertificate', { token: o, params: { id: onvifId }, body: { certificateNumber: 'X', validFrom: '2025-01-01', validTo: '2026-01-01' } })).status).toBe(403);
    expect((await call(url, 'rotateCameraAnprKey', { token: o, params: { id: onvifId } })).status).toBe(403);
    expect((await call(url, 'probeCamera', { token: o, body: { host: '127.0.0.1', port: 80 } })).status).toBe(403);
  });

  it('updates a camera: fields, a new password (sealed), a pasted URL with credentials', async () => {
    changes.length = 0;
    const r = await call(url, 'updateCamera', {
      token: tokens.supervisor,
      params: { id: rtspId },
      body: { locationDescription: 'Junction of A and B roads', rtspMainUri: 'rtsp://other:NewPw-123@192.0.2.45/h264', stream: 'main', retentionDays: 28 },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ locationDescription: 'Junction of A and B roads', rtspMainUri: 'rtsp://192.0.2.45/h264', username: 'other', retentionDays: 28, updatedBy: 'supervisor' });
    expect(JSON.stringify(r.json)).not.toContain('NewPw-123');
    expect(feature.service.recordingSource(rtspId)?.rtspUrl).toBe('rtsp://other:NewPw-123@192.0.2.45/h264');
    expect(changes).toEqual([rtspId]);
    const bad = await call(url, 'updateCamera', { token: tokens.supervisor, params: { id: rtspId }, body: { rtspSubUri: 'ftp://x/y' } });
    expect(bad.status).toBe(400);
    // Nothing already stored was lost by the refused change.
    expect((await call(url, 'getCamera', { token: tokens.officer, params: { id: rtspId } })).json.rtspMainUri).toBe('rtsp://192.0.2.45/h264');
    const noPass = await call(url, 'updateCamera', { token: tokens.supervisor, params: { id: rtspId }, body: { password: '' } });
    expect(noPass.json.hasPassword).toBe(false);
    expect(feature.service.recordingSource(rtspId)?.rtspUrl).toBe('rtsp://other@192.0.2.45/h264');
    const zodBad = await call(url, 'updateCamera', { token: tokens.supervisor, params: { id: rtspId }, body: { retentionDays: 0, latitude: 200 } });
    expect(zodBad.status).toBe(400);
  });

  it('checks new credentials of an ONVIF camera with the camera before storing them', async () => {
    const wrong = await call(url, 'updateCamera', { token: tokens.supervisor, params: { id: onvifId }, body: { password: 'typo-password' } });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.code).toBe('camera-bad-credentials');
    // The working password is kept.
    expect(feature.service.recordingSource(onvifId)?.rtspUrl).toBe(`rtsp://${CAM_USER}:${encodeURIComponent(CAM_PASS)}@127.0.0.1:8554/sim1/main`);
    const same = await call(url, 'updateCamera', { token: tokens.supervisor, params: { id: onvifId }, body: { password: CAM_PASS, locationDescription: 'Station Road, eastbound' } });
    expect(same.status).toBe(200);
    expect(same.json.rtspMainUri).toBe('rtsp://127.0.0.1:8554/sim1/main');
  });

  it('records certificates with history, warns nothing away, and answers certificateAt for PCNs', async () => {
    const first = await call(url, 'addCameraCertificate', {
      token: tokens.administrator,
      params: { id: onvifId },
      body: { certificateNumber: 'VCA/AD/2023/0147', typeApprovalRef: 'SI 2022/71 Sch.1', validFrom: '2023-04-01', validTo: '2024-03-31' },
    });
    expect(first.status).toBe(200);
    expect(first.json.certificates[0]).toMatchObject({ certificateNumber: 'VCA/AD/2023/0147', issuer: 'Vehicle Certification Agency', validFrom: Date.UTC(2023, 2, 31, 23), createdBy: 'admin' });
    const second = await call(url, 'addCameraCertificate', {
      token: tokens.supervisor,
      params: { id: onvifId },
      body: { certificateNumber: 'VCA/AD/2024/0311', issuer: 'Vehicle Certification Agency', validFrom: '2024-04-01', validTo: '2099-03-31' },
    });
    expect(second.json.certificates).toHaveLength(2);
    expect(second.json.certificate.certificateNumber).toBe('VCA/AD/2024/0311');
    expect(feature.service.certificateAt(onvifId, Date.UTC(2023, 9, 1))?.certificateNumber).toBe('VCA/AD/2023/0147');
    expect(feature.service.certificateAt(onvifId, Date.UTC(2022, 0, 1))).toBeUndefined();
    const backwards = await call(url, 'addCameraCertificate', { token: tokens.supervisor, params: { id: onvifId }, body: { certificateNumber: 'X', validFrom: '2025-01-02', validTo: '2025-01-01' } });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.message).toMatch(/ends .* before it starts/);
    const list = await call(url, 'listCameras', { token: tokens.officer });
    expect(list.json.find((c: { id: number }) => c.id === onvifId).certificate.certificateNumber).toBe('VCA/AD/2024/0311');
  });

  it('proxies a snapshot JPEG through the core for any role, and audits the view', async () => {
    const res = await fetch(`${url}/api/cameras/${onvifId}/snapshot`, { headers: { authorization: `Bearer ${tokens.officer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG);
    expect((await fetch(`${url}/api/cameras/${onvifId}/snapshot`)).status).toBe(401);
    const rtsp = await fetch(`${url}/api/cameras/${rtspId}/snapshot`, { headers: { authorization: `Bearer ${tokens.officer}` } });
    expect(rtsp.status).toBe(502);
    expect(((await rtsp.json()) as { error: { code: string } }).error.code).toBe('camera-not-onvif');
    expect((await fetch(`${url}/api/cameras/abc/snapshot`, { headers: { authorization: `Bearer ${tokens.officer}` } })).status).toBe(404);
    const audit = await call(url, 'searchAudit', { token: tokens.administrator, query: { action: 'camera.snapshot.view' } });
    expect(audit.json.map((e: { actorName: string; subject: string }) => [e.actorName, e.subject])).toContainEqual(['officer', `camera:${onvifId}`]);
  });

  it('refreshes device information and clock; a camera that has gone offline is reported down', async () => {
    const ok = await call(url, 'refreshCamera', { token: tokens.officer, params: { id: onvifId } });
    expect(ok.status).toBe(200);
    expect(ok.json.clockCheckedAt).toBeGreaterThan(0);
    const reading = await feature.service.readClock(onvifId);
    expect(Math.abs(reading.offsetS)).toBeLessThanOrEqual(2);
    await sims[0]!.setOffline(true);
    try {
      const down = await call(url, 'refreshCamera', { token: tokens.officer, params: { id: onvifId } });
      expect(down.status).toBe(502);
      expect(down.json.error.code).toBe('camera-unreachable');
      expect(events).toContainEqual(expect.objectContaining({ type: 'camera-status', cameraId: onvifId, status: 'down' }));
    } finally {
      await sims[0]!.setOffline(false);
    }
    // Back online, it is read again (the failed connection was not kept).
    const again = await call(url, 'refreshCamera', { token: tokens.officer, params: { id: onvifId } });
    expect(again.status).toBe(200);
    expect(events.at(-1)).toMatchObject({ type: 'camera-status', cameraId: onvifId, status: 'ok' });
  });

  it('reuses the connection for periodic clock reads: one SOAP call each', async () => {
    await feature.service.readClock(onvifId);
    requests.length = 0;
    await feature.service.readClock(onvifId);
    await feature.service.readClock(onvifId);
    expect(requests).toEqual(['1 GetSystemDateAndTime', '1 GetSystemDateAndTime']);
  });

  it('verifies and rotates the ANPR key', async () => {
    expect(feature.service.verifyAnprKey(onvifId, anprKey)).toBe(true);
    expect(feature.service.verifyAnprKey(rtspId, anprKey)).toBe(false);
    const r = await call(url, 'rotateCameraAnprKey', { token: tokens.supervisor, params: { id: onvifId } });
    expect(r.status).toBe(200);
    expect(feature.service.verifyAnprKey(onvifId, anprKey)).toBe(false);
    expect(feature.service.verifyAnprKey(onvifId, r.json.anprKey)).toBe(true);
  });

  it('retires a camera with a reason: it stops recording, its records stay, and it refuses changes', async () => {
    changes.length = 0;
    expect((await call(url, 'retireCamera', { token: tokens.supervisor, params: { id: rtspId }, body: { reason: '' } })).status).toBe(400);
    const r = await call(url, 'retireCamera', { token: tokens.supervisor, params: { id: rtspId }, body: { reason: 'Junction redesigned; camera removed' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'retired', retiredReason: 'Junction redesigned; camera removed' });
    expect(changes).toEqual([rtspId]);
    expect(feature.service.recordingSource(rtspId)).toBeUndefined();
    expect(feature.service.list().map((c) => c.id)).toEqual([onvifId]);
    expect(feature.service.list({ includeRetired: true }).map((c) => c.id).sort()).toEqual([onvifId, rtspId].sort());
    expect((await call(url, 'listCameras', { token: tokens.officer, query: { includeRetired: 'true' } })).json).toHaveLength(2);
    expect((await call(url, 'retireCamera', { token: tokens.supervisor, params: { id: rtspId }, body: { reason: 'again please' } })).status).toBe(409);
    expect((await call(url, 'updateCamera', { token: tokens.supervisor, params: { id: rtspId }, body: { name: 'Revived' } })).status).toBe(409);
    expect((await call(url, 'getCamera', { token: tokens.officer, params: { id: rtspId } })).status).toBe(200);
  });

  it('audited every change, and no password or key reached the audit log or the log file', async () => {
    const audit = await call(url, 'searchAudit', { token: tokens.administrator, query: { limit: 1000 } });
    const actions = new Set(audit.json.map((e: { action: string }) => e.action));
    for (const a of ['camera.add', 'camera.update', 'camera.retire', 'camera.certificate.add', 'camera.anpr-key.rotate', 'camera.refresh', 'camera.snapshot.view', 'camera.probe']) expect(actions).toContain(a);
    const log = readFileSync(path.join(tmp.dir, 'logs', 'core.log'), 'utf8');
    expect(log).toMatch(/camera error/);
    for (const text of [JSON.stringify(audit.json), log]) {
      for (const secret of [CAM_PASS, RTSP_PASS, encodeURIComponent(RTSP_PASS), 'NewPw-123', anprKey]) expect(text).not.toContain(secret);
    }
  });
});
