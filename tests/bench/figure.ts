/**
 * One measured figure of the benchmark, printed next to a baseline measured
 * in the same run on the same machine (raw ffmpeg, raw SQLite, a plain
 * hls.js page, a bare node:http server…), so the number means something on
 * any machine.
 */
export interface Figure {
  /** Stable name used in --json output, e.g. "ingest.reads_per_s". */
  name: string;
  value: number;
  unit: string;
  /** The same work done the plain way, in the same unit; null where none exists. */
  baseline: number | null;
  baselineLabel: string;
  /** The target from the issue, for the table ("≤ 1.1×", "≥ 5000/s"). */
  goal?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<Figure[]>;
}

/** value / baseline, rounded; null where there is no baseline. */
export function ratio(f: Pick<Figure, 'value' | 'baseline'>): number | null {
  if (f.baseline === null || f.baseline === 0) return null;
  return Math.round((f.value / f.baseline) * 1000) / 1000;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
