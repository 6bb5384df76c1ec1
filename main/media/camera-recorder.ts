import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { buildRecorderArgs, LogRateLimiter, type FfmpegInvocation, type ProcessOwner, type SupervisedProcess } from '../../native/index.js';
import { removePidFile, stopStaleProcesses, writePidFile } from '../../native/stale-process.js';
import type { GapCause, RecorderState } from '../api/contract/media-routes.js';
import type { RecordingsStore, GapRow, SegmentRow } from '../store/recordings-store.js';
import { gapCauseOf, maskCredentials } from './gap-cause.js';
import { Fmp4StreamSplitter, type Fmp4Fragment, type Fmp4Init } from './fmp4-stream.js';
import { LiveFeed } from './live-feed.js';
import { SegmentFileWriter } from './segment-file-writer.js';
import { SEGMENT_PREFIX, segmentFileName, segmentStartFromFileName } from './segment-names.js';
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

/**
 * Crash safety (issue 8 item 8): the pid (+ start time) of this camera's
 * ffmpeg, so a core restarted after a SIGKILL can end the recorder the dead
 * core left running (see native/stale-process.ts) before starting its own.
 */
const PID_FILE = 'recorder.pid';
/**
 * Crash safety: set in the recorder ffmpeg's environment, naming the folder
 * it records into, so a stale one can be told apart from any other ffmpeg
 * (its arguments carry no path: it writes to a pipe).
 */
const MARKER_ENV = 'CCTV_RECORDING_INTO';
/** After a failed write (disk full, folder gone), how long before the next fragment tries a new file. */
const WRITE_RETRY_MS = 2000;

/** One ffmpeg run: its stream, its init section, the file being written. */
interface RecorderRun {
  splitter: Fmp4StreamSplitter;
  init: Fmp4Init | null;
  writer: SegmentFileWriter | null;
  /** The stream could not be read: the rest of this run is ignored until ffmpeg is restarted. */
  broken: boolean;
}

