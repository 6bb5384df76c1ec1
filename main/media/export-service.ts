import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  buildClipOriginalArgs,
  buildClipPresentationArgs,
  buildConcatList,
  buildStillArgs,
  snapToKeyframe,
  type ProcessOwner,
} from '../../native/index.js';
import { ApiFailure } from '../api/api-failure.js';
import type { ExportJob } from '../api/contract/media-routes.js';
import type { ServerEvent } from '../api/contract.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { CameraService } from '../cameras/camera-service.js';
import type { ExportFileRow, ExportRow, MediaExportsStore } from '../store/media-exports-store.js';
import type { MediaLocksStore } from '../store/media-locks-store.js';
import type { RecordingsStore, SegmentRow } from '../store/recordings-store.js';
import { exportFileName } from './export-names.js';
import { sha256File } from './file-hash.js';
import type { MediaLibrary } from './media-library.js';

export interface ExportRequest {
  cameraId: number;
  fromMs: number;
  toMs: number;
  original: boolean;
  presentation: boolean;
  stillsMs: number[];
  reason: string;
  caseReference: string | null;
}

/** Segments further apart than this are not one continuous recording. */
const CONTIGUOUS_MS = 1000;

/**
 * Clip and still exports, one job at a time (exports re-encode; the
 * recorders must keep their CPU).
 *
 * - ORIGINAL: the covering segments stream-copied through the concat
 *   demuxer, starting at the keyframe at or before the in mark (nothing is
 *   decoded, so it cannot start elsewhere), ending at the out mark,
 *   +faststart. Its true start is reported (originalStartMs).
 * - PRESENTATION: cut frame-accurately from the original (first frame = the
 *   frame shown at the in mark), re-encoded with camera, location, UK date
 *   and time and frame counter burned in.
 * - STILLS: PNG at full resolution of the frame shown at each time,
 *   selected by frame index in its segment (exact).
 *
 * A range containing a gap is refused: a clip that silently joins footage
 * across an outage would misrepresent time. Every file is hashed; the
 * exported range is evidence-locked.
 */
