import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  buildRecorderArgs,
  LogRateLimiter,
  parseSegmentListLine,
  segmentFileNameAt,
  segmentStartFromFileName,
  type FfmpegInvocation,
  type ProcessOwner,
  type SupervisedProcess,
} from '../../native/index.js';
import { removePidFile, stopStaleProcesses, writePidFile } from '../../native/stale-process.js';
import type { GapCause, RecorderState } from '../api/contract/media-routes.js';
import type { RecordingsStore, GapRow, SegmentRow } from '../store/recordings-store.js';
import { gapCauseOf, maskCredentials } from './gap-cause.js';
import { LiveTail } from './live-tail.js';
import { SegmentClock } from './segment-timing.js';
import type { SegmentIndexer } from './segment-indexer.js';

export interface RecorderSource {
  cameraId: number;
  /** With credentials: only ever handed to ffmpeg. */
  rtspUrl: string;
  transport: 'tcp' | 'udp';
}

export interface CameraRecorderDeps {
  owner: ProcessOwner;
  store: RecordingsStore;
  indexer: SegmentIndexer;
  ffmpegPath: string;
  recordingsRoot: string;
  log: Logger;
  segmentTimeS: number;
  /** Camera clock minus workstation clock, ms, as last read (null if never). */
  cameraOffsetMs: (cameraId: number) => number | null;
  onState: (cameraId: number, state: RecorderState) => void;
  /** Called when ffmpeg reports the disk is full: make room now. */
  onDiskFull: () => void;
  /** No new segment for this long while running means a stalled stream: restart. */
  stallMs?: number;
}

const FILE_PREFIX = 'seg-';
/**
 * Crash safety (issue 8 item 8): the pid (+ start time) of this camera's
 * ffmpeg, so a core restarted after a SIGKILL can end the recorder the dead
 * core left running (see native/stale-process.ts) before starting its own.
 */
const PID_FILE = 'recorder.pid';

/** The open file's name is looked for among this many seconds at most (the file being written is seconds old). */
const CURRENT_FILE_LOOKBACK_S = 30;

/**
 * One camera's recorder: a supervised ffmpeg (RTSP → stream-copied fMP4
 * segments), the segment list on its stdout indexed as each file closes,
 * the gaps between recordings stored with their cause, and live view read
 * from the file being written (live-tail.ts).
 *
 * Reconnect: backoff from 0.5 s capped at 4 s, so a camera that comes back
 * is being recorded again within ~4 s plus its first keyframe (the issue asks
 * for 10 s). Indexing runs one segment at a time per camera, in order, so a
 * gap is always opened after the last segment before it is in the index.
 */
export class CameraRecorder {
  private proc: SupervisedProcess | null = null;
  private readonly clock = new SegmentClock();
  private queue: Promise<unknown> = Promise.resolve();
  private state: RecorderState = 'stopped';
  private since = Date.now();
  private lastSegmentEndMs: number | null = null;
  private spawnedAt = 0;
  private lastProgressAt = 0;
  private message: string | null = null;
  private readonly stderrTail: string[] = [];
  private readonly logLimiter = new LogRateLimiter(10, 30_000);
  private watchdog: NodeJS.Timeout | null = null;
  private restarts = 0;
  private stopping = false;
  readonly cameraDir: string;
  readonly live: LiveTail;
  /** The segment file ffmpeg is writing, once found (see currentFile). */
  private current: string | null = null;
  /** The next file to be opened is named at or after this time (epoch ms). */
  private nextFileFromMs = 0;
  private lastClosedName = '';
  /** Wall times of the last closed segment, when this ffmpeg closed it (its next file starts where it ended). */
  private lastClosed: { startMs: number; endMs: number } | null = null;
  private currentSize = 0;
  /** Crash safety: where this camera's ffmpeg pid is kept while it runs. */
  readonly pidFile: string;

  constructor(
    private source: RecorderSource,
    private readonly deps: CameraRecorderDeps,
  ) {
    this.cameraDir = path.join(deps.recordingsRoot, String(source.cameraId));
    this.live = new LiveTail(
      () => {
        const file = this.currentFile();
        return file ? { path: file, startMs: this.lastClosed?.endMs ?? null } : null;
      },
      () => (this.lastClosed ? { path: path.join(this.cameraDir, this.lastClosedName), startMs: this.lastClosed.startMs } : null),
      deps.log.child({ cameraId: source.cameraId }),
    );
    this.pidFile = path.join(this.cameraDir, PID_FILE);
    this.lastSegmentEndMs = deps.store.lastSegment(source.cameraId)?.endMs ?? null;
  }

