import { useState } from 'react';
import type { CameraDetails } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable, type Column } from '../../components/data-table';
import { Panel } from '../../components/panel';
import { TextField } from '../../components/text-field';
import { formatUkDate, formatUkDateTime } from '../../lib/format-time';
import { CameraEditForm } from './camera-edit-form';
import { CertificateForm } from './certificate-form';
import { certificateLabel, certificateState } from './certificate-status';
import { SnapshotImage } from './snapshot-image';
import { AnprKeyNotice } from './anpr-key-notice';

type Cert = CameraDetails['certificates'][number];

/** One camera: what is recorded about it, its certificates, its picture; changes for supervisors and administrators. */
export function CameraDetail({ camera, canChange, onChanged, onClose }: { camera: CameraDetails; canChange: boolean; onChanged: (c: CameraDetails, message: string) => void; onClose: () => void }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'refresh' | 'key' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const active = camera.status === 'active';
  const cert = certificateLabel(certificateState(camera.certificate));

  const refresh = async () => {
    setBusy('refresh');
    setFailure(null);
    try {
      const c = await api.call('refreshCamera', { params: { id: camera.id } });
      onChanged(c, `Read ${c.name} again: clock ${formatOffset(c.clockOffsetS)}.`);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const rotateKey = async () => {
    setBusy('key');
    setFailure(null);
    try {
      setNewKey((await api.call('rotateCameraAnprKey', { params: { id: camera.id } })).anprKey);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const certColumns: Column<Cert>[] = [
    { id: 'number', header: 'Certificate', cell: (c) => <span className="mono">{c.certificateNumber}</span>, rowHeader: true },
    { id: 'issuer', header: 'Issuer', cell: (c) => c.issuer },
    { id: 'ref', header: 'Type approval', cell: (c) => c.typeApprovalRef ?? <span className="muted">—</span> },
    { id: 'from', header: 'Valid from', cell: (c) => formatUkDate(c.validFrom), sortValue: (c) => c.validFrom, wrap: 'nowrap' },
    { id: 'to', header: 'Valid to', cell: (c) => formatUkDate(c.validTo), sortValue: (c) => c.validTo, wrap: 'nowrap' },
    { id: 'by', header: 'Recorded by', cell: (c) => `${c.createdBy}, ${formatUkDate(c.createdAt)}` },
  ];

  return (
    <Panel
      title={camera.name}
      actions={
        <Button variant="ghost" size="small" onClick={onClose} aria-label={`Close ${camera.name}`}>
          Close
        </Button>
      }
    >
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {newKey ? <AnprKeyNotice cameraName={camera.name} anprKey={newKey} /> : null}
      {!active ? (
        <Alert tone="info" title={`Retired ${camera.retiredAt ? formatUkDateTime(camera.retiredAt) : ''}.`}>
          {camera.retiredReason} Its footage and records are kept; it no longer records.
        </Alert>
      ) : null}
      <section className="camera-section" aria-label="Camera details">
        {editing ? (
          <CameraEditForm
            camera={camera}
            onCancel={() => setEditing(false)}
            onSaved={(c) => {
              setEditing(false);
              onChanged(c, `Saved ${c.name}.`);
            }}
          />
        ) : (
          <>
            <dl className="kv">
              <dt>Status</dt>
              <dd>{active ? <Badge tone="ok">Active</Badge> : <Badge>Retired</Badge>}</dd>
              <dt>Location</dt>
              <dd>{camera.locationDescription || <span className="muted">—</span>}</dd>
              <dt>Enforcement site</dt>
              <dd>{camera.enforcementSiteName ?? <span className="muted">—</span>}</dd>
              <dt>Site code</dt>
              <dd>{camera.siteCode ?? <span className="muted">—</span>}</dd>
              <dt>Position</dt>
              <dd>{camera.latitude !== null && camera.longitude !== null ? `${camera.latitude}, ${camera.longitude}` : <span className="muted">—</span>}</dd>
              <dt>Device</dt>
              <dd>{[camera.device.manufacturer, camera.device.model].filter(Boolean).join(' ') || <span className="muted">unknown</span>}{camera.device.firmware ? `, firmware ${camera.device.firmware}` : ''}{camera.device.serial ? `, serial ${camera.device.serial}` : ''}</dd>
              <dt>ONVIF address</dt>
              <dd>{camera.onvifHost ? `${camera.onvifHost}:${camera.onvifPort}` : <span className="muted">none (added by RTSP address)</span>}</dd>
              <dt>Recording from</dt>
              <dd className="mono">{(camera.stream === 'sub' ? camera.rtspSubUri : camera.rtspMainUri) ?? camera.rtspMainUri ?? '—'} ({camera.stream}, {camera.transport.toUpperCase()})</dd>
              <dt>Credentials</dt>
              <dd>{camera.username ? `${camera.username}, password ${camera.hasPassword ? 'stored encrypted' : 'not set'}` : 'none'}</dd>
              <dt>Clock</dt>
              <dd>{camera.clockCheckedAt ? `${formatOffset(camera.clockOffsetS)} at ${formatUkDateTime(camera.clockCheckedAt)}` : <span className="muted">not read yet</span>}</dd>
              <dt>Keeps footage</dt>
              <dd>{camera.retentionDays} days</dd>
              <dt>Certificate</dt>
              <dd>
                <Badge tone={cert.tone}>{cert.text}</Badge>
              </dd>
              <dt>Added</dt>
              <dd>
                {formatUkDateTime(camera.createdAt)} by {camera.createdBy}; changed {formatUkDateTime(camera.updatedAt)} by {camera.updatedBy}
              </dd>
            </dl>
            <div className="form-actions">
              {camera.onvifHost ? (
                <Button onClick={() => void refresh()} busy={busy === 'refresh'}>
                  Read device and clock
                </Button>
              ) : null}
              {canChange && active ? (
                <>
                  <Button onClick={() => void rotateKey()} busy={busy === 'key'}>
                    New ANPR key
                  </Button>
                  <Button onClick={() => setEditing(true)}>Edit</Button>
                  <Button variant="danger" onClick={() => setRetiring(true)}>
                    Retire…
                  </Button>
                </>
              ) : null}
            </div>
          </>
        )}
      </section>
      {camera.onvifHost ? (
        <section className="camera-section" aria-label="Snapshot">
          <h3>Snapshot</h3>
          <SnapshotImage key={camera.id} cameraId={camera.id} cameraName={camera.name} />
        </section>
      ) : null}
      <section className="camera-section" aria-label="Approved-device certificates">
        <h3>Approved-device certificates</h3>
        <DataTable caption={`Certificates of ${camera.name}`} captionHidden columns={certColumns} rows={camera.certificates} rowKey={(c) => c.id} empty={<p className="muted">No certificate recorded. PCNs cannot be issued from this camera’s evidence until one is.</p>} />
        {canChange ? <CertificateForm camera={camera} onSaved={(c) => onChanged(c, `Recorded the certificate for ${c.name}.`)} /> : null}
      </section>
      <ConfirmDialog
        open={retiring}
        title={`Retire ${camera.name}?`}
        confirmLabel="Retire camera"
        danger
        onClose={() => {
          setRetiring(false);
          setReason('');
          setReasonError(null);
        }}
        onConfirm={async () => {
          if (reason.trim().length < 3) {
            setReasonError('Say why the camera is retired');
            throw new Error('A reason is needed.');
          }
          const c = await api.call('retireCamera', { params: { id: camera.id }, body: { reason: reason.trim() } });
          setReason('');
          onChanged(c, `Retired ${c.name}. Its footage and records are kept.`);
        }}
      >
        <p>It stops recording now. Its footage, events and PCNs stay, and it stays in the register as retired.</p>
        <TextField label="Reason" value={reason} onChange={setReason} error={reasonError} required autoComplete="off" />
      </ConfirmDialog>
    </Panel>
  );
}

function formatOffset(s: number | null): string {
  if (s === null) return 'unknown';
  return `${s >= 0 ? '+' : ''}${s.toFixed(1)} s${Math.abs(s) > 10 ? ' (outside ±10 s)' : ''}`;
}
