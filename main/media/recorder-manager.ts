import type { Logger } from 'pino';
import { isRtspUrl } from '../../native/index.js';
import type { CameraService } from '../cameras/camera-service.js';
import type { RecorderState, RecorderStatus } from '../api/contract/media-routes.js';
import type { ServerEvent } from '../api/contract.js';
import type { RecordingsStore } from '../store/recordings-store.js';
import { BUSY_POLL_MS, CameraRecorder, LIVE_POLL_MS, type CameraRecorderDeps } from './camera-recorder.js';
import { maskCredentials } from './gap-cause.js';
import { toGap } from './api-shapes.js';

/** How often each camera's clock is read over ONVIF for the per-segment offset (a slow call; the offset drifts slowly). */
const CLOCK_READ_MS = 5 * 60_000;

/**
 * One recorder per active camera with an RTSP address, started and stopped
 * as the cameras feature reports changes (add, edit, retire).
 */
export class RecorderManager {
  private readonly recorders = new Map<number, CameraRecorder>();
  private readonly offsets = new Map<number, number>();
  private readonly problems = new Map<number, string>();
  private unsubscribe: (() => void) | null = null;
  private clockTimer: NodeJS.Timeout | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private pending: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly cameras: CameraService | null,
    private readonly store: RecordingsStore,
    private readonly deps: Omit<CameraRecorderDeps, 'cameraOffsetMs' | 'onState'>,
    private readonly log: Logger,
    private readonly publish: (e: ServerEvent) => void,
  ) {}

  start(): void {
    if (!this.cameras) {
      this.log.warn('media: no cameras feature registered; nothing will be recorded');
      return;
    }
    this.unsubscribe = this.cameras.onChange((id) => this.serially(() => this.sync(id)));
    for (const c of this.cameras.list()) this.serially(() => this.sync(c.id));
    this.clockTimer = setInterval(() => void this.readClocks(), CLOCK_READ_MS);
    this.clockTimer.unref();
    void this.readClocks();
    this.scheduleTick();
  }

  /**
   * One timer for every recorder: each reads its run file every five
   * seconds (every 150 ms while watched live), and the segments all cameras
   * close at one moment (they are cut on the same UTC grid) are committed in
   * one transaction, one fsync rather than one per camera.
   */
  private scheduleTick(): void {
    if (this.stopped) return;
    const now = Date.now();
    let next = now + BUSY_POLL_MS;
    for (const r of this.recorders.values()) next = Math.min(next, r.nextTickAt());
    this.tickTimer = setTimeout(() => {
      this.tickTimer = null;
      const at = Date.now();
      // Slack: recorders due within half a live interval are read in this round too.
      const due = [...this.recorders.values()].filter((r) => r.nextTickAt() <= at + LIVE_POLL_MS / 2);
      try {
        if (due.length > 0) {
          this.store.inTransaction(() => {
            for (const r of due) r.tick(at);
          });
        }
      } catch (e) {
        this.log.error({ err: maskCredentials(String((e as Error)?.message ?? e)) }, 'media: recording round failed');
      }
      this.scheduleTick();
    }, Math.max(10, next - now));
    this.tickTimer.unref();
  }

  /** Camera changes are applied one at a time, in order (a retire right after an add must win). */
  private serially(task: () => Promise<void>): void {
    this.pending = this.pending.then(task).catch((e: unknown) => this.log.error({ err: maskCredentials(String((e as Error)?.message ?? e)) }, 'media: recorder change failed'));
  }

  /** Resolves when every camera change so far has been applied. */
  settled(): Promise<void> {
    return this.pending;
  }

  private async sync(cameraId: number): Promise<void> {
    if (this.stopped || !this.cameras) return;
    const src = this.cameras.recordingSource(cameraId);
    const existing = this.recorders.get(cameraId);
    if (!src) {
      if (existing) {
        this.recorders.delete(cameraId);
        const retired = this.cameras.get(cameraId)?.status === 'retired';
        await existing.stop(retired ? 'camera-retired' : 'recorder-stopped', retired ? 'camera retired' : 'camera has no RTSP address');
      }
      this.problems.delete(cameraId);
      return;
    }
    if (!isRtspUrl(src.rtspUrl)) {
      // A camera address that is not RTSP: say so, record nothing, keep everything else running.
      const why = `camera ${cameraId}: the stream address is not an rtsp:// or rtsps:// URL (${maskCredentials(src.rtspUrl).slice(0, 80)})`;
      this.problems.set(cameraId, why);
      this.log.error({ cameraId }, why);
      if (existing) {
        this.recorders.delete(cameraId);
        await existing.stop('recorder-stopped', why);
      }
      this.publish({ type: 'recording-status', cameraId, state: 'failed', at: Date.now() });
      return;
    }
    this.problems.delete(cameraId);
    const source = { cameraId, rtspUrl: src.rtspUrl, transport: src.transport };
    if (existing && existing.sameSource(source)) return;
    if (existing) {
      this.recorders.delete(cameraId);
      await existing.stop('recorder-stopped', 'camera settings changed');
    }
    const rec = new CameraRecorder(source, {
      ...this.deps,
      cameraOffsetMs: (id) => this.offsets.get(id) ?? null,
      onState: (id, state) => this.onState(id, state),
    });
    this.recorders.set(cameraId, rec);
    rec.start();
  }

  private onState(cameraId: number, state: RecorderState): void {
    this.publish({ type: 'recording-status', cameraId, state, at: Date.now() });
  }

  private async readClocks(): Promise<void> {
    if (!this.cameras) return;
    for (const id of this.recorders.keys()) {
      try {
        const r = await this.cameras.readClock(id);
        this.offsets.set(id, Math.round(r.offsetS * 1000));
      } catch (e) {
        // Keep the last offset; the health feature reports clock problems.
        this.log.debug({ cameraId: id, err: (e as Error).message }, 'media: could not read camera clock');
      }
    }
  }

  recorder(cameraId: number): CameraRecorder | undefined {
    return this.recorders.get(cameraId);
  }

  status(cameraId: number): RecorderStatus {
    const rec = this.recorders.get(cameraId);
    const livePlaylist = `/media/live/${cameraId}/index.m3u8`;
    if (!rec) {
      const problem = this.problems.get(cameraId) ?? null;
      return {
        cameraId,
        state: problem ? 'failed' : 'not-configured',
        since: Date.now(),
        lastSegmentEndMs: this.store.lastSegment(cameraId)?.endMs ?? null,
        currentGap: ((g) => (g ? toGap(g) : null))(this.store.openGapOf(cameraId)),
        restarts: 0,
        message: problem,
        livePlaylist,
      };
    }
    const s = rec.status();
    return { cameraId, ...s, currentGap: s.currentGap ? toGap(s.currentGap) : null, livePlaylist };
  }

  statuses(): RecorderStatus[] {
    const ids = new Set<number>([...(this.cameras?.list().map((c) => c.id) ?? []), ...this.recorders.keys()]);
    return [...ids].sort((a, b) => a - b).map((id) => this.status(id));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.clockTimer) clearInterval(this.clockTimer);
    if (this.tickTimer) clearTimeout(this.tickTimer);
    await this.pending;
    const all = [...this.recorders.values()];
    this.recorders.clear();
    await Promise.allSettled(all.map((r) => r.stop('recorder-stopped', 'recording stopped (core shut down)')));
  }
}
