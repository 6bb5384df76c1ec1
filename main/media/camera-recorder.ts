import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writevSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { buildRecorderArgs, LogRateLimiter, type ProcessOwner, type SupervisedProcess } from '../../native/index.js';
import { removePidFile, stopStaleProcesses, writePidFile } from '../../native/stale-process.js';
import type { GapCause, RecorderState } from '../api/contract/media-routes.js';
import type { GapRow, RecordingsStore, SegmentRow } from '../store/recordings-store.js';
import { gapCauseOf, maskCredentials } from './gap-cause.js';
import { LiveTail } from './live-tail.js';
import { RecorderRun } from './recorder-run.js';
import { PARTIAL_SUFFIX, RUN_PREFIX, runFileName, runStartFromFileName, SEGMENT_PREFIX, segmentFileName, segmentStartFromFileName } from './recording-files.js';
import type { RunSegmenterOptions, SegmentWriter } from './run-segmenter.js';
import type { SegmentIndexer } from './segment-indexer.js';
import { nextOnGrid } from './tick-grid.js';

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
  /**
   * A run (one ffmpeg's file) is handed over to a fresh ffmpeg after this
   * long, so no run file grows without end (default one hour). The two
   * overlap until the new one records, and the cut is made at a keyframe
   * both have: no frame is lost or recorded twice.
   */
  runMaxS?: number;
  /** Camera clock minus workstation clock, ms, as last read (null if never). */
  cameraOffsetMs: (cameraId: number) => number | null;
  onState: (cameraId: number, state: RecorderState) => void;
  /** Called when ffmpeg reports the disk is full, or a segment cannot be written: make room now. */
  onDiskFull: () => void;
  /** No new footage for this long while running means a stalled stream: restart. */
  stallMs?: number;
}

/**
 * Crash safety (issue 8 item 8): the pid (+ start time) of this camera's
 * ffmpeg, so a core restarted after a SIGKILL can end the recorder the dead
 * core left running (see native/stale-process.ts) before starting its own.
 */
const PID_FILE = 'recorder.pid';
/**
 * While a camera is being recorded its run file is read every five
 * seconds: each read costs a wake-up and a few system calls whatever it
 * finds, and a segment is closed at the read that brings its last fragment
 * (run-segmenter.ts), so a 10 s segment is in the index a few seconds after
 * it ends (POLL_PHASE_MS). Nothing waits on it sooner (live view has its own
 * pace, below), and a crash loses nothing: the run file is cut when the
 * core comes back.
 *
 * Not every ten seconds, though that halves the reads: measured with four
 * cameras, reading 10 s of each at once made V8 promote three times as much
 * to the old generation per scavenge (--trace-gc-nvp), and the old
 * generation then needed a full mark-compact about every 40 s instead of
 * every few minutes, which doubled the core's CPU. Five seconds keeps each
 * round's garbage young…
 */
export const POLL_MS = 5000;
/** …every second while it starts, reconnects or hands over to a new run (so "recording" shows promptly)… */
export const BUSY_POLL_MS = 1000;
/** …and every 150 ms while someone watches the camera live. */
export const LIVE_POLL_MS = 150;
/**
 * Reads fall this long after each multiple of their interval on the clock:
 * segments are cut at multiples of their length on the UTC clock, and the
 * fragment that ends one (written by ffmpeg when the first keyframe on or
 * after the boundary arrives: within 1–2 s from most cameras) is then
 * already on disk.
 */
const POLL_PHASE_MS = 2500;

/** One ffmpeg of this recorder and the run it is writing now (a new run file each time the supervisor starts it). */
interface Session {
  proc: SupervisedProcess;
  run: RecorderRun | null;
  pid: number | null;
}

/**
 * One camera's recorder: a supervised ffmpeg (RTSP → one stream-copied
 * fragmented MP4 per run, see native/ffmpeg-args/recorder.ts), the run file
 * read every few seconds and cut into 10 s segments which are written and
 * indexed at once (run-segmenter.ts), the gaps between recordings stored
 * with their cause, and live view fed from the same reads (live-tail.ts).
 *
 * Reconnect: backoff from 0.5 s capped at 4 s, so a camera that comes back
 * is being recorded again within ~4 s plus its first keyframe (the issue asks
 * for 10 s). Gaps are opened after the run before them is finished, so a
 * gap always starts where the footage ends.
 */
