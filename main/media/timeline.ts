/**
 * Recording coverage of a range folded into equal buckets, so one request
 * draws a timeline track at any zoom from a minute to seven days without
 * sending 60 000 segments. Pure.
 */
export interface Span {
  startMs: number;
  endMs: number;
}

export interface Bucket {
  startMs: number;
  endMs: number;
  recordedMs: number;
  gapMs: number;
  missingMs: number;
}

function addOverlap(buckets: Bucket[], fromMs: number, bucketMs: number, span: Span, key: 'recordedMs' | 'gapMs' | 'missingMs'): void {
  if (buckets.length === 0) return;
  const toMs = buckets[buckets.length - 1]!.endMs;
  const s = Math.max(span.startMs, fromMs);
  const e = Math.min(span.endMs, toMs);
  if (e <= s) return;
  const first = Math.floor((s - fromMs) / bucketMs);
  const last = Math.min(buckets.length - 1, Math.floor((e - 1 - fromMs) / bucketMs));
  for (let i = first; i <= last; i++) {
    const b = buckets[i]!;
    b[key] += Math.max(0, Math.min(e, b.endMs) - Math.max(s, b.startMs));
  }
}

export function bucketCoverage(fromMs: number, toMs: number, count: number, recorded: readonly Span[], gaps: readonly Span[], missing: readonly Span[]): { bucketMs: number; buckets: Bucket[] } {
  const n = Math.max(1, Math.floor(count));
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs) / n));
  const buckets: Bucket[] = [];
  for (let i = 0; i < n; i++) {
    const startMs = fromMs + i * bucketMs;
    if (startMs >= toMs) break;
    buckets.push({ startMs, endMs: Math.min(toMs, startMs + bucketMs), recordedMs: 0, gapMs: 0, missingMs: 0 });
  }
  for (const r of recorded) addOverlap(buckets, fromMs, bucketMs, r, 'recordedMs');
  for (const g of gaps) addOverlap(buckets, fromMs, bucketMs, g, 'gapMs');
  for (const m of missing) addOverlap(buckets, fromMs, bucketMs, m, 'missingMs');
  return { bucketMs, buckets };
}
