import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** SHA-256 (hex) of the public key's DER (SubjectPublicKeyInfo): what `openssl pkey -pubin -outform DER | sha256sum` prints. */
  readonly fingerprint: string;
}

export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** A fingerprint in groups of four for reading aloud or printing on a statement. */
export function groupedFingerprint(fp: string): string {
  return fp.match(/.{1,4}/g)!.join(' ');
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: keyFingerprint(publicKey) };
}

/**
 * The installation's Ed25519 evidence-signing key, a PKCS#8 PEM readable by
 * its owner only (0600) at `<dataDir>/keys/evidence-signing.pem`; made on
 * first use. A key file that others may read is refused: anyone who can read
 * it can sign a forged pack.
 */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const file = path.join(dataDir, 'keys', 'evidence-signing.pem');
  if (existsSync(file)) {
    if (process.platform !== 'win32') {
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) throw new Error(`${file} is readable by others (mode ${mode.toString(8)}); chmod 600 it before signing evidence`);
    }
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key (${String(key.asymmetricKeyType)})`);
    return fromPrivate(key);
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return fromPrivate(privateKey);
}

/** Ed25519 over the exact bytes (no pre-hash): what `openssl pkeyutl -sign -rawin` makes; 64 bytes. */
export function signBytes(key: SigningKey, bytes: Uint8Array): Buffer {
  return sign(null, bytes, key.privateKey);
}

export function verifyBytes(publicKeyPem: string | KeyObject, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    const pub = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
    if (pub.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, bytes, pub, signature);
  } catch {
    return false;
  }
}
