import type { GapCause } from '../api/contract/media-routes.js';

/**
 * Why a recorder lost its camera, read from ffmpeg's stderr. ffmpeg's wording
 * is stable across 4.x–7.x for these (they come from strerror and the RTSP
 * status line), but the first match wins so the order matters: an RTSP
 * status beats the generic "Invalid data" ffmpeg prints after it.
 */
const RULES: ReadonlyArray<[RegExp, GapCause]> = [
  [/No space left on device|ENOSPC|Disk quota exceeded/i, 'disk-full'],
  [/401 Unauthorized|403 Forbidden|authori[sz]ation failed|Unauthorized/i, 'auth-failed'],
  [/404 Not Found|Server returned 404|method DESCRIBE failed: 404/i, 'not-found'],
  [/503 Service Unavailable|Server returned 5\d\d|method \w+ failed: 5\d\d/i, 'unavailable'],
  [/Connection refused|No route to host|Network is unreachable|Host is unreachable|Name or service not known|Temporary failure in name resolution/i, 'connection-refused'],
  [/timed out|Connection timed out|Operation timed out|rw_timeout|Immediate exit requested/i, 'timeout'],
  [/Connection reset by peer|Broken pipe|End of file|Stream ends prematurely/i, 'stream-ended'],
  [/Invalid data found|non-existing PPS|no frame!|decode_slice_header error|Could not find codec parameters|missing picture in access unit|Invalid NAL unit|Error parsing|corrupt/i, 'invalid-data'],
];

export function gapCauseOfLine(line: string): GapCause | null {
  for (const [re, cause] of RULES) if (re.test(line)) return cause;
  return null;
}

/**
 * The cause for a set of recent stderr lines (most specific wins: the rule
 * order, not the line order, decides) and the line that showed it.
 */
export function gapCauseOf(lines: readonly string[]): { cause: GapCause; line: string | null } {
  let best: { cause: GapCause; line: string; rank: number } | null = null;
  for (const line of lines) {
    const idx = RULES.findIndex(([re]) => re.test(line));
    if (idx >= 0 && (best === null || idx < best.rank)) best = { cause: RULES[idx]![1], line, rank: idx };
  }
  return best ? { cause: best.cause, line: best.line } : { cause: 'stream-ended', line: null };
}

/** Userinfo (user:password@) removed from any rtsp URL in a line, so logs and the UI never show a camera password. */
export function maskCredentials(text: string): string {
  return text.replace(/(rtsps?:\/\/)[^/@\s]*@/gi, '$1***@');
}
