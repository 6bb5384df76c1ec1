import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage, isApiError } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';

/** Keeper enquiries out and replies in; payments in; PCNs out. Imports are all-or-nothing: bad rows are listed and nothing is applied. */
export function BackOfficePanel({ onChanged, supervisor }: { onChanged: () => void; supervisor: boolean }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [out, setOut] = useState('');
  const [result, setResult] = useState<{ tone: 'error' | 'success'; text: string; rows?: string[] } | null>(null);
  const run = async (fn: () => Promise<string>) => {
    setResult(null);
    try {
      setResult({ tone: 'success', text: await fn() });
      onChanged();
    } catch (e) {
      const rows = isApiError(e) ? ((e.details as { errors?: { line: number; field?: string; message: string }[] } | undefined)?.errors ?? []) : [];
      setResult({ tone: 'error', text: errorMessage(e), rows: rows.map((r) => `line ${r.line}${r.field ? ` (${r.field})` : ''}: ${r.message}`) });
    }
  };
  return (
    <Panel title="Back office">
      <div className="cases-back-office">
        <div className="case-actions">
          <Button onClick={() => void run(async () => { const r = await api.call('exportKeeperEnquiries', { body: {} }); setOut(r.content); return `Keeper enquiry batch ${r.batchRef}: ${r.count} enquiries`; })}>Export keeper enquiries</Button>
          <Button onClick={() => void run(async () => { const r = await api.call('importKeeperReplies', { body: { csv: text } }); return `${r.applied} keeper replies applied${r.mismatches.length ? `; ${r.mismatches.length} vehicle mismatch(es) flagged` : ''}`; })} disabled={!text.trim()}>Import keeper replies</Button>
          {supervisor && <Button onClick={() => void run(async () => { const r = await api.call('importPayments', { body: { csv: text } }); return `${r.applied} payments applied; ${r.paid.length} PCNs paid; ${r.flagged.length} flagged`; })} disabled={!text.trim()}>Import payments</Button>}
          {supervisor && <Button onClick={() => void run(async () => { const r = await api.call('exportPcns', { query: { format: 'csv' } }); setOut(r.content); return `${r.count} PCNs exported`; })}>Export PCNs (CSV)</Button>}
          {supervisor && <Button onClick={() => void run(async () => { const r = await api.call('exportPcns', { query: { format: 'json' } }); setOut(r.content); return `${r.count} PCNs exported`; })}>Export PCNs (JSON)</Button>}
        </div>
        <label className="field">
          <span className="field__label">File to import (paste the CSV)</span>
          <textarea className="cases-textarea" value={text} onChange={(e) => setText(e.target.value)} rows={5} />
        </label>
        <label className="field">
          <input type="file" accept=".csv,text/csv" aria-label="Choose a CSV file to import" onChange={(e) => { const f = e.target.files?.[0]; if (f) void f.text().then(setText); }} />
        </label>
        {result && (
          <Alert tone={result.tone}>
            {result.text}
            {result.rows && result.rows.length > 0 && <ul className="import-errors">{result.rows.map((r) => <li key={r}>{r}</li>)}</ul>}
          </Alert>
        )}
        {out && (
          <label className="field">
            <span className="field__label">Exported file</span>
            <textarea className="cases-textarea" readOnly value={out} rows={6} />
          </label>
        )}
      </div>
    </Panel>
  );
}
