import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { tokenStore } from '../../api/token-store';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { useApiQuery } from '../../hooks/use-api-query';
import { DefectReportView } from './defect-report-view';
import { endingByNow, periodToRange, presetLabels, presetPeriod, type Preset, type UkPeriod } from './uk-period';
import './reports.css';

/** Reports (supervisors): the camera defect report for any period, with charts and CSV/PDF downloads. */
export function ReportsPage() {
  const api = useApi();
  const [form, setForm] = useState<UkPeriod>(() => presetPeriod('last7'));
  const [errors, setErrors] = useState<Partial<Record<keyof UkPeriod, string>>>({});
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const report = useApiQuery('defectReport', { query: { from: range?.from ?? 0, to: range?.to ?? 1 } }, { enabled: range !== null });

  const run = (p: UkPeriod) => {
    const r = periodToRange(p);
    if (!r.ok) {
      setErrors({ [r.field]: r.message });
      return;
    }
    const clipped = endingByNow(r);
    if (!clipped) {
      setErrors({ fromDate: 'The period has not started yet' });
      return;
    }
    setErrors({});
    setRange(clipped);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(form);
  };
  const pick = (p: Preset) => {
    const period = presetPeriod(p);
    setForm(period);
    run(period);
  };

  // Downloads are plain links (the browser saves the file), so the session token rides in the query.
  const download = (format: 'csv' | 'pdf') => (range ? api.url(`/api/health/report.${format}`, { from: String(range.from), to: String(range.to), access_token: tokenStore.get() ?? '' }) : undefined);

  return (
    <>
      <PageHeader title="Reports" description="Camera defect report: availability, outages, time to repair, open defects, enforcement lost — for any period, in UK dates." />
      <Panel title="Defect report">
        <form className="toolbar" onSubmit={submit} noValidate aria-label="Report period">
          <TextField label="First day" type="date" value={form.fromDate} onChange={(v) => setForm((f) => ({ ...f, fromDate: v }))} error={errors.fromDate} required />
          <TextField label="Last day" type="date" value={form.toDate} onChange={(v) => setForm((f) => ({ ...f, toDate: v }))} error={errors.toDate} required />
          <Button type="submit" variant="primary">
            Run report
          </Button>
          <div className="report-presets" role="group" aria-label="Quick periods">
            {(Object.keys(presetLabels) as Preset[]).map((p) => (
              <Button key={p} size="small" onClick={() => pick(p)}>
                {presetLabels[p]}
              </Button>
            ))}
          </div>
        </form>
        {range === null ? <p className="muted">Choose a period (UK dates, both days included) and run the report.</p> : null}
        {report.status === 'error' ? (
          <Alert tone="error" title="Could not run the report." action={<Button onClick={report.reload}>Try again</Button>}>
            {errorMessage(report.error)}
          </Alert>
        ) : null}
        {report.status === 'loading' ? <Loading label="Running the report…" /> : null}
        {report.data && range ? (
          <>
            <div className="report-downloads" role="group" aria-label="Download the report">
              <a className="btn btn--small" href={download('csv')} download>
                Download CSV
              </a>
              <a className="btn btn--small" href={download('pdf')} download>
                Download PDF
              </a>
            </div>
            <DefectReportView report={report.data} />
          </>
        ) : null}
      </Panel>
    </>
  );
}