  get cameraId(): number {
    return this.source.cameraId;
  }

  /** Same camera, new address or transport: restart only when something ffmpeg uses changed. */
  sameSource(s: RecorderSource): boolean {
    return s.rtspUrl === this.source.rtspUrl && s.transport === this.source.transport;
  }

  status(): { state: RecorderState; since: number; lastSegmentEndMs: number | null; currentGap: GapRow | null; restarts: number; message: string | null } {
    return {
      state: this.state,
      since: this.since,
      lastSegmentEndMs: this.lastSegmentEndMs,
      currentGap: this.deps.store.openGapOf(this.cameraId) ?? null,
      restarts: this.restarts,
      message: this.message,
    };
  }

  start(): void {
    if (this.proc) return;
    this.stopping = false;
    mkdirSync(this.cameraDir, { recursive: true });
    // Crash safety: a core killed with SIGKILL leaves its ffmpeg recording
    // (own process group, no exit hook ran). End it before ours starts so two
    // never write this folder; what it recorded meanwhile is indexed below.
    this.stopStaleRecorder();
    // Files a crash left unlisted are still playable (fragmented): index them
    // first, THEN open the gap, so the gap starts where the recovered footage
    // ends (opening it first put it before the recovered files, where their
    // indexing closed it, and the real outage after them had no gap).
    this.enqueue(async () => {
      await this.recoverUnlisted();
      this.openGapIfNone('recorder-stopped', 'recorder starting');
    });
    this.spawn();
    this.watchdog = setInterval(() => this.checkStall(), 2000);
    this.watchdog.unref();
  }

  private invocation(): FfmpegInvocation {
    return buildRecorderArgs({
      url: this.source.rtspUrl,
      transport: this.source.transport,
      outputDir: this.cameraDir,
      filePrefix: FILE_PREFIX,
      segmentTimeS: this.deps.segmentTimeS,
      alignToClock: false,
      ioTimeoutS: 5,
    });
  }

  /** Crash safety: the segment output pattern, an argument only this camera's recorder has (identifies a stale one). */
  private outputMarker(): string {
    const marker = this.invocation().args.find((a) => a.startsWith(this.cameraDir) && a.endsWith('.mp4'));
    if (!marker) throw new Error('recorder arguments carry no segment output pattern');
    return marker;
  }

  /** Crash safety: ends a recorder ffmpeg a previous (crashed) core left running for this camera. */
  private stopStaleRecorder(): void {
    try {
      for (const r of stopStaleProcesses({ pidFile: this.pidFile, marker: this.outputMarker(), program: path.basename(this.deps.ffmpegPath).replace(/\.exe$/i, '') || 'ffmpeg' })) {
        if (r.kind === 'killed') this.deps.log.warn({ cameraId: this.cameraId, pid: r.pid, found: r.how }, 'ended a recorder left running by a core that stopped without shutting down');
        else if (r.kind !== 'none') this.deps.log.info({ cameraId: this.cameraId, pid: r.pid, why: r.why }, 'recorder pid file names a process that is not ours; left alone');
      }
    } catch (e) {
      this.deps.log.warn({ cameraId: this.cameraId, err: (e as Error).message }, 'could not check for a stale recorder');
    }
  }

  private spawn(): void {
    const inv = this.invocation();
    const marker = this.outputMarker();
    const proc = this.deps.owner.supervise({
      name: `recorder camera ${this.cameraId}`,
      command: this.deps.ffmpegPath,
      args: () => {
        // Stream time restarts at 0 in each new ffmpeg: so does the anchor.
        this.clock.reset();
        this.spawnedAt = Date.now();
        // A new ffmpeg names its first file at or after now.
        this.current = null;
        this.currentSize = 0;
        this.nextFileFromMs = this.spawnedAt - 1000;
        this.lastClosed = null;
        this.lastProgressAt = this.spawnedAt;
        this.stderrTail.length = 0;
        return inv.args;
      },
      ...(inv.env ? { env: inv.env } : {}),
      stopMethod: 'q',
      stopTimeoutMs: 6000,
      backoff: { minMs: 500, maxMs: 4000, factor: 2, jitter: 0.3, resetAfterMs: 30_000 },
      // The supervisor's own stderr logging would print camera URLs with
      // credentials; this class logs masked lines instead.
      stderrLogLimit: { maxPerWindow: 0, windowMs: 60_000 },
      onStdoutLine: (line) => this.onListLine(line, Date.now()),
    });
    proc.on('stderr-line', (line) => this.onStderr(line));
    proc.on('state', (to) => {
      if (to === 'running') this.setState('starting');
      else if (to === 'backoff') this.setState('reconnecting');
      else if (to === 'failed') {
        this.message = maskCredentials(proc.failure?.message ?? 'recorder failed');
        this.setState('failed');
      }
    });
    proc.on('restart-scheduled', () => {
      this.restarts++;
    });
    // Crash safety: keep the running ffmpeg's pid on disk while it runs.
    let childPid: number | null = null;
    proc.on('spawn', (pid) => {
      childPid = pid;
      try {
        writePidFile(this.pidFile, pid, marker);
      } catch (e) {
        this.deps.log.warn({ cameraId: this.cameraId, err: (e as Error).message }, 'could not write the recorder pid file');
      }
    });
    proc.on('exit', (info) => {
      if (childPid !== null) removePidFile(this.pidFile, childPid);
      childPid = null;
      if (info.requested) return;
      const { cause, line } = gapCauseOf(this.stderrTail);
      this.message = line ? maskCredentials(line).slice(0, 300) : `ffmpeg exited (code ${info.code ?? info.signal})`;
      if (cause === 'disk-full') this.deps.onDiskFull();
      // After the last listed segment is indexed, so the gap starts where the footage ends.
      this.enqueue(async () => {
        await this.recoverUnlisted();
        this.openGapIfNone(cause, this.message);
        this.deps.store.updateOpenGapCause(this.cameraId, cause, this.message);
      });
    });
    this.proc = proc;
    proc.start();
  }

