import { statfs } from 'node:fs/promises';
import type { Logger } from '../log/logger.js';
import type { ServerEvent } from '../api/contract.js';
import { ProcessOwner } from '../../native/index.js';
import type { HealthStore } from '../store/health-store.js';
import type { DefectsStore, NewDefect } from '../store/defects-store.js';
import type { HealthConfig } from './health-config.js';
import { cameraStatus } from './health-rules.js';
import { FailureStreaks } from './failure-streaks.js';
import {
  FAULT_PROBE, PROBE_KINDS,
  type CameraHealthStatus, type Defect, type FaultCode, type ProbeKind, type ProbeOutcome, type ProbeRow, type StatusChange,
} from './health-types.js';
import { Limiter } from './limiter.js';
import { laplacianVariance, type GrayFrame } from './picture-analysis.js';
import { medianFrame, type FrozenTrack, type PictureReference } from './picture-check.js';
import type { HealthCameras, ProbeContext } from './probes/probe-context.js';
import { networkProbe } from './probes/network-probe.js';
import { clockProbe } from './probes/clock-probe.js';
import { recordingProbe, storageProbe } from './probes/recording-probe.js';
import { streamProbe } from './probes/stream-probe.js';
import { pictureProbe, sampleFrames } from './probes/picture-probe.js';

/** A camera's state at a moment, as the PCN preconditions ask it (DOMAIN §6). */
export interface CameraStateAt {
  cameraId: number;
  at: number;
  status: CameraHealthStatus;
  reasons: string[];
  /** Camera − workstation, seconds, from the last clock probe at or before `at`. */
  clockDriftS: number | null;
  /** Measured frames/s from the last stream probe at or before `at`. */
  fps: number | null;
  lastProbeAt: number | null;
  /** No probe within three periods before `at`: the state is not known to be current. */
  stale: boolean;
  /** Clock within ±maxDrift, ≥ minFps and not down, each as last measured. */
  evidenceUsable: boolean;
}

export interface BlockingAnswer {
  blocked: boolean;
  defectIds: number[];
  reason: string | null;
}

export interface Incident {
  start: number;
  end: number | null;
  status: CameraHealthStatus;
  reasons: string[];
}

export interface CameraHealthSummary {
  cameraId: number;
  status: CameraHealthStatus;
  reasons: string[];
  since: number | null;
  lastProbeAt: number | null;
}

export interface HealthServiceDeps {
  cameras: () => HealthCameras | null;
  health: HealthStore;
  defects: DefectsStore;
  config: HealthConfig;
  log: Logger;
  publish: (e: ServerEvent) => void;
  newestSegmentEnd: (cameraId: number) => number | null;
  storageDir: string;
  tools: () => { ffmpeg: string; ffprobe: string } | null;
  now?: () => number;
}

interface CameraMemory {
  latest: Map<ProbeKind, ProbeOutcome>;
  status: CameraHealthStatus;
  reasons: string[];
  since: number | null;
  track: FrozenTrack | null;
  lastFrame: GrayFrame | null;
  expensiveBusy: boolean;
  cycleBusy: boolean;
}

/**
 * Probes every active camera each period (spread over the period so 500
 * cameras never connect at once), keeps the health log, turns runs of
 * failures into defects and recoveries into closed defects with their
 * outage, and answers the other features' questions (state at T, blocking
 * defects, incidents for the timeline).
 */
export class HealthService {
  readonly processes = new ProcessOwner();
  private readonly mem = new Map<number, CameraMemory>();
  private readonly streaks: FailureStreaks;
  private readonly cheap: Limiter;
  private readonly expensive: Limiter;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private cycle = 0;
  private readonly inflight = new Set<Promise<unknown>>();
  private lastStorage: ProbeOutcome | null = null;
  private heldEvents: ((cameraId: number, from: number, to: number) => number) | null = null;

  constructor(private readonly deps: HealthServiceDeps) {
    this.streaks = new FailureStreaks(deps.config.failuresToOpen);
    this.cheap = new Limiter(deps.config.concurrency);
    this.expensive = new Limiter(deps.config.expensiveConcurrency);
    this.now = deps.now ?? Date.now;
  }

  get config(): HealthConfig {
    return this.deps.config;
  }

  // ---- scheduling ----------------------------------------------------------

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleTick(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    this.cheap.clear();
    this.expensive.clear();
    await this.processes.stopAll();
    await Promise.allSettled([...this.inflight]);
    await this.processes.dispose();
  }

