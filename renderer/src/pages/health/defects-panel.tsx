import { useState } from 'react';
import type { CameraSummary, Defect, DefectDetails } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { DataTable, type Column } from '../../components/data-table';
import { Loading } from '../../components/loading';
import { Panel } from '../../components/panel';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useApiQuery } from '../../hooks/use-api-query';
import { useServerEvents } from '../../hooks/use-server-events';
import { formatUkDateTime } from '../../lib/format-time';
import { DefectDialog } from './defect-dialog';
import { categoryLabel, formatAge } from './health-format';

type StateFilter = 'open' | 'resolved' | 'all';
type ScopeFilter = '' | 'camera' | 'location';

const stateOptions = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const;
const scopeOptions = [
  { value: '', label: 'Cameras and locations' },
  { value: 'camera', label: 'Camera faults' },
  { value: 'location', label: 'Signs and markings' },
] as const;

/**
 * The defect list: camera faults (opened by the probes or by hand) and sign
 * or road-marking defects at locations, filtered by state, camera or place,
 * and blocking; each opens in the editor.
 */
export function DefectsPanel({ cameras }: { cameras: readonly CameraSummary[] }) {
  const api = useApi();
  const [state, setState] = useState<StateFilter>('open');
  const [scope, setScope] = useState<ScopeFilter>('');
  const [cameraId, setCameraId] = useState('');
  const [place, setPlace] = useState('');
  const [blockingOnly, setBlockingOnly] = useState(false);
  const [editing, setEditing] = useState<{ defect: DefectDetails | null; key: number } | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const list = useApiQuery('defectsList', {
    query: { state, ...(scope ? { scope } : {}), ...(cameraId ? { cameraId: Number(cameraId) } : {}) },
  });
  // Ages are counted from when the list was last (re)loaded; reading the clock while rendering would make them unstable.
  const [now, setNow] = useState(() => Date.now());
  const reload = () => {
    setNow(Date.now());
    list.reload();
  };
  useServerEvents(['defect-changed'], reload);

  const names = new Map(cameras.map((c) => [c.id, c]));
  const where = (d: Defect) => (d.scope === 'camera' ? (names.get(d.cameraId ?? 0)?.name ?? `Camera ${d.cameraId}`) : (d.location ?? ''));
  const needle = place.trim().toLowerCase();
  const rows = (list.data?.defects ?? []).filter(
    (d) => (!blockingOnly || d.blocking) && (!needle || `${where(d)} ${d.siteCode ?? ''}`.toLowerCase().includes(needle)),
  );

  const open = async (id: number) => {
    setMessage(null);
    try {
      const d = await api.call('defectGet', { params: { id } });
      setEditing({ defect: d, key: Date.now() });
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    }
  };

  const columns: Column<Defect>[] = [
    { id: 'id', header: 'No.', align: 'end', sortValue: (d) => d.id, cell: (d) => d.id },
    {
      id: 'title',
      header: 'Defect',
      rowHeader: true,
      wrap: 'wrap',
      sortValue: (d) => d.title,
      cell: (d) => (
        <div className="health-defect-title">
          <button type="button" className="health-link" onClick={() => void open(d.id)}>
            {d.title}
          </button>
          <div className="muted">{categoryLabel(d.category)}</div>
        </div>
      ),
    },
    {
      id: 'where',
      header: 'Camera or location',
      wrap: 'wrap',
      sortValue: (d) => where(d),
      cell: (d) => (
        <>
          {where(d)}
          {d.siteCode ? <div className="muted">Site {d.siteCode}</div> : null}
        </>
      ),
    },
    { id: 'blocking', header: 'Enforcement', sortValue: (d) => (d.blocking ? 1 : 0), cell: (d) => (d.blocking ? <Badge tone="danger">Blocking</Badge> : <span className="muted">Not held</span>) },
    { id: 'origin', header: 'Raised by', sortValue: (d) => d.origin, cell: (d) => (d.origin === 'auto' ? 'Health probes' : d.createdBy) },
    {
      id: 'supplier',
      header: 'Supplier / ticket',
      wrap: 'wrap',
      sortValue: (d) => d.supplier,
      cell: (d) => (d.supplier || d.supplierRef ? `${d.supplier ?? '—'}${d.supplierRef ? ` / ${d.supplierRef}` : ''}` : <span className="muted">—</span>),
    },
    { id: 'reported', header: 'Reported (UK)', sortValue: (d) => d.reportedAt, cell: (d) => formatUkDateTime(d.reportedAt), wrap: 'nowrap' },
    { id: 'ack', header: 'Acknowledged', sortValue: (d) => d.acknowledgedAt, cell: (d) => (d.acknowledgedAt ? formatUkDateTime(d.acknowledgedAt) : <span className="muted">—</span>), wrap: 'nowrap' },
    {
      id: 'resolved',
      header: 'Resolved / age',
      sortValue: (d) => d.resolvedAt ?? -d.reportedAt,
      wrap: 'nowrap',
      cell: (d) => (d.resolvedAt ? formatUkDateTime(d.resolvedAt) : <Badge tone="warn">{`Open ${formatAge(now - d.reportedAt)}`}</Badge>),
    },
  ];

  const cameraOptions = [{ value: '', label: 'Any camera' }, ...cameras.map((c) => ({ value: String(c.id), label: c.name }))];

  return (
    <Panel
      title="Defects"
      actions={
        <Button variant="primary" onClick={() => setEditing({ defect: null, key: Date.now() })}>
          Report a defect
        </Button>
      }
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="toolbar" role="group" aria-label="Filter defects">
        <SelectField label="State" value={state} options={stateOptions} onChange={setState} />
        <SelectField label="Kind" value={scope} options={scopeOptions} onChange={setScope} />
        <SelectField label="Camera" value={cameraId} options={cameraOptions} onChange={setCameraId} />
        <TextField label="Location or site" value={place} onChange={setPlace} type="search" />
        <label className="health-check health-check--toolbar">
          <input type="checkbox" checked={blockingOnly} onChange={(e) => setBlockingOnly(e.target.checked)} /> Blocking only
        </label>
      </div>
      {list.status === 'error' ? (
        <Alert tone="error" title="Could not load the defects." action={<Button onClick={reload}>Try again</Button>}>
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      {list.data ? (
        <DataTable
          caption="Defects"
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(d) => d.id}
          initialSort={{ column: 'reported', direction: 'descending' }}
          empty={<p className="muted">No {state === 'all' ? '' : `${state} `}defects match these filters.</p>}
        />
      ) : list.status === 'loading' ? (
        <Loading label="Loading defects…" />
      ) : null}
      <DefectDialog
        key={editing?.key ?? 0}
        open={editing !== null}
        defect={editing?.defect ?? null}
        cameras={cameras.filter((c) => c.status === 'active' || c.id === editing?.defect?.cameraId)}
        onClose={() => setEditing(null)}
        onSaved={(d, verb) => {
          setEditing(null);
          setMessage({ tone: 'success', text: `Defect ${d.id} ${verb}${d.blocking && !d.resolvedAt ? ': enforcement is held there until it is resolved' : ''}.` });
          reload();
        }}
      />
    </Panel>
  );
}
