import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { tempDir } from '../../support/temp-dir.js';
import { loadOrCreateSigningKey, signBytes, verifyBytes } from '../../../main/evidence/signing-key.js';
import { manifestBytes, PACK_FORMAT, sha256sumsText, isSafePackPath, type PackManifest } from '../../../main/evidence/pack-manifest.js';
import { verifyPack } from '../../../main/evidence/pack-verifier.js';

const tmps: { cleanup: () => void }[] = [];
afterEach(() => tmps.splice(0).forEach((t) => t.cleanup()));
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A small but complete pack, written the way the service writes one. */
function makePack(): { dir: string; fingerprint: string } {
  const t = tempDir('cctv-pack-');
  tmps.push(t);
  const key = loadOrCreateSigningKey(path.join(t.dir, 'data'));
  const dir = path.join(t.dir, 'pack');
  const files = [
    { path: 'footage/original-clip.mp4', data: Buffer.from('not really an mp4 but bytes all the same') },
    { path: 'documents/traffic-order.json', data: Buffer.from('{"trafficOrderRef":"TO 2024/17"}\n') },
  ];
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.data);
  }
  const m: PackManifest = {
    format: PACK_FORMAT, generator: { name: 't', version: '0' }, createdAt: 'x', createdAtMs: 0, createdBy: 'o', council: 'c', pack: { reference: 'ZY00000017', version: 1 }, case: {},
    signingKey: { algorithm: 'ed25519', fingerprint: key.fingerprint, publicKeyFile: 'public-key.pem', signatureFile: 'manifest.json.sig' },
    files: files.map((f) => ({ path: f.path, role: 'r', description: 'd', mediaType: 'm', bytes: f.data.length, sha256: sha(f.data) })), omissions: [],
  };
  const mb = manifestBytes(m);
  const sig = signBytes(key, mb);
  writeFileSync(path.join(dir, 'manifest.json'), mb);
  writeFileSync(path.join(dir, 'manifest.json.sig'), sig);
  writeFileSync(path.join(dir, 'manifest.sig.b64'), `${sig.toString('base64')}\n`);
  writeFileSync(path.join(dir, 'public-key.pem'), key.publicKeyPem);
  writeFileSync(path.join(dir, 'SHA256SUMS'), sha256sumsText([...m.files, { path: 'manifest.json', sha256: sha(mb) }, { path: 'public-key.pem', sha256: sha(key.publicKeyPem) }]));
  return { dir, fingerprint: key.fingerprint };
}

function flipByte(file: string, at = 3): void {
  const b = readFileSync(file);
  b[Math.min(at, b.length - 1)]! ^= 0x01;
  writeFileSync(file, b);
}

describe('signing key', () => {
  it('is made once, 0600, and signs 64-byte Ed25519 signatures', () => {
    const t = tempDir('cctv-key-');
    tmps.push(t);
    const a = loadOrCreateSigningKey(t.dir);
    const b = loadOrCreateSigningKey(t.dir);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(statSync(path.join(t.dir, 'keys', 'evidence-signing.pem')).mode & 0o777).toBe(0o600);
    const s = signBytes(a, Buffer.from('hello'));
    expect(s.length).toBe(64);
    expect(verifyBytes(a.publicKeyPem, Buffer.from('hello'), s)).toBe(true);
    expect(verifyBytes(a.publicKeyPem, Buffer.from('hellp'), s)).toBe(false);
  });
});

describe('verifyPack', () => {
  it('passes an untouched pack and checks the trusted fingerprint', () => {
    const { dir, fingerprint } = makePack();
    const r = verifyPack(dir, { trustedFingerprints: [fingerprint] });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, trustedKey: true, filesChecked: 2, reference: 'ZY00000017' });
    const other = verifyPack(dir, { trustedFingerprints: ['0'.repeat(64)] });
    expect(other.ok).toBe(false);
    expect(other.problems[0]!.what).toBe('public-key.pem');
  });

  // One changed byte in any file of the pack must be found, and the report must name it.
  it.each([
    ['footage/original-clip.mp4', 'footage/original-clip.mp4'],
    ['documents/traffic-order.json', 'documents/traffic-order.json'],
    ['manifest.json', 'signature'],
    ['manifest.json.sig', 'signature'],
    ['manifest.sig.b64', 'manifest.sig.b64'],
    ['SHA256SUMS', 'SHA256SUMS'],
  ])('finds one flipped byte in %s', (file, named) => {
    const { dir } = makePack();
    flipByte(path.join(dir, file), 10);
    const r = verifyPack(dir);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.what)).toContain(named);
  });

  it('finds a replaced public key, an added file and a removed file', () => {
    const a = makePack();
    const b = makePack();
    writeFileSync(path.join(a.dir, 'public-key.pem'), readFileSync(path.join(b.dir, 'public-key.pem')));
    expect(verifyPack(a.dir).problems.map((p) => p.what)).toEqual(expect.arrayContaining(['public-key.pem']));
    const c = makePack();
    appendFileSync(path.join(c.dir, 'extra.txt'), 'slipped in');
    expect(verifyPack(c.dir).problems).toEqual([{ what: 'extra.txt', problem: expect.stringMatching(/not listed/) }]);
    const d = makePack();
    writeFileSync(path.join(d.dir, 'documents/traffic-order.json'), '');
    expect(verifyPack(d.dir).problems.map((p) => p.what)).toContain('documents/traffic-order.json');
  });

  it('reports a folder that is not a pack rather than throwing', () => {
    const t = tempDir('cctv-notpack-');
    tmps.push(t);
    expect(verifyPack(t.dir).problems).toEqual([{ what: 'manifest.json', problem: 'missing' }]);
    expect(verifyPack(path.join(t.dir, 'nope')).ok).toBe(false);
  });

  it('refuses manifest paths that leave the pack', () => {
    expect(isSafePackPath('footage/a.mp4')).toBe(true);
    for (const p of ['../x', '/etc/passwd', 'a/../../b', 'a\\b', '', 'a//b']) expect(isSafePackPath(p), p).toBe(false);
  });
});
