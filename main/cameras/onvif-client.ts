import onvif from 'onvif';
import type { Cam as OnvifCam, CamProfile } from 'onvif';
import { CameraError } from './camera-error.js';
import { clockOffset, type ClockReading } from './clock-offset.js';
import { fetchSnapshot } from './snapshot-fetch.js';

/**
 * The core's ONVIF client, a thin typed layer over the `onvif` package
 * (Profile S: device service + Media1). It adds what the package leaves to
 * the caller: a deadline on every call (the package's own timeout is per
 * socket and a trickling camera can outlast it), errors typed for people
 * (unreachable / bad-credentials / not-onvif / timeout / garbage, each naming
 * the camera's address), and the clock offset measured across the round trip.
 * Credentials go to the package and to the snapshot fetch only; they are
 * never part of a message.
 */

const { Cam } = onvif;

export interface OnvifEndpoint {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Per operation. Default 5000 ms. */
  timeoutMs?: number;
}

export interface OnvifDeviceInfo {
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
}

export interface OnvifProfile {
  token: string;
  name: string;
  encoding: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
}

export interface OnvifClockReading extends ClockReading {
  /** NTP or Manual, as the camera reports. */
  dateTimeType: string | null;
}

export const DEFAULT_CAMERA_TIMEOUT_MS = 5000;

interface LastResponse {
  status: number;
  body: string;
}

export class OnvifClient {
  private constructor(
    private readonly cam: OnvifCam,
    private readonly endpoint: OnvifEndpoint,
    private readonly last: { response: LastResponse | null },
  ) {}

  get address(): string {
    return addressOf(this.endpoint);
  }

  private get timeoutMs(): number {
    return this.endpoint.timeoutMs ?? DEFAULT_CAMERA_TIMEOUT_MS;
  }

  /** Connects (GetSystemDateAndTime, GetServices/GetCapabilities, GetProfiles), which also checks the credentials. */
  static async connect(endpoint: OnvifEndpoint): Promise<OnvifClient> {
    const timeoutMs = endpoint.timeoutMs ?? DEFAULT_CAMERA_TIMEOUT_MS;
    const last: { response: LastResponse | null } = { response: null };
    let cam: OnvifCam | undefined;
    await guarded(addressOf(endpoint), timeoutMs * 3, last, (cb) => {
      cam = new Cam(
        {
          hostname: endpoint.host,
          port: endpoint.port,
          username: endpoint.username,
          password: endpoint.password,
          timeout: timeoutMs,
          // Cameras behind NAT or a port forward advertise service addresses we can't reach; keep the one we were given.
          preserveAddress: true,
        },
        (err: Error | null) => cb(err),
      );
      cam.on('rawResponse', (xml: string, status: number) => {
        last.response = { status, body: xml.slice(0, 512) };
      });
    });
    const client = new OnvifClient(cam!, endpoint, last);
    // Connect succeeds anonymously on some cameras (pre-auth calls only); a profile list proves the credentials.
    if (!cam!.profiles || cam!.profiles.length === 0) {
      await client.call<unknown>((cb) => cam!.getProfiles(cb));
    }
    return client;
  }

  profiles(): OnvifProfile[] {
    return (this.cam.profiles ?? []).map(toProfile).filter((p): p is OnvifProfile => p !== null);
  }

