import path from 'node:path';
import type { ProcessOwner } from '../../native/index.js';
import type { RecordingsStore, SegmentRow } from '../store/recordings-store.js';
import { probePacketTimes, type PacketTimes } from './packet-times.js';
import type { CutSegment } from './run-segmenter.js';
import { scanSegmentFile } from './segment-scan.js';

export interface IndexRequest {
  cameraId: number;
  absPath: string;
  startMs: number;
  /** When null (a file found on disk after a crash) the duration read from the file is used. */
  endMs: number | null;
  cameraOffsetMs: number | null;
}

/** CPU the indexer has spent in this process since it was made (the recorder's cost beyond its ffmpeg). */
export interface IndexingCpu {
  /** Segments read (indexed, or found empty). */
  segments: number;
  /** user + system µs measured around the indexer's own synchronous work (read, hash, box parse, insert). */
  cpuUs: number;
  /** Segments whose boxes could not be read in Node and went to ffprobe instead (its CPU is the child's, not counted here). */
  ffprobeFallbacks: number;
}

/** Every indexer in this process together: what a benchmark of the whole recorder reads. */
const processTotal: IndexingCpu = { segments: 0, cpuUs: 0, ffprobeFallbacks: 0 };

/** CPU all segment indexers of this process have spent so far (a copy). */
export function processIndexingCpu(): IndexingCpu {
  return { ...processTotal };
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Puts segments in the index. The recorder's own segments come with their
 * hash and frame times already computed (insertCut). A segment file found
 * on disk but not in the index (written just before a crash, or by an older
 * recorder) is read once (index):
 *
 * Indexes one closed segment file: size, init-section length, frame count,
 * keyframes and SHA-256, all from ONE read of the file in this process
 * (segment-scan.ts): the hash covers exactly the bytes whose frames were
 * counted, and no process is started per segment. A packet-level ffprobe
 * costs ~100 ms of CPU per segment — four times what recording the camera
 * costs — so it is kept only as the fallback for a file whose boxes the
 * reader does not understand.
 * A file with no frames (the camera dropped before the first keyframe) is
 * deleted, not indexed: it holds no footage.
 */
export class SegmentIndexer {
  private readonly cpu: IndexingCpu = { segments: 0, cpuUs: 0, ffprobeFallbacks: 0 };

  constructor(
    private readonly store: RecordingsStore,
    private readonly owner: ProcessOwner,
    private readonly ffprobePath: string,
    private readonly recordingsRoot: string,
  ) {}

  relative(absPath: string): string {
    return path.relative(this.recordingsRoot, absPath).split(path.sep).join('/');
  }

  absolute(rel: string): string {
    return path.join(this.recordingsRoot, ...rel.split('/'));
  }

  /** CPU spent indexing so far (a copy). */
  cpuUsage(): IndexingCpu {
    return { ...this.cpu };
  }

  async index(req: IndexRequest): Promise<SegmentRow | null> {
    const rel = this.relative(req.absPath);
    if (this.store.hasPath(req.cameraId, rel)) return null;
    const scan = await scanSegmentFile(req.absPath);
    this.count('segments', 1);
    this.count('cpuUs', scan.cpuUs);
    if (scan.bytes === 0 || scan.initBytes === null) return null;
    let packets: PacketTimes;
    if (scan.packets) packets = scan.packets;
    else {
      this.count('ffprobeFallbacks', 1);
      packets = await probePacketTimes(this.owner, this.ffprobePath, req.absPath);
    }
    const c0 = cpuNow();
    try {
      const frames = packets.frameTimesS.length;
      if (frames === 0) return null;
      let endMs = req.endMs;
      if (endMs === null) {
        // Recovered file: last frame time plus one frame interval.
        const last = packets.frameTimesS[frames - 1]!;
        const step = frames > 1 ? last / (frames - 1) : 0.04;
        endMs = req.startMs + Math.round((last + step) * 1000);
      }
      return this.store.insertSegment({
        cameraId: req.cameraId,
        startMs: req.startMs,
        endMs: Math.max(req.startMs, endMs),
        frameCount: frames,
        bytes: scan.bytes,
        initBytes: scan.initBytes,
        path: rel,
        sha256: scan.sha256,
        keyframes: packets.keyframeTimesS,
        cameraOffsetMs: req.cameraOffsetMs,
        indexedAt: Date.now(),
      });
    } finally {
      this.count('cpuUs', cpuNow() - c0);
    }
  }

  /**
   * Indexes a segment the recorder cut from its run and has just written
   * (run-segmenter.ts): size, hash and frame times were computed from the
   * very bytes written, so nothing is read back. Null when the file is
   * already indexed or holds no frame.
   */
  insertCut(req: { cameraId: number; absPath: string; seg: CutSegment; cameraOffsetMs: number | null }): SegmentRow | null {
    const c0 = cpuNow();
    try {
      const rel = this.relative(req.absPath);
      const { seg } = req;
      this.count('segments', 1);
      if (seg.packets.frameTimesS.length === 0) return null;
      return this.store.insertSegmentIfNew({
        cameraId: req.cameraId,
        startMs: seg.startMs,
        endMs: Math.max(seg.startMs, seg.endMs),
        frameCount: seg.packets.frameTimesS.length,
        bytes: seg.bytes,
        initBytes: seg.initBytes,
        path: rel,
        sha256: seg.sha256,
        keyframes: seg.packets.keyframeTimesS,
        cameraOffsetMs: req.cameraOffsetMs,
        indexedAt: Date.now(),
      });
    } finally {
      this.count('cpuUs', cpuNow() - c0);
    }
  }

  private count(what: keyof IndexingCpu, n: number): void {
    this.cpu[what] += n;
    processTotal[what] += n;
  }
}
