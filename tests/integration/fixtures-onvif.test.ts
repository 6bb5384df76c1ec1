import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import onvif from 'onvif';
import type { Cam as CamType, DeviceInformation } from 'onvif';
import { OnvifDeviceSimulator } from '../../fixtures/onvif/onvif-device-simulator.js';
import { WsDiscoveryResponder } from '../../fixtures/onvif/ws-discovery-responder.js';
import { probeWsDiscovery } from '../../fixtures/onvif/ws-discovery-probe.js';
import { digestAuthorization } from '../../fixtures/onvif/http-digest-auth.js';
import { buildProbe } from '../../fixtures/onvif/ws-discovery-messages.js';

// The app's ONVIF client is the `onvif` package; these tests drive the
// simulated camera with it, so what passes here works against real cameras too.
const { Cam } = onvif;

const USER = 'officer';
const PASS = 'S3cret-pass';
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');

function connect(port: number, options: { password?: string; useWSSecurity?: boolean } = {}): Promise<CamType> {
  return new Promise((resolve, reject) => {
    const cam: CamType = new Cam(
      {
        hostname: '127.0.0.1',
        port,
        username: USER,
        password: options.password ?? PASS,
        timeout: 5000,
        ...(options.useWSSecurity === undefined ? {} : { useWSSecurity: options.useWSSecurity }),
      },
      (err) => (err ? reject(err) : resolve(cam)),
    );
  });
}

function call<T>(fn: (cb: (err: Error | null, data?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data as T))));
}

async function rawPost(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body });
  return { status: res.status, text: await res.text() };
}

async function fetchWithDigest(url: string, user: string, pass: string): Promise<Response> {
  const first = await fetch(url);
  await first.arrayBuffer();
  if (first.status !== 401) return first;
  const challenge = first.headers.get('www-authenticate') ?? '';
  const u = new URL(url);
  const authorization = digestAuthorization({
    challenge,
    username: user,
    password: pass,
    method: 'GET',
    uri: u.pathname + u.search,
  });
  return fetch(url, { headers: { authorization } });
}