  async deviceInformation(): Promise<OnvifDeviceInfo> {
    const info = await this.call<Record<string, unknown>>((cb) => this.cam.getDeviceInformation(cb));
    const s = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v).slice(0, 200));
    return { manufacturer: s(info?.manufacturer), model: s(info?.model), firmware: s(info?.firmwareVersion), serial: s(info?.serialNumber) };
  }

  /** Camera clock vs this workstation: GetSystemDateAndTime timed across its round trip. */
  async readClock(): Promise<OnvifClockReading> {
    const sent = Date.now();
    let xml = '';
    const time = await this.call<Date>((cb) =>
      this.cam.getSystemDateAndTime((err, date, raw) => {
        xml = raw ?? '';
        cb(err, date);
      }),
    );
    const received = Date.now();
    if (!(time instanceof Date) || Number.isNaN(time.getTime())) throw new CameraError('garbage', this.address, 'the camera’s date and time could not be read');
    const type = /<(?:\w+:)?DateTimeType>\s*(\w+)\s*</.exec(xml)?.[1] ?? null;
    return { ...clockOffset(sent, received, time.getTime()), dateTimeType: type };
  }

  async streamUri(profileToken: string): Promise<string> {
    const r = await this.call<{ uri?: unknown }>((cb) => this.cam.getStreamUri({ protocol: 'RTSP', profileToken }, cb));
    if (typeof r?.uri !== 'string' || r.uri === '') throw new CameraError('garbage', this.address, `no stream address for profile ${profileToken}`);
    return r.uri;
  }

  async snapshotUri(profileToken: string): Promise<string> {
    const r = await this.call<{ uri?: unknown }>((cb) => this.cam.getSnapshotUri({ profileToken }, cb));
    if (typeof r?.uri !== 'string' || r.uri === '') throw new CameraError('garbage', this.address, `no snapshot address for profile ${profileToken}`);
    return r.uri;
  }

  async snapshot(profileToken: string): Promise<Buffer> {
    const uri = await this.snapshotUri(profileToken);
    return fetchSnapshot(uri, { username: this.endpoint.username, password: this.endpoint.password, timeoutMs: this.timeoutMs });
  }

  private call<T>(start: (cb: (err: Error | null, data?: T) => void) => void): Promise<T> {
    return guarded(this.address, this.timeoutMs, this.last, start);
  }
}

export function addressOf(e: { host: string; port: number }): string {
  return `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
}

/**
 * Runs one callback-style call of the package with a hard deadline, turning
 * whatever it reports (or throws) into a CameraError. Late callbacks after
 * the deadline are ignored.
 */
function guarded<T>(address: string, timeoutMs: number, last: { response: LastResponse | null }, start: (cb: (err: Error | null, data?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => settle(new CameraError('timeout', address, `no answer within ${timeoutMs} ms`)), timeoutMs);
    function settle(err: unknown, data?: T) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(classify(err, address, last.response));
      else resolve(data as T);
    }
    try {
      start((err, data) => settle(err, data));
    } catch (e) {
      settle(e);
    }
  });
}

const NETWORK_DOWN = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL', 'ENETDOWN', 'EHOSTDOWN']);

/** Maps what the `onvif` package and Node report to the five kinds people can act on. */
export function classify(err: unknown, address: string, last: LastResponse | null): CameraError {
  if (err instanceof CameraError) return err;
  const e = err as Error & { code?: string };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('HPE_')) return new CameraError('garbage', address, 'the answer is not HTTP');
  if (NETWORK_DOWN.has(code)) return new CameraError('unreachable', address, code);
  if (code === 'ETIMEDOUT' || /network timeout|timed? ?out/i.test(message)) return new CameraError('timeout', address);
  if (/digest authentication failed|not ?authori[sz]ed|unauthori[sz]ed|authentication|ter:NotAuthorized|FailedAuthentication/i.test(message)) {
    return new CameraError('bad-credentials', address);
  }
  if (/^ONVIF SOAP Fault/.test(message)) return new CameraError('not-onvif', address, truncate(message.replace(/^ONVIF SOAP Fault:\s*/, 'the camera answered: ')));
  // Anything else: the device answered, but not with a SOAP message we could read.
  if (last && last.status !== 0) {
    const body = last.body.trimStart();
    const looksXml = body.startsWith('<?xml') || /^<(\w+:)?Envelope\b/.test(body);
    if (last.status === 404 || last.status === 405 || /^<!doctype html|^<html/i.test(body) || (!looksXml && last.status !== 200)) {
      return new CameraError('not-onvif', address, `HTTP ${last.status} from the ONVIF device service path`);
    }
  }
  // The package reads replies by position; a TypeError means a part it needs was missing.
  return new CameraError('garbage', address, err instanceof TypeError ? 'a part of the answer that ONVIF requires is missing' : truncate(message));
}

function truncate(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean;
}

function toProfile(p: CamProfile): OnvifProfile | null {
  const token = (p as { $?: { token?: unknown } }).$?.token;
  if (typeof token !== 'string' && typeof token !== 'number') return null;
  const enc = (p.videoEncoderConfiguration ?? {}) as { encoding?: unknown; resolution?: { width?: unknown; height?: unknown }; rateControl?: { frameRateLimit?: unknown } };
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    token: String(token),
    name: typeof p.name === 'string' || typeof p.name === 'number' ? String(p.name) : String(token),
    encoding: typeof enc.encoding === 'string' ? enc.encoding : null,
    width: num(enc.resolution?.width),
    height: num(enc.resolution?.height),
    fps: num(enc.rateControl?.frameRateLimit),
  };
}
