import { writeFileSync } from 'node:fs';
import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { Store } from '../../store/store.js';
import { HealthStore } from '../../store/health-store.js';
import { DefectsStore } from '../../store/defects-store.js';
import { buildDefectReport } from '../../health/report-builder.js';
import { reportToCsv } from '../../health/report-csv.js';
import { reportToPdf } from '../../health/report-pdf.js';

const help = `cctv report defects --from DATE --to DATE [--format csv|pdf|json] [--out FILE] [--data DIR]

The supervisor's camera defect report for a period: availability %, outages
(number and minutes), mean time to repair, open defects and their age,
enforcement hours lost and events held, per camera.
DATE is an ISO date or date-time (2025-03-01 means midnight UTC); --to is exclusive.
csv and json go to stdout unless --out is given; pdf needs --out.`;

function parseDate(name: string, v: string | true | undefined): number {
  if (typeof v !== 'string') throw new UsageError(`--${name} DATE is required`);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new UsageError(`--${name} "${v}" is not a date (use e.g. 2025-03-01 or 2025-03-01T08:00:00Z)`);
  return ms;
}

export const reportDefectsCommand: CliCommand = {
  path: ['report', 'defects'],
  summary: 'Camera defect report (availability, outages, MTTR) as CSV, PDF or JSON',
  help,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { values: ['from', 'to', 'format', 'out', 'data'] });
    const from = parseDate('from', flags.from);
    const to = parseDate('to', flags.to);
    if (!(to > from)) throw new UsageError('--to must be after --from');
    const format = typeof flags.format === 'string' ? flags.format : 'json';
    if (!['csv', 'pdf', 'json'].includes(format)) throw new UsageError(`--format must be csv, pdf or json (not "${format}")`);
    const out = typeof flags.out === 'string' ? flags.out : null;
    if (format === 'pdf' && !out) throw new UsageError('a PDF needs --out FILE');
    const store = Store.open(resolveDataDir(typeof flags.data === 'string' ? flags.data : undefined));
    try {
      const health = new HealthStore(store.db);
      const report = buildDefectReport({
        from, to, council: store.settings.get<string>('council.name') ?? 'Demo Borough Council',
        cameras: health.cameraIdsInLog().map((id) => ({ id, name: `camera ${id}`, siteCode: null })),
        health, defects: new DefectsStore(store.db),
      });
      const body = format === 'csv' ? reportToCsv(report) : format === 'pdf' ? Buffer.from(await reportToPdf(report, Date.now())) : `${JSON.stringify(report, null, 2)}\n`;
      if (out) {
        writeFileSync(out, body);
        io.err(`wrote ${out}\n`);
      } else io.out(String(body));
      return 0;
    } finally {
      store.db.close();
    }
  },
};
