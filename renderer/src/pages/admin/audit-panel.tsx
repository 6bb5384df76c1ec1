import { useEffect, useState, type FormEvent } from 'react';
import type { AuditEntry, QueryIn, Reply } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { Panel } from '../../components/panel';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatUkDateTime, parseUkLocal } from '../../lib/format-time';

const columns: Column<AuditEntry>[] = [
  { id: 'seq', header: 'No.', cell: (e) => e.seq, sortValue: (e) => e.seq, align: 'end' },
  { id: 'at', header: 'Time (UK)', cell: (e) => formatUkDateTime(e.at), sortValue: (e) => e.at, wrap: 'nowrap' },
  { id: 'actor', header: 'Who', cell: (e) => e.actorName, sortValue: (e) => e.actorName },
  { id: 'action', header: 'Action', cell: (e) => <span className="mono">{e.action}</span>, sortValue: (e) => e.action },
  { id: 'subject', header: 'Subject', cell: (e) => <span className="mono">{e.subject}</span>, sortValue: (e) => e.subject },
  { id: 'details', header: 'Details', cell: (e) => <span className="mono audit-details">{e.details === '{}' ? '' : e.details}</span>, wrap: 'wrap' },
];

const limits = [
  { value: '50', label: '50' },
  { value: '200', label: '200' },
  { value: '1000', label: '1000' },
] as const;

type Filters = { text: string; action: string; actor: string; from: string; to: string; limit: (typeof limits)[number]['value'] };
const noFilters: Filters = { text: '', action: '', actor: '', from: '', to: '', limit: '200' };

function toQuery(f: Filters): QueryIn<'searchAudit'> {
  return {
    text: f.text.trim() || undefined,
    action: f.action.trim() || undefined,
    actor: f.actor.trim() || undefined,
    from: parseUkLocal(f.from),
    to: parseUkLocal(f.to),
    limit: Number(f.limit),
  };
}

/** Search of the hash-chained audit log, and a check that the chain is unbroken. */
export function AuditPanel({ refreshKey }: { refreshKey: number }) {
  const api = useApi();
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [query, setQuery] = useState<QueryIn<'searchAudit'>>(toQuery(noFilters));
  const entries = useApiQuery('searchAudit', { query });
  const { reload } = entries;
  useEffect(() => {
    if (refreshKey > 0) reload();
  }, [refreshKey, reload]);
  const [verify, setVerify] = useState<{ busy: boolean; result?: Reply<'verifyAudit'>; error?: string }>({ busy: false });
  const set =
    <K extends keyof Filters>(k: K) =>
    (v: Filters[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery(toQuery(draft));
    reload();
  };

  const runVerify = async () => {
    setVerify({ busy: true });
    try {
      setVerify({ busy: false, result: await api.call('verifyAudit') });
    } catch (err) {
      setVerify({ busy: false, error: errorMessage(err) });
    }
  };

  return (
    <Panel
      title="Audit log"
      actions={
        <Button size="small" busy={verify.busy} onClick={() => void runVerify()}>
          {verify.busy ? 'Verifying…' : 'Verify chain'}
        </Button>
      }
    >
      {verify.result ? (
        verify.result.ok ? (
          <Alert tone="success" title="Audit chain intact.">
            All {verify.result.entries} entries are present and each one’s hash links to the one before.
          </Alert>
        ) : (
          <Alert tone="error" title="Audit chain broken.">
            {verify.result.problem ?? 'The chain does not verify'}
            {verify.result.seq !== undefined ? ` at entry ${verify.result.seq}` : ''}. Tell your administrator and keep this machine as it is.
          </Alert>
        )
      ) : null}
      {verify.error ? (
        <Alert tone="error" title="Could not verify.">
          {verify.error}
        </Alert>
      ) : null}
      <form className="toolbar" onSubmit={search} aria-label="Search the audit log">
        <TextField label="Text" value={draft.text} onChange={set('text')} type="search" />
        <TextField label="Action" value={draft.action} onChange={set('action')} placeholder="e.g. user.create" />
        <TextField label="Who" value={draft.actor} onChange={set('actor')} />
        <TextField label="From (UK time)" type="datetime-local" value={draft.from} onChange={set('from')} />
        <TextField label="To (UK time)" type="datetime-local" value={draft.to} onChange={set('to')} />
        <SelectField label="Max rows" value={draft.limit} options={limits} onChange={set('limit')} fieldClassName="field--narrow" />
        <Button type="submit" variant="primary">
          Search
        </Button>
        <Button
          onClick={() => {
            setDraft(noFilters);
            setQuery(toQuery(noFilters));
          }}
        >
          Clear
        </Button>
      </form>
      {entries.status === 'error' ? (
        <Alert tone="error" title="Could not search the audit log." action={<Button onClick={entries.reload}>Try again</Button>}>
          {errorMessage(entries.error)}
        </Alert>
      ) : null}
      {entries.data ? (
        <DataTable
          caption={`${entries.data.length} audit ${entries.data.length === 1 ? 'entry' : 'entries'}, newest first`}
          columns={columns}
          rows={entries.data}
          rowKey={(e) => e.seq}
          empty={<EmptyState title="No audit entries match">Change or clear the filters and search again.</EmptyState>}
        />
      ) : entries.status === 'loading' ? (
        <Loading label="Searching the audit log…" />
      ) : null}
    </Panel>
  );
}
