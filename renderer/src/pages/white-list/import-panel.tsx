import { useState } from 'react';
import type { ImportReport } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Field } from '../../components/field';

/** CSV import: all rows or none, and a row-by-row report of what was wrong. */
export function ImportPanel({ onImported }: { onImported: (text: string) => void }) {
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await api.call('importWhiteList', { body: { csv: await file.text(), dryRun: false } });
      setReport(r);
      if (!r.errors.length) onImported(`${r.imported} entries imported from ${file.name}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="white-list-import">
      <p>Header: vrm,category,scope_cameras,scope_types,valid_from,valid_to,source,notes. If any row is wrong, nothing is imported.</p>
      <Field label="CSV file">{(p) => <input {...p} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}</Field>
      <Button onClick={run} disabled={!file} busy={busy}>
        Import
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
      {report && report.errors.length > 0 && (
        <Alert tone="error" title={`Nothing imported: ${report.errors.length} problem(s) in ${report.rows} rows`}>
          <ul className="import-errors" aria-label="Import errors">
            {report.errors.map((e, i) => (
              <li key={i}>
                Line {e.line}
                {e.field ? ` (${e.field})` : ''}: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {report && report.errors.length === 0 && report.warnings.length > 0 && (
        <Alert tone="warning" title="Imported, with warnings">
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>
                Line {w.line}: {w.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
