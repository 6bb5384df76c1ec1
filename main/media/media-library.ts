import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ProcessOwner } from '../../native/index.js';
import { ApiFailure } from '../api/api-failure.js';
import { MAX_TIMELINE_RANGE_MS, type FrameAt, type Timeline, type TimelineMark } from '../api/contract/media-routes.js';
import type { RecordingsStore, SegmentRow } from '../store/recordings-store.js';
import { toGap, toSegment } from './api-shapes.js';
import { frameAtTime, type FrameLookup } from './frame-map.js';
import { probePacketTimes, type PacketTimes } from './packet-times.js';
import { scanSegmentFile } from './segment-scan.js';
import { buildPlaybackPlaylist } from './playlist.js';
import { bucketCoverage } from './timeline.js';

/** Other features (ANPR reads, review events, health incidents) add marks to the timeline through this. */
export type TimelineMarkProvider = (cameraId: number, fromMs: number, toMs: number) => TimelineMark[];

/** Segments listed individually in a timeline reply before it only sends buckets. */
const TIMELINE_DETAIL_LIMIT = 2000;

/**
 * The read side of the recordings: playlists, the timeline, frame lookups.
 * A segment file deleted behind the app's back is found here (every read
 * checks the file is there), marked missing, recorded as a 'file-missing'
 * gap, and left out: the rest of the footage stays playable.
 */
export class MediaLibrary {
  private readonly packetCache = new Map<number, PacketTimes>();
  private readonly markProviders: TimelineMarkProvider[] = [];

  constructor(
    private readonly store: RecordingsStore,
    private readonly owner: ProcessOwner,
    private readonly ffprobePath: () => string,
    private readonly absolute: (rel: string) => string,
    private readonly log: Logger,
  ) {}

  addMarkProvider(p: TimelineMarkProvider): void {
    this.markProviders.push(p);
  }

  /** True when the segment's file is on disk; otherwise marks it missing (once) and records the gap. */
  checkPresent(seg: SegmentRow): boolean {
    if (seg.state === 'missing') return false;
    if (existsSync(this.absolute(seg.path))) return true;
    this.store.markMissing(seg.id);
    this.store.insertClosedGap(seg.cameraId, seg.startMs, seg.endMs, 'file-missing', `segment file ${seg.path} is gone (deleted outside the app)`);
    this.log.error({ cameraId: seg.cameraId, segmentId: seg.id, path: seg.path }, 'media: a recorded segment file has been deleted outside the app');
    this.packetCache.delete(seg.id);
    return false;
  }

  private range(fromMs: number, toMs: number): void {
    if (!(toMs > fromMs)) throw new ApiFailure(400, 'invalid-range', '"to" must be after "from"');
    if (toMs - fromMs > MAX_TIMELINE_RANGE_MS) throw new ApiFailure(400, 'invalid-range', 'a range may span at most 7 days');
  }

  playlist(cameraId: number, fromMs: number, toMs: number, segmentUri: (s: SegmentRow) => string): { text: string; segments: number } {
    this.range(fromMs, toMs);
    const segs = this.store.segmentsBetween(cameraId, fromMs, toMs);
    const gaps = this.store
      .gapsBetween(cameraId, fromMs, toMs)
      // Missing-file gaps come from the segments themselves (below), not twice.
      .filter((g) => g.cause !== 'file-missing')
      .map((g) => ({ id: g.id, startMs: g.startMs, endMs: g.endMs ?? Math.min(Date.now(), toMs), cause: g.cause }));
    const entries = segs.map((s) => ({ id: s.id, startMs: s.startMs, endMs: s.endMs, bytes: s.bytes, initBytes: s.initBytes, uri: segmentUri(s), present: this.checkPresent(s) }));
    return { text: buildPlaybackPlaylist(entries, gaps), segments: entries.filter((e) => e.present).length };
  }

