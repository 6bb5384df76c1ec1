/**
 * `npm run bench` — prints every figure beside its same-run baseline.
 * `npm run bench -- --json` prints one JSON object:
 *   { "<figure>": { "value": n, "unit": "...", "baseline": n|null, "ratio": n|null } }
 * `npm run bench -- --only api,store` runs the named suites.
 */
import { suites } from './suites/index.js';
import { ratio, type Figure } from './figure.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : args[args.indexOf(onlyArg) + 1]!).split(',') : null;

const figures: Figure[] = [];
for (const suite of suites) {
  if (only && !only.includes(suite.name)) continue;
  if (!json) process.stderr.write(`running ${suite.name}…\n`);
  try {
    figures.push(...(await suite.run()));
  } catch (e) {
    process.stderr.write(`suite ${suite.name} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  }
}

const fmt = (n: number | null) => (n === null ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(4));

if (json) {
  const out: Record<string, { value: number; unit: string; baseline: number | null; ratio: number | null }> = {};
  for (const f of figures) out[f.name] = { value: f.value, unit: f.unit, baseline: f.baseline, ratio: ratio(f) };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const rows = figures.map((f) => [f.name, `${fmt(f.value)} ${f.unit}`, f.baseline === null ? '—' : `${fmt(f.baseline)} ${f.unit}`, f.baselineLabel, fmt(ratio(f)), f.goal ?? '']);
  const head = ['figure', 'value', 'baseline', 'baseline is', 'ratio', 'goal'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}
