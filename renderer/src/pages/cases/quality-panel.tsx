import { useState } from 'react';
import type { QualityAudit } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { useApiQuery } from '../../hooks/use-api-query';

/** Supervisors sample a share of each officer's PCNs per month and check each against the checklist. */
export function QualityPanel() {
  const api = useApi();
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [seed, setSeed] = useState('');
  const [percent, setPercent] = useState('10');
  const [msg, setMsg] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const q = useApiQuery('listQualityAudits', { query: { month } }, { enabled: /^\d{4}-\d{2}$/.test(month) });
  const sample = async () => {
    try {
      const r = await api.call('sampleQualityAudit', { body: { month, seed, percent: Number(percent) } });
      setMsg({ tone: 'success', text: `${r.sampled} sampled, ${r.added} new` });
      q.reload();
    } catch (e) {
      setMsg({ tone: 'error', text: errorMessage(e) });
    }
  };
  return (
    <Panel title="Quality audit">
      <div className="case-actions">
        <TextField label="Month (YYYY-MM)" value={month} onChange={setMonth} />
        <TextField label="Seed" value={seed} onChange={setSeed} />
        <TextField label="Share of each officer's PCNs (%)" value={percent} onChange={setPercent} inputMode="numeric" />
        <Button onClick={() => void sample()} disabled={!seed.trim()}>Draw sample</Button>
      </div>
      {msg && <Alert tone={msg.tone}>{msg.text}</Alert>}
      {q.data && (
        <>
          <table className="case-history">
            <caption>Results per officer</caption>
            <thead><tr><th scope="col">Officer</th><th scope="col">Month</th><th scope="col">Sampled</th><th scope="col">Checked</th><th scope="col">Passed</th></tr></thead>
            <tbody>{q.data.results.map((r) => <tr key={`${r.month}${r.officer}`}><td>{r.officer}</td><td>{r.month}</td><td>{r.sampled}</td><td>{r.checked}</td><td>{r.passed}</td></tr>)}</tbody>
          </table>
          {q.data.audits.map((a) => <AuditRow key={a.id} audit={a} checklist={q.data!.checklist} onSaved={q.reload} />)}
        </>
      )}
    </Panel>
  );
}

function AuditRow({ audit, checklist, onSaved }: { audit: QualityAudit; checklist: { id: string; label: string }[]; onSaved: () => void }) {
  const api = useApi();
  const [checks, setChecks] = useState<Record<string, boolean>>(audit.checks ?? Object.fromEntries(checklist.map((c) => [c.id, false])));
  const [error, setError] = useState('');
  return (
    <fieldset className="quality-audit">
      <legend>PCN {audit.pcnId} by {audit.officerName} {audit.passed === null ? '(not checked)' : audit.passed ? '(passed)' : '(failed)'}</legend>
      {checklist.map((c) => (
        <label key={c.id} className="quality-check">
          <input type="checkbox" checked={checks[c.id] ?? false} onChange={(e) => setChecks({ ...checks, [c.id]: e.target.checked })} /> {c.label}
        </label>
      ))}
      <Button size="small" onClick={() => void api.call('recordQualityAudit', { params: { id: audit.id }, body: { checks, notes: '' } }).then(onSaved, (e: unknown) => setError(errorMessage(e)))}>Save check</Button>
      {error && <Alert tone="error">{error}</Alert>}
    </fieldset>
  );
}
