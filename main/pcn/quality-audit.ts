import { createHash } from 'node:crypto';

/**
 * Quality audit (issue 6 §10): supervisors check a sample of each officer's
 * PCNs each month against a checklist. The sample is deterministic for a
 * seed, so a second supervisor can reproduce it and an officer cannot
 * predict it without the seed.
 */
export const QUALITY_CHECKLIST = [
  { id: 'vrm-matches', label: 'The VRM matches the pictures' },
  { id: 'pictures-complete', label: 'The pictures are complete' },
  { id: 'signs-shown', label: 'The signs are shown' },
  { id: 'context-shot', label: 'There is a context shot' },
  { id: 'right-code', label: 'The contravention code is right' },
  { id: 'right-place', label: 'The place is right' },
  { id: 'right-times', label: 'The times are right' },
  { id: 'no-obvious-exemption', label: 'No obvious exemption applies' },
] as const;
export type QualityCheckId = (typeof QUALITY_CHECKLIST)[number]['id'];
export const DEFAULT_SAMPLE_PERCENT = 10;

export interface SampleCandidate {
  id: number;
  officerName: string;
}

/** Per officer, ceil(percent % of their PCNs) — at least one when they issued any — chosen by a keyed hash of the seed and the PCN id. */
export function qualitySample<T extends SampleCandidate>(pcns: readonly T[], seed: string, percent = DEFAULT_SAMPLE_PERCENT): T[] {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`sample percent must be in (0, 100], got ${percent}`);
  const byOfficer = new Map<string, T[]>();
  for (const p of pcns) byOfficer.set(p.officerName, [...(byOfficer.get(p.officerName) ?? []), p]);
  const rank = (id: number) => createHash('sha256').update(`${seed}:${id}`).digest('hex');
  const out: T[] = [];
  for (const list of byOfficer.values()) {
    const n = Math.max(1, Math.ceil((list.length * percent) / 100));
    out.push(...[...list].sort((a, b) => rank(a.id).localeCompare(rank(b.id))).slice(0, n));
  }
  return out.sort((a, b) => a.id - b.id);
}

export interface QualityResultRow {
  officer: string;
  month: string;
  sampled: number;
  checked: number;
  passed: number;
  failedChecks: Record<string, number>;
}

export function qualityResults(audits: readonly { officerName: string; month: string; checks: Record<string, boolean> | null; passed: boolean | null }[]): QualityResultRow[] {
  const m = new Map<string, QualityResultRow>();
  for (const a of audits) {
    const k = `${a.month}|${a.officerName}`;
    const row = m.get(k) ?? { officer: a.officerName, month: a.month, sampled: 0, checked: 0, passed: 0, failedChecks: {} };
    row.sampled++;
    if (a.passed !== null) {
      row.checked++;
      if (a.passed) row.passed++;
      for (const [id, ok] of Object.entries(a.checks ?? {})) if (!ok) row.failedChecks[id] = (row.failedChecks[id] ?? 0) + 1;
    }
    m.set(k, row);
  }
  return [...m.values()].sort((a, b) => b.month.localeCompare(a.month) || a.officer.localeCompare(b.officer));
}
