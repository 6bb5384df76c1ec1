import type { CameraSummary } from '../../../../main/api/contract';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useApiQuery } from '../../hooks/use-api-query';
import { useHashRoute } from '../../hooks/use-hash-route';
import { useServerEvents } from '../../hooks/use-server-events';
import { formatUkDateTime } from '../../lib/format-time';
import { CameraHealthDetail } from './camera-health-detail';
import { CameraStatusGrid } from './camera-status-grid';
import { DefectsPanel } from './defects-panel';
import { probeValue, statusText, statusTone } from './health-format';
import './health.css';

/** Health & defects (#/health; one camera's log at #/health/:id): camera status from the probes, and defects. */
export function HealthPage() {
  const [path, navigate] = useHashRoute();
  const selectedId = Number(/^\/health\/(\d+)/.exec(path)?.[1] ?? NaN);
  const health = useApiQuery('healthCameras');
  const cameras = useApiQuery('listCameras', { query: { includeRetired: 'true' } });
  useServerEvents(['camera-status', 'defect-changed'], () => health.reload());

  const summaries: CameraSummary[] = cameras.data ?? [];
  const names = new Map(summaries.map((c) => [c.id, c]));
  const selected = Number.isInteger(selectedId) ? health.data?.cameras.find((c) => c.cameraId === selectedId) : undefined;
  const storage = health.data?.storage ?? null;
  const counts = { ok: 0, degraded: 0, down: 0, unknown: 0 };
  for (const c of health.data?.cameras ?? []) counts[c.status]++;

  return (
    <>
      <PageHeader
        title="Health & defects"
        description="Every camera is probed each minute (network, clock, stream, recording, picture). Faults that persist open defects; report camera, sign and road-marking defects here."
      />
      <div className={selected ? 'health-layout health-layout--detail' : 'health-layout'}>
        <Panel
          title="Camera status"
          actions={
            <>
              {health.data ? (
                <span className="muted health-counts" aria-label="Status counts">
                  {counts.down} down · {counts.degraded} degraded · {counts.ok} ok{counts.unknown ? ` · ${counts.unknown} not probed` : ''}
                </span>
              ) : null}
              <Button size="small" onClick={health.reload}>
                Refresh
              </Button>
            </>
          }
        >
          {health.status === 'error' ? (
            <Alert tone="error" title="Could not load camera health." action={<Button onClick={health.reload}>Try again</Button>}>
              {errorMessage(health.error)}
            </Alert>
          ) : null}
          {cameras.status === 'error' ? <Alert tone="warning">Camera names could not be loaded ({errorMessage(cameras.error)}); cameras are shown by number.</Alert> : null}
          {storage ? (
            <p className="health-storage">
              Recording disk: <Badge tone={statusTone(storage.status)}>{statusText[storage.status]}</Badge> {probeValue('storage', storage.value)}
              {storage.reason ? ` — ${storage.reason}` : ''} <span className="muted">(checked {formatUkDateTime(storage.at)})</span>
            </p>
          ) : null}
          {health.data ? (
            health.data.cameras.length === 0 ? (
              <EmptyState title="No cameras to probe" icon="✚" points={['add cameras on the Cameras page;', 'each working camera is then probed every minute.']}>
                <p>Camera health appears here once the estate has cameras.</p>
              </EmptyState>
            ) : (
              <CameraStatusGrid cameras={health.data.cameras} names={names} selectedId={selected ? selectedId : null} onSelect={(id) => navigate(`/health/${id}`)} />
            )
          ) : health.status === 'loading' ? (
            <Loading label="Loading camera health…" />
          ) : null}
        </Panel>
        {selected ? (
          <CameraHealthDetail
            key={selected.cameraId}
            health={selected}
            name={names.get(selected.cameraId)?.name ?? `Camera ${selected.cameraId}`}
            onChanged={health.reload}
            onClose={() => navigate('/health')}
          />
        ) : null}
      </div>
      <DefectsPanel cameras={summaries} />
    </>
  );
}
