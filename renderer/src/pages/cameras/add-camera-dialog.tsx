import { useState, type FormEvent } from 'react';
import type { CameraDetails, CameraProbe } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { fieldErrorsFrom } from '../../api/field-errors';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { blankCameraFields, CameraFields, parseCameraFields, type CameraFieldName, type CameraFieldsForm } from './camera-fields';

/** What discovery knows when it hands a device over to be added. */
export interface AddCameraPreset {
  host: string;
  port: number;
  name?: string | null;
  location?: string | null;
  endpoint?: string;
}

type Source = 'onvif' | 'rtsp';
type AddressField = 'host' | 'port' | 'rtspMainUri' | 'rtspSubUri' | 'username' | 'password' | 'profileToken';
const allFields = ['host', 'port', 'rtspMainUri', 'rtspSubUri', 'username', 'password', 'profileToken', 'name', 'locationDescription', 'siteCode', 'enforcementSiteName', 'latitude', 'longitude', 'retentionDays', 'stream', 'transport'] as const;

const sourceOptions = [
  { value: 'onvif', label: 'ONVIF camera (host and port)' },
  { value: 'rtsp', label: 'RTSP address (camera without ONVIF)' },
] as const;

/**
 * Adds a camera by ONVIF address (read it first to choose its profile) or by
 * RTSP URL. Credentials typed here go to the core only, which seals them.
 */