const envelope = (body: string, header = ''): string =>
  '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">' +
  `<s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;

describe('simulated ONVIF camera against the onvif client', () => {
  const devices: OnvifDeviceSimulator[] = [];
  let cam1: OnvifDeviceSimulator;

  beforeAll(async () => {
    for (let i = 1; i <= 4; i++) {
      const device = new OnvifDeviceSimulator({
        username: USER,
        password: PASS,
        name: `Cam ${i} High St`,
        location: 'High Street bus gate',
        streamUris: { main: `rtsp://127.0.0.1:8554/cam${i}/main`, sub: `rtsp://127.0.0.1:8554/cam${i}/sub` },
        snapshot: JPEG,
        deviceInformation: { serialNumber: `SN-000${i}` },
      });
      await device.start();
      devices.push(device);
    }
    cam1 = devices[0] as OnvifDeviceSimulator;
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('connects and answers device information, profiles, stream and snapshot URIs', async () => {
    const cam = await connect(cam1.port);
    const info = await call<DeviceInformation>((cb) =>
      cam.getDeviceInformation(cb),
    );
    expect(info.manufacturer).toBe('SimCam Systems');
    expect(info.serialNumber).toBe('SN-0001');

    const profiles = await call<Array<{ $: { token: string }; videoEncoderConfiguration: { encoding: string; resolution: { width: number; height: number }; rateControl: { frameRateLimit: number } } }>>(
      (cb) => cam.getProfiles(cb),
    );
    expect(profiles).toHaveLength(2);
    const main = profiles[0];
    expect(main?.videoEncoderConfiguration.encoding).toBe('H264');
    expect(main?.videoEncoderConfiguration.resolution).toEqual({ width: 1280, height: 720 });
    expect(main?.videoEncoderConfiguration.rateControl.frameRateLimit).toBe(25);
    expect(cam.activeSource?.profileToken).toBe('Profile_1');

    const stream = await call<{ uri: string }>((cb) => cam.getStreamUri({ protocol: 'RTSP' }, cb));
    expect(stream.uri).toBe('rtsp://127.0.0.1:8554/cam1/main');
    const sub = await call<{ uri: string }>((cb) => cam.getStreamUri({ protocol: 'RTSP', profileToken: 'Profile_2' }, cb));
    expect(sub.uri).toBe('rtsp://127.0.0.1:8554/cam1/sub');

    const snap = await call<{ uri: string }>((cb) => cam.getSnapshotUri({}, cb));
    expect(snap.uri).toBe(`http://127.0.0.1:${cam1.port}/onvif/snapshot?profile=Profile_1`);
    const unauth = await fetch(snap.uri);
    await unauth.arrayBuffer();
    expect(unauth.status).toBe(401);
    const res = await fetchWithDigest(snap.uri, USER, PASS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it('reports clock drift, and a drift set at run time breaks stale WS-Security tokens', async () => {
    const device = devices[1] as OnvifDeviceSimulator;
    device.setClockOffset(3600);
    const cam = await connect(device.port);
    const deviceTime = await call<Date>((cb) => cam.getSystemDateAndTime(cb));
    expect(Math.abs(deviceTime.getTime() - Date.now() - 3600_000)).toBeLessThan(2000);
    // The client learnt the camera's time at connect, so its tokens still pass.
    await call((cb) => cam.getDeviceInformation(cb));

    device.setClockOffset(0);
    const now = await call<Date>((cb) => cam.getSystemDateAndTime(cb));
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(2000);
    // The client still adds the old shift: its Created is an hour out and the camera refuses it.
    await expect(call((cb) => cam.getDeviceInformation(cb))).rejects.toThrow(/not Authorized/i);
  });

  it('authenticates with HTTP digest when WS-Security is off', async () => {
    const cam = await connect(devices[2]!.port, { useWSSecurity: false });
    const info = await call<DeviceInformation>((cb) => cam.getDeviceInformation(cb));
    expect(info.serialNumber).toBe('SN-0003');
    // GetServices is PRE_AUTH, so connect() itself gets through; the library then
    // only warns that media calls failed. The next authenticated call errors.
    const bad = await connect(devices[2]!.port, { useWSSecurity: false, password: 'wrong' });
    expect(bad.profiles).toEqual([]);
    await expect(call((cb) => bad.getDeviceInformation(cb))).rejects.toThrow(/Digest authentication failed 401/);
  });

  it('rejects a wrong password', async () => {
    await expect(connect(cam1.port, { password: 'wrong' })).rejects.toThrow(/not Authorized/i);
    const res = await rawPost(cam1.deviceServiceUrl, envelope('<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>'));
    expect(res.status).toBe(401);
    expect(res.text).toContain('ter:NotAuthorized');
  });

  it('faults unknown actions, malformed XML and DTDs, and keeps answering', async () => {
    const unknown = await rawPost(cam1.deviceServiceUrl, envelope('<SystemReboot xmlns="http://www.onvif.org/ver10/device/wsdl"/>'));
    expect(unknown.status).toBe(500);
    expect(unknown.text).toContain('ter:ActionNotSupported');

    const malformed = await rawPost(cam1.deviceServiceUrl, '<s:Envelope><s:Body><oops></s:Body>');
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('env:Sender');

    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
      ']>' +
      envelope('<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl">&lol9;</GetDeviceInformation>');
    const hostile = await rawPost(cam1.deviceServiceUrl, laughs);
    expect(hostile.status).toBe(400);
    expect(hostile.text).toContain('env:Sender');
    expect(hostile.text).not.toContain('lollol');

    const after = await rawPost(
      cam1.deviceServiceUrl,
      envelope('<GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/>'),
    );
    expect(after.status).toBe(200);
    expect(after.text).toContain('UTCDateTime');
  });

  it('goes offline and comes back on the same port', async () => {
    const device = devices[3] as OnvifDeviceSimulator;
    const port = device.port;
    await device.setOffline(true);
    await expect(fetch(device.deviceServiceUrl, { method: 'POST', body: '' })).rejects.toThrow();
    await device.setOffline(false);
    expect(device.port).toBe(port);
    const cam = await connect(port);
    expect(cam.activeSource?.profileToken).toBe('Profile_1');
  });

  it('answers WS-Discovery probes for every device on one responder', async () => {
    const responder = new WsDiscoveryResponder({ port: 0 });
    for (const d of devices) responder.add(d);
    await responder.start();
    try {
      const found = await probeWsDiscovery({ address: '127.0.0.1', port: responder.port, timeoutMs: 400 });
      expect(found.map((f) => f.endpointReference).sort()).toEqual(devices.map((d) => d.endpointReference).sort());
      const first = found.find((f) => f.endpointReference === cam1.endpointReference);
      expect(first?.xaddrs).toEqual([cam1.deviceServiceUrl]);
      expect(first?.types).toContain('dn:NetworkVideoTransmitter');
      expect(first?.scopes).toContain('onvif://www.onvif.org/type/video_encoder');
      expect(first?.scopes).toContain('onvif://www.onvif.org/name/Cam%201%20High%20St');

      // An offline camera doesn't hear probes.
      await devices[3]!.setOffline(true);
      const fewer = await probeWsDiscovery({ address: '127.0.0.1', port: responder.port, timeoutMs: 300 });
      expect(fewer).toHaveLength(3);
      await devices[3]!.setOffline(false);

      // The raw datagram the onvif package's Discovery sends gets one ProbeMatches per device.
      const replies = await new Promise<string[]>((resolve, reject) => {
        const got: string[] = [];
        const socket = createSocket('udp4');
        socket.on('message', (m) => got.push(m.toString()));
        socket.on('error', reject);
        socket.bind(0, '127.0.0.1', () => {
          socket.send(buildProbe('urn:uuid:0000-probe'), responder.port, '127.0.0.1');
          setTimeout(() => socket.close(() => resolve(got)), 300);
        });
      });
      expect(replies).toHaveLength(4);
      expect(replies.every((r) => r.includes('<wsa:RelatesTo>urn:uuid:0000-probe</wsa:RelatesTo>'))).toBe(true);
    } finally {
      await responder.stop();
    }
  });
});
