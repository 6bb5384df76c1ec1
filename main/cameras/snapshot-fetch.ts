import http from 'node:http';
import https from 'node:https';
import { CameraError } from './camera-error.js';
import { basicAuthorization, chooseChallenge, digestAuthorization } from './digest-auth.js';

/**
 * Fetches a still from a camera's snapshot URI. Cameras guard it with HTTP
 * digest (sometimes basic): the first request goes without credentials and
 * the challenge is answered once. Everything is bounded — time (a camera that
 * hangs must not hang the core) and size — and the answer must be a JPEG.
 */

export interface SnapshotFetchOptions {
  username?: string | null;
  password?: string | null;
  /** Whole fetch, all attempts. Default 5000 ms. */
  timeoutMs?: number;
  /** Default 10 MiB: a 4K JPEG is ~1–3 MiB. */
  maxBytes?: number;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

export async function fetchSnapshot(uri: string, opts: SnapshotFetchOptions = {}): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new CameraError('garbage', '(snapshot)', 'the camera gave a snapshot address that is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CameraError('garbage', url.host, `snapshot address is ${url.protocol}, not http(s)`);
  // Credentials from the camera's own URI (rare) are used if we have none, and never shown.
  const username = opts.username ?? (url.username ? decodeURIComponent(url.username) : null);
  const password = opts.password ?? (url.password ? decodeURIComponent(url.password) : null);
  url.username = '';
  url.password = '';
  const address = `${url.protocol}//${url.host}${url.pathname}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const target = url.pathname + url.search;

  let res = await get(url, undefined, deadline, maxBytes, address);
  if (res.status === 401) {
    if (!username) throw new CameraError('bad-credentials', address, 'the snapshot needs a username and password');
    const wanted = chooseChallenge(headerValues(res.rawHeaders, 'www-authenticate'));
    if (!wanted) throw new CameraError('garbage', address, 'HTTP 401 without a digest or basic challenge');
    const authorization =
      wanted.scheme === 'digest'
        ? digestAuthorization({ challenge: wanted.challenge, username, password: password ?? '', method: 'GET', uri: target })
        : basicAuthorization(username, password ?? '');
    res = await get(url, authorization, deadline, maxBytes, address);
    if (res.status === 401 || res.status === 403) throw new CameraError('bad-credentials', address, `HTTP ${res.status} for the snapshot`);
  }
  if (res.status === 403) throw new CameraError('bad-credentials', address, 'HTTP 403 for the snapshot');
  if (res.status !== 200) throw new CameraError('garbage', address, `HTTP ${res.status} for the snapshot`);
  if (!isJpeg(res.body)) throw new CameraError('garbage', address, `the snapshot is not a JPEG (${res.body.length} bytes, ${String(res.headers['content-type'] ?? 'no content type')})`);
  return res.body;
}

/** SOI marker; a truncated JPEG still starts with it, a HTML error page does not. */
export function isJpeg(b: Buffer): boolean {
  return b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

function headerValues(raw: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) out.push(raw[i + 1]!);
  return out;
}

function get(url: URL, authorization: string | undefined, deadline: number, maxBytes: number, address: string): Promise<RawResponse> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new CameraError('timeout', address));
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err: CameraError | null, value?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const req = lib.request(
      url,
      {
        method: 'GET',
        headers: { accept: 'image/jpeg', ...(authorization ? { authorization } : {}) },
        agent: false,
        // Cameras' HTTPS certificates are self-signed in practice; the snapshot is a preview, not evidence.
        ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const declared = Number(res.headers['content-length'] ?? '0');
        if (declared > maxBytes) return finish(new CameraError('garbage', address, `snapshot of ${declared} bytes is larger than ${maxBytes}`));
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) return finish(new CameraError('garbage', address, `snapshot larger than ${maxBytes} bytes`));
          chunks.push(c);
        });
        res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
        res.on('error', (e) => finish(networkError(e, address)));
      },
    );
    const timer = setTimeout(() => finish(new CameraError('timeout', address, `no complete snapshot within ${Math.round(remaining)} ms`)), remaining);
    req.on('error', (e) => finish(networkError(e, address)));
    req.end();
  });
}

function networkError(e: Error & { code?: string }, address: string): CameraError {
  if (e.code?.startsWith('HPE_')) return new CameraError('garbage', address, 'the answer is not HTTP');
  if (e.code === 'ETIMEDOUT') return new CameraError('timeout', address);
  return new CameraError('unreachable', address, e.code ?? e.message);
}
