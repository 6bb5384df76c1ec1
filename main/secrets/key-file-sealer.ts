import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { SecretSealer } from './secret-sealer.js';

/**
 * AES-256-GCM with a random key kept in a file only its owner can read
 * (mode 0600), for `cctv serve` where no desktop keychain exists.
 * Sealed form: "k1:" + base64(iv | tag | ciphertext).
 */
export function keyFileSealer(keyFile: string): SecretSealer {
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
  if (process.platform !== 'win32') {
    const mode = statSync(keyFile).mode & 0o777;
    // Tighten rather than refuse: a restored backup often loses its mode.
    if (mode & 0o077) chmodSync(keyFile, 0o600);
  }
  const key = readFileSync(keyFile);
  if (key.length !== 32) throw new Error(`secret key file ${keyFile} is damaged (expected 32 bytes, found ${key.length})`);
  return {
    kind: 'key-file',
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `k1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('k1:')) throw new Error('secret was sealed by another method');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