  private onStderr(raw: string): void {
    const line = maskCredentials(raw);
    this.stderrTail.push(line);
    if (this.stderrTail.length > 30) this.stderrTail.shift();
    const { allowed, droppedBefore } = this.logLimiter.take();
    if (droppedBefore > 0) this.deps.log.info({ cameraId: this.cameraId, dropped: droppedBefore }, 'recorder stderr lines suppressed');
    // ffmpeg's own [warning] lines (unset timestamps at an RTSP start, DTS
    // fix-ups) are routine with stream copy: keep them in the log file, off
    // the operator's terminal. Errors stay warnings; the gap records the cause.
    const level = /\[(error|fatal|panic)\]/.test(line) ? 'warn' : 'info';
    if (allowed) this.deps.log[level]({ cameraId: this.cameraId, line }, 'recorder ffmpeg');
  }

  private onListLine(line: string, arrivalMs: number): void {
    const seg = parseSegmentListLine(line);
    if (!seg) {
      this.deps.log.warn({ cameraId: this.cameraId, line: maskCredentials(line).slice(0, 200) }, 'recorder printed a line that is not a segment entry');
      return;
    }
    this.lastProgressAt = arrivalMs;
    const abs = path.join(this.cameraDir, path.basename(seg.file));
    // That file is closed: ffmpeg has opened (or is opening) the next one, named from about now.
    if (this.current === abs) this.current = null;
    this.currentSize = 0;
    this.lastClosedName = path.basename(seg.file);
    this.nextFileFromMs = arrivalMs - 2000;
    const placed = this.clock.place(seg, arrivalMs, segmentStartFromFileName(seg.file));
    this.lastClosed = placed;
    const offset = this.deps.cameraOffsetMs(this.cameraId);
    this.enqueue(async () => {
      const row = await this.deps.indexer.index({ cameraId: this.cameraId, absPath: abs, startMs: placed.startMs, endMs: placed.endMs, cameraOffsetMs: offset });
      if (row) this.onIndexed(row);
      else this.discardEmpty(abs);
    });
  }

  private onIndexed(row: SegmentRow): void {
    // The gap ends where the first footage after it begins.
    this.deps.store.closeGap(this.cameraId, row.startMs);
    this.lastSegmentEndMs = Math.max(this.lastSegmentEndMs ?? 0, row.endMs);
    this.message = null;
    this.setState('recording');
  }

  private discardEmpty(abs: string): void {
    try {
      const rel = this.deps.indexer.relative(abs);
      if (!this.deps.store.hasPath(this.cameraId, rel) && statSync(abs).size < 4096) rmSync(abs, { force: true });
    } catch {
      /* already gone */
    }
  }

