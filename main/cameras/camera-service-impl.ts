import type { CoreContext } from '../core-context.js';
import type { Actor } from '../audit/audit-log.js';
import { ApiFailure, conflict, invalid, notFound } from '../api/api-failure.js';
import type { z } from 'zod';
import type { CameraDetails, CameraProbe, CameraSummary, DiscoveredCamera, NewCamera, CameraPatch, NewCameraCertificate } from '../api/contract/cameras-routes.js';
import type { CameraRow, CamerasStore, CertificateRow, NewCameraRow } from '../store/cameras-store.js';
import { DEVICE_REQUIREMENTS } from '../domain/approved-device-requirements.js';
import type { CameraService, Certificate, RecordingSource } from './camera-service.js';
import { CameraError, isCameraError, statusForCameraError } from './camera-error.js';
import { OnvifClient, addressOf, type OnvifEndpoint } from './onvif-client.js';
import { discoverOnvif, parseDiscoveryTarget } from './onvif-discovery.js';
import { parseRtspUrl, RtspUrlError, withCredentials } from './rtsp-url.js';
import { anprKeyMatches, newAnprKey } from './anpr-key.js';
import { certificateWindow } from './certificate-dates.js';
import { clockWithinTolerance } from './clock-offset.js';

type NewCameraIn = z.output<typeof NewCamera>;
type CameraPatchIn = z.output<typeof CameraPatch>;
type NewCertificateIn = z.output<typeof NewCameraCertificate>;
const CLIENT_MAX_AGE_MS = 10 * 60_000;

type DiscoverIn = { targets: string[]; multicast: boolean; timeoutMs: number };
type OnvifTargetIn = { host: string; port: number; username: string; password: string };

