import { ukLocalDate } from '../domain/uk-time.js';

/** Pure aggregations behind the PCN reports (issue 6 §10). */
export interface ReportPcn {
  kind: 'pcn' | 'warning';
  code: string;
  cameraId: number;
  officerName: string;
  contraventionAt: number;
  issuedAt: number;
  stage: string;
  serviceBy: string;
  /** Deemed service date, when posted. */
  deemedService: string | null;
  cancelReason: string | null;
}

export interface CountRow {
  key: string;
  count: number;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): CountRow[] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export interface PcnReport {
  byCode: CountRow[];
  byCamera: CountRow[];
  byDay: CountRow[];
  /** Why decisions were refused (precondition ids) and why cases were cancelled or representations accepted. */
  rejectionReasons: CountRow[];
  officerThroughput: { officer: string; pcns: number; warnings: number; refused: number }[];
  timescales: { posted: number; servedInTime: number; servedLate: number; percentInTime: number | null; representationsAnswered: number; representationsAnsweredLate: number };
}

export function buildPcnReport(input: {
  pcns: readonly ReportPcn[];
  refusals: readonly { officer: string; failures: readonly { id: string }[] }[];
  representations: readonly { receivedOn: string; decidedAt: number | null; outcome: string | null; reason: string | null }[];
}): PcnReport {
  const notices = input.pcns.filter((p) => p.kind === 'pcn');
  const posted = input.pcns.filter((p) => p.deemedService !== null);
  const inTime = posted.filter((p) => p.deemedService! <= p.serviceBy).length;
  const officers = new Map<string, { officer: string; pcns: number; warnings: number; refused: number }>();
  const off = (name: string) => officers.get(name) ?? officers.set(name, { officer: name, pcns: 0, warnings: 0, refused: 0 }).get(name)!;
  for (const p of input.pcns) off(p.officerName)[p.kind === 'pcn' ? 'pcns' : 'warnings']++;
  for (const r of input.refusals) off(r.officer).refused++;
  const reasons = [
    ...input.refusals.flatMap((r) => r.failures.map((f) => `refused: ${f.id}`)),
    ...input.pcns.filter((p) => p.cancelReason).map((p) => `cancelled: ${p.cancelReason}`),
    ...input.representations.filter((r) => r.outcome === 'accepted').map((r) => `representation accepted: ${r.reason ?? ''}`),
  ];
  // The council must answer representations within 56 days or they are taken as accepted (DOMAIN §4).
  const answered = input.representations.filter((r) => r.decidedAt !== null);
  const late = answered.filter((r) => ukLocalDate(r.decidedAt!) > addDaysIso(r.receivedOn, 55)).length;
  return {
    byCode: countBy(notices, (p) => p.code),
    byCamera: countBy(notices, (p) => String(p.cameraId)),
    byDay: countBy(notices, (p) => ukLocalDate(p.contraventionAt)).sort((a, b) => a.key.localeCompare(b.key)),
    rejectionReasons: countBy(reasons, (r) => r),
    officerThroughput: [...officers.values()].sort((a, b) => a.officer.localeCompare(b.officer)),
    timescales: {
      posted: posted.length,
      servedInTime: inTime,
      servedLate: posted.length - inTime,
      percentInTime: posted.length ? Math.round((inTime / posted.length) * 1000) / 10 : null,
      representationsAnswered: answered.length,
      representationsAnsweredLate: late,
    },
  };
}

function addDaysIso(date: string, days: number): string {
  const t = Date.parse(`${date}T12:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
