/**
 * HLS VOD playlist (version 7, fMP4) for a camera over any time range,
 * generated from the segment index; nothing is copied or re-muxed.
 *
 * - Each recorded file carries its own moov (the recorder writes each
 *   segment as its run's init plus its fragments) and its decode times
 *   restart at 0 (run-segmenter.ts),
 *   so every segment gets its own `#EXT-X-MAP` (init byte range of the same
 *   file) and a `#EXT-X-DISCONTINUITY` before it.
 * - `#EXT-X-PROGRAM-DATE-TIME` on every segment: the player maps media time
 *   to wall time exactly per segment, whatever the gaps.
 * - Gaps are real data: a recorded gap (or a segment whose file has vanished)
 *   becomes an `#EXT-X-DATERANGE` with CLASS "uk.gov.council.cctv.gap" and
 *   its cause, and the wall clock visibly jumps at the next PROGRAM-DATE-TIME.
 *   Missing files are left out of the playlist (a 404 mid-playback would
 *   stall hls.js) so the rest of the footage stays playable.
 */
export interface PlaylistSegment {
  id: number;
  startMs: number;
  endMs: number;
  bytes: number;
  initBytes: number;
  uri: string;
  /** False when the file is missing: reported as a gap instead. */
  present: boolean;
}

export interface PlaylistGap {
  id: number | string;
  startMs: number;
  endMs: number;
  cause: string;
}

export const GAP_CLASS = 'uk.gov.council.cctv.gap';

const iso = (ms: number): string => new Date(ms).toISOString();
const attr = (s: string): string => s.replace(/["\r\n]/g, '');

export function buildPlaybackPlaylist(segments: readonly PlaylistSegment[], gaps: readonly PlaylistGap[]): string {
  const present = segments.filter((s) => s.present && s.bytes > s.initBytes && s.endMs > s.startMs);
  const missingAsGaps: PlaylistGap[] = segments
    .filter((s) => !s.present)
    .map((s) => ({ id: `missing-${s.id}`, startMs: s.startMs, endMs: s.endMs, cause: 'file-missing' }));
  const allGaps = [...gaps, ...missingAsGaps].sort((a, b) => a.startMs - b.startMs);
  const target = Math.max(1, ...present.map((s) => Math.ceil((s.endMs - s.startMs) / 1000)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  let g = 0;
  const emitGapsBefore = (ms: number): void => {
    while (g < allGaps.length && allGaps[g]!.startMs < ms) {
      const gap = allGaps[g]!;
      lines.push(
        `#EXT-X-DATERANGE:ID="gap-${attr(String(gap.id))}",CLASS="${GAP_CLASS}",START-DATE="${iso(gap.startMs)}",` +
          `DURATION=${((gap.endMs - gap.startMs) / 1000).toFixed(3)},X-CAUSE="${attr(gap.cause)}"`,
      );
      g++;
    }
  };
  present.forEach((s, i) => {
    if (i > 0) lines.push('#EXT-X-DISCONTINUITY');
    emitGapsBefore(s.endMs);
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${iso(s.startMs)}`,
      `#EXT-X-MAP:URI="${s.uri}",BYTERANGE="${s.initBytes}@0"`,
      `#EXTINF:${((s.endMs - s.startMs) / 1000).toFixed(3)},`,
      `#EXT-X-BYTERANGE:${s.bytes - s.initBytes}@${s.initBytes}`,
      s.uri,
    );
  });
  // DATERANGE needs a PROGRAM-DATE-TIME before it; with no segment at all the
  // playlist still lists the gaps after a notional one.
  if (present.length === 0 && allGaps.length > 0) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${iso(allGaps[0]!.startMs)}`);
  emitGapsBefore(Number.POSITIVE_INFINITY);
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}