export class CameraRecorder {
  private session: Session | null = null;
  /** A run handing over to `session` (rotation): still polled until the new one records. */
  private previous: Session | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private state: RecorderState = 'stopped';
  private since = Date.now();
  private lastSegmentEndMs: number | null = null;
  private lastProgressAt = 0;
  private message: string | null = null;
  private readonly stderrTail: string[] = [];
  private readonly logLimiter = new LogRateLimiter(10, 30_000);
  private lastTickAt = 0;
  private restarts = 0;
  private stopping = false;
  private recovering = false;
  readonly cameraDir: string;
  readonly live: LiveTail;
  /** Crash safety: where this camera's ffmpeg pid is kept while it runs. */
  readonly pidFile: string;
  /** Crash safety: one argument every run of this camera's ffmpeg carries (identifies a stale one). */
  readonly marker: string;

  constructor(
    private source: RecorderSource,
    private readonly deps: CameraRecorderDeps,
  ) {
    this.cameraDir = path.join(deps.recordingsRoot, String(source.cameraId));
    this.live = new LiveTail((n) => this.session?.run?.segmenter.recent(n) ?? null);
    this.pidFile = path.join(this.cameraDir, PID_FILE);
    this.marker = `recorder=${this.cameraDir}`;
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
    if (this.session) return;
    this.stopping = false;
    mkdirSync(this.cameraDir, { recursive: true });
    // Crash safety: a core killed with SIGKILL leaves its ffmpeg recording
    // (own process group, no exit hook ran). End it before ours starts so two
    // never write this folder; what it recorded meanwhile is recovered below.
    this.stopStaleRecorder();
    // What a crash left on disk goes into the index first, THEN the gap is
    // opened, so it starts where the recovered footage ends.
    // The new run is not read until then (its footage comes after).
    this.recovering = true;
    this.recoverLeftovers();
    this.enqueue(async () => {
      try {
        this.openGapIfNone('recorder-stopped', 'recorder starting');
      } finally {
        this.recovering = false;
      }
    });
    this.session = this.spawn();
  }

  /** Crash safety: ends a recorder ffmpeg a previous (crashed) core left running for this camera. */
  private stopStaleRecorder(): void {
    try {
      for (const r of stopStaleProcesses({ pidFile: this.pidFile, marker: this.marker, program: path.basename(this.deps.ffmpegPath).replace(/\.exe$/i, '') || 'ffmpeg' })) {
        if (r.kind === 'killed') this.deps.log.warn({ cameraId: this.cameraId, pid: r.pid, found: r.how }, 'ended a recorder left running by a core that stopped without shutting down');
        else if (r.kind !== 'none') this.deps.log.info({ cameraId: this.cameraId, pid: r.pid, why: r.why }, 'recorder pid file names a process that is not ours; left alone');
      }
    } catch (e) {
      this.deps.log.warn({ cameraId: this.cameraId, err: (e as Error).message }, 'could not check for a stale recorder');
    }
  }

  private segmenterOptions(): RunSegmenterOptions {
    return {
      segmentTimeS: this.deps.segmentTimeS,
      writer: this.segmentWriter(),
      onFragment: (f, init) => this.live.offer(f, init),
    };
  }

