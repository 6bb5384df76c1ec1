import { useState, type FormEvent } from 'react';
import type { EvidencePack, PackCheck, WitnessStatement } from '../../../main/api/contract';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-error';
import { tokenStore } from '../api/token-store';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { DataTable, type Column } from '../components/data-table';
import { Loading } from '../components/loading';
import { Panel } from '../components/panel';
import { TextField } from '../components/text-field';
import { useApiQuery } from '../hooks/use-api-query';
import { formatUkDateTime } from '../lib/format-time';

/**
 * A case's evidence: build a signed pack (each build is a new version),
 * check it, download it as .tar, and make the signed-in officer's witness
 * statement for the appeals team. The Cases page embeds it per PCN.
 */
export function EvidencePanel({ pcnId }: { pcnId: number }) {
  const api = useApi();
  const evidence = useApiQuery('getCaseEvidence', { params: { id: pcnId } });
  const key = useApiQuery('getSigningKey');
  const [busy, setBusy] = useState<'' | 'build' | 'statement' | `verify-${number}`>('');
  const [error, setError] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<number, PackCheck>>({});
  const [requestedFor, setRequestedFor] = useState('');
  const [officerNumber, setOfficerNumber] = useState('');
  const withToken = (path: string, extra: Record<string, string> = {}) => api.url(path, { access_token: tokenStore.get() ?? '', ...extra });

  const build = async () => {
    setBusy('build');
    setError(null);
    try {
      await api.call('buildEvidencePack', { params: { id: pcnId }, body: { confirm: true } });
      evidence.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy('');
    }
  };

  const verify = async (id: number) => {
    setBusy(`verify-${id}`);
    try {
      const r = await api.call('verifyEvidencePack', { params: { id } });
      setChecks((c) => ({ ...c, [id]: r }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy('');
    }
  };

  const statement = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('statement');
    setError(null);
    try {
      await api.call('createWitnessStatement', { params: { id: pcnId }, body: { requestedFor, ...(officerNumber.trim() ? { officerNumber: officerNumber.trim() } : {}) } });
      setRequestedFor('');
      evidence.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy('');
    }
  };

  const packColumns: Column<EvidencePack>[] = [
    { id: 'version', header: 'Version', cell: (p) => `v${p.version}`, sortValue: (p) => p.version },
    { id: 'at', header: 'Built (UK)', cell: (p) => `${formatUkDateTime(p.createdAt)} by ${p.createdBy}`, sortValue: (p) => p.createdAt },
    { id: 'files', header: 'Files', cell: (p) => p.files, align: 'end' },
    {
      id: 'omissions', header: 'Not included', wrap: 'wrap',
      cell: (p) => (p.omissions.length ? p.omissions.map((o) => `${o.item}: ${o.why}`).join('; ') : 'nothing missing'),
    },
    {
      id: 'check', header: 'Check',
      cell: (p) => {
        const c = checks[p.id];
        if (!c) return <Button size="small" busy={busy === `verify-${p.id}`} onClick={() => void verify(p.id)}>Check pack</Button>;
        return c.ok ? 'All files and the signature verify' : `FAILED: ${c.problems.map((x) => `${x.what} (${x.problem})`).join('; ')}`;
      },
    },
    { id: 'download', header: 'Download', cell: (p) => <a href={withToken(p.downloadUrl)} download>{`${p.pcnReference}-evidence-v${p.version}.tar`}</a> },
  ];
  const statementColumns: Column<WitnessStatement>[] = [
    { id: 'at', header: 'Made (UK)', cell: (s) => formatUkDateTime(s.createdAt), sortValue: (s) => s.createdAt },
    { id: 'officer', header: 'Officer', cell: (s) => `${s.officerName} (${s.officerNumber})` },
    { id: 'for', header: 'For', cell: (s) => s.requestedFor, wrap: 'wrap' },
    { id: 'pdf', header: 'PDF', cell: (s) => <a href={withToken(s.pdfUrl)} target="_blank" rel="noreferrer">Open statement</a> },
  ];

  return (
    <Panel title="Evidence" actions={<Button variant="primary" size="small" busy={busy === 'build'} onClick={() => void build()}>Build evidence pack</Button>}>
      {error && <Alert tone="error" title="That did not work">{error}</Alert>}
      {evidence.status === 'error' && <Alert tone="error" title="Evidence could not be loaded">{errorMessage(evidence.error)}</Alert>}
      {!evidence.data && evidence.status === 'loading' && <Loading label="Loading evidence" />}
      {evidence.data && (
        <>
          <DataTable caption="Evidence packs" columns={packColumns} rows={evidence.data.packs} rowKey={(p) => String(p.id)} empty="No pack has been built for this case yet." />
          {key.data && <p className="hint">Packs are signed with the council key, fingerprint <span className="mono">{key.data.fingerprintGrouped}</span>.</p>}
          <DataTable caption="Witness statements" columns={statementColumns} rows={evidence.data.statements} rowKey={(s) => String(s.id)} empty="No witness statement yet." />
          <form onSubmit={(e) => void statement(e)} aria-label="Make a witness statement">
            <TextField label="Statement for" hint="e.g. appeals team, tribunal case number" value={requestedFor} onChange={setRequestedFor} required />
            <TextField label="Officer number" hint="only if not set on your user" value={officerNumber} onChange={setOfficerNumber} optional />
            <Button type="submit" busy={busy === 'statement'} disabled={!requestedFor.trim()}>Make my witness statement</Button>
          </form>
        </>
      )}
    </Panel>
  );
}
