import { connect, type Socket } from 'node:net';
import { basicAuthorization, chooseChallenge, digestAuthorization } from '../cameras/digest-auth.js';

/**
 * The network probe's one RTSP exchange: TCP connect, then DESCRIBE the
 * camera's stream (answering a Basic or Digest challenge). Cheaper than any
 * video (no RTP flows) and it proves more than a TCP connect: a camera whose
 * encoder is down still accepts connections but answers 503.
 *
 * Credentials come from the URL and go only into the Authorization header;
 * no result or error carries the URL with them.
 */

export interface DescribeResult {
  /** RTSP status of the final answer. */
  status: number;
  rttMs: number;
}

export class RtspProbeError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'garbage' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

const MAX_HEADER_BYTES = 16 * 1024;

export async function rtspDescribe(rtspUrl: string, signal: AbortSignal): Promise<DescribeResult> {
  const u = new URL(rtspUrl);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port ? Number(u.port) : 554;
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  const target = u.toString();
  const started = Date.now();
  const socket = await open(host, port, signal);
  try {
    const first = await exchange(socket, request(target, 1, null), signal);
    if (first.status !== 401 || !username) return { status: first.status, rttMs: Date.now() - started };
    const challenge = chooseChallenge(first.headers.filter(([k]) => k === 'www-authenticate').map(([, v]) => v));
    if (!challenge) return { status: 401, rttMs: Date.now() - started };
    const auth = challenge.scheme === 'basic'
      ? basicAuthorization(username, password)
      : digestAuthorization({ challenge: challenge.challenge, username, password, method: 'DESCRIBE', uri: target });
    const second = await exchange(socket, request(target, 2, auth), signal);
    return { status: second.status, rttMs: Date.now() - started };
  } finally {
    socket.destroy();
  }
}

function request(target: string, cseq: number, auth: string | null): string {
  return `DESCRIBE ${target} RTSP/1.0\r\nCSeq: ${cseq}\r\nAccept: application/sdp\r\nUser-Agent: cctv-health\r\n${auth ? `Authorization: ${auth}\r\n` : ''}\r\n`;
}

function open(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new RtspProbeError('aborted', 'probe cut off'));
    const s = connect({ host, port });
    const onAbort = (): void => {
      s.destroy();
      reject(new RtspProbeError('aborted', 'probe cut off'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    s.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(s);
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      s.destroy();
      reject(new RtspProbeError('unreachable', `${host}:${port} did not accept a connection (${e.code ?? e.message})`));
    });
  });
}

interface Answer {
  status: number;
  headers: Array<[string, string]>;
}

/** Sends one request and reads one answer's status line and headers (the SDP body is not needed). */
function exchange(s: Socket, text: string, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const done = (err: Error | null, a?: Answer): void => {
      s.off('data', onData);
      s.off('close', onClose);
      s.off('error', onError);
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(a!);
    };
    const onData = (chunk: Buffer): void => {
      buf += chunk.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEADER_BYTES) done(new RtspProbeError('garbage', 'answer headers too long for RTSP'));
        return;
      }
      const lines = buf.slice(0, end).split('\r\n');
      const m = /^RTSP\/1\.\d (\d{3}) /.exec(`${lines[0] ?? ''} `);
      if (!m) return done(new RtspProbeError('garbage', `answer is not RTSP (starts "${sanitise(lines[0] ?? '')}")`));
      const headers = lines.slice(1).flatMap((l): Array<[string, string]> => {
        const i = l.indexOf(':');
        return i > 0 ? [[l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()]] : [];
      });
      done(null, { status: Number(m[1]), headers });
    };
    const onClose = (): void => done(new RtspProbeError('garbage', buf ? 'connection closed mid-answer' : 'connection closed without an answer'));
    const onError = (e: Error): void => done(new RtspProbeError('unreachable', `connection failed (${e.message})`));
    const onAbort = (): void => done(new RtspProbeError('aborted', 'probe cut off'));
    s.on('data', onData);
    s.once('close', onClose);
    s.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
    s.write(text);
  });
}

function sanitise(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}