  /**
   * Writes each segment as it is cut: `seg-<start>.mp4.part`, appended at
   * every read, renamed to its final name and indexed once whole (the bytes
   * hashed are the bytes written). A segment that cannot be written (the
   * disk is full) is dropped, recorded as a gap with that cause, and
   * retention is asked to make room; the next segment is tried afresh.
   */
  private segmentWriter(): SegmentWriter {
    let fd: number | null = null;
    let partial = '';
    let failed: string | null = null;
    let failedCode: string | undefined;
    const fail = (e: unknown): void => {
      if (failed === null) {
        failed = (e as Error).message;
        failedCode = (e as NodeJS.ErrnoException).code;
      }
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch {
          /* already closed */
        }
      }
      fd = null;
    };
    return {
      begin: (startMs) => {
        failed = null;
        failedCode = undefined;
        partial = path.join(this.cameraDir, segmentFileName(startMs) + PARTIAL_SUFFIX);
        try {
          fd = openSync(partial, 'w');
        } catch (e) {
          fail(e);
        }
      },
      write: (parts) => {
        if (fd === null) return;
        try {
          writevSync(fd, parts as Buffer[]);
        } catch (e) {
          fail(e);
        }
      },
      end: (seg) => {
        try {
          if (failed === null && fd !== null) {
            closeSync(fd);
            fd = null;
            const abs = partial.slice(0, -PARTIAL_SUFFIX.length);
            renameSync(partial, abs);
            const row = this.deps.indexer.insertCut({ cameraId: this.cameraId, absPath: abs, seg, cameraOffsetMs: this.deps.cameraOffsetMs(this.cameraId) });
            if (row) this.onIndexed(row);
            return;
          }
        } catch (e) {
          fail(e);
        }
        rmSync(partial, { force: true });
        const full = failedCode === 'ENOSPC' || failedCode === 'EDQUOT';
        this.deps.log.error({ cameraId: this.cameraId, startMs: seg.startMs, endMs: seg.endMs, err: failed }, `recorder: a segment could not be written and is lost${full ? '; making room' : ''}`);
        this.deps.store.insertClosedGap(this.cameraId, seg.startMs, seg.endMs, full ? 'disk-full' : 'unknown', `the segment could not be written: ${failed}`);
        if (full) this.deps.onDiskFull();
      },
    };
  }

  private spawn(): Session {
    const session: Session = { proc: null as unknown as SupervisedProcess, run: null, pid: null };
    const proc = this.deps.owner.supervise({
      name: `recorder camera ${this.cameraId}`,
      command: this.deps.ffmpegPath,
      args: () => {
        // Each start of ffmpeg records into a run file of its own.
        const startedMs = Date.now();
        const file = path.join(this.cameraDir, runFileName(startedMs));
        session.run = new RecorderRun(file, startedMs, this.segmenterOptions(), this.deps.log.child({ cameraId: this.cameraId }));
        // Footage the index already has (the run this one takes over from) is not cut twice.
        session.run.segmenter.skipBeforeMs = this.lastSegmentEndMs ?? -Infinity;
        this.lastProgressAt = startedMs;
        this.stderrTail.length = 0;
        return buildRecorderArgs({ url: this.source.rtspUrl, transport: this.source.transport, outputFile: file, tag: this.cameraDir, ioTimeoutS: 5 }).args;
      },
      stopMethod: 'q',
      stopTimeoutMs: 6000,
      backoff: { minMs: 500, maxMs: 4000, factor: 2, jitter: 0.3, resetAfterMs: 30_000 },
      // The supervisor's own stderr logging would print camera URLs with
      // credentials; this class logs masked lines instead.
      stderrLogLimit: { maxPerWindow: 0, windowMs: 60_000 },
    });
    session.proc = proc;
    proc.on('stderr-line', (line) => this.onStderr(line));
    proc.on('state', (to) => {
      if (session !== this.session) return;
      // A run taking over (hand-over) starts while the camera is being recorded: nothing to report.
      if (to === 'running') {
        if (!this.previous) this.setState('starting');
      }
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
    proc.on('spawn', (pid) => {
      session.pid = pid;
      try {
        writePidFile(this.pidFile, pid, this.marker);
      } catch (e) {
        this.deps.log.warn({ cameraId: this.cameraId, err: (e as Error).message }, 'could not write the recorder pid file');
      }
    });
    proc.on('exit', (info) => {
      if (session.pid !== null) removePidFile(this.pidFile, session.pid);
      session.pid = null;
      // Its file is complete: cut the rest, delete it.
      const run = session.run;
      session.run = null;
      if (run) this.finishRun(run);
      if (info.requested || session !== this.session) return;
      const { cause, line } = gapCauseOf(this.stderrTail);
      this.message = line ? maskCredentials(line).slice(0, 300) : `ffmpeg exited (code ${info.code ?? info.signal})`;
      if (cause === 'disk-full') this.deps.onDiskFull();
      this.openGapIfNone(cause, this.message);
      this.deps.store.updateOpenGapCause(this.cameraId, cause, this.message);
    });
    proc.start();
    return session;
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

  /**
   * Reads the run file (RecorderManager calls this for every recorder about
   * every five seconds (POLL_MS), in one transaction, and every 150 ms for a camera someone
   * watches live): new fragments are cut into segments, the stall watchdog
   * and the hand-over between runs are checked.
   */
  tick(now = Date.now()): void {
    if (this.recovering || this.stopping) return;
    this.lastTickAt = now;
    try {
      this.poll(now);
    } catch (e) {
      this.deps.log.error({ cameraId: this.cameraId, err: maskCredentials((e as Error).message) }, 'recorder: reading the recording failed');
    }
  }

  /** When this recorder should next be ticked (epoch ms). */
  nextTickAt(): number {
    const every = this.live.active ? LIVE_POLL_MS : this.state !== 'recording' || this.previous ? BUSY_POLL_MS : POLL_MS;
    // On one grid for every recorder (tick-grid.ts): one wake-up and one transaction for all cameras.
    return nextOnGrid(this.lastTickAt, every, POLL_PHASE_MS);
  }

  private poll(now: number): void {
    const s = this.session;
    if (this.previous?.run) this.previous.run.poll();
    if (s?.run?.poll()) {
      this.lastProgressAt = now;
      if (this.state === 'starting' || this.state === 'reconnecting') this.setState('recording');
    }
    this.handOver(now);
    if (s?.run?.broken) this.restartSession(s, `the recording is not readable (${s.run.broken})`, 'unknown', true);
    else this.checkStall(now);
  }

  /**
   * Rotation: once a run is `runMaxS` old a second ffmpeg is started; when
   * its first fragment is in, the old run ends at that fragment's time (its
   * own copy of that keyframe interval is dropped) and the old ffmpeg is
   * stopped. Both read the same camera stream, so the cut is exact to the
   * keyframe.
   */
  private handOver(now: number): void {
    const s = this.session;
    const old = this.previous;
    if (old) {
      const first = s?.run?.segmenter.firstMs;
      if (first == null) {
        if (now - (s?.run?.startedMs ?? now) < 30_000) return;
        // The new ffmpeg records nothing: keep the old one and try again later.
        this.deps.log.warn({ cameraId: this.cameraId }, 'recorder: the next run did not start recording within 30 s; the current one carries on');
        this.session = old;
        this.previous = null;
        void s!.proc.stop();
        return;
      }
      const oldSeg = old.run?.segmenter;
      if (oldSeg && oldSeg.cutAtMs === null && !old.run!.broken && old.proc.state === 'running') {
        // The old run ends where the new one's first keyframe interval begins:
        // the fragment of the old run that starts there is the same one.
        oldSeg.endAt(first);
        return;
      }
      // The old run has reached the cut (or stopped): both clocks have now
      // dated the same keyframe, so the new run's clock is moved onto the
      // old one's, and the old ffmpeg is stopped.
      // (An old run that stopped before the cut left its last footage in the
      // index: the new run skips what it holds twice.)
      const seg = s!.run!.segmenter;
      seg.skipBeforeMs = Math.max(seg.skipBeforeMs, this.lastSegmentEndMs ?? -Infinity);
      seg.align(oldSeg?.cutAtMs != null ? oldSeg.cutAtMs - first : 0);
      this.previous = null;
      void old.proc.stop();
      return;
    }
    const run = s?.run;
    const runMaxS = this.deps.runMaxS ?? 3600;
    if (!s || !run || s.proc.state !== 'running' || this.stopping || run.segmenter.firstMs == null || now - run.startedMs < runMaxS * 1000) return;
    this.previous = s;
    this.session = this.spawn();
    this.session.run?.segmenter.holdForAlignment();
  }

  private finishRun(run: RecorderRun): void {
    try {
      run.finish();
    } catch (e) {
      this.deps.log.error({ cameraId: this.cameraId, file: run.path, err: (e as Error).message }, 'recorder: could not finish a run');
    }
  }

  private onIndexed(row: SegmentRow): void {
    // The gap ends where the first footage after it begins.
    this.deps.store.closeGap(this.cameraId, row.startMs);
    this.lastSegmentEndMs = Math.max(this.lastSegmentEndMs ?? 0, row.endMs);
    this.message = null;
    this.setState('recording');
  }

  /**
   * After a crash: segment files written but not yet indexed, then run
   * files no recorder is writing any more (cut from where the index ends),
   * then half-written segment files (their footage is in the runs).
   */
  private recoverLeftovers(): void {
    let names: string[];
    try {
      names = readdirSync(this.cameraDir).sort();
    } catch {
      return;
    }
    const offset = this.deps.cameraOffsetMs(this.cameraId);
    const last = this.deps.store.lastSegment(this.cameraId);
    const after = last ? path.basename(last.path) : '';
    for (const name of names) {
      if (!name.startsWith(SEGMENT_PREFIX) || !name.endsWith('.mp4') || name <= after) continue;
      const startMs = segmentStartFromFileName(name);
      if (startMs === null) continue;
      // Synchronously enough for start-up: a handful of files at most.
      this.enqueue(async () => {
        const row = await this.deps.indexer.index({ cameraId: this.cameraId, absPath: path.join(this.cameraDir, name), startMs, endMs: null, cameraOffsetMs: offset });
        if (row) this.onIndexed(row);
      });
    }
    for (const name of names) {
      if (name.endsWith(PARTIAL_SUFFIX)) rmSync(path.join(this.cameraDir, name), { force: true });
    }
    this.enqueue(async () => {
      for (const name of names) {
        const startedMs = runStartFromFileName(name);
        if (!name.startsWith(RUN_PREFIX) || startedMs === null) continue;
        const abs = path.join(this.cameraDir, name);
        try {
          const run = RecorderRun.recovered(abs, startedMs, { segmentTimeS: this.deps.segmentTimeS, writer: this.segmentWriter() }, this.deps.log.child({ cameraId: this.cameraId }));
          run.segmenter.skipBeforeMs = this.deps.store.lastSegment(this.cameraId)?.endMs ?? -Infinity;
          run.finish();
          this.deps.log.info({ cameraId: this.cameraId, file: name, fragments: run.segmenter.fragmentsSeen }, 'recovered footage a stopped recorder left in its run file');
        } catch (e) {
          this.deps.log.warn({ cameraId: this.cameraId, file: name, err: (e as Error).message }, 'could not recover a run file');
        }
      }
    });
  }

  private checkStall(now: number): void {
    const s = this.session;
    if (!s || this.stopping || s.proc.state !== 'running') return;
    // Never shorter than two reads: progress is only seen when the run file is read.
    const stallMs = Math.max(this.deps.stallMs ?? Math.max(20_000, this.deps.segmentTimeS * 3000), 2 * POLL_MS);
    if (now - this.lastProgressAt <= stallMs) return;
    const { cause, line } = gapCauseOf(this.stderrTail);
    this.restartSession(s, line ?? `no data from the camera for ${Math.round((now - this.lastProgressAt) / 1000)} s`, cause === 'stream-ended' && !line ? 'timeout' : cause, false);
  }

  /** Stops this ffmpeg (its run is finished as it exits), records the gap, starts a fresh one. */
  private restartSession(s: Session, why: string, cause: GapCause, error: boolean): void {
    this.deps.log[error ? 'error' : 'warn']({ cameraId: this.cameraId, why }, error ? 'recorder: the recording cannot be read; starting a new run' : 'recorder stalled; restarting it');
    this.message = why;
    this.session = null;
    this.enqueue(async () => {
      await s.proc.stop();
      this.openGapIfNone(cause, why);
      if (!this.stopping) {
        this.restarts++;
        this.session = this.spawn();
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

  /** Stops ffmpeg (it writes its last fragment), cuts and indexes what is left, and records why footage stops here. */
  async stop(cause: GapCause = 'recorder-stopped', detail: string | null = null): Promise<void> {
    this.stopping = true;
    const previous = this.previous;
    const current = this.session;
    this.previous = null;
    this.session = null;
    // Each exit handler finishes its run (the rest of the file cut, the file
    // deleted). Mid hand-over, the old run first: the new one then skips the
    // footage the old one already holds.
    if (previous) await previous.proc.stop();
    if (current) {
      const seg = current.run?.segmenter;
      if (previous && seg) seg.skipBeforeMs = Math.max(seg.skipBeforeMs, this.lastSegmentEndMs ?? -Infinity);
      await current.proc.stop();
    }
    let q: Promise<unknown>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
    const open = this.deps.store.openGapOf(this.cameraId);
    if (!open) this.openGapIfNone(cause, detail);
    this.live.stop();
    this.setState('stopped');
  }
}