/**
 * One camera's recorder: a supervised ffmpeg (RTSP → stream-copied
 * fragmented MP4 on its stdout, see native/ffmpeg-args/recorder.ts), cut
 * here into segment files at keyframes, each hashed and indexed as it is
 * written; the same fragments feed live view from memory; the gaps between
 * recordings are stored with their cause.
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
  private run: RecorderRun | null = null;
  /** Segment files closed but not yet in the index (the crash recovery must leave them to their own indexing). */
  private readonly closing = new Set<string>();
  private writeRetryAt = 0;
  private writeFailing = false;
  readonly live = new LiveFeed();
  readonly cameraDir: string;
  /** Crash safety: where this camera's ffmpeg pid is kept while it runs. */
  readonly pidFile: string;

  constructor(
    private source: RecorderSource,
    private readonly deps: CameraRecorderDeps,
  ) {
    this.cameraDir = path.join(deps.recordingsRoot, String(source.cameraId));
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
    // Crash safety: a core killed with SIGKILL does not take its ffmpeg with
    // it (own process group, no exit hook ran). One that is streaming dies at
    // its next write (EPIPE); one still waiting on its camera would hold an
    // RTSP session the camera may not have to spare. End it before ours
    // starts. What the dead core was writing is indexed below.
    this.stopStaleRecorder();
    // Files a crash left unindexed are still playable (fragmented): index them
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
    return buildRecorderArgs({ url: this.source.rtspUrl, transport: this.source.transport, ioTimeoutS: 5 });
  }

  /** Crash safety: what this camera's recorder carries in its environment, and only it (identifies a stale one). */
  private marker(): string {
    return `${MARKER_ENV}=${this.cameraDir}${path.sep}${SEGMENT_PREFIX}`;
  }

  /** Crash safety: ends a recorder ffmpeg a previous (crashed) core left running for this camera. */
  private stopStaleRecorder(): void {
    try {
      for (const r of stopStaleProcesses({ pidFile: this.pidFile, marker: this.marker(), program: path.basename(this.deps.ffmpegPath).replace(/\.exe$/i, '') || 'ffmpeg' })) {
        if (r.kind === 'killed') this.deps.log.warn({ cameraId: this.cameraId, pid: r.pid, found: r.how }, 'ended a recorder left running by a core that stopped without shutting down');
        else if (r.kind !== 'none') this.deps.log.info({ cameraId: this.cameraId, pid: r.pid, why: r.why }, 'recorder pid file names a process that is not ours; left alone');
      }
    } catch (e) {
      this.deps.log.warn({ cameraId: this.cameraId, err: (e as Error).message }, 'could not check for a stale recorder');
    }
  }

  private spawn(): void {
    const inv = this.invocation();
    const marker = this.marker();
    const proc = this.deps.owner.supervise({
      name: `recorder camera ${this.cameraId}`,
      command: this.deps.ffmpegPath,
      args: () => {
        // Stream time restarts at 0 in each new ffmpeg: so does the anchor.
        this.clock.reset();
        this.beginRun();
        this.spawnedAt = Date.now();
        this.lastProgressAt = this.spawnedAt;
        this.stderrTail.length = 0;
        return inv.args;
      },
      env: { ...inv.env, [MARKER_ENV]: marker.slice(MARKER_ENV.length + 1) },
      stopMethod: 'q',
      stopTimeoutMs: 6000,
      backoff: { minMs: 500, maxMs: 4000, factor: 2, jitter: 0.3, resetAfterMs: 30_000 },
      // The supervisor's own stderr logging would print camera URLs with
      // credentials; this class logs masked lines instead.
      stderrLogLimit: { maxPerWindow: 0, windowMs: 60_000 },
      onStdoutData: (chunk) => this.onData(chunk),
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
      // Every byte of stdout has been taken by now: the open file is complete.
      this.endRun();
      if (info.requested) return;
      const { cause, line } = gapCauseOf(this.stderrTail);
      this.message = line ? maskCredentials(line).slice(0, 300) : `ffmpeg exited (code ${info.code ?? info.signal})`;
      // After the last segment is indexed, so the gap starts where the footage ends.
      this.enqueue(async () => {
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

  // ---- the stream ---------------------------------------------------------------

  private beginRun(): void {
    this.endRun();
    const run: RecorderRun = {
      splitter: new Fmp4StreamSplitter({
        init: (init) => {
          run.init = init;
          this.live.newRun(init.bytes);
        },
        fragment: (f) => this.onFragment(run, f),
      }),
      init: null,
      writer: null,
      broken: false,
    };
    this.run = run;
  }

  /** The run is over (ffmpeg exited or is being replaced): close its file. */
  private endRun(): void {
    const run = this.run;
    this.run = null;
    if (run?.writer) this.closeSegment(run);
  }

  /** Bytes from ffmpeg's stdout. */
  private onData(chunk: Buffer): void {
    const run = this.run;
    if (!run || run.broken) return;
    try {
      run.splitter.push(chunk);
    } catch (e) {
      // ffmpeg itself wrote something that is not fragmented MP4: never
      // write it as footage. Keep what is already written and start again.
      run.broken = true;
      const why = `the recorder's output could not be read as MP4 (${(e as Error).message})`;
      this.deps.log.error({ cameraId: this.cameraId, why }, 'recorder stream unreadable; restarting the recorder');
      this.restartProcess(why, 'invalid-data');
    }
  }

  private onFragment(run: RecorderRun, f: Fmp4Fragment): void {
    const arrival = Date.now();
    this.lastProgressAt = arrival;
    this.clock.observe(f.startS + f.durationS, arrival);
    // Cut at the first keyframe (every fragment starts at one) at or after the segment length.
    if (run.writer && f.startS - run.writer.startS >= this.deps.segmentTimeS - 1e-6) this.closeSegment(run);
    if (!run.writer && run.init && arrival >= this.writeRetryAt) run.writer = this.openSegment(run.init, f);
    if (run.writer) {
      try {
        run.writer.append(f);
        if (this.writeFailing) {
          this.writeFailing = false;
          this.message = null;
          this.deps.log.info({ cameraId: this.cameraId }, 'recordings are being written again');
        }
        this.setState('recording');
      } catch (e) {
        this.onWriteError(run, e as NodeJS.ErrnoException);
      }
    }
    this.live.add(f.moof, f.mdat, f.durationS, this.clock.wallMs(f.startS) ?? arrival);
  }

  /** A new segment file starting with fragment `f`; null (and the failure handled) when it cannot be created. */
  private openSegment(init: Fmp4Init, f: Fmp4Fragment): SegmentFileWriter | null {
    const startMs = this.clock.wallMs(f.startS) ?? Date.now();
    try {
      // Recreated if someone removed it: footage must not stop for a folder.
      mkdirSync(this.cameraDir, { recursive: true });
      // Names are the start second; two starts in one second (a camera that
      // drops at once) take the next free second rather than overwrite.
      for (let bump = 0; ; bump++) {
        try {
          return new SegmentFileWriter(path.join(this.cameraDir, segmentFileName(startMs + bump * 1000)), init.bytes, init.video, f);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || bump >= 5) throw e;
        }
      }
    } catch (e) {
      this.onWriteError(null, e as NodeJS.ErrnoException);
      return null;
    }
  }

  /** Closes the run's file and indexes it from what was learnt while writing it. */
  private closeSegment(run: RecorderRun): void {
    const w = run.writer;
    if (!w) return;
    run.writer = null;
    const startMs = this.clock.wallMs(w.startS) ?? Date.now();
    const endMs = this.clock.wallMs(w.endStreamS) ?? startMs;
    const offset = this.deps.cameraOffsetMs(this.cameraId);
    this.closing.add(w.absPath);
    this.enqueue(async () => {
      try {
        const scan = await w.finish().catch((e: unknown) => {
          this.deps.log.warn({ cameraId: this.cameraId, file: path.basename(w.absPath), err: (e as Error).message }, 'could not flush a segment to disk; indexing what was written');
          return w.finishNow();
        });
        const row = await this.deps.indexer.indexScanned({ cameraId: this.cameraId, absPath: w.absPath, startMs, endMs, cameraOffsetMs: offset }, scan);
        if (row) this.onIndexed(row);
        else this.discardEmpty(w.absPath);
      } finally {
        this.closing.delete(w.absPath);
      }
    });
  }

  /**
   * Writing failed (disk full, folder unwritable): keep what the file holds,
   * record a gap with the cause from now, make room if the disk is full, and
   * try a new file after WRITE_RETRY_MS. ffmpeg keeps running, so recording
   * resumes with the first keyframe after the disk has room again.
   */
  private onWriteError(run: RecorderRun | null, e: NodeJS.ErrnoException): void {
    if (run) this.closeSegment(run);
    this.writeRetryAt = Date.now() + WRITE_RETRY_MS;
    const cause: GapCause = e.code === 'ENOSPC' || e.code === 'EDQUOT' ? 'disk-full' : 'unknown';
    const why = cause === 'disk-full' ? `the disk is full: recordings cannot be written to ${this.cameraDir}` : `recordings cannot be written to ${this.cameraDir}: ${e.message}`;
    if (!this.writeFailing) {
      this.writeFailing = true;
      this.deps.log.error({ cameraId: this.cameraId, code: e.code, err: e.message }, 'recorder cannot write; footage is lost until it can');
      this.enqueue(async () => {
        this.openGapIfNone(cause, why);
      });
    }
    this.message = why;
    this.setState('failed');
    if (cause === 'disk-full') this.deps.onDiskFull();
  }

  private onIndexed(row: SegmentRow): void {
    // The gap ends where the first footage after it begins.
    this.deps.store.closeGap(this.cameraId, row.startMs);
    this.lastSegmentEndMs = Math.max(this.lastSegmentEndMs ?? 0, row.endMs);
    if (!this.writeFailing) this.message = null;
  }

  private discardEmpty(abs: string): void {
    try {
      const rel = this.deps.indexer.relative(abs);
      if (!this.deps.store.hasPath(this.cameraId, rel) && statSync(abs).size < 4096) rmSync(abs, { force: true });
    } catch {
      /* already gone */
    }
  }

  /** Indexes segment files on disk that were never indexed (the core was killed while writing them). */
  private async recoverUnlisted(): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(this.cameraDir).filter((n) => n.startsWith(SEGMENT_PREFIX) && n.endsWith('.mp4')).sort();
    } catch {
      return;
    }
    // Only names after the newest indexed one can be unindexed (names sort by time).
    const last = this.deps.store.lastSegment(this.cameraId);
    const after = last ? path.basename(last.path) : '';
    for (const name of names) {
      if (name <= after) continue;
      const abs = path.join(this.cameraDir, name);
      // The file being written now, and those closed and queued for indexing, are not ours to read back.
      if (abs === this.run?.writer?.absPath || this.closing.has(abs)) continue;
      const startMs = segmentStartFromFileName(name);
      if (startMs === null) continue;
      try {
        const row = await this.deps.indexer.index({ cameraId: this.cameraId, absPath: abs, startMs, endMs: null, cameraOffsetMs: this.deps.cameraOffsetMs(this.cameraId) });
        if (row) this.onIndexed(row);
        else this.discardEmpty(abs);
      } catch (e) {
        this.deps.log.warn({ cameraId: this.cameraId, file: name, err: (e as Error).message }, 'could not index a recovered segment');
      }
    }
  }

  private checkStall(): void {
    if (!this.proc || this.stopping) return;
    const now = Date.now();
    const stallMs = this.deps.stallMs ?? Math.max(20_000, this.deps.segmentTimeS * 3000);
    if (this.proc.state === 'running' && now - this.lastProgressAt > stallMs) {
      const { cause, line } = gapCauseOf(this.stderrTail);
      const why = line ?? `no data from the camera for ${Math.round((now - this.lastProgressAt) / 1000)} s`;
      this.deps.log.warn({ cameraId: this.cameraId, why }, 'recorder stalled; restarting it');
      this.restartProcess(why, cause === 'stream-ended' && !line ? 'timeout' : cause);
    }
  }

  /** Ends this ffmpeg and starts a new one, with a gap for the time between. */
  private restartProcess(why: string, cause: GapCause): void {
    const old = this.proc;
    if (!old) return;
    this.message = why;
    this.proc = null;
    this.enqueue(async () => {
      await old.stop();
      this.endRun();
      await this.recoverUnlisted();
      this.openGapIfNone(cause, why);
      if (!this.stopping) {
        this.restarts++;
        this.spawn();
      }
    });
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

  /** Stops ffmpeg (the file being written is closed and indexed), indexes what is left, and records why footage stops here. */
  async stop(cause: GapCause = 'recorder-stopped', detail: string | null = null): Promise<void> {
    this.stopping = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const proc = this.proc;
    this.proc = null;
    if (proc) await proc.stop();
    this.endRun();
    // Wait for every queued task, including any that queued more work.
    let q: Promise<unknown>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
    await this.recoverUnlisted();
    const open = this.deps.store.openGapOf(this.cameraId);
    if (!open) this.openGapIfNone(cause, detail);
    this.live.clear();
    this.setState('stopped');
  }
}
