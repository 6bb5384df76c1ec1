/**
 * RTSP addresses as users paste them. Rules (issue 4): only rtsp:// or
 * rtsps:// with a host is a camera stream; credentials never stay inside a
 * stored URL — they are taken out and sealed — and are put back only for
 * ffmpeg (recordingSource).
 */

export interface ParsedRtspUrl {
  /** The URL with any user:password removed. */
  url: string;
  host: string;
  /** Credentials that were inside the pasted URL, decoded; null if none. */
  username: string | null;
  password: string | null;
}

export class RtspUrlError extends Error {
  override readonly name = 'RtspUrlError';
}

/** Validates an RTSP URL and separates any credentials from it. Throws RtspUrlError with a message fit for the UI. */
export function parseRtspUrl(input: string): ParsedRtspUrl {
  const text = input.trim();
  if (text === '') throw new RtspUrlError('an RTSP address is required (e.g. rtsp://192.0.2.10:554/stream1)');
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new RtspUrlError(`"${redactUserinfo(text)}" is not an RTSP address: it must look like rtsp://host[:port]/path`);
  }
  const scheme = u.protocol.toLowerCase();
  if (scheme !== 'rtsp:' && scheme !== 'rtsps:') {
    throw new RtspUrlError(`"${redactUserinfo(text)}" is not RTSP: the address must start rtsp:// or rtsps:// (it starts ${scheme}//)`);
  }
  // WHATWG URL parses non-special schemes with an opaque host check only; be explicit.
  if (u.hostname === '') throw new RtspUrlError(`"${redactUserinfo(text)}" has no host: it must look like rtsp://host[:port]/path`);
  if (/[\s<>"{}|\\^`]/.test(u.hostname)) throw new RtspUrlError(`"${redactUserinfo(text)}" has an invalid host "${u.hostname}"`);
  const username = u.username === '' ? null : safeDecode(u.username);
  const password = u.password === '' ? null : safeDecode(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString(), host: u.hostname, username, password };
}

/** Puts credentials into a (credential-free) RTSP URL for ffmpeg; percent-encodes them so ':' '@' '/' in a password survive. */
export function withCredentials(url: string, username: string | null, password: string | null): string {
  if (!username) return url;
  const u = new URL(url);
  u.username = encodeURIComponent(username);
  if (password) u.password = encodeURIComponent(password);
  return u.toString();
}

/** For messages and logs: the URL with any user:password replaced. */
export function redactUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
