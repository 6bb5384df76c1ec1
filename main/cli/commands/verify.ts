import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { verifyPack } from '../../evidence/pack-verifier.js';

export const verifyCommand: CliCommand = {
  path: ['verify'],
  summary: 'Check an evidence pack: every file hash, the signature, the key',
  help: `Usage: cctv verify PACK_FOLDER [--key-fingerprint HEX] [--json]

Checks an unpacked evidence pack (tar -xf the download first): the Ed25519
signature over manifest.json with the pack's public-key.pem, the size and
SHA-256 of every file the manifest lists, files added that it does not list,
manifest.sig.b64 and SHA256SUMS. Exit 0 when all is good, else 1 with each
failing file (or the signature) named.

  --key-fingerprint HEX  also require the signing key to have this SHA-256
                         fingerprint (the one the council publishes)
  --json                 print the result as JSON
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['key-fingerprint'], booleans: ['json'] });
    if (positional.length !== 1) throw new UsageError('give exactly one pack folder');
    const fp = typeof flags['key-fingerprint'] === 'string' ? flags['key-fingerprint'].replace(/[\s:]/g, '').toLowerCase() : undefined;
    if (fp !== undefined && !/^[0-9a-f]{64}$/.test(fp)) throw new UsageError('--key-fingerprint must be 64 hex digits');
    const r = verifyPack(positional[0]!, fp ? { trustedFingerprints: [fp] } : {});
    if (flags.json) io.out(JSON.stringify(r, null, 2));
    else if (r.ok) {
      io.out(`OK: pack ${r.reference ?? '?'} — ${r.filesChecked} file(s) match the manifest; signature verified with key ${r.fingerprint}`);
      if (!fp) io.out('Compare that key fingerprint with the one the council publishes (or pass --key-fingerprint).');
    } else {
      io.err(`FAILED: pack ${r.reference ?? positional[0]!} — ${r.problems.length} problem(s):`);
      for (const p of r.problems) io.err(`  ${p.what}: ${p.problem}`);
    }
    return r.ok ? 0 : 1;
  },
};
