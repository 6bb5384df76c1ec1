import { useState } from 'react';
import type { PcnSummary } from '../../../../main/api/contract';
import { Button } from '../../components/button';
import { DataTable, type Column } from '../../components/data-table';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { Alert } from '../../components/alert';
import { errorMessage } from '../../api/api-error';
import { useApiQuery } from '../../hooks/use-api-query';
import { hasRole, useSession } from '../../hooks/use-session';
import { BackOfficePanel } from './back-office-panel';
import { CaseDetail } from './case-detail';
import { QualityPanel } from './quality-panel';
import { pounds, stageLabels } from './format';
import './cases.css';

type Stage = PcnSummary['stage'];
const STAGES = Object.keys(stageLabels) as Stage[];

/** Cases: PCNs and warning notices from issue to close, a tab per stage. */
export function CasesPage() {
  const { user } = useSession();
  const supervisor = hasRole(user, ['supervisor', 'administrator']);
  const [stage, setStage] = useState<Stage | undefined>(undefined);
  const [vrm, setVrm] = useState('');
  const [code, setCode] = useState('');
  const [officer, setOfficer] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  // A back-office import or export moves cases on behind the open one: bumping this remounts it, so it reloads.
  const [backOfficeRun, setBackOfficeRun] = useState(0);
  const query = { ...(stage ? { stage } : {}), ...(vrm.trim() ? { vrm: vrm.trim().toUpperCase().replace(/\s/g, '') } : {}), ...(code.trim() ? { code: code.trim() } : {}), ...(officer.trim() ? { officer: officer.trim() } : {}) };
  const list = useApiQuery('listPcns', { query });
  const deadlines = useApiQuery('pcnDeadlines', { query: {} });
  const counts = list.data?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const reload = () => {
    list.reload();
    deadlines.reload();
  };

  const columns: Column<PcnSummary>[] = [
    { id: 'reference', header: 'Reference', cell: (p) => p.reference, rowHeader: true, sortValue: (p) => p.reference },
    { id: 'vrm', header: 'VRM', cell: (p) => p.vrm, sortValue: (p) => p.vrm },
    { id: 'code', header: 'Code', cell: (p) => p.code },
    { id: 'place', header: 'Place', cell: (p) => p.place, wrap: 'wrap' },
    { id: 'stage', header: 'Stage', cell: (p) => stageLabels[p.stage] ?? p.stage },
    { id: 'serviceBy', header: 'Serve by', cell: (p) => p.dates.serviceBy, sortValue: (p) => p.dates.serviceBy },
    { id: 'charge', header: 'Charge', cell: (p) => (p.kind === 'pcn' ? pounds(p.amountPence) : 'warning'), align: 'end' },
    { id: 'open', header: 'Case', cell: (p) => <Button size="small" onClick={() => setOpen(p.id)} aria-label={`Open case ${p.reference}`}>Open</Button> },
  ];

  return (
    <>
      <PageHeader title="Cases" description="Penalty Charge Notices and warning notices, from issue to close." />
      <div className="cases-tabs" role="tablist" aria-label="Stages">
        <button type="button" role="tab" className="btn btn--small" aria-selected={stage === undefined} onClick={() => setStage(undefined)}>All ({total})</button>
        {STAGES.map((s) => (
          <button key={s} type="button" role="tab" className="btn btn--small" aria-selected={stage === s} onClick={() => setStage(s)}>
            {stageLabels[s]} ({counts[s] ?? 0})
          </button>
        ))}
      </div>
      <div className="cases-filters">
        <TextField label="VRM" value={vrm} onChange={setVrm} />
        <TextField label="Code" value={code} onChange={setCode} />
        <TextField label="Officer" value={officer} onChange={setOfficer} />
      </div>
      {list.status === 'error' && <Alert tone="error" title="Cases not loaded">{errorMessage(list.error)}</Alert>}
      <div className="cases-layout">
        <Panel title={stage ? stageLabels[stage]! : 'All cases'} flush>
          <DataTable caption="Cases" captionHidden columns={columns} rows={list.data?.pcns ?? []} rowKey={(p) => p.id} empty={<p>No cases at this stage.</p>} />
        </Panel>
        {open !== null && <CaseDetail key={`${open}:${backOfficeRun}`} id={open} onChanged={reload} />}
      </div>
      <div className="cases-layout">
        <Panel title="Overdue">
          {(deadlines.data?.overdue ?? []).length === 0 ? <p>Nothing is overdue.</p> : (
            <ul>{deadlines.data!.overdue.map((d) => <li key={`${d.pcnId}${d.what}`}>{d.reference} ({d.vrm}): {d.what} — due {d.due}</li>)}</ul>
          )}
        </Panel>
        <Panel title="Near a deadline">
          {(deadlines.data?.near ?? []).length === 0 ? <p>Nothing falls due in the next few days.</p> : (
            <ul>{deadlines.data!.near.map((d) => <li key={`${d.pcnId}${d.what}`}>{d.reference} ({d.vrm}): {d.what} — due {d.due}</li>)}</ul>
          )}
        </Panel>
      </div>
      <BackOfficePanel onChanged={() => { reload(); setBackOfficeRun((n) => n + 1); }} supervisor={supervisor} />
      {supervisor && <QualityPanel />}
    </>
  );
}