export interface CameraServiceOptions {
  /** Per camera operation; default 5000 ms. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The cameras feature's service: the register (store), the sealed secrets,
 * and the ONVIF conversations. Every change is audited; listeners (the
 * recorder) hear of every change after it is stored.
 */
export class CameraServiceImpl implements CameraService {
  private readonly listeners = new Set<(cameraId: number) => void>();
  /**
   * Connected ONVIF clients by camera, so the recorder's and health checks'
   * periodic clock reads cost one SOAP call, not a whole connect. Holds no
   * sockets (each request opens its own). Dropped on any change to the camera,
   * on any error, and after CLIENT_MAX_AGE_MS (the WS-Security time shift is
   * measured at connect and a drifting camera clock must be re-measured).
   */
  private readonly clients = new Map<number, { client: OnvifClient; key: string; at: number }>();
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(
    private readonly core: CoreContext,
    private readonly store: CamerasStore,
    opts: CameraServiceOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  // ---- CameraService (what other features use) ----

  list(opts: { includeRetired?: boolean } = {}): CameraSummary[] {
    const certs = this.store.currentCertificates(this.now());
    return this.store.list(opts).map((r) => toSummary(r, certs.get(r.id) ?? null));
  }

  get(id: number): CameraDetails | undefined {
    const row = this.store.byId(id);
    if (!row) return undefined;
    const certificates = this.store.certificates(id);
    const now = this.now();
    const current = certificates.find((c) => c.validFrom <= now && c.validTo >= now) ?? certificates[0] ?? null;
    return toDetails(row, current, certificates);
  }

  recordingSource(id: number): RecordingSource | undefined {
    const row = this.store.byId(id);
    if (!row || row.status !== 'active') return undefined;
    const uri = row.stream === 'sub' ? (row.rtspSubUri ?? row.rtspMainUri) : row.rtspMainUri;
    if (!uri) return undefined;
    return { cameraId: id, rtspUrl: withCredentials(uri, row.username, this.password(id)), transport: row.transport, retentionDays: row.retentionDays };
  }

  onChange(listener: (cameraId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  certificateAt(cameraId: number, atMs: number): Certificate | undefined {
    return this.store.certificateAt(cameraId, atMs);
  }

  async readClock(cameraId: number): Promise<{ offsetS: number; at: number }> {
    return this.withClient(cameraId, async (client) => {
      const clock = await client.readClock();
      this.store.recordReading(cameraId, { clockOffsetS: clock.offsetS, clockCheckedAt: clock.at });
      return { offsetS: clock.offsetS, at: clock.at };
    });
  }

  async snapshot(cameraId: number): Promise<Buffer> {
    return this.withClient(cameraId, async (client, row) => {
      const token = row.profileToken ?? client.profiles()[0]?.token;
      if (!token) throw new CameraError('not-onvif', client.address, 'the camera lists no media profiles');
      return client.snapshot(token);
    });
  }

  verifyAnprKey(cameraId: number, key: string): boolean {
    const row = this.store.byId(cameraId);
    if (!row || row.status !== 'active') return false;
    return anprKeyMatches(key, this.store.secretsOf(cameraId)?.anprKeyHash);
  }

  // ---- operations behind the routes ----

  async discover(input: DiscoverIn): Promise<{ devices: DiscoveredCamera[]; warnings: string[] }> {
    const targets = input.targets.map((t, i) => {
      try {
        return parseDiscoveryTarget(t);
      } catch (e) {
        throw invalid((e as Error).message, [{ path: `targets.${i}`, message: (e as Error).message }]);
      }
    });
    const outcome = await discoverOnvif({ targets, multicast: input.multicast, timeoutMs: input.timeoutMs });
    const byEndpoint = this.store.idsByEndpoint();
    const devices = outcome.devices.map((d): DiscoveredCamera => {
      const first = d.xaddrs.map(safeUrl).find((u) => u !== null) ?? null;
      const host = first ? first.hostname.replace(/^\[|\]$/g, '') : null;
      const port = first ? Number(first.port || (first.protocol === 'https:' ? 443 : 80)) : null;
      const cameraId = byEndpoint.get(d.endpoint) ?? (host && port ? (this.store.activeIdByOnvifAddress(host, port) ?? null) : null);
      return { endpoint: d.endpoint, xaddrs: d.xaddrs, host, port, name: d.name, hardware: d.hardware, location: d.location, scopes: d.scopes, cameraId };
    });
    for (const w of outcome.warnings) this.core.log.warn({ warning: w }, 'camera discovery');
    return { devices, warnings: outcome.warnings };
  }

  async probe(target: OnvifTargetIn, actor: Actor): Promise<CameraProbe> {
    const endpoint = this.endpoint(target);
    const result = await this.camera(endpoint, async (client) => {
      const profiles = client.profiles();
      const withUris = [];
      for (const p of profiles.slice(0, 16)) withUris.push({ ...p, rtspUri: await this.streamUriOrNull(client, p.token), belowMinimumFps: p.fps !== null && p.fps < DEVICE_REQUIREMENTS.minFramesPerSecond });
      const device = await client.deviceInformation();
      const clock = await client.readClock();
      return {
        address: client.address,
        device,
        clock: { offsetS: clock.offsetS, uncertaintyS: clock.uncertaintyS, at: clock.at, dateTimeType: clock.dateTimeType, withinTolerance: clockWithinTolerance(clock.offsetS) },
        profiles: withUris,
      };
    });
    this.core.audit.record(actor, 'camera.probe', `camera-address:${endpoint.host}:${endpoint.port}`, { model: result.device.model, profiles: result.profiles.length });
    return result;
  }

  async add(input: NewCameraIn, actor: Actor): Promise<{ camera: CameraDetails; anprKey: string }> {
    if (this.store.activeByName(input.name)) throw conflict(`a working camera is already called "${input.name}"; choose another name`, { field: 'name' });
    const common = {
      name: input.name,
      locationDescription: input.locationDescription,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      siteCode: input.siteCode ?? null,
      enforcementSiteName: input.enforcementSiteName ?? null,
      stream: input.stream,
      transport: input.transport,
      retentionDays: input.retentionDays,
    };
    let row: Omit<NewCameraRow, 'anprKeyHash'>;
    if (input.source === 'rtsp') {
      const main = this.rtsp(input.rtspMainUri, 'rtspMainUri');
      const sub = input.rtspSubUri ? this.rtsp(input.rtspSubUri, 'rtspSubUri') : null;
      const username = input.username?.trim() || main.username || null;
      const password = input.password || main.password || null;
      row = {
        ...common,
        onvifHost: null,
        onvifPort: null,
        onvifEndpoint: null,
        rtspMainUri: main.url,
        rtspSubUri: sub?.url ?? null,
        profileToken: null,
        subProfileToken: null,
        username,
        passwordSealed: password ? this.core.secrets.seal(password) : null,
        manufacturer: null,
        model: null,
        firmware: null,
        serial: null,
        clockOffsetS: null,
        clockCheckedAt: null,
      };
    } else {
      const endpoint = this.endpoint(input.onvif);
      const existing = this.store.activeIdByOnvifAddress(endpoint.host, endpoint.port);
      if (existing !== undefined) throw conflict(`camera ${existing} is already registered at ${addressOf(endpoint)}`, { cameraId: existing });
      const read = await this.camera(endpoint, async (client) => {
        const profiles = client.profiles();
        if (profiles.length === 0) throw new CameraError('not-onvif', client.address, 'the camera lists no media profiles');
        const main = input.profileToken ? profiles.find((p) => p.token === input.profileToken) : profiles[0];
        if (!main) throw invalid(`the camera has no profile "${input.profileToken}" (it has ${profiles.map((p) => p.token).join(', ')})`, [{ path: 'profileToken', message: 'no such profile on this camera' }]);
        const sub = input.subProfileToken ? profiles.find((p) => p.token === input.subProfileToken) : profiles.find((p) => p.token !== main.token);
        const mainUri = await this.streamUriOrNull(client, main.token);
        if (!mainUri) throw new CameraError('garbage', client.address, `profile ${main.token} gave no RTSP stream address`);
        const subUri = sub ? await this.streamUriOrNull(client, sub.token) : null;
        const device = await client.deviceInformation();
        const clock = await client.readClock().catch(() => null);
        return { main, sub, mainUri, subUri, device, clock };
      });
      row = {
        ...common,
        onvifHost: endpoint.host,
        onvifPort: endpoint.port,
        onvifEndpoint: input.endpoint ?? null,
        rtspMainUri: read.mainUri,
        rtspSubUri: read.subUri,
        profileToken: read.main.token,
        subProfileToken: read.sub?.token ?? null,
        username: endpoint.username || null,
        passwordSealed: endpoint.password ? this.core.secrets.seal(endpoint.password) : null,
        ...read.device,
        clockOffsetS: read.clock?.offsetS ?? null,
        clockCheckedAt: read.clock?.at ?? null,
      };
    }
    const key = newAnprKey();
    let saved: CameraRow;
    try {
      saved = this.store.insert({ ...row, anprKeyHash: key.hash }, actor.name, this.now());
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw conflict(`a working camera is already called "${input.name}"; choose another name`, { field: 'name' });
      throw e;
    }
    this.core.audit.record(actor, 'camera.add', `camera:${saved.id}`, {
      name: saved.name,
      source: input.source,
      address: saved.onvifHost ? `${saved.onvifHost}:${saved.onvifPort}` : saved.rtspMainUri,
      model: saved.model,
      stream: saved.stream,
      retentionDays: saved.retentionDays,
    });
    this.core.log.info({ cameraId: saved.id, name: saved.name, source: input.source }, 'camera added');
    this.core.publish({ type: 'camera-status', cameraId: saved.id, status: input.source === 'onvif' ? statusFromClock(saved.clockOffsetS) : 'unknown', at: this.now() });
    this.changed(saved.id);
    return { camera: this.get(saved.id)!, anprKey: key.key };
  }

  async update(id: number, patch: CameraPatchIn, actor: Actor): Promise<CameraDetails> {
    const row = this.activeRow(id, 'change');
    if (patch.name !== undefined) {
      const other = this.store.activeByName(patch.name);
      if (other && other.id !== id) throw conflict(`a working camera is already called "${patch.name}"; choose another name`, { field: 'name' });
    }
    const changes: Partial<NewCameraRow> = {};
    const clears: ('passwordSealed' | 'username' | 'rtspSubUri' | 'latitude' | 'longitude' | 'siteCode' | 'enforcementSiteName')[] = [];
    for (const k of ['name', 'locationDescription', 'stream', 'transport', 'retentionDays'] as const) if (patch[k] !== undefined) (changes as Record<string, unknown>)[k] = patch[k];
    for (const k of ['latitude', 'longitude', 'siteCode', 'enforcementSiteName'] as const) {
      if (patch[k] === null) clears.push(k);
      else if (patch[k] !== undefined) (changes as Record<string, unknown>)[k] = patch[k];
    }
    let username = patch.username !== undefined ? patch.username.trim() || null : undefined;
    let password = patch.password;
    if (patch.rtspMainUri !== undefined) {
      const main = this.rtsp(patch.rtspMainUri, 'rtspMainUri');
      changes.rtspMainUri = main.url;
      if (main.username && username === undefined) username = main.username;
      if (main.password && password === undefined) password = main.password;
    }
    if (patch.rtspSubUri === null) clears.push('rtspSubUri');
    else if (patch.rtspSubUri !== undefined) changes.rtspSubUri = this.rtsp(patch.rtspSubUri, 'rtspSubUri').url;
    if (username === null) clears.push('username');
    else if (username !== undefined) changes.username = username;
    if (password === '') clears.push('passwordSealed');
    else if (password !== undefined) changes.passwordSealed = this.core.secrets.seal(password);

    // A new ONVIF address, profile or credentials: talk to the camera before storing anything, with the
    // settings as they will be, so a typo is refused and the working settings stay.
    const onvifMoved = patch.onvifHost !== undefined || patch.onvifPort !== undefined || patch.profileToken !== undefined;
    const newCredentials = row.onvifHost !== null && (username !== undefined || password !== undefined);
    if (onvifMoved || newCredentials) {
      const host = patch.onvifHost ?? row.onvifHost;
      const port = patch.onvifPort ?? row.onvifPort ?? 80;
      if (!host) throw invalid('this camera was added by RTSP address; it has no ONVIF address to change', [{ path: 'onvifHost', message: 'not an ONVIF camera' }]);
      const endpoint = this.endpoint({ host, port, username: username ?? row.username ?? '', password: password ?? this.password(id) ?? '' });
      const token = patch.profileToken ?? row.profileToken;
      const read = await this.camera(endpoint, async (client) => {
        const profiles = client.profiles();
        const main = profiles.find((p) => p.token === token) ?? profiles[0];
        if (!main) throw new CameraError('not-onvif', client.address, 'the camera lists no media profiles');
        if (patch.profileToken !== undefined && main.token !== patch.profileToken) throw invalid(`the camera has no profile "${patch.profileToken}"`, [{ path: 'profileToken', message: 'no such profile on this camera' }]);
        const mainUri = await this.streamUriOrNull(client, main.token);
        if (!mainUri) throw new CameraError('garbage', client.address, `profile ${main.token} gave no RTSP stream address`);
        const sub = profiles.find((p) => p.token === row.subProfileToken && p.token !== main.token) ?? profiles.find((p) => p.token !== main.token);
        const subUri = sub ? await this.streamUriOrNull(client, sub.token) : null;
        return { main, sub, mainUri, subUri, device: await client.deviceInformation() };
      });
      Object.assign(changes, { onvifHost: endpoint.host, onvifPort: endpoint.port, profileToken: read.main.token, subProfileToken: read.sub?.token ?? null, rtspMainUri: read.mainUri, rtspSubUri: read.subUri, ...read.device });
    }
    const now = this.now();
    this.store.transaction(() => {
      if (Object.keys(changes).length) this.store.update(id, changes, actor.name, now);
      for (const c of clears) this.store.clear(id, c, actor.name, now);
    });
    const fields = [...Object.keys(changes), ...clears].map((k) => (k === 'passwordSealed' ? 'password' : k));
    this.core.audit.record(actor, 'camera.update', `camera:${id}`, { fields: [...new Set(fields)], ...auditable(changes) });
    this.changed(id);
    return this.get(id)!;
  }

  retire(id: number, reason: string, actor: Actor): CameraDetails {
    this.activeRow(id, 'retire');
    this.store.retire(id, reason, actor.name, this.now());
    this.core.audit.record(actor, 'camera.retire', `camera:${id}`, { reason });
    this.core.log.info({ cameraId: id }, 'camera retired');
    this.changed(id);
    return this.get(id)!;
  }

  addCertificate(id: number, input: NewCertificateIn, actor: Actor): CameraDetails {
    if (!this.store.byId(id)) throw notFound(`camera ${id}`);
    const window = certificateWindow(input.validFrom, input.validTo);
    if ('error' in window) throw invalid(window.error, [{ path: window.field, message: window.error }]);
    const cert = this.store.addCertificate(
      { cameraId: id, certificateNumber: input.certificateNumber, issuer: input.issuer, typeApprovalRef: input.typeApprovalRef ?? null, ...window },
      actor.name,
      this.now(),
    );
    this.core.audit.record(actor, 'camera.certificate.add', `camera:${id}`, {
      certificateId: cert.id,
      certificateNumber: cert.certificateNumber,
      issuer: cert.issuer,
      validFrom: input.validFrom,
      validTo: input.validTo,
    });
    this.changed(id);
    return this.get(id)!;
  }

  rotateAnprKey(id: number, actor: Actor): { anprKey: string } {
    this.activeRow(id, 'issue an ANPR key for');
    const key = newAnprKey();
    this.store.setAnprKeyHash(id, key.hash, actor.name, this.now());
    this.core.audit.record(actor, 'camera.anpr-key.rotate', `camera:${id}`, {});
    // Listeners that cache per camera (ANPR ingest) must drop the old key at once.
    this.changed(id);
    return { anprKey: key.key };
  }

  async refresh(id: number, actor: Actor): Promise<CameraDetails> {
    try {
      const { device, clock } = await this.withClient(id, async (client) => ({ device: await client.deviceInformation(), clock: await client.readClock() }));
      this.store.recordReading(id, { device, clockOffsetS: clock.offsetS, clockCheckedAt: clock.at });
      this.core.audit.record(actor, 'camera.refresh', `camera:${id}`, { model: device.model, firmware: device.firmware, clockOffsetS: clock.offsetS });
      this.core.publish({ type: 'camera-status', cameraId: id, status: statusFromClock(clock.offsetS), at: this.now() });
      return this.get(id)!;
    } catch (e) {
      if (isCameraError(e)) {
        this.core.audit.record(actor, 'camera.refresh', `camera:${id}`, { failed: e.kind });
        this.core.publish({ type: 'camera-status', cameraId: id, status: 'down', at: this.now() });
      }
      throw this.toApiFailure(e);
    }
  }

  /** Snapshot for the API: audited as a view of the camera's picture. */
  async viewSnapshot(id: number, actor: Actor): Promise<Buffer> {
    if (!this.store.byId(id)) throw notFound(`camera ${id}`);
    try {
      const jpeg = await this.snapshot(id);
      this.core.audit.record(actor, 'camera.snapshot.view', `camera:${id}`, { bytes: jpeg.length });
      return jpeg;
    } catch (e) {
      this.core.audit.record(actor, 'camera.snapshot.view', `camera:${id}`, { failed: isCameraError(e) ? e.kind : 'error' });
      throw this.toApiFailure(e);
    }
  }

  /** A CameraError as the API reports it, logged (address and kind only; no credentials exist in it). */
  toApiFailure(e: unknown): unknown {
    if (!isCameraError(e)) return e;
    this.core.log.warn({ camera: e.address, kind: e.kind, detail: e.detail }, 'camera error');
    return new ApiFailure(statusForCameraError(e.kind), `camera-${e.kind}`, e.message, { kind: e.kind, address: e.address });
  }

  // ---- helpers ----

  private changed(id: number): void {
    this.clients.delete(id);
    for (const l of [...this.listeners]) {
      try {
        l(id);
      } catch (err) {
        // A listener's bug must not undo or hide a change that is already stored.
        this.core.log.error({ err, cameraId: id }, 'camera change listener failed');
      }
    }
  }

  private activeRow(id: number, doing: string): CameraRow {
    const row = this.store.byId(id);
    if (!row) throw notFound(`camera ${id}`);
    if (row.status === 'retired') throw conflict(`camera ${id} (${row.name}) is retired; you cannot ${doing} it`);
    return row;
  }

  private password(id: number): string | null {
    const sealed = this.store.secretsOf(id)?.passwordSealed;
    return sealed ? this.core.secrets.open(sealed) : null;
  }

  private endpoint(t: OnvifTargetIn): OnvifEndpoint {
    return { host: t.host.replace(/^\[|\]$/g, ''), port: t.port, username: t.username, password: t.password, timeoutMs: this.timeoutMs };
  }

  /** Runs `fn` with a connected client for a stored camera (cached; see `clients`). */
  private async withClient<T>(id: number, fn: (client: OnvifClient, row: CameraRow) => Promise<T>): Promise<T> {
    const row = this.store.byId(id);
    if (!row) throw notFound(`camera ${id}`);
    if (!row.onvifHost || !row.onvifPort) {
      const where = row.rtspMainUri ? (safeUrl(row.rtspMainUri)?.host ?? row.name) : row.name;
      throw new CameraError('not-onvif', where, 'this camera was added by RTSP address, so its clock, device information and snapshot cannot be read over ONVIF');
    }
    const key = `${row.onvifHost}:${row.onvifPort}:${row.username ?? ''}:${row.updatedAt}`;
    const now = this.now();
    let entry = this.clients.get(id);
    if (!entry || entry.key !== key || now - entry.at > CLIENT_MAX_AGE_MS) {
      this.clients.delete(id);
      const client = await OnvifClient.connect(this.endpoint({ host: row.onvifHost, port: row.onvifPort, username: row.username ?? '', password: this.password(id) ?? '' }));
      entry = { client, key, at: now };
      this.clients.set(id, entry);
    }
    try {
      return await fn(entry.client, row);
    } catch (e) {
      // The camera may have rebooted, moved or changed its password: connect afresh next time.
      this.clients.delete(id);
      throw e;
    }
  }

  /** Runs a conversation with a camera; its errors become API failures with a clear message, and are logged. */
  private async camera<T>(endpoint: OnvifEndpoint, fn: (client: OnvifClient) => Promise<T>): Promise<T> {
    try {
      return await fn(await OnvifClient.connect(endpoint));
    } catch (e) {
      throw this.toApiFailure(e);
    }
  }

  private async streamUriOrNull(client: OnvifClient, token: string): Promise<string | null> {
    try {
      return parseRtspUrl(await client.streamUri(token)).url;
    } catch (e) {
      if (e instanceof RtspUrlError) {
        this.core.log.warn({ camera: client.address, profile: token, problem: e.message }, 'camera gave a stream address that is not RTSP');
        return null;
      }
      if (isCameraError(e) && (e.kind === 'not-onvif' || e.kind === 'garbage')) return null;
      throw e;
    }
  }

  private rtsp(text: string, field: string) {
    try {
      return parseRtspUrl(text);
    } catch (e) {
      if (e instanceof RtspUrlError) {
        this.core.log.warn({ field, problem: e.message }, 'camera address refused');
        throw new ApiFailure(400, 'not-rtsp', e.message, [{ path: field, message: e.message }]);
      }
      throw e;
    }
  }
}

function statusFromClock(offsetS: number | null): 'ok' | 'degraded' | 'unknown' {
  if (offsetS === null) return 'unknown';
  return clockWithinTolerance(offsetS) ? 'ok' : 'degraded';
}

function safeUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/** The changed values that may go in the audit log: never a sealed secret. */
function auditable(changes: Partial<NewCameraRow>): Record<string, unknown> {
  const { passwordSealed: _p, anprKeyHash: _k, ...rest } = changes;
  return rest;
}

function toCertificate(c: CertificateRow): Certificate {
  return { ...c };
}

function toSummary(r: CameraRow, cert: CertificateRow | null): CameraSummary {
  return {
    id: r.id,
    name: r.name,
    locationDescription: r.locationDescription,
    siteCode: r.siteCode,
    enforcementSiteName: r.enforcementSiteName,
    status: r.status,
    model: r.model,
    retentionDays: r.retentionDays,
    certificate: cert ? toCertificate(cert) : null,
  };
}

function toDetails(r: CameraRow, current: CertificateRow | null, all: CertificateRow[]): CameraDetails {
  return {
    ...toSummary(r, current),
    latitude: r.latitude,
    longitude: r.longitude,
    onvifHost: r.onvifHost,
    onvifPort: r.onvifPort,
    rtspMainUri: r.rtspMainUri,
    rtspSubUri: r.rtspSubUri,
    profileToken: r.profileToken,
    stream: r.stream,
    transport: r.transport,
    username: r.username,
    hasPassword: r.hasPassword,
    hasAnprKey: r.hasAnprKey,
    device: { manufacturer: r.manufacturer, model: r.model, firmware: r.firmware, serial: r.serial },
    clockOffsetS: r.clockOffsetS,
    clockCheckedAt: r.clockCheckedAt,
    retiredAt: r.retiredAt,
    retiredReason: r.retiredReason,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    certificates: all.map(toCertificate),
  };
}
