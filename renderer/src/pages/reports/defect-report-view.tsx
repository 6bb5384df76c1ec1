import type { DefectReport } from '../../../../main/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, type Column } from '../../components/data-table';
import { formatUkDateTime } from '../../lib/format-time';
import { BarChart } from './bar-chart';

type Row = DefectReport['rows'][number];

/** A full scale of 4 × (1, 2, 2.5 or 5 × 10ⁿ) at or above v, so the four grid steps are round numbers. */
export function niceMax(v: number): number {
  if (!(v > 4)) return 4;
  const raw = v / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
  return 4 * step;
}

const fixed = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));

/** The supervisor's defect report: totals, the two charts, the per-camera table and the location defects. */
export function DefectReportView({ report }: { report: DefectReport }) {
  const t = report.totals;
  const columns: Column<Row>[] = [
    { id: 'name', header: 'Camera', rowHeader: true, sortValue: (r) => r.name, cell: (r) => r.name, wrap: 'wrap' },
    { id: 'availability', header: 'Availability %', align: 'end', sortValue: (r) => r.availabilityPct, cell: (r) => (r.availabilityPct === null ? <span className="muted">not measured</span> : fixed(r.availabilityPct, 2)) },
    { id: 'measured', header: 'Measured h', align: 'end', sortValue: (r) => r.measuredHours, cell: (r) => fixed(r.measuredHours) },
    { id: 'outages', header: 'Outages', align: 'end', sortValue: (r) => r.outages, cell: (r) => r.outages },
    { id: 'outageMinutes', header: 'Outage min', align: 'end', sortValue: (r) => r.outageMinutes, cell: (r) => fixed(r.outageMinutes, 0) },
    { id: 'mttr', header: 'MTTR h', align: 'end', sortValue: (r) => r.mttrHours, cell: (r) => fixed(r.mttrHours, 2) },
    { id: 'repaired', header: 'Repaired', align: 'end', sortValue: (r) => r.repaired, cell: (r) => r.repaired },
    {
      id: 'open',
      header: 'Open defects (age)',
      wrap: 'wrap',
      sortValue: (r) => r.openDefects.length,
      cell: (r) =>
        r.openDefects.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul className="report-open">
            {r.openDefects.map((d) => (
              <li key={d.defectId}>
                {d.title} <span className="muted">({fixed(d.ageHours)} h)</span> {d.blocking ? <Badge tone="danger">Blocking</Badge> : null}
              </li>
            ))}
          </ul>
        ),
    },
    { id: 'lost', header: 'Enforcement h lost', align: 'end', sortValue: (r) => r.enforcementHoursLost, cell: (r) => fixed(r.enforcementHoursLost, 2) },
    { id: 'held', header: 'Events held', align: 'end', sortValue: (r) => r.eventsHeld, cell: (r) => r.eventsHeld },
  ];
  const maxOutage = niceMax(Math.max(0, ...report.rows.map((r) => r.outageMinutes)));
  const period = `${formatUkDateTime(report.from)} to ${formatUkDateTime(report.to)}`;
  const worst = [...report.rows].filter((r) => r.availabilityPct !== null).sort((a, b) => a.availabilityPct! - b.availabilityPct!)[0];
  return (
    <>
      <dl className="kv report-totals" aria-label="Totals for the period">
        <dt>Period (UK)</dt>
        <dd>{period}</dd>
        <dt>Cameras</dt>
        <dd>{t.cameras}</dd>
        <dt>Availability</dt>
        <dd>{t.availabilityPct === null ? 'not measured' : `${t.availabilityPct.toFixed(2)} %`}</dd>
        <dt>Outages</dt>
        <dd>
          {t.outages} ({t.outageMinutes.toFixed(0)} minutes)
        </dd>
        <dt>Mean time to repair</dt>
        <dd>{t.mttrHours === null ? 'no repairs in the period' : `${t.mttrHours.toFixed(2)} h`}</dd>
        <dt>Open defects</dt>
        <dd>{t.openDefects}</dd>
        <dt>Enforcement hours lost</dt>
        <dd>{t.enforcementHoursLost.toFixed(2)}</dd>
        <dt>Events held</dt>
        <dd>{t.eventsHeld}</dd>
      </dl>
      {report.rows.length > 0 ? (
        <div className="report-charts">
          <BarChart
            title="Availability by camera (%)"
            description={`Share of the measured time each camera was not down, ${period}. ${worst ? `Lowest: ${worst.name}, ${worst.availabilityPct!.toFixed(2)} %.` : 'No camera was measured.'}`}
            data={report.rows.map((r) => ({ key: r.cameraId, label: r.name, value: r.availabilityPct }))}
            max={100}
            unit="%"
            format={(v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))}
            tone="ok"
          />
          <BarChart
            title="Outage minutes by camera"
            description={`Minutes each camera was down, ${period}. Total ${t.outageMinutes.toFixed(0)} minutes in ${t.outages} outages.`}
            data={report.rows.map((r) => ({ key: r.cameraId, label: r.name, value: r.outageMinutes }))}
            max={maxOutage}
            unit="min"
            format={(v) => v.toFixed(0)}
            tone="warn"
          />
        </div>
      ) : null}
      <DataTable caption="Defect report by camera" columns={columns} rows={report.rows} rowKey={(r) => r.cameraId} initialSort={{ column: 'availability', direction: 'ascending' }} empty={<p className="muted">No cameras in this period.</p>} />
      <h3 className="report-subhead">Sign and road-marking defects in the period</h3>
      {report.locationDefects.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="report-locations">
          {report.locationDefects.map((d) => (
            <li key={d.id}>
              <strong>{d.title}</strong> — {d.location}
              {d.siteCode ? ` (site ${d.siteCode})` : ''}, reported {formatUkDateTime(d.reportedAt)}
              {d.resolvedAt ? `, resolved ${formatUkDateTime(d.resolvedAt)}` : ', open'} {d.blocking ? <Badge tone="danger">Blocking</Badge> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