export class ExportService {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly exports: MediaExportsStore,
    private readonly locks: MediaLocksStore,
    private readonly store: RecordingsStore,
    private readonly library: MediaLibrary,
    private readonly cameras: CameraService | null,
    private readonly owner: ProcessOwner,
    private readonly ffmpegPath: () => string,
    private readonly absolute: (rel: string) => string,
    private readonly exportsRoot: string,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly publish: (e: ServerEvent) => void,
  ) {}

  dirOf(jobId: string): string {
    return path.join(this.exportsRoot, jobId);
  }

  toJob(row: ExportRow): ExportJob {
    return {
      id: row.id,
      cameraId: row.cameraId,
      fromMs: row.fromMs,
      toMs: row.toMs,
      state: row.state,
      fraction: row.fraction,
      files: row.files.map((f) => ({ ...f, url: `/media/exports/${row.id}/${f.name}` })),
      lockId: row.lockId,
      error: row.error,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
      originalStartMs: row.originalStartMs,
    };
  }

  /** Checks the range now (so the officer hears at once), then queues the job. */
  create(req: ExportRequest, actor: Actor): ExportRow {
    const segs = this.covering(req.cameraId, req.fromMs, req.toMs);
    for (const t of req.stillsMs) {
      if (t < req.fromMs || t > req.toMs) throw new ApiFailure(400, 'invalid-request', `still at ${new Date(t).toISOString()} is outside the in/out marks`);
    }
    const id = `exp-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(5).toString('hex')}`;
    const row = this.exports.create({ id, cameraId: req.cameraId, fromMs: req.fromMs, toMs: req.toMs, request: req, createdBy: actor.name, createdAt: Date.now() });
    this.audit.record(actor, 'media.export.create', `export:${id}`, { cameraId: req.cameraId, fromMs: req.fromMs, toMs: req.toMs, original: req.original, presentation: req.presentation, stills: req.stillsMs.length, reason: req.reason, caseReference: req.caseReference, segments: segs.map((s) => s.id) });
    this.queue = this.queue.then(() => this.run(id, req, actor)).catch(() => undefined);
    return row;
  }

  /** Resolves when every queued job has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Complete, present segments covering [from, to] with no gap between them. */
  covering(cameraId: number, fromMs: number, toMs: number): SegmentRow[] {
    const segs = this.store.segmentsBetween(cameraId, fromMs, toMs).filter((s) => this.library.checkPresent(s));
    if (segs.length === 0) throw new ApiFailure(404, 'no-recording', `camera ${cameraId} has no recording between ${new Date(fromMs).toISOString()} and ${new Date(toMs).toISOString()}`);
    const holes: Array<{ fromMs: number; toMs: number }> = [];
    if (segs[0]!.startMs > fromMs + CONTIGUOUS_MS) holes.push({ fromMs, toMs: segs[0]!.startMs });
    for (let i = 1; i < segs.length; i++) {
      if (segs[i]!.startMs - segs[i - 1]!.endMs > CONTIGUOUS_MS) holes.push({ fromMs: segs[i - 1]!.endMs, toMs: segs[i]!.startMs });
    }
    if (segs[segs.length - 1]!.endMs < toMs - CONTIGUOUS_MS) holes.push({ fromMs: segs[segs.length - 1]!.endMs, toMs });
    if (holes.length > 0) {
      throw new ApiFailure(409, 'gap-in-range', 'the marks span a gap in the recording; export each continuous part separately', { gaps: holes });
    }
    return segs;
  }

  private progress(id: string, fraction: number): void {
    const f = Math.max(0, Math.min(1, Math.round(fraction * 1000) / 1000));
    this.exports.update(id, { fraction: f });
    this.publish({ type: 'export-progress', jobId: id, fraction: f, at: Date.now() });
  }

  private async run(id: string, req: ExportRequest, actor: Actor): Promise<void> {
    const dir = this.dirOf(id);
    try {
      this.exports.update(id, { state: 'running' });
      this.progress(id, 0);
      mkdirSync(dir, { recursive: true });
      const segs = this.covering(req.cameraId, req.fromMs, req.toMs);
      const camera = this.cameras?.get(req.cameraId);
      const cameraName = camera?.name ?? `camera-${req.cameraId}`;
      const location = camera?.locationDescription || 'location not recorded';
      const files: ExportFileRow[] = [];
      const taken = new Set<string>();
      const addFile = async (kind: ExportFileRow['kind'], name: string): Promise<void> => {
        const abs = path.join(dir, name);
        files.push({ kind, name, bytes: statSync(abs).size, sha256: await sha256File(abs) });
        taken.add(name);
      };
      const steps = (req.original || req.presentation ? 1 : 0) + (req.presentation ? 1 : 0) + req.stillsMs.length;
      let done = 0;
      const stepProgress = (within: number): void => this.progress(id, (done + within) / Math.max(1, steps));

      // 1. The original: concat list, first entry's inpoint snapped to a keyframe.
      let originalPath: string | null = null;
      let originalStartMs: number | null = null;
      if (req.original || req.presentation) {
        const first = segs[0]!;
        const last = segs[segs.length - 1]!;
        const inS = snapToKeyframe(first.keyframes.length ? first.keyframes : [0], Math.max(0, (req.fromMs - first.startMs) / 1000));
        originalStartMs = first.startMs + Math.round(inS * 1000);
        const entries = segs.map((s, i) => ({
          path: this.absolute(s.path),
          ...(i === 0 && inS > 0 ? { inpointS: inS } : {}),
          ...(s === last && req.toMs < s.endMs ? { outpointS: Math.max((i === 0 ? inS : 0) + 0.001, (req.toMs - s.startMs) / 1000) } : {}),
        }));
        const listPath = path.join(dir, '.concat.txt');
        writeFileSync(listPath, buildConcatList(entries));
        const name = exportFileName(cameraName, originalStartMs, 'original', 'mp4', taken);
        originalPath = path.join(dir, req.original ? name : '.original-work.mp4');
        const durS = (req.toMs - originalStartMs) / 1000;
        await this.owner.run({
          command: this.ffmpegPath(),
          args: buildClipOriginalArgs({ concatListPath: listPath, outputPath: originalPath }).args,
          timeoutMs: 30 * 60_000,
          name: 'ffmpeg clip original',
          onProgress: (p) => stepProgress(durS > 0 && p.outTimeS !== null ? p.outTimeS / durS : 0),
        });
        rmSync(listPath, { force: true });
        if (req.original) await addFile('original', name);
        done++;
        this.exports.update(id, { originalStartMs });
      }

      // 2. The presentation copy, frame-accurate from the frame shown at the in mark.
      if (req.presentation && originalPath && originalStartMs !== null) {
        const { frame } = await this.library.frameLookup(req.cameraId, req.fromMs);
        const startS = Math.max(0, (frame.frameMs - originalStartMs) / 1000 - 0.001);
        const durationS = Math.max(0.04, (req.toMs - frame.frameMs) / 1000);
        const name = exportFileName(cameraName, frame.frameMs, 'presentation', 'mp4', taken);
        await this.owner.run({
          command: this.ffmpegPath(),
          args: buildClipPresentationArgs({
            input: { file: originalPath }, outputPath: path.join(dir, name), startS, durationS,
            startUtcMs: frame.frameMs, camera: cameraName, location, preset: 'veryfast',
          }).args,
          timeoutMs: 60 * 60_000,
          name: 'ffmpeg clip presentation',
          onProgress: (p) => stepProgress(p.outTimeS !== null ? p.outTimeS / durationS : 0),
        });
        await addFile('presentation', name);
        done++;
      }
      if (originalPath && !req.original) rmSync(originalPath, { force: true });

      // 3. Stills: the frame shown at each time, by index in its segment.
      for (const t of req.stillsMs) {
        const { seg, frame } = await this.library.frameLookup(req.cameraId, t);
        const name = exportFileName(cameraName, frame.frameMs, 'still', 'png', taken);
        await this.owner.run({
          command: this.ffmpegPath(),
          args: buildStillArgs({ input: { file: this.absolute(seg.path) }, at: { frameIndex: frame.frameIndex }, outputPath: path.join(dir, name) }).args,
          timeoutMs: 120_000,
          name: 'ffmpeg still',
        });
        await addFile('still', name);
        done++;
        stepProgress(0);
      }

      // 4. Lock what was exported: it is evidence now.
      const lock = this.locks.create({
        cameraId: req.cameraId,
        fromMs: Math.min(originalStartMs ?? req.fromMs, req.fromMs),
        toMs: req.toMs,
        reason: `export ${id}: ${req.reason}`,
        caseReference: req.caseReference,
        createdBy: actor.name,
        createdAt: Date.now(),
      });
      this.exports.update(id, { state: 'done', files, lockId: lock.id, fraction: 1, finishedAt: Date.now() });
      this.publish({ type: 'export-progress', jobId: id, fraction: 1, at: Date.now() });
      this.audit.record(actor, 'media.export.done', `export:${id}`, { files: files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })), lockId: lock.id });
    } catch (e) {
      const message = e instanceof ApiFailure ? e.message : `export failed: ${(e as Error).message}`.slice(0, 500);
      this.log.error({ jobId: id, err: message }, 'media: export failed');
      this.exports.update(id, { state: 'failed', error: message, finishedAt: Date.now() });
      this.publish({ type: 'export-progress', jobId: id, fraction: -1, at: Date.now() });
      this.audit.record(actor, 'media.export.failed', `export:${id}`, { error: message });
    }
  }
}