  private scheduleTick(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => this.tick(), delay);
  }

  /** One period: every camera's cycle, started at evenly spread offsets (jitter), each through the limiter. */
  private tick(): void {
    if (!this.running) return;
    const started = this.now();
    const n = this.cycle++;
    const cams = this.activeCameraIds();
    const period = this.deps.config.periodMs;
    this.track(this.recordStorage());
    cams.forEach((id, i) => {
      const offset = Math.floor((i / Math.max(1, cams.length)) * period);
      const t = setTimeout(() => {
        this.pending.delete(t);
        if (this.running) this.track(this.runCycle(id, n));
      }, offset);
      this.pending.add(t);
    });
    this.scheduleTick(Math.max(0, started + period - this.now()));
  }

  private readonly pending = new Set<NodeJS.Timeout>();

  private track<T>(p: Promise<T>): void {
    const q = p.catch((e: unknown) => this.deps.log.error({ err: e }, 'health probe cycle failed'));
    this.inflight.add(q);
    void q.finally(() => this.inflight.delete(q));
  }

  private activeCameraIds(): number[] {
    const cams = this.deps.cameras();
    if (!cams) return [];
    return cams.list().filter((c) => c.status === 'active').map((c) => c.id);
  }

  private context(cameras: HealthCameras): ProbeContext {
    return {
      cameras,
      config: this.deps.config,
      processes: this.processes,
      tools: this.deps.tools(),
      newestSegmentEnd: this.deps.newestSegmentEnd,
      freeBytes: async () => {
        const s = await statfs(this.deps.storageDir);
        return s.bavail * s.bsize;
      },
      now: this.now,
    };
  }

  private async recordStorage(): Promise<void> {
    const cams = this.deps.cameras();
    if (!cams) return;
    const o = await storageProbe(this.context(cams));
    this.lastStorage = o;
    this.deps.health.insertProbe(o);
  }

  /** Runs one camera's probes now (cycle n decides whether the expensive ones are due). */
  async runCycle(cameraId: number, n = 0, opts: { expensive?: boolean } = {}): Promise<void> {
    const cams = this.deps.cameras();
    if (!cams) return;
    const m = this.memory(cameraId);
    if (m.cycleBusy) return; // the previous cycle is still waiting on a slow camera: never stack probes on it
    m.cycleBusy = true;
    try {
      const ctx = this.context(cams);
      const net = await this.cheap.run(() => networkProbe(ctx, cameraId));
      this.handle(net);
      // Unreachable: the other probes would only fail for the same reason and open defects of the wrong kind.
      if (net.status === 'down') return;
      const work: Promise<void>[] = [
        this.cheap.run(() => clockProbe(ctx, cameraId)).then((o) => this.handle(o)),
        Promise.resolve().then(() => this.handle(recordingProbe(ctx, cameraId))),
      ];
      // Staggered by camera so a large estate's expensive probes spread over the cycles instead of landing together.
      const due = opts.expensive ?? (n + cameraId) % this.deps.config.expensiveEvery === 0;
      if (due && !m.expensiveBusy && ctx.tools) {
        m.expensiveBusy = true;
        work.push(
          Promise.all([
            this.expensive.run(() => streamProbe(ctx, cameraId)).then((o) => o && this.handle(o)),
            this.expensive.run(() => pictureProbe(ctx, cameraId, m.track, this.pictureReference(cameraId))).then((r) => {
              if (!r) return;
              m.track = r.track;
              if (r.lastFrame) m.lastFrame = r.lastFrame;
              this.handle(r.outcome);
            }),
          ]).then(() => undefined).finally(() => (m.expensiveBusy = false)),
        );
      }
      await Promise.all(work);
    } finally {
      m.cycleBusy = false;
    }
  }

  private memory(cameraId: number): CameraMemory {
    let m = this.mem.get(cameraId);
    if (!m) {
      const last = this.deps.health.statusAt(cameraId, Number.MAX_SAFE_INTEGER);
      m = {
        latest: new Map(), status: last?.status ?? 'unknown', reasons: last?.reasons ?? [], since: last?.at ?? null,
        track: null, lastFrame: null, expensiveBusy: false, cycleBusy: false,
      };
      this.mem.set(cameraId, m);
    }
    return m;
  }

  // ---- results → log, defects, status -------------------------------------

  /** Stores one result and acts on it. Public so tests can feed hand-made outcomes. */
  handle(o: ProbeOutcome): void {
    this.deps.health.insertProbe(o);
    const m = this.memory(o.cameraId);
    m.latest.set(o.kind, o);
    const action = this.streaks.observe(o);
    if (action.type === 'open') this.openAutoDefect(o.cameraId, action.fault, action.outageStart, action.reason);
    else if (action.type === 'recovered') this.closeRecovered(o.cameraId, action.kind, action.at);
    this.updateStatus(o.cameraId, o.at);
  }

  private openAutoDefect(cameraId: number, fault: FaultCode, outageStart: number, reason: string | null): void {
    if (this.deps.defects.openAuto(cameraId, fault)) return;
    const now = this.now();
    const d: NewDefect = {
      scope: 'camera', cameraId, siteCode: this.siteOf(cameraId), location: null,
      category: fault, title: `${this.nameOf(cameraId)}: ${fault.replace(/-/g, ' ')}`,
      description: reason ?? '', origin: 'auto', fault,
      blocking: this.deps.config.blockingFaults.includes(fault),
      supplier: null, supplierRef: null, reportedAt: now, acknowledgedAt: null, resolvedAt: null,
      outageStart, createdBy: 'health-probe', createdAt: now,
    };
    const created = this.deps.defects.insert(d);
    this.deps.log.warn({ cameraId, fault, defectId: created.id }, 'camera defect opened by the health probes');
    this.deps.publish({ type: 'defect-changed', defectId: created.id, at: now });
  }

  private closeRecovered(cameraId: number, kind: ProbeKind, at: number): void {
    for (const d of this.deps.defects.openAutoFor(cameraId)) {
      if (d.fault === null || FAULT_PROBE[d.fault] !== kind) continue;
      // A picture probe that passes after a black picture also proves the picture is not frozen etc.: any ok result of the kind recovers every fault of that kind.
      this.deps.defects.closeAuto(d.id, Math.max(at, d.reportedAt), this.now());
      this.deps.log.info({ cameraId, fault: d.fault, defectId: d.id, outageMs: at - (d.outageStart ?? d.reportedAt) }, 'camera defect closed on recovery');
      this.deps.publish({ type: 'defect-changed', defectId: d.id, at: this.now() });
    }
  }

  private updateStatus(cameraId: number, at: number): void {
    const m = this.memory(cameraId);
    const net = m.latest.get('network');
    // When unreachable, only the network result counts: older results describe a camera we cannot see.
    const latest = net && net.status === 'down' ? [net] : [...m.latest.values()];
    const s = cameraStatus(latest);
    if (s.status === m.status && sameReasons(s.reasons, m.reasons)) return;
    const statusChanged = s.status !== m.status;
    m.status = s.status;
    m.reasons = s.reasons;
    if (statusChanged || m.since === null) m.since = at;
    this.deps.health.insertStatusChange(cameraId, at, s.status, s.reasons);
    if (statusChanged) this.deps.publish({ type: 'camera-status', cameraId, status: s.status, at });
  }

  // ---- questions other features ask ---------------------------------------

  summaries(): CameraHealthSummary[] {
    const cams = this.deps.cameras();
    const ids = cams ? cams.list({ includeRetired: false }).map((c) => c.id) : [...this.mem.keys()];
    return ids.map((id) => {
      const m = this.memory(id);
      const last = [...m.latest.values()].reduce<number | null>((t, o) => (t === null || o.at > t ? o.at : t), null);
      return { cameraId: id, status: m.status, reasons: m.reasons, since: m.since, lastProbeAt: last };
    });
  }

  storage(): ProbeOutcome | null {
    return this.lastStorage;
  }

  stateAt(cameraId: number, atMs: number): CameraStateAt {
    const h = this.deps.health;
    const change = h.statusAt(cameraId, atMs);
    const clock = h.probeAt(cameraId, 'clock', atMs);
    const stream = h.probeAt(cameraId, 'stream', atMs);
    const last = PROBE_KINDS.map((k) => h.probeAt(cameraId, k, atMs)?.at ?? null).reduce<number | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
    const stale = last === null || atMs - last > 3 * this.deps.config.periodMs;
    const status = change?.status ?? 'unknown';
    const clockDriftS = clock?.value ?? null;
    const fps = stream?.value ?? null;
    const evidenceUsable = status !== 'down' && status !== 'unknown' && clockDriftS !== null && Math.abs(clockDriftS) <= this.deps.config.maxClockDriftS
      && fps !== null && fps >= this.deps.config.minFps;
    return { cameraId, at: atMs, status, reasons: change?.reasons ?? [], clockDriftS, fps, lastProbeAt: last, stale, evidenceUsable };
  }

  hasBlockingDefect(cameraId: number, atMs: number): BlockingAnswer {
    const list = this.deps.defects.blockingAt(cameraId, this.siteOf(cameraId), atMs);
    if (list.length === 0) return { blocked: false, defectIds: [], reason: null };
    return { blocked: true, defectIds: list.map((d) => d.id), reason: list.map((d) => `defect ${d.id}: ${d.title}`).join('; ') };
  }

  /** Non-ok stretches of a camera's status in [from, to), for the player's timeline. */
  incidents(cameraId: number, fromMs: number, toMs: number): Incident[] {
    const changes = this.deps.health.statusChangesBetween(cameraId, fromMs, toMs);
    const out: Incident[] = [];
    let open: Incident | null = null;
    for (const c of changes) {
      const bad = c.status === 'down' || c.status === 'degraded';
      if (open && (!bad || c.status !== open.status)) {
        open.end = Math.max(c.at, fromMs);
        out.push(open);
        open = null;
      }
      if (bad && !open) open = { start: Math.max(c.at, fromMs), end: null, status: c.status, reasons: c.reasons };
    }
    if (open) out.push(open);
    return out;
  }

  statusHistory(cameraId: number, fromMs: number, toMs: number): StatusChange[] {
    return this.deps.health.statusChangesBetween(cameraId, fromMs, toMs);
  }

  probes(cameraId: number, fromMs: number, toMs: number, kind?: ProbeKind, limit = 500): ProbeRow[] {
    return this.deps.health.probesBetween(cameraId, fromMs, toMs, { ...(kind ? { kind } : {}), limit });
  }

  /** Lets the events feature say how many events a camera's defects held (for the report). */
  setHeldEventsCounter(fn: (cameraId: number, from: number, to: number) => number): void {
    this.heldEvents = fn;
  }

  heldEventsCount(cameraId: number, from: number, to: number): number {
    try {
      return this.heldEvents ? this.heldEvents(cameraId, from, to) : 0;
    } catch {
      return 0;
    }
  }

  defectsConcerning(cameraId: number, from: number, to: number): Defect[] {
    const own = this.deps.defects.list({ cameraId, from, to });
    const site = this.siteOf(cameraId);
    const loc = site ? this.deps.defects.list({ scope: 'location', from, to }).filter((d) => d.siteCode === site && d.blocking) : [];
    return [...own, ...loc];
  }

  // ---- reference view ------------------------------------------------------

  /** Samples the stream now and stores the median of the burst as the approved view. */
  async approveReference(cameraId: number, by: string): Promise<{ width: number; height: number; sharpness: number; approvedAt: number }> {
    const cams = this.deps.cameras();
    if (!cams) throw new Error('cameras feature is not available');
    const frames = await sampleFrames(this.context(cams), cameraId);
    const median = medianFrame(frames.map((f) => f.frame));
    const overlay = Math.ceil(median.height * 0.1);
    const sharpness = laplacianVariance(median, overlay);
    const approvedAt = this.now();
    this.deps.health.saveReference({ cameraId, width: median.width, height: median.height, pixels: median.pixels, sharpness, approvedBy: by, approvedAt });
    this.memory(cameraId).lastFrame = frames[frames.length - 1]!.frame;
    return { width: median.width, height: median.height, sharpness, approvedAt };
  }

  pictureReference(cameraId: number): PictureReference | null {
    const r = this.deps.health.reference(cameraId);
    return r ? { frame: { width: r.width, height: r.height, pixels: r.pixels }, sharpness: r.sharpness } : null;
  }

  lastFrame(cameraId: number): GrayFrame | null {
    return this.mem.get(cameraId)?.lastFrame ?? null;
  }

  private siteOf(cameraId: number): string | null {
    return this.deps.cameras()?.get(cameraId)?.siteCode ?? null;
  }

  private nameOf(cameraId: number): string {
    return this.deps.cameras()?.get(cameraId)?.name ?? `camera ${cameraId}`;
  }
}

function sameReasons(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
