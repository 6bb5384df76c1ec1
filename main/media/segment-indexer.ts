import { statSync } from 'node:fs';
import path from 'node:path';
import type { ProcessOwner } from '../../native/index.js';
import type { RecordingsStore, SegmentRow } from '../store/recordings-store.js';
import { sha256File } from './file-hash.js';
import { fmp4InitBytes } from './mp4-boxes.js';
import { probePacketTimes } from './packet-times.js';

export interface IndexRequest {
  cameraId: number;
  absPath: string;
  startMs: number;
  /** From the segment list; when null (a file recovered after a crash) the probed duration is used. */
  endMs: number | null;
  cameraOffsetMs: number | null;
}

/**
 * Indexes one closed segment: size, init-section length, frame count and
 * keyframes (one packet-level ffprobe, no decoding), SHA-256 (computed only
 * now the file is closed, so it covers exactly what is on disk for good).
 * A file with no frames (the camera dropped before the first keyframe) is
 * deleted, not indexed: it holds no footage.
 */
export class SegmentIndexer {
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

  async index(req: IndexRequest): Promise<SegmentRow | null> {
    const rel = this.relative(req.absPath);
    if (this.store.hasPath(req.cameraId, rel)) return null;
    const bytes = statSync(req.absPath).size;
    const initBytes = bytes > 0 ? fmp4InitBytes(req.absPath) : null;
    if (initBytes === null) return null;
    const packets = await probePacketTimes(this.owner, this.ffprobePath, req.absPath);
    const frames = packets.frameTimesS.length;
    if (frames === 0) return null;
    let endMs = req.endMs;
    if (endMs === null) {
      // Recovered file: last frame time plus one frame interval.
      const last = packets.frameTimesS[frames - 1]!;
      const step = frames > 1 ? last / (frames - 1) : 0.04;
      endMs = req.startMs + Math.round((last + step) * 1000);
    }
    const sha256 = await sha256File(req.absPath);
    return this.store.insertSegment({
      cameraId: req.cameraId,
      startMs: req.startMs,
      endMs: Math.max(req.startMs, endMs),
      frameCount: frames,
      bytes,
      initBytes,
      path: rel,
      sha256,
      keyframes: packets.keyframeTimesS,
      cameraOffsetMs: req.cameraOffsetMs,
      indexedAt: Date.now(),
    });
  }
}
