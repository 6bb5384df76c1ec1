import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Per-camera ANPR ingest keys. A key is 192 random bits, so a plain SHA-256
 * is enough to store (no password-style stretching needed: nothing to guess).
 * It is shown once, when made; only the hash is kept.
 */
export function newAnprKey(): { key: string; hash: string } {
  const key = `anpr_${randomBytes(24).toString('base64url')}`;
  return { key, hash: hashAnprKey(key) };
}

export function hashAnprKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented key with a stored hash. */
export function anprKeyMatches(key: string, storedHash: string | null | undefined): boolean {
  if (!storedHash || typeof key !== 'string' || key.length === 0 || key.length > 200) return false;
  const a = Buffer.from(hashAnprKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