  /** Indexes segment files on disk that no list line announced (ffmpeg killed mid-segment). */
  private async recoverUnlisted(): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(this.cameraDir).filter((n) => n.startsWith(FILE_PREFIX) && n.endsWith('.mp4')).sort();
    } catch {
      return;
    }
    // Only names after the newest indexed one can be unlisted (names sort by time).
    const last = this.deps.store.lastSegment(this.cameraId);
    const after = last ? path.basename(last.path) : '';
    for (const name of names) {
      if (name <= after) continue;
      const abs = path.join(this.cameraDir, name);
      const startMs = segmentStartFromFileName(name);
      if (startMs === null) continue;
      // The file ffmpeg is writing right now is not ours to index yet. Crash
      // safety: only a file named at or after this ffmpeg's spawn can be its;
      // an older last file is the one a crashed run left open, and skipping
      // it here lost it for good (later names sort after it).
      if (this.proc && (this.proc.state === 'running' || this.proc.state === 'starting') && name === names[names.length - 1] && startMs >= Math.floor(this.spawnedAt / 1000) * 1000) continue;
      try {
        const row = await this.deps.indexer.index({ cameraId: this.cameraId, absPath: abs, startMs, endMs: null, cameraOffsetMs: this.deps.cameraOffsetMs(this.cameraId) });
        if (row) this.onIndexed(row);
        else this.discardEmpty(abs);
      } catch (e) {
        this.deps.log.warn({ cameraId: this.cameraId, file: name, err: (e as Error).message }, 'could not index a recovered segment');
      }
    }
  }

  /**
   * The segment file ffmpeg is writing now, or null. No list line names it
   * until it closes, but its name is the UTC second it was opened: after
   * the last list line (or this ffmpeg's start), so the few names since
   * then are tried, newest first — a handful of stat calls, and only until
   * it is found.
   */
  currentFile(): string | null {
    if (this.current) return this.current;
    if (!this.proc || this.proc.state !== 'running') return null;
    const now = Date.now();
    const from = Math.max(this.nextFileFromMs, now - CURRENT_FILE_LOOKBACK_S * 1000);
    for (let t = now + 1000; t >= from; t -= 1000) {
      const name = segmentFileNameAt(FILE_PREFIX, t);
      if (name <= this.lastClosedName) break;
      const abs = path.join(this.cameraDir, name);
      if (existsSync(abs)) {
        this.current = abs;
        return abs;
      }
    }
    return null;
  }

  private checkStall(): void {
    if (!this.proc || this.stopping) return;
    const st = this.proc.state;
    const now = Date.now();
    // The open file growing (a fragment a second) means packets are being
    // recorded, well before the first segment closes.
    try {
      const file = this.currentFile();
      const size = file ? statSync(file).size : 0;
      if (size > this.currentSize) {
        this.currentSize = size;
        this.lastProgressAt = now;
        if (this.state === 'starting') this.setState('recording');
      }
    } catch {
      /* removed meanwhile: the next list line or check will tell */
    }
    const stallMs = this.deps.stallMs ?? Math.max(20_000, this.deps.segmentTimeS * 3000);
    if (st === 'running' && now - this.lastProgressAt > stallMs) {
      const { cause, line } = gapCauseOf(this.stderrTail);
      const why = line ?? `no data from the camera for ${Math.round((now - this.lastProgressAt) / 1000)} s`;
      this.deps.log.warn({ cameraId: this.cameraId, why }, 'recorder stalled; restarting it');
      this.message = why;
      const old = this.proc;
      this.proc = null;
      this.enqueue(async () => {
        await old.stop();
        await this.recoverUnlisted();
        this.openGapIfNone(cause === 'stream-ended' && !line ? 'timeout' : cause, why);
        if (!this.stopping) {
          this.restarts++;
          this.spawn();
        }
      });
    }
  }

  private openGapIfNone(cause: GapCause, detail: string | null): void {
    if (this.deps.store.openGapOf(this.cameraId)) return;
    const startMs = this.deps.store.lastSegment(this.cameraId)?.endMs ?? Date.now();
    this.deps.store.openGap(this.cameraId, startMs, cause, detail);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((e: unknown) => {
      this.deps.log.error({ cameraId: this.cameraId, err: maskCredentials((e as Error).message ?? String(e)) }, 'recorder indexing failed');
    });
  }

  private setState(s: RecorderState): void {
    if (s === this.state) return;
    this.state = s;
    this.since = Date.now();
    this.deps.onState(this.cameraId, s);
  }

  /** Stops ffmpeg (it finalises and lists its last segment), indexes what is left, and records why footage stops here. */
  async stop(cause: GapCause = 'recorder-stopped', detail: string | null = null): Promise<void> {
    this.stopping = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const proc = this.proc;
    this.proc = null;
    if (proc) await proc.stop();
    // Wait for every queued task, including any that queued more work.
    let q: Promise<unknown>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
    await this.recoverUnlisted();
    const open = this.deps.store.openGapOf(this.cameraId);
    if (!open) this.openGapIfNone(cause, detail);
    this.live.stop();
    this.current = null;
    this.setState('stopped');
  }
}
