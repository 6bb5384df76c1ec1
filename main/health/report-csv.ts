import type { DefectReport } from '../api/contract/health-routes.js';

/** The report as CSV (RFC 4180), one row per camera and a totals row; cells that could be read as formulas are quoted with a leading apostrophe. */
export function reportToCsv(r: DefectReport): string {
  const head = ['camera_id', 'camera', 'availability_pct', 'outages', 'outage_minutes', 'mttr_hours', 'repaired', 'open_defects', 'oldest_open_defect_hours', 'enforcement_hours_lost', 'events_held'];
  const lines = [head.join(',')];
  for (const row of r.rows) {
    lines.push([
      row.cameraId, row.name, row.availabilityPct ?? '', row.outages, row.outageMinutes, row.mttrHours ?? '', row.repaired,
      row.openDefects.length, row.openDefects.length ? Math.max(...row.openDefects.map((d) => d.ageHours)) : '', row.enforcementHoursLost, row.eventsHeld,
    ].map(cell).join(','));
  }
  const t = r.totals;
  lines.push(['', 'ALL CAMERAS', t.availabilityPct ?? '', t.outages, t.outageMinutes, t.mttrHours ?? '', '', t.openDefects, '', t.enforcementHoursLost, t.eventsHeld].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
