import { gapCauses, type Gap, type GapCause, type Segment } from '../api/contract/media-routes.js';
import type { GapRow, SegmentRow } from '../store/recordings-store.js';

/** Store rows → contract shapes (the store keeps cause as text so a newer build's causes survive a downgrade). */
export function toGap(g: GapRow): Gap {
  const cause = (gapCauses as readonly string[]).includes(g.cause) ? (g.cause as GapCause) : 'unknown';
  return { id: g.id, cameraId: g.cameraId, startMs: g.startMs, endMs: g.endMs, cause, detail: g.detail };
}

export function toSegment(s: SegmentRow): Segment {
  return {
    id: s.id,
    cameraId: s.cameraId,
    startMs: s.startMs,
    endMs: s.endMs,
    durationMs: s.endMs - s.startMs,
    frameCount: s.frameCount,
    bytes: s.bytes,
    sha256: s.sha256,
    cameraOffsetMs: s.cameraOffsetMs,
    state: s.state,
  };
}
