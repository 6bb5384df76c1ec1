import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { analyseVrm } from '../../domain/vrm.js';
import { isIsoDate } from '../../domain/uk-time.js';

export const vrmCommand: CliCommand = {
  path: ['vrm'],
  summary: 'Normalise, classify and check a vehicle registration mark',
  help: `Usage: cctv vrm TEXT [--as-of YYYY-MM-DD]

Prints one JSON object: {"input","normalised","format","valid","display",
"problems","flags","suggestions"}. format is one of current, prefix, suffix,
dateless, northern-ireland, diplomatic, q-plate, unknown. suggestions are
corrections of likely OCR confusions (O/0/D, I/1, B/8, S/5, Z/2, G/6/C, V/Y)
for the officer to consider; nothing is corrected silently.

  --as-of DATE   judge current-format age identifiers as of this UK date
                 (default: today)

Quote a mark with a space: cctv vrm "AB12 CDE"
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['as-of'] });
    if (positional.length === 0) throw new UsageError('give the registration mark to check, e.g. cctv vrm "AB12 CDE"');
    const asOf = flags['as-of'];
    if (asOf !== undefined && (typeof asOf !== 'string' || !isIsoDate(asOf))) {
      throw new UsageError(`--as-of must be a date YYYY-MM-DD, not ${String(asOf)}`);
    }
    // Several words are one mark typed with spaces (cctv vrm AB12 CDE).
    const input = positional.join(' ');
    io.out(JSON.stringify(analyseVrm(input, typeof asOf === 'string' ? asOf : new Date())));
    return 0;
  },
};
