import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifDeviceSimulator } from '../../fixtures/onvif/onvif-device-simulator.js';
import { WsDiscoveryResponder } from '../../fixtures/onvif/ws-discovery-responder.js';
import { OnvifClient } from '../../main/cameras/onvif-client.js';
import { discoverOnvif } from '../../main/cameras/onvif-discovery.js';
import { fetchSnapshot } from '../../main/cameras/snapshot-fetch.js';
import { CameraError } from '../../main/cameras/camera-error.js';

// The app's ONVIF client and discovery against the simulated estate (fixtures/onvif),
// and against devices that misbehave: a closed port, a TCP server that answers
// garbage, one that never answers, an HTTP server that is not ONVIF.

const USER = 'enforcement';
const PASS = 'Corr3ct-Horse';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function failure(p: Promise<unknown>): Promise<CameraError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CameraError);
    return e as CameraError;
  }
  throw new Error('expected a CameraError');
}

describe('ONVIF client and discovery against the simulated estate', () => {
  const cams: OnvifDeviceSimulator[] = [];
  const responder = new WsDiscoveryResponder({ port: 0 });
  const sockets = new Set<Socket>();
  let garbage: Server;
  let garbagePort: number;
  let silent: Server;
  let silentPort: number;
  let http404: Server;
  let http404Port: number;
  let closedPort: number;

  beforeAll(async () => {
    for (let i = 1; i <= 3; i++) {
      const cam = new OnvifDeviceSimulator({
        username: USER,
        password: PASS,
        name: `Cam ${i} High St`,
        location: 'High Street bus gate',
        streamUris: { main: `rtsp://127.0.0.1:8554/cam${i}/main`, sub: `rtsp://127.0.0.1:8554/cam${i}/sub` },
        snapshot: JPEG,
        clockOffsetS: i === 2 ? 42 : 0,
        deviceInformation: { serialNumber: `SN-000${i}` },
      });
      await cam.start();
      cams.push(cam);
      responder.add(cam);
    }
    await responder.start();

    garbage = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      s.end(Buffer.from('\u0000\u00ff\u0013 this is not HTTP at all \r\n\r\n\u0007garbage', 'latin1'));
    });
    garbagePort = await listen(garbage);
    silent = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    });
    silentPort = await listen(silent);
    http404 = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      s.once('data', () => s.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 22\r\nConnection: close\r\n\r\n<html>Not found</html>'));
    });
    http404Port = await listen(http404);
    const tmp = createServer();
    closedPort = await listen(tmp);
    await new Promise<void>((resolve) => tmp.close(() => resolve()));
  });

  afterAll(async () => {
    await responder.stop();
    for (const c of cams) await c.stop();
    await close(garbage, sockets);
    await close(silent, sockets);
    await close(http404, sockets);
  });

  it('discovery on loopback finds every simulated camera once, with name, hardware and location', async () => {
    const r = await discoverOnvif({ multicast: false, targets: [{ host: '127.0.0.1', port: responder.port }, { host: '127.0.0.1', port: responder.port }], timeoutMs: 400 });
    expect(r.devices).toHaveLength(3);
    const byName = new Map(r.devices.map((d) => [d.name, d]));
    for (const cam of cams) {
      const d = byName.get(cam.name)!;
      expect(d.endpoint).toBe(cam.endpointReference);
      expect(d.xaddrs).toEqual([cam.deviceServiceUrl]);
      expect(d.hardware).toBe('SC-ANPR-720');
      expect(d.location).toBe('High Street bus gate');
    }
  });

  it('discovery ignores hostile and foreign replies and says so', async () => {
    const evil: UdpSocket = createSocket('udp4');
    evil.on('message', (_m, rinfo) => {
      const lol = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Envelope><Body><ProbeMatches><ProbeMatch><EndpointReference><Address>&b;</Address></EndpointReference></ProbeMatch></ProbeMatches></Body></Envelope>';
      evil.send(lol, rinfo.port, rinfo.address);
      evil.send(Buffer.from([0, 1, 2, 3]), rinfo.port, rinfo.address);
      // A valid reply to somebody else's probe.
      const other =
        '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Header><RelatesTo>urn:uuid:not-ours</RelatesTo></e:Header><e:Body><ProbeMatches><ProbeMatch><EndpointReference><Address>urn:uuid:foreign</Address></EndpointReference></ProbeMatch></ProbeMatches></e:Body></e:Envelope>';
      evil.send(other, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => evil.bind(0, '127.0.0.1', resolve));
    try {
      const r = await discoverOnvif({ multicast: false, targets: [{ host: '127.0.0.1', port: evil.address().port }, { host: '127.0.0.1', port: responder.port }], timeoutMs: 400 });
      expect(r.devices.map((d) => d.endpoint).sort()).toEqual(cams.map((c) => c.endpointReference).sort());
      expect(r.warnings.join(' ')).toMatch(/2 unreadable discovery replies were ignored/);
    } finally {
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
  });

  it('discovery that finds nothing returns an empty list (and a multicast send failure is a warning, not an error)', async () => {
    const r = await discoverOnvif({ multicast: false, targets: [{ host: '127.0.0.1', port: closedPort }], timeoutMs: 200 });
    expect(r.devices).toEqual([]);
  });

  it('probe reads device information, profiles, stream URIs and the clock offset', async () => {
    const client = await OnvifClient.connect({ host: '127.0.0.1', port: cams[1]!.port, username: USER, password: PASS });
    expect(await client.deviceInformation()).toEqual({ manufacturer: 'SimCam Systems', model: 'SC-ANPR-720', firmware: 'V5.7.3 build 240101', serial: 'SN-0002' });
    expect(client.profiles()).toEqual([
      { token: 'Profile_1', name: 'mainStream', encoding: 'H264', width: 1280, height: 720, fps: 25 },
      { token: 'Profile_2', name: 'subStream', encoding: 'H264', width: 640, height: 360, fps: 12 },
    ]);
    expect(await client.streamUri('Profile_1')).toBe('rtsp://127.0.0.1:8554/cam2/main');
    expect(await client.streamUri('Profile_2')).toBe('rtsp://127.0.0.1:8554/cam2/sub');
    const clock = await client.readClock();
    // The camera runs 42 s fast; ONVIF gives whole seconds, so allow the stated uncertainty.
    expect(Math.abs(clock.offsetS - 42)).toBeLessThanOrEqual(clock.uncertaintyS);
    expect(clock.dateTimeType).toBe('Manual');
    expect(await client.snapshot('Profile_1')).toEqual(JPEG);
  });

  it('a wrong password is bad-credentials, naming the address', async () => {
    const e = await failure(OnvifClient.connect({ host: '127.0.0.1', port: cams[0]!.port, username: USER, password: 'wrong' }));
    expect(e.kind).toBe('bad-credentials');
    expect(e.message).toContain(`127.0.0.1:${cams[0]!.port}`);
    expect(e.message).not.toContain('wrong');
  });

  it('the snapshot fetch answers digest, and a wrong password there is bad-credentials', async () => {
    const url = cams[0]!.snapshotUrl('Profile_1');
    expect(await fetchSnapshot(url, { username: USER, password: PASS })).toEqual(JPEG);
    expect((await failure(fetchSnapshot(url, { username: USER, password: 'nope' }))).kind).toBe('bad-credentials');
    expect((await failure(fetchSnapshot(url, {}))).kind).toBe('bad-credentials');
  });

  it('a closed port is unreachable', async () => {
    const e = await failure(OnvifClient.connect({ host: '127.0.0.1', port: closedPort, username: USER, password: PASS }));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain(`127.0.0.1:${closedPort}`);
  });

  it('a TCP server that answers garbage is garbage, and nothing crashes', async () => {
    const e = await failure(OnvifClient.connect({ host: '127.0.0.1', port: garbagePort, username: USER, password: PASS }));
    expect(e.kind).toBe('garbage');
    expect(e.message).toContain(`127.0.0.1:${garbagePort}`);
    expect((await failure(fetchSnapshot(`http://127.0.0.1:${garbagePort}/snap.jpg`))).kind).toBe('garbage');
  });

  it.each([
    ['a SOAP envelope with an empty Body', '<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>'],
    ['entity expansion (billion laughs)', '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>&b;</s:Body></s:Envelope>'],
    ['a date with its parts missing', '<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetSystemDateAndTimeResponse><SystemDateAndTime><UTCDateTime><Time/></UTCDateTime></SystemDateAndTime></GetSystemDateAndTimeResponse></s:Body></s:Envelope>'],
  ])('an HTTP server answering %s is garbage, and nothing crashes', async (_name, body) => {
    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/soap+xml' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const e = await failure(OnvifClient.connect({ host: '127.0.0.1', port, username: USER, password: PASS, timeoutMs: 1000 }));
      expect(e.kind).toBe('garbage');
      expect(e.message).not.toMatch(/Cannot read properties/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('an HTTP server that is not ONVIF is not-onvif', async () => {
    const e = await failure(OnvifClient.connect({ host: '127.0.0.1', port: http404Port, username: USER, password: PASS }));
    expect(e.kind).toBe('not-onvif');
  });

  it('a camera that never answers times out instead of hanging', async () => {
    const e = await failure(OnvifClient.connect({ host: '127.0.0.1', port: silentPort, username: USER, password: PASS, timeoutMs: 300 }));
    expect(e.kind).toBe('timeout');
    expect((await failure(fetchSnapshot(`http://127.0.0.1:${silentPort}/snap.jpg`, { timeoutMs: 300 }))).kind).toBe('timeout');
  });

  it('an offline camera is unreachable, and reachable again when back', async () => {
    await cams[2]!.setOffline(true);
    expect((await failure(OnvifClient.connect({ host: '127.0.0.1', port: cams[2]!.port, username: USER, password: PASS }))).kind).toBe('unreachable');
    await cams[2]!.setOffline(false);
    const client = await OnvifClient.connect({ host: '127.0.0.1', port: cams[2]!.port, username: USER, password: PASS });
    expect(client.profiles()).toHaveLength(2);
  });
});
