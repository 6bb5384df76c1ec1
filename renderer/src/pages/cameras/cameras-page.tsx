import { useState } from 'react';
import type { CameraDetails, CameraSummary, DiscoveredCamera } from '../../../../main/api/contract';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { DataTable, type Column } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useApiQuery } from '../../hooks/use-api-query';
import { useHashRoute } from '../../hooks/use-hash-route';
import { useServerEvents } from '../../hooks/use-server-events';
import { hasRole, useSession } from '../../hooks/use-session';
import { AddCameraDialog, type AddCameraPreset } from './add-camera-dialog';
import { AnprKeyNotice } from './anpr-key-notice';
import { CameraDetail } from './camera-detail';
import { certificateLabel, certificateState } from './certificate-status';
import { DiscoverDialog } from './discover-dialog';
import './cameras.css';

/** Cameras: the register of enforcement cameras (#/cameras, one camera at #/cameras/:id). */
export function CamerasPage() {
  const { user } = useSession();
  const canChange = hasRole(user, ['supervisor', 'administrator']);
  const [path, navigate] = useHashRoute();
  const selectedId = Number(/^\/cameras\/(\d+)/.exec(path)?.[1] ?? NaN);
  const [showRetired, setShowRetired] = useState(false);
  const cameras = useApiQuery('listCameras', { query: { includeRetired: showRetired ? 'true' : 'false' } });
  const detail = useApiQuery('getCamera', { params: { id: selectedId } }, { enabled: Number.isInteger(selectedId) && selectedId > 0 });
  const [discovering, setDiscovering] = useState(false);
  // Each opening is a fresh form (key), filled from what discovery found.
  const [adding, setAdding] = useState<{ preset: AddCameraPreset | null; key: number } | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [added, setAdded] = useState<{ name: string; key: string } | null>(null);

  useServerEvents(['camera-status'], () => {
    if (Number.isInteger(selectedId)) detail.reload();
  });

  const changed = (c: CameraDetails, text: string) => {
    setMessage({ tone: 'success', text });
    cameras.reload();
    if (c.id === selectedId) detail.reload();
  };

  const columns: Column<CameraSummary>[] = [
    {
      id: 'name',
      header: 'Name',
      rowHeader: true,
      sortValue: (c) => c.name,
      cell: (c) => (
        <button type="button" className="camera-link" onClick={() => navigate(`/cameras/${c.id}`)} aria-current={c.id === selectedId ? 'true' : undefined}>
          {c.name}
        </button>
      ),
    },
    { id: 'location', header: 'Location', sortValue: (c) => c.locationDescription, cell: (c) => c.locationDescription || <span className="muted">—</span>, wrap: 'wrap' },
    { id: 'status', header: 'Status', sortValue: (c) => c.status, cell: (c) => (c.status === 'active' ? <Badge tone="ok">Active</Badge> : <Badge>Retired</Badge>) },
    { id: 'model', header: 'Model', sortValue: (c) => c.model, cell: (c) => c.model ?? <span className="muted">—</span> },
    {
      id: 'certificate',
      header: 'Certificate',
      sortValue: (c) => c.certificate?.validTo ?? 0,
      cell: (c) => {
        const l = certificateLabel(certificateState(c.certificate));
        return (
          <span>
            <Badge tone={l.tone}>{l.text}</Badge>
            {c.certificate ? <span className="muted"> {c.certificate.certificateNumber}</span> : null}
          </span>
        );
      },
    },
    { id: 'retention', header: 'Keeps footage', align: 'end', sortValue: (c) => c.retentionDays, cell: (c) => `${c.retentionDays} days` },
  ];

  const list = cameras.data ?? [];

  return (
    <>
      <PageHeader
        title="Cameras"
        description="The enforcement camera estate: where each camera is, how it is reached, and its approved-device certificate."
        actions={
          canChange ? (
            <>
              <Button onClick={() => setDiscovering(true)}>Discover</Button>
              <Button variant="primary" onClick={() => setAdding({ preset: null, key: Date.now() })}>
                Add by address
              </Button>
            </>
          ) : null
        }
      />
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {added ? <AnprKeyNotice cameraName={added.name} anprKey={added.key} /> : null}
      <div className={Number.isInteger(selectedId) ? 'cameras-layout cameras-layout--detail' : 'cameras-layout'}>
        <Panel
          title="Camera register"
          flush
          actions={
            <label className="muted">
              <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} /> Show retired
            </label>
          }
        >
          {cameras.status === 'error' ? (
            <Alert tone="error" title="Could not load the cameras." action={<Button onClick={cameras.reload}>Try again</Button>}>
              {errorMessage(cameras.error)}
            </Alert>
          ) : null}
          {cameras.data ? (
            <DataTable
              caption="Cameras"
              captionHidden
              columns={columns}
              rows={list}
              rowKey={(c) => c.id}
              initialSort={{ column: 'name', direction: 'ascending' }}
              empty={
                <EmptyState title="No cameras yet" icon="◎" points={['find cameras on the network (Discover), or add one by ONVIF or RTSP address;', 'record where it is and its approved-device certificate;', 'check its clock and see its picture.']}>
                  <p>{canChange ? 'Add the council’s enforcement cameras here.' : 'A supervisor or administrator adds cameras here.'}</p>
                </EmptyState>
              }
            />
          ) : cameras.status === 'loading' ? (
            <Loading label="Loading cameras…" />
          ) : null}
        </Panel>
        {Number.isInteger(selectedId) ? (
          detail.data && detail.data.id === selectedId ? (
            <CameraDetail camera={detail.data} canChange={canChange} onChanged={changed} onClose={() => navigate('/cameras')} />
          ) : detail.status === 'error' ? (
            <Alert tone="error" title={`Camera ${selectedId}`}>
              {errorMessage(detail.error)}
            </Alert>
          ) : (
            <Loading label="Loading the camera…" />
          )
        ) : null}
      </div>
      <DiscoverDialog
        open={discovering}
        onClose={() => setDiscovering(false)}
        onPick={(d: DiscoveredCamera) => {
          setDiscovering(false);
          setAdding({ preset: { host: d.host ?? '', port: d.port ?? 80, name: d.name, location: d.location, endpoint: d.endpoint }, key: Date.now() });
        }}
      />
      <AddCameraDialog
        key={adding?.key ?? 0}
        open={adding !== null}
        preset={adding?.preset ?? null}
        onClose={() => setAdding(null)}
        onAdded={(c, key) => {
          setAdding(null);
          setAdded({ name: c.name, key });
          setMessage({ tone: 'success', text: `Added ${c.name}.` });
          cameras.reload();
          navigate(`/cameras/${c.id}`);
        }}
      />
    </>
  );
}