export function AddCameraDialog({ open, preset, onClose, onAdded }: { open: boolean; preset: AddCameraPreset | null; onClose: () => void; onAdded: (camera: CameraDetails, anprKey: string) => void }) {
  const api = useApi();
  // The parent keys this dialog per opening, so the form starts from the preset each time.
  const [source, setSource] = useState<Source>('onvif');
  const [addr, setAddr] = useState({ host: preset?.host ?? '', port: String(preset?.port ?? 80), rtspMainUri: '', rtspSubUri: '', username: '', password: '' });
  const [fields, setFields] = useState<CameraFieldsForm>({ ...blankCameraFields, name: preset?.name ?? '', locationDescription: preset?.location ?? '' });
  const [probe, setProbe] = useState<CameraProbe | null>(null);
  const [profileToken, setProfileToken] = useState('');
  const [errors, setErrors] = useState<Partial<Record<AddressField | CameraFieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'probe' | 'save' | null>(null);

  const close = () => {
    setBusy(null);
    onClose();
  };

  const onvifTarget = () => ({ host: addr.host.trim(), port: Number(addr.port), username: addr.username, password: addr.password });

  const checkAddress = (): boolean => {
    const local: Partial<Record<AddressField, string>> = {};
    if (source === 'onvif') {
      if (!addr.host.trim()) local.host = 'Enter the camera’s host name or IP address';
      const port = Number(addr.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) local.port = 'Enter a port from 1 to 65535 (ONVIF is usually 80)';
    } else if (!addr.rtspMainUri.trim()) local.rtspMainUri = 'Enter the RTSP address, e.g. rtsp://192.0.2.10:554/stream1';
    setErrors(local);
    return Object.keys(local).length === 0;
  };

  const readCamera = async () => {
    setFailure(null);
    if (!checkAddress()) return;
    setBusy('probe');
    try {
      const p = await api.call('probeCamera', { body: onvifTarget() });
      setProbe(p);
      setProfileToken(p.profiles[0]?.token ?? '');
      if (!fields.name && p.device.model) setFields((f) => ({ ...f, name: f.name || `${p.device.model}` }));
    } catch (e) {
      setProbe(null);
      setFailure(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const okAddress = checkAddress();
    const parsed = parseCameraFields(fields);
    if (!parsed.ok) setErrors((x) => ({ ...x, ...parsed.errors }));
    if (!okAddress || !parsed.ok) return;
    setBusy('save');
    try {
      const body =
        source === 'onvif'
          ? { source: 'onvif' as const, ...parsed.value, onvif: onvifTarget(), ...(profileToken ? { profileToken } : {}), ...(preset?.endpoint ? { endpoint: preset.endpoint } : {}) }
          : { source: 'rtsp' as const, ...parsed.value, rtspMainUri: addr.rtspMainUri.trim(), rtspSubUri: addr.rtspSubUri.trim() || null, ...(addr.username ? { username: addr.username } : {}), ...(addr.password ? { password: addr.password } : {}) };
      const r = await api.call('addCamera', { body });
      setBusy(null);
      onAdded(r.camera, r.anprKey);
    } catch (err) {
      setBusy(null);
      const { fields: byField, form } = fieldErrorsFrom(err, allFields);
      setErrors(byField);
      setFailure(form);
    }
  };

  const setA = (k: keyof typeof addr) => (v: string) => setAddr((a) => ({ ...a, [k]: v }));

  return (
    <Dialog open={open} onClose={close} title={preset ? `Add ${preset.name ?? 'discovered camera'}` : 'Add a camera by address'} wide>
      {failure ? (
        <Alert tone="error" title="Could not add the camera.">
          {failure}
        </Alert>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate aria-label="Add a camera">
        {preset ? null : <SelectField label="How to reach it" value={source} options={sourceOptions} onChange={(v) => { setSource(v); setProbe(null); setErrors({}); }} />}
        {source === 'onvif' ? (
          <div className="form-grid">
            <TextField label="ONVIF host" value={addr.host} onChange={setA('host')} error={errors.host} autoComplete="off" spellCheck={false} required placeholder="192.0.2.10" />
            <TextField label="ONVIF port" inputMode="numeric" value={addr.port} onChange={setA('port')} error={errors.port} required />
            <TextField label="Camera username" value={addr.username} onChange={setA('username')} error={errors.username} autoComplete="off" spellCheck={false} />
            <TextField label="Camera password" type="password" value={addr.password} onChange={setA('password')} error={errors.password} autoComplete="new-password" hint="Stored encrypted; never shown again" />
          </div>
        ) : (
          <div className="form-grid">
            <TextField label="RTSP address" value={addr.rtspMainUri} onChange={setA('rtspMainUri')} error={errors.rtspMainUri} autoComplete="off" spellCheck={false} required placeholder="rtsp://192.0.2.10:554/stream1" hint="rtsp:// or rtsps://; a user:password inside it is taken out and stored encrypted" />
            <TextField label="Sub-stream RTSP address" optional value={addr.rtspSubUri} onChange={setA('rtspSubUri')} error={errors.rtspSubUri} autoComplete="off" spellCheck={false} />
            <TextField label="Camera username" optional value={addr.username} onChange={setA('username')} error={errors.username} autoComplete="off" spellCheck={false} />
            <TextField label="Camera password" optional type="password" value={addr.password} onChange={setA('password')} error={errors.password} autoComplete="new-password" />
          </div>
        )}
        {source === 'onvif' ? (
          <div>
            <Button onClick={() => void readCamera()} busy={busy === 'probe'}>
              {busy === 'probe' ? 'Reading the camera…' : probe ? 'Read the camera again' : 'Read camera'}
            </Button>
          </div>
        ) : null}
        {probe ? <ProbeSummary probe={probe} profileToken={profileToken} onProfile={setProfileToken} /> : null}
        <CameraFields form={fields} errors={errors} onChange={setFields} />
        <div className="form-actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy === 'save'}>
            {busy === 'save' ? 'Saving…' : 'Save camera'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ProbeSummary({ probe, profileToken, onProfile }: { probe: CameraProbe; profileToken: string; onProfile: (token: string) => void }) {
  const d = probe.device;
  return (
    <div className="form-stack">
      <Alert tone={probe.clock.withinTolerance ? 'success' : 'warning'} title={`${[d.manufacturer, d.model].filter(Boolean).join(' ') || 'Camera'} at ${probe.address}`}>
        Firmware {d.firmware ?? 'unknown'}, serial {d.serial ?? 'unknown'}. Clock {probe.clock.offsetS >= 0 ? '+' : ''}
        {probe.clock.offsetS.toFixed(1)} s against this workstation ({probe.clock.dateTimeType ?? 'unknown'} time)
        {probe.clock.withinTolerance ? '.' : ' — outside the ±10 s an approved device must keep; set the camera to NTP.'}
      </Alert>
      <fieldset className="profile-choice">
        <legend>Recording profile</legend>
        {probe.profiles.map((p) => (
          <label key={p.token}>
            <input type="radio" name="profile" value={p.token} checked={profileToken === p.token} onChange={() => onProfile(p.token)} />
            <span>
              {p.name} — {p.encoding ?? '?'} {p.width && p.height ? `${p.width}×${p.height}` : ''} {p.fps ? `${p.fps} fps` : ''}
              {p.belowMinimumFps ? ' (below 5 fps: not enough for evidence)' : ''}
              {p.rtspUri ? '' : ' (no RTSP stream)'}
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
