import type { CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { checkMachine } from '../../doctor/machine-check.js';

export const doctorCommand: CliCommand = {
  path: ['doctor'],
  summary: 'Check this machine: Node, ffmpeg, ffprobe, SQLite, Chromium, Electron, data folder',
  help: `Usage: cctv doctor [--data DIR] [--json]

Says what this machine has and lacks to run the workstation, truthfully, and
what to do about each gap. Exits 1 if anything required is missing.

  --data DIR   the data folder to check (default: CCTV_DATA_DIR or the per-OS default)
  --json       print the checks as JSON
`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { values: ['data'], booleans: ['json'] });
    const checks = await checkMachine(resolveDataDir(typeof flags.data === 'string' ? flags.data : undefined));
    const failed = checks.some((c) => c.required && c.status === 'missing');
    if (flags.json) {
      io.out(JSON.stringify({ ok: !failed, checks }, null, 2));
    } else {
      const width = Math.max(...checks.map((c) => c.name.length));
      const mark = { ok: 'ok     ', missing: 'MISSING', warning: 'warning' } as const;
      for (const c of checks) {
        io.out(`${mark[c.status]}  ${c.name.padEnd(width)}  ${c.detail}${c.required ? '' : '  (optional)'}`);
        if (c.fix && c.status !== 'ok') io.out(`${' '.repeat(9 + width + 2)}→ ${c.fix}`);
      }
      io.out(failed ? '\nSomething required is missing: see above.' : '\nEverything required is here.');
    }
    return failed ? 1 : 0;
  },
};
