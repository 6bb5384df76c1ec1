/**
 * The live HLS playlist (version 7, fMP4) of one camera, built from the
 * fragments the recorder has just received (live-feed.ts). Pure.
 *
 * - One fragment per camera keyframe interval (typically 1 s): the live
 *   edge is one GOP behind the camera, plus transport.
 * - Media sequence numbers belong to fragments for good, so a player
 *   reloading the playlist finds where it was.
 * - Within one ffmpeg run the stream's own decode times continue across
 *   segment files, so the live view plays straight through a file change;
 *   a new run (camera reconnected) has a new init and times that restart,
 *   so its first fragment comes after `#EXT-X-DISCONTINUITY` and a new
 *   `#EXT-X-MAP`, and `#EXT-X-DISCONTINUITY-SEQUENCE` counts those that
 *   have slid out of the window (RFC 8216 4.3.3.3).
 * - `#EXT-X-PROGRAM-DATE-TIME` on every fragment: the wall time it was
 *   recorded, from which the tile says how far behind the camera it is.
 * - `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES`: a player may ask for the
 *   playlist that holds the next fragment (`?_HLS_msn=N`) and the core
 *   answers as soon as that fragment has been recorded, instead of the
 *   player polling and finding it up to a second late (RFC 8216bis
 *   4.4.3.8, 6.2.5.2).
 */
export interface LiveEntry {
  seq: number;
  /** Discontinuity number: the ffmpeg run this fragment came from, counted from the first. */
  disc: number;
  /** Init section the fragment needs (one per run). */
  initId: number;
  durationS: number;
  pdtMs: number;
}

export interface LivePlaylistUris {
  init(initId: number): string;
  fragment(seq: number): string;
}

export function buildLivePlaylist(entries: readonly LiveEntry[], uris: LivePlaylistUris): string {
  if (entries.length === 0) throw new Error('a live playlist needs at least one fragment');
  // RFC 8216 4.3.3.1: every EXTINF rounded to the nearest integer must not exceed the target.
  const target = Math.max(1, ...entries.map((e) => Math.round(e.durationS)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${entries[0]!.seq}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${entries[0]!.disc}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES',
  ];
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    if (prev && e.disc !== prev.disc) lines.push('#EXT-X-DISCONTINUITY');
    if (!prev || e.initId !== prev.initId) lines.push(`#EXT-X-MAP:URI="${uris.init(e.initId)}"`);
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(e.pdtMs).toISOString()}`, `#EXTINF:${e.durationS.toFixed(3)},`, uris.fragment(e.seq));
  });
  return `${lines.join('\n')}\n`;
}
