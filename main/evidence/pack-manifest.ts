/**
 * The evidence pack's manifest: every file with its size and SHA-256, the
 * case facts, the generator and the signing key's fingerprint. The manifest
 * is signed as the exact bytes written to manifest.json, so it is produced
 * once (stable key order, LF line ends) and never re-serialised.
 */
export const PACK_FORMAT = 'cctv-evidence-pack/1';

/** Files of a pack that the manifest cannot list (they are made from it, or carry it). */
export const SIGNATURE_FILES = ['manifest.json', 'manifest.json.sig', 'manifest.sig.b64', 'SHA256SUMS', 'public-key.pem'] as const;

export interface ManifestFile {
  /** Relative to the pack folder, '/'-separated. */
  path: string;
  role: string;
  description: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  generator: { name: string; version: string };
  createdAt: string;
  createdAtMs: number;
  createdBy: string;
  council: string;
  pack: { reference: string; version: number };
  case: Record<string, unknown>;
  signingKey: { algorithm: 'ed25519'; fingerprint: string; publicKeyFile: 'public-key.pem'; signatureFile: 'manifest.json.sig' };
  files: ManifestFile[];
  omissions: { item: string; why: string }[];
}

export function manifestBytes(m: PackManifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

/** `sha256sum` text mode lines ("<hex>  <path>"), which `sha256sum -c SHA256SUMS` checks in the pack folder. */
export function sha256sumsText(entries: readonly { path: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

/** Parses SHA256SUMS; null for a line that is not "<64 hex>  <path>". */
export function parseSha256sums(text: string): { entries: { path: string; sha256: string }[]; badLines: number[] } {
  const entries: { path: string; sha256: string }[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m) entries.push({ sha256: m[1]!, path: m[2]! });
    else badLines.push(i + 1);
  });
  return { entries, badLines };
}

/** A pack path is relative, '/'-separated, with no '..' or absolute part (a hostile manifest must not point outside the pack). */
export function isSafePackPath(p: string): boolean {
  if (!p || p.length > 200 || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
