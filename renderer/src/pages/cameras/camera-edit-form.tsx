import { useState, type FormEvent } from 'react';
import type { CameraDetails } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { fieldErrorsFrom } from '../../api/field-errors';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/text-field';
import { CameraFields, parseCameraFields, type CameraFieldName, type CameraFieldsForm } from './camera-fields';

const extra = ['rtspMainUri', 'rtspSubUri', 'username', 'password'] as const;
type Extra = (typeof extra)[number];
const allFields = [...extra, 'name', 'locationDescription', 'siteCode', 'enforcementSiteName', 'latitude', 'longitude', 'retentionDays', 'stream', 'transport'] as const;

function formOf(c: CameraDetails): CameraFieldsForm {
  return {
    name: c.name,
    locationDescription: c.locationDescription,
    siteCode: c.siteCode ?? '',
    enforcementSiteName: c.enforcementSiteName ?? '',
    latitude: c.latitude === null ? '' : String(c.latitude),
    longitude: c.longitude === null ? '' : String(c.longitude),
    retentionDays: String(c.retentionDays),
    stream: c.stream,
    transport: c.transport,
  };
}

/** Edits a working camera; the password field stays empty unless it is being changed. */
export function CameraEditForm({ camera, onSaved, onCancel }: { camera: CameraDetails; onSaved: (c: CameraDetails) => void; onCancel: () => void }) {
  const api = useApi();
  const [fields, setFields] = useState(formOf(camera));
  const [conn, setConn] = useState({ rtspMainUri: camera.rtspMainUri ?? '', rtspSubUri: camera.rtspSubUri ?? '', username: camera.username ?? '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Extra | CameraFieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isOnvif = camera.onvifHost !== null;
  const setC = (k: Extra) => (v: string) => setConn((c) => ({ ...c, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const parsed = parseCameraFields(fields);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const body = {
        ...parsed.value,
        ...(!isOnvif && conn.rtspMainUri.trim() !== (camera.rtspMainUri ?? '') ? { rtspMainUri: conn.rtspMainUri.trim() } : {}),
        ...(!isOnvif && conn.rtspSubUri.trim() !== (camera.rtspSubUri ?? '') ? { rtspSubUri: conn.rtspSubUri.trim() || null } : {}),
        ...(conn.username !== (camera.username ?? '') ? { username: conn.username } : {}),
        ...(conn.password ? { password: conn.password } : {}),
      };
      onSaved(await api.call('updateCamera', { params: { id: camera.id }, body }));
    } catch (err) {
      const r = fieldErrorsFrom(err, allFields);
      setErrors(r.fields);
      setFailure(r.form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack" onSubmit={submit} noValidate aria-label={`Edit ${camera.name}`}>
      {failure ? (
        <Alert tone="error" title="Could not save the camera.">
          {failure}
        </Alert>
      ) : null}
      <CameraFields form={fields} errors={errors} onChange={setFields} />
      <div className="form-grid">
        {isOnvif ? null : (
          <>
            <TextField label="RTSP address" value={conn.rtspMainUri} onChange={setC('rtspMainUri')} error={errors.rtspMainUri} autoComplete="off" spellCheck={false} />
            <TextField label="Sub-stream RTSP address" optional value={conn.rtspSubUri} onChange={setC('rtspSubUri')} error={errors.rtspSubUri} autoComplete="off" spellCheck={false} />
          </>
        )}
        <TextField label="Camera username" optional value={conn.username} onChange={setC('username')} error={errors.username} autoComplete="off" spellCheck={false} />
        <TextField label="New camera password" optional type="password" value={conn.password} onChange={setC('password')} error={errors.password} autoComplete="new-password" hint={camera.hasPassword ? 'Leave empty to keep the stored one' : 'None stored'} />
      </div>
      <div className="form-actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
