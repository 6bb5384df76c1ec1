import { createHash, randomBytes } from 'node:crypto';

/**
 * HTTP Digest access authentication (RFC 7616, client side), which cameras
 * put on their ONVIF snapshot URI. MD5 (the default most cameras offer) and
 * SHA-256; qop=auth or no qop (RFC 2069 cameras). Pure apart from the random
 * cnonce, which a test may fix.
 */

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop: string | undefined;
  algorithm: string | undefined;
  opaque: string | undefined;
}

/** Splits `Digest a="b", c=d` into its parameters; quoted values may contain commas and escaped quotes. */
export function parseAuthParams(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = header.replace(/^\s*\w+\s+/, '');
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return out;
}

/**
 * Picks the challenge to answer from the WWW-Authenticate values a server
 * sent (one header may hold several): SHA-256 over MD5, Digest over Basic.
 */
export function chooseChallenge(values: readonly string[]): { scheme: 'digest'; challenge: DigestChallenge } | { scheme: 'basic' } | undefined {
  let best: DigestChallenge | undefined;
  let basic = false;
  for (const value of values) {
    for (const part of splitChallenges(value)) {
      if (/^\s*basic\b/i.test(part)) basic = true;
      if (!/^\s*digest\s/i.test(part)) continue;
      const p = parseAuthParams(part);
      if (p.realm === undefined || p.nonce === undefined) continue;
      const algorithm = p.algorithm;
      const alg = normaliseAlgorithm(algorithm);
      if (alg === undefined) continue;
      const candidate: DigestChallenge = { realm: p.realm, nonce: p.nonce, qop: p.qop, algorithm, opaque: p.opaque };
      if (best === undefined || (alg === 'sha256' && normaliseAlgorithm(best.algorithm) === 'md5')) best = candidate;
    }
  }
  if (best) return { scheme: 'digest', challenge: best };
  return basic ? { scheme: 'basic' } : undefined;
}

/** One header line may carry several challenges ("Digest ..., Digest ..."); split at each scheme name. */
function splitChallenges(value: string): string[] {
  return value.split(/,?\s*(?=\b(?:Digest|Basic)\s)/i).filter((s) => s.trim() !== '');
}

function normaliseAlgorithm(a: string | undefined): 'md5' | 'sha256' | undefined {
  const v = (a ?? 'MD5').toUpperCase().replace(/-/g, '');
  if (v === 'MD5') return 'md5';
  if (v === 'SHA256') return 'sha256';
  return undefined; // -sess variants and others: not offered by cameras in practice
}

export interface DigestInput {
  challenge: DigestChallenge;
  username: string;
  password: string;
  method: string;
  /** Request-target as sent: path and query. */
  uri: string;
  /** Nonce count (1 for the first use of a nonce). */
  nc?: number;
  cnonce?: string;
}

/** The Authorization header value answering a digest challenge. */
export function digestAuthorization(input: DigestInput): string {
  const { challenge: c, username, password, method, uri } = input;
  const alg = normaliseAlgorithm(c.algorithm) ?? 'md5';
  const h = (s: string) => createHash(alg).update(s, 'utf8').digest('hex');
  const ha1 = h(`${username}:${c.realm}:${password}`);
  const ha2 = h(`${method}:${uri}`);
  // "auth,auth-int" offers both; only auth applies to a GET without a body we hash.
  const qop = c.qop === undefined ? undefined : c.qop.split(',').map((s) => s.trim()).includes('auth') ? 'auth' : undefined;
  if (c.qop !== undefined && qop === undefined) throw new Error(`unsupported digest qop "${c.qop}"`);
  const nc = (input.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const response = qop ? h(`${ha1}:${c.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
  const q = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  const parts = [`username=${q(username)}`, `realm=${q(c.realm)}`, `nonce=${q(c.nonce)}`, `uri=${q(uri)}`];
  if (c.algorithm !== undefined) parts.push(`algorithm=${c.algorithm}`);
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${q(cnonce)}`);
  parts.push(`response=${q(response)}`);
  if (c.opaque !== undefined) parts.push(`opaque=${q(c.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
