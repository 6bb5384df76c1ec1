import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isSafePackPath, PACK_FORMAT, parseSha256sums, SIGNATURE_FILES, type PackManifest } from './pack-manifest.js';
import { keyFingerprint, verifyBytes } from './signing-key.js';

export interface PackProblem {
  /** The file that fails, relative to the pack, or 'signature' / 'public-key'. */
  what: string;
  problem: string;
}

export interface PackVerification {
  ok: boolean;
  reference: string | null;
  fingerprint: string | null;
  /** Whether the key's fingerprint is one the caller trusts (null when no list was given). */
  trustedKey: boolean | null;
  filesChecked: number;
  problems: PackProblem[];
}

function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

/**
 * Checks an evidence pack folder end to end and names every failure:
 * the signature over manifest.json's exact bytes (with the pack's own
 * public key, whose fingerprint must match the manifest's and, when given,
 * one the caller trusts), the base64 copy of the signature, each listed
 * file's size and SHA-256, files added that the manifest does not list, and
 * SHA256SUMS against the manifest. One changed byte anywhere fails one of
 * these.
 */
export function verifyPack(dir: string, opts: { trustedFingerprints?: readonly string[] } = {}): PackVerification {
  const problems: PackProblem[] = [];
  const fail = (what: string, problem: string) => problems.push({ what, problem });
  const result = (m: PackManifest | null, fp: string | null, checked: number): PackVerification => ({
    ok: problems.length === 0,
    reference: m?.pack?.reference ?? null,
    fingerprint: fp,
    trustedKey: opts.trustedFingerprints ? fp !== null && opts.trustedFingerprints.includes(fp) : null,
    filesChecked: checked,
    problems,
  });

  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    fail(dir, 'not a folder (unpack the .tar first)');
    return result(null, null, 0);
  }
  const read = (name: string): Buffer | null => {
    const f = path.join(dir, name);
    return existsSync(f) ? readFileSync(f) : null;
  };
  const manifestRaw = read('manifest.json');
  if (!manifestRaw) {
    fail('manifest.json', 'missing');
    return result(null, null, 0);
  }
  let manifest: PackManifest | null = null;
  try {
    manifest = JSON.parse(manifestRaw.toString('utf8')) as PackManifest;
    if (manifest.format !== PACK_FORMAT || !Array.isArray(manifest.files)) throw new Error(`not a ${PACK_FORMAT} manifest`);
  } catch (e) {
    fail('manifest.json', `unreadable: ${(e as Error).message}`);
    manifest = null;
  }

  // The signature: raw 64 bytes, Ed25519 over manifest.json as it is on disk.
  let fp: string | null = null;
  const pem = read('public-key.pem');
  const sig = read('manifest.json.sig');
  if (!pem) fail('public-key.pem', 'missing');
  if (!sig) fail('manifest.json.sig', 'missing');
  let pubOk = false;
  if (pem) {
    try {
      const key = createPublicKey(pem);
      fp = keyFingerprint(key);
      pubOk = key.asymmetricKeyType === 'ed25519';
      if (!pubOk) fail('public-key.pem', `not an Ed25519 key (${String(key.asymmetricKeyType)})`);
    } catch (e) {
      fail('public-key.pem', `unreadable: ${(e as Error).message}`);
    }
  }
  if (manifest && fp && manifest.signingKey?.fingerprint !== fp) fail('public-key.pem', `fingerprint ${fp} is not the one the manifest names (${String(manifest.signingKey?.fingerprint)})`);
  if (fp && opts.trustedFingerprints && !opts.trustedFingerprints.includes(fp)) fail('public-key.pem', `key ${fp} is not a registered signing key of this installation`);
  if (pem && sig && pubOk) {
    if (sig.length !== 64) fail('manifest.json.sig', `an Ed25519 signature is 64 bytes, this is ${sig.length}`);
    else if (!verifyBytes(pem.toString('utf8'), manifestRaw, sig)) fail('signature', 'manifest.json.sig does not verify: manifest.json (or the signature) has been changed');
  }
  const b64 = read('manifest.sig.b64');
  if (!b64) fail('manifest.sig.b64', 'missing');
  else if (sig && b64.toString('utf8').trim() !== sig.toString('base64')) fail('manifest.sig.b64', 'is not the base64 of manifest.json.sig');

  let checked = 0;
  const listed = new Set<string>(SIGNATURE_FILES);
  if (manifest) {
    for (const f of manifest.files) {
      if (!isSafePackPath(f.path)) {
        fail(String(f.path), 'path in the manifest points outside the pack');
        continue;
      }
      listed.add(f.path);
      const buf = read(f.path);
      checked++;
      if (!buf) {
        fail(f.path, 'missing');
        continue;
      }
      if (buf.length !== f.bytes) fail(f.path, `size ${buf.length} bytes, manifest says ${f.bytes}`);
      else if (sha256(buf) !== f.sha256) fail(f.path, 'SHA-256 does not match the manifest (the file has been changed)');
    }
    for (const extra of walk(dir).filter((p) => !listed.has(p))) fail(extra, 'not listed in the manifest (added to the pack)');

    // SHA256SUMS must say what the manifest and the files say, so the open-tools check agrees with this one.
    const sums = read('SHA256SUMS');
    if (!sums) fail('SHA256SUMS', 'missing');
    else {
      const { entries, badLines } = parseSha256sums(sums.toString('utf8'));
      if (badLines.length) fail('SHA256SUMS', `malformed line(s) ${badLines.join(', ')}`);
      const want = new Map<string, string>(manifest.files.map((f) => [f.path, f.sha256]));
      want.set('manifest.json', sha256(manifestRaw));
      if (pem) want.set('public-key.pem', sha256(pem));
      const got = new Map(entries.map((e) => [e.path, e.sha256]));
      for (const [p, h] of want) if (got.get(p) !== h) fail('SHA256SUMS', `line for ${p} is ${got.has(p) ? 'wrong' : 'missing'}`);
      for (const p of got.keys()) if (!want.has(p)) fail('SHA256SUMS', `lists ${p}, which is not in the pack`);
    }
  }
  return result(manifest, fp, checked);
}
