import { useState } from 'react';
import type { CameraHealth, ProbeResult } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { DataTable, type Column } from '../../components/data-table';
import { Loading } from '../../components/loading';
import { Panel } from '../../components/panel';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatUkDateTime } from '../../lib/format-time';
import { formatAge, probeValue, statusText, statusTone } from './health-format';
import { ReferencePreview } from './reference-preview';

const HISTORY_MS = 24 * 3_600_000;

/**
 * One camera's health log over the last 24 hours: its status changes, the
 * incidents they make (the stretches the player's timeline marks) and every
 * probe result with its reason; "Probe now" runs every probe at once.
 */
export function CameraHealthDetail({ health, name, onChanged, onClose }: { health: CameraHealth; name: string; onChanged: () => void; onClose: () => void }) {
  const api = useApi();
  const id = health.cameraId;
  // The window is fixed when opened or refreshed: a moving "now" would refetch on every render.
  const [to, setTo] = useState(() => Date.now() + 60_000);
  const from = to - HISTORY_MS;
  const log = useApiQuery('healthCameraProbes', { params: { id }, query: { from, to, limit: 200 } });
  const incidents = useApiQuery('healthIncidents', { params: { id }, query: { from, to } });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const refresh = () => setTo(Date.now() + 60_000);

  const probeNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await api.call('healthProbeNow', { params: { id } });
      setMessage({ tone: r.status === 'ok' ? 'success' : 'error', text: `Probed ${name}: ${statusText[r.status]}${r.reasons.length ? ` — ${r.reasons.join('; ')}` : ''}.` });
      refresh();
      onChanged();
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const probeColumns: Column<ProbeResult>[] = [
    { id: 'at', header: 'Time (UK)', sortValue: (p) => p.at, cell: (p) => formatUkDateTime(p.at), wrap: 'nowrap' },
    { id: 'kind', header: 'Probe', sortValue: (p) => p.kind, cell: (p) => p.kind },
    { id: 'status', header: 'Result', sortValue: (p) => p.status, cell: (p) => <Badge tone={statusTone(p.status)}>{statusText[p.status]}</Badge> },
    { id: 'value', header: 'Reading', align: 'end', cell: (p) => probeValue(p.kind, p.value) },
    { id: 'reason', header: 'Reason', wrap: 'wrap', cell: (p) => p.reason ?? <span className="muted">—</span> },
    { id: 'took', header: 'Took', align: 'end', sortValue: (p) => p.durationMs, cell: (p) => `${p.durationMs} ms` },
  ];

  return (
    <Panel
      title={name}
      actions={
        <>
          <Button size="small" onClick={() => void probeNow()} busy={busy}>
            Probe now
          </Button>
          <Button size="small" onClick={refresh}>
            Refresh
          </Button>
          <Button size="small" variant="ghost" onClick={onClose} aria-label={`Close ${name}`}>
            ✕
          </Button>
        </>
      }
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <dl className="kv">
        <dt>Status</dt>
        <dd>
          <Badge tone={statusTone(health.status)}>{statusText[health.status]}</Badge>
          {health.since ? <span className="muted"> since {formatUkDateTime(health.since)}</span> : null}
        </dd>
        <dt>Reasons</dt>
        <dd>{health.reasons.length ? health.reasons.join('; ') : <span className="muted">none</span>}</dd>
        <dt>Last probe</dt>
        <dd>{health.lastProbeAt ? formatUkDateTime(health.lastProbeAt) : 'never'}</dd>
      </dl>

      <section className="health-section" aria-label="Incidents in the last 24 hours">
        <h3>Incidents, last 24 hours</h3>
        {incidents.status === 'error' ? <Alert tone="error">{errorMessage(incidents.error)}</Alert> : null}
        {incidents.data ? (
          incidents.data.incidents.length === 0 ? (
            <p className="muted">No incidents: the camera was not down or degraded in this window.</p>
          ) : (
            <ol className="health-incidents">
              {incidents.data.incidents.map((i) => (
                <li key={i.start}>
                  <Badge tone={statusTone(i.status)}>{statusText[i.status]}</Badge> {formatUkDateTime(i.start)} – {i.end ? formatUkDateTime(i.end) : 'now'}
                  <span className="muted"> ({formatAge((i.end ?? to - 60_000) - i.start)}{i.end ? '' : ' so far'})</span>
                  {i.reasons.length ? <div className="health-incidents__why">{i.reasons.join('; ')}</div> : null}
                </li>
              ))}
            </ol>
          )
        ) : incidents.status === 'loading' ? (
          <Loading label="Loading incidents…" />
        ) : null}
      </section>

      <section className="health-section" aria-label="Status history">
        <h3>Status history</h3>
        {log.status === 'error' ? <Alert tone="error">{errorMessage(log.error)}</Alert> : null}
        {log.data ? (
          log.data.history.length === 0 ? (
            <p className="muted">No status change in the last 24 hours.</p>
          ) : (
            <ol className="health-history">
              {[...log.data.history].reverse().map((c) => (
                <li key={c.id}>
                  <span className="mono">{formatUkDateTime(c.at)}</span> <Badge tone={statusTone(c.status)}>{statusText[c.status]}</Badge>
                  {c.reasons.length ? <span className="muted"> {c.reasons.join('; ')}</span> : null}
                </li>
              ))}
            </ol>
          )
        ) : null}
      </section>

      <section className="health-section" aria-label="Probe results">
        <h3>Probe results</h3>
        {log.data ? (
          <DataTable
            caption={`Probe results for ${name}`}
            captionHidden
            columns={probeColumns}
            rows={log.data.probes}
            rowKey={(p) => p.id}
            initialSort={{ column: 'at', direction: 'descending' }}
            empty={<p className="muted">No probe has run in the last 24 hours.</p>}
          />
        ) : log.status === 'loading' ? (
          <Loading label="Loading the health log…" />
        ) : null}
      </section>

      <ReferencePreview cameraId={id} name={name} />
    </Panel>
  );
}
