import type { CameraHealthStatus, Defect } from './health-types.js';

/**
 * The supervisor's defect report, as plain arithmetic over the health log
 * (pure; tested against a hand-computed case).
 *
 * Definitions, per camera, over the period [from, to):
 *  - measured time: the period less any time the camera's status was
 *    unknown (not yet probed): it cannot count for or against the camera.
 *  - availability % = 100 × (measured − down) / measured.
 *  - outages: stretches of status 'down' overlapping the period; minutes are
 *    clipped to the period.
 *  - MTTR: mean of (resolved − outage start, else reported) over the
 *    camera's defects resolved within the period.
 *  - open defects: open at `to`, with their age at `to`.
 *  - enforcement hours lost: time the camera was down or held by a
 *    blocking defect (union, not sum), within the enforcement windows
 *    when given (default: the whole period).
 */

export interface StatusSpan {
  at: number;
  status: CameraHealthStatus;
}

export interface ReportCameraInput {
  cameraId: number;
  name: string;
  /** Status changes, oldest first, including the one in force at `from`. */
  changes: readonly StatusSpan[];
  /** Defects that concern the camera (its own and blocking ones at its site). */
  defects: readonly Defect[];
  eventsHeld: number;
}

export interface ReportInput {
  from: number;
  to: number;
  cameras: readonly ReportCameraInput[];
  /** When enforcement applies (restrictions in force); absent = the whole period. */
  enforcementWindows?: ReadonlyArray<{ from: number; to: number }>;
}

export interface OpenDefectAge {
  defectId: number;
  title: string;
  ageHours: number;
  blocking: boolean;
}

export interface CameraReportRow {
  cameraId: number;
  name: string;
  availabilityPct: number | null;
  measuredHours: number;
  downMinutes: number;
  outages: number;
  outageMinutes: number;
  mttrHours: number | null;
  repaired: number;
  openDefects: OpenDefectAge[];
  enforcementHoursLost: number;
  eventsHeld: number;
}

export interface DefectReport {
  from: number;
  to: number;
  rows: CameraReportRow[];
  totals: {
    cameras: number;
    availabilityPct: number | null;
    outages: number;
    outageMinutes: number;
    mttrHours: number | null;
    openDefects: number;
    enforcementHoursLost: number;
    eventsHeld: number;
  };
}

type Interval = [number, number];

export function computeDefectReport(input: ReportInput): DefectReport {
  const { from, to } = input;
  if (!(to > from)) throw new RangeError('report period must end after it starts');
  const windows: Interval[] = (input.enforcementWindows ?? [{ from, to }]).map((w) => [Math.max(from, w.from), Math.min(to, w.to)]);
  const rows = input.cameras.map((c) => cameraRow(c, from, to, windows));
  // Totals from unrounded times: summing rows rounded to 0.01 h would lose short measurements.
  const raw = input.cameras.map((c) => measuredAndDownMs(c, from, to));
  const measured = raw.reduce((s, r) => s + r.measuredMs, 0);
  const downMs = raw.reduce((s, r) => s + r.downMs, 0);
  const repairs = rows.flatMap((r) => (r.mttrHours === null ? [] : [[r.mttrHours, r.repaired] as const]));
  const repaired = repairs.reduce((s, [, n]) => s + n, 0);
  return {
    from,
    to,
    rows,
    totals: {
      cameras: rows.length,
      availabilityPct: measured > 0 ? round2((100 * (measured - downMs)) / measured) : null,
      outages: rows.reduce((s, r) => s + r.outages, 0),
      outageMinutes: round2(rows.reduce((s, r) => s + r.outageMinutes, 0)),
      mttrHours: repaired > 0 ? round2(repairs.reduce((s, [h, n]) => s + h * n, 0) / repaired) : null,
      openDefects: rows.reduce((s, r) => s + r.openDefects.length, 0),
      enforcementHoursLost: round2(rows.reduce((s, r) => s + r.enforcementHoursLost, 0)),
      eventsHeld: rows.reduce((s, r) => s + r.eventsHeld, 0),
    },
  };
}

function measuredAndDownMs(c: ReportCameraInput, from: number, to: number): { measuredMs: number; downMs: number; downMerged: Interval[] } {
  const spans = statusIntervals(c.changes, from, to);
  const unknownMs = sum(spans.filter((s) => s.status === 'unknown').map((s) => s.end - s.start));
  const downMerged = merge(spans.filter((s) => s.status === 'down').map((s): Interval => [s.start, s.end]));
  return { measuredMs: to - from - unknownMs, downMs: sum(downMerged.map(([a, b]) => b - a)), downMerged };
}

function cameraRow(c: ReportCameraInput, from: number, to: number, windows: Interval[]): CameraReportRow {
  const { measuredMs, downMs, downMerged } = measuredAndDownMs(c, from, to);

  const resolved = c.defects.filter((d) => d.resolvedAt !== null && d.resolvedAt >= from && d.resolvedAt < to);
  const repairMs = resolved.map((d) => d.resolvedAt! - (d.outageStart ?? d.reportedAt));
  const open = c.defects.filter((d) => d.reportedAt < to && (d.resolvedAt === null || d.resolvedAt >= to));

  const blocked = c.defects
    .filter((d) => d.blocking)
    .map((d): Interval => [Math.max(from, d.outageStart ?? d.reportedAt), Math.min(to, d.resolvedAt ?? to)])
    .filter(([a, b]) => b > a);
  const lost = merge([...downMerged, ...blocked]);
  const lostMs = sum(lost.flatMap(([a, b]) => windows.map(([wa, wb]) => Math.max(0, Math.min(b, wb) - Math.max(a, wa)))));

  return {
    cameraId: c.cameraId,
    name: c.name,
    availabilityPct: measuredMs > 0 ? round2((100 * (measuredMs - downMs)) / measuredMs) : null,
    measuredHours: round2(measuredMs / 3_600_000),
    downMinutes: round2(downMs / 60_000),
    outages: downMerged.length,
    outageMinutes: round2(downMs / 60_000),
    mttrHours: repairMs.length ? round2(sum(repairMs) / repairMs.length / 3_600_000) : null,
    repaired: repairMs.length,
    openDefects: open.map((d) => ({ defectId: d.id, title: d.title, ageHours: round2((to - d.reportedAt) / 3_600_000), blocking: d.blocking })),
    enforcementHoursLost: round2(lostMs / 3_600_000),
    eventsHeld: c.eventsHeld,
  };
}

/** Turns change points into clipped intervals; time before the first change is unknown. */
export function statusIntervals(changes: readonly StatusSpan[], from: number, to: number): Array<{ start: number; end: number; status: CameraHealthStatus }> {
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const out: Array<{ start: number; end: number; status: CameraHealthStatus }> = [];
  let cursor = from;
  let status: CameraHealthStatus = 'unknown';
  for (const ch of sorted) {
    if (ch.at <= from) {
      status = ch.status;
      continue;
    }
    if (ch.at >= to) break;
    if (ch.at > cursor) out.push({ start: cursor, end: ch.at, status });
    cursor = ch.at;
    status = ch.status;
  }
  if (to > cursor) out.push({ start: cursor, end: to, status });
  return out;
}

function merge(list: Interval[]): Interval[] {
  const s = [...list].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function sum(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