  timeline(cameraId: number, fromMs: number, toMs: number, buckets: number): Timeline {
    this.range(fromMs, toMs);
    const count = this.store.countBetween(cameraId, fromMs, toMs);
    const segs = this.store.segmentsBetween(cameraId, fromMs, toMs);
    const gaps = this.store.gapsBetween(cameraId, fromMs, toMs);
    const now = Date.now();
    const present = segs.filter((s) => s.state === 'complete');
    const missing = segs.filter((s) => s.state === 'missing');
    const folded = bucketCoverage(
      fromMs, toMs, buckets, present,
      gaps.filter((g) => g.cause !== 'file-missing').map((g) => ({ startMs: g.startMs, endMs: g.endMs ?? now })),
      missing,
    );
    const truncated = count > TIMELINE_DETAIL_LIMIT;
    const marks = this.markProviders.flatMap((p) => {
      try {
        return p(cameraId, fromMs, toMs);
      } catch (e) {
        this.log.warn({ err: (e as Error).message }, 'media: a timeline mark provider failed');
        return [];
      }
    });
    return {
      cameraId,
      from: fromMs,
      to: toMs,
      bucketMs: folded.bucketMs,
      buckets: folded.buckets,
      segments: truncated ? [] : segs.map(toSegment),
      gaps: gaps.map(toGap),
      truncated,
      marks,
    };
  }

  /**
   * Frame times of a segment (cached): read from the fMP4 boxes in Node, as
   * the indexer does; ffprobe only for a file the box reader can't follow.
   */
  async packets(seg: SegmentRow): Promise<PacketTimes> {
    const hit = this.packetCache.get(seg.id);
    if (hit) return hit;
    const file = this.absolute(seg.path);
    const scan = await scanSegmentFile(file);
    const p = scan.packets ?? (await probePacketTimes(this.owner, this.ffprobePath(), file));
    this.packetCache.set(seg.id, p);
    if (this.packetCache.size > 256) this.packetCache.delete(this.packetCache.keys().next().value as number);
    return p;
  }

  /** The recorded segment at a time, or a 404 that says whether it is a gap and why. */
  segmentAt(cameraId: number, atMs: number): SegmentRow {
    const seg = this.store.segmentAt(cameraId, atMs);
    if (seg && this.checkPresent(seg)) return seg;
    const gap = this.store.gapsBetween(cameraId, atMs, atMs + 1)[0];
    throw new ApiFailure(404, 'no-recording', gap
      ? `camera ${cameraId} has no recording at ${new Date(atMs).toISOString()}: ${gap.cause}`
      : `camera ${cameraId} has no recording at ${new Date(atMs).toISOString()}`, gap ? { gap: toGap(gap) } : undefined);
  }

  async frameLookup(cameraId: number, atMs: number): Promise<{ seg: SegmentRow; frame: FrameLookup; packets: PacketTimes }> {
    const seg = this.segmentAt(cameraId, atMs);
    const packets = await this.packets(seg);
    // A time before the first frame of a segment (rounding at its edge) shows its first frame.
    const frame = frameAtTime(seg.startMs, packets.frameTimesS, packets.keyframeTimesS, Math.max(atMs, seg.startMs));
    if (!frame) throw new ApiFailure(404, 'no-recording', `segment ${seg.id} has no frames`);
    return { seg, frame, packets };
  }

  async frameAt(cameraId: number, atMs: number): Promise<FrameAt> {
    const { seg, frame, packets } = await this.frameLookup(cameraId, atMs);
    let { previousFrameMs, nextFrameMs } = frame;
    // Steps across segment boundaries land on the neighbouring segment's edge frame.
    if (previousFrameMs === null) {
      const prev = this.store.neighbour(cameraId, seg, 'before');
      if (prev && seg.startMs - prev.endMs < 1000) previousFrameMs = prev.endMs - 1;
    }
    if (nextFrameMs === null) {
      const next = this.store.neighbour(cameraId, seg, 'after');
      if (next && next.startMs - seg.endMs < 1000) nextFrameMs = next.startMs;
    }
    const n = packets.frameTimesS.length;
    const span = n > 1 ? packets.frameTimesS[n - 1]! : 0;
    return {
      cameraId,
      segmentId: seg.id,
      frameIndex: frame.frameIndex,
      frameCount: n,
      frameMs: frame.frameMs,
      cameraMs: seg.cameraOffsetMs === null ? null : frame.frameMs + seg.cameraOffsetMs,
      mediaTimeS: frame.mediaTimeS,
      previousFrameMs,
      nextFrameMs,
      keyframe: frame.keyframe,
      fps: n > 1 && span > 0 ? Math.round(((n - 1) / span) * 1000) / 1000 : null,
    };
  }
}
