import { useState } from 'react';
import type { WhiteListEntry } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { DataTable, type Column } from '../../components/data-table';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatUkDate } from '../../lib/format-time';
import { AddEntryForm } from './add-entry-form';
import { categoryLabels } from './categories';
import { CheckPanel } from './check-panel';
import { ImportPanel } from './import-panel';
import './white-list.css';

type Message = { tone: 'success' | 'error'; text: string };

/** White list: exempt vehicles, kept accurate by officers (a reference database, Surveillance Camera Code principle 12). */
export function WhiteListPage() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const list = useApiQuery('listWhiteList', { query: { search: search || undefined, limit: 200 } });
  const expiring = useApiQuery('whiteListExpiring', { query: { days: 14 } });

  const changed = (text: string) => {
    setMessage({ tone: 'success', text });
    list.reload();
    expiring.reload();
  };

  const exportCsv = async () => {
    try {
      const r = await api.call('exportWhiteList');
      const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.filename;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setMessage({ tone: 'error', text: `Export failed: ${errorMessage(e)}` });
    }
  };

  const columns: Column<WhiteListEntry>[] = [
    { id: 'vrm', header: 'Mark', rowHeader: true, sortValue: (e) => e.vrm, cell: (e) => <span className="mono">{e.vrm}</span> },
    { id: 'category', header: 'Category', sortValue: (e) => e.category, cell: (e) => categoryLabels[e.category] },
    { id: 'scope', header: 'Scope', cell: (e) => (e.scopeCameras.length || e.scopeTypes.length ? [e.scopeCameras.map((c) => `camera ${c}`).join(', '), e.scopeTypes.join(', ')].filter(Boolean).join('; ') : 'everywhere') },
    { id: 'valid', header: 'Valid', sortValue: (e) => e.validTo ?? Infinity, cell: (e) => `${formatUkDate(e.validFrom)} – ${e.validTo === null ? 'no end' : formatUkDate(e.validTo)}` },
    { id: 'source', header: 'Source', sortValue: (e) => e.source, cell: (e) => e.source },
    { id: 'flags', header: 'Flags', cell: (e) => (e.vrmValid ? null : <Badge tone="warn">not a UK format</Badge>) },
    { id: 'addedBy', header: 'Added by', cell: (e) => e.addedBy },
  ];

  const soon = expiring.data?.expiring ?? [];
  const stale = expiring.data?.stale ?? [];

  return (
    <>
      <PageHeader
        title="White list"
        description="Vehicles exempt from camera enforcement where the traffic order permits them. Near misses never exempt."
        actions={<Button onClick={exportCsv}>Export CSV</Button>}
      />
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {(soon.length > 0 || stale.length > 0) && (
        <Alert tone="warning" title="Entries to look at">
          {soon.length > 0 && <p>{soon.length} entr{soon.length === 1 ? 'y expires' : 'ies expire'} within 14 days: {soon.map((e) => e.vrm).join(', ')}.</p>}
          {stale.length > 0 && <p>{stale.length} not reviewed for 12 months: {stale.slice(0, 20).map((e) => e.vrm).join(', ')}.</p>}
        </Alert>
      )}
      <div className="white-list-grid">
        <Panel title="Check a mark">
          <CheckPanel />
        </Panel>
        <Panel title="Add an entry">
          <AddEntryForm onAdded={changed} />
        </Panel>
        <Panel title="Import CSV">
          <ImportPanel onImported={changed} />
        </Panel>
      </div>
      <Panel title={`Entries${list.data ? ` (${list.data.total})` : ''}`}>
        <TextField label="Search marks, sources and notes" value={search} onChange={setSearch} type="search" />
        {list.error && <Alert tone="error">{errorMessage(list.error)}</Alert>}
        <DataTable caption="White-list entries" captionHidden columns={columns} rows={list.data?.entries ?? []} rowKey={(e) => e.id} empty={<p>No entries.</p>} />
      </Panel>
    </>
  );
}
