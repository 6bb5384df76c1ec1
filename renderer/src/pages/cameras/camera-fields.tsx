import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';

/** The descriptive fields every camera has, as a form edits them (text, parsed on save). */
export interface CameraFieldsForm {
  name: string;
  locationDescription: string;
  siteCode: string;
  enforcementSiteName: string;
  latitude: string;
  longitude: string;
  retentionDays: string;
  stream: 'main' | 'sub';
  transport: 'tcp' | 'udp';
}

export type CameraFieldName = keyof CameraFieldsForm;

export const blankCameraFields: CameraFieldsForm = {
  name: '',
  locationDescription: '',
  siteCode: '',
  enforcementSiteName: '',
  latitude: '',
  longitude: '',
  retentionDays: '31',
  stream: 'main',
  transport: 'tcp',
};

const streamOptions = [
  { value: 'main', label: 'Main stream (full resolution)' },
  { value: 'sub', label: 'Sub stream (smaller)' },
] as const;
const transportOptions = [
  { value: 'tcp', label: 'TCP (reliable; default)' },
  { value: 'udp', label: 'UDP' },
] as const;

/** Checks and converts the form; errors name the field so they show beside it. */
export function parseCameraFields(f: CameraFieldsForm): { ok: true; value: ParsedCameraFields } | { ok: false; errors: Partial<Record<CameraFieldName, string>> } {
  const errors: Partial<Record<CameraFieldName, string>> = {};
  if (!f.name.trim()) errors.name = 'Give the camera a name';
  const num = (s: string, field: 'latitude' | 'longitude', min: number, max: number): number | null => {
    if (s.trim() === '') return null;
    const n = Number(s);
    if (!Number.isFinite(n) || n < min || n > max) errors[field] = `Enter a ${field} between ${min} and ${max}, or leave it empty`;
    return n;
  };
  const latitude = num(f.latitude, 'latitude', -90, 90);
  const longitude = num(f.longitude, 'longitude', -180, 180);
  const retention = Number(f.retentionDays);
  if (!Number.isInteger(retention) || retention < 1 || retention > 3650) errors.retentionDays = 'Keep footage for 1 to 3650 days (usually 31)';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: f.name.trim(),
      locationDescription: f.locationDescription.trim(),
      siteCode: f.siteCode.trim() || null,
      enforcementSiteName: f.enforcementSiteName.trim() || null,
      latitude,
      longitude,
      retentionDays: retention,
      stream: f.stream,
      transport: f.transport,
    },
  };
}

export interface ParsedCameraFields {
  name: string;
  locationDescription: string;
  siteCode: string | null;
  enforcementSiteName: string | null;
  latitude: number | null;
  longitude: number | null;
  retentionDays: number;
  stream: 'main' | 'sub';
  transport: 'tcp' | 'udp';
}

export function CameraFields({ form, errors, onChange }: { form: CameraFieldsForm; errors: Partial<Record<CameraFieldName, string>>; onChange: (f: CameraFieldsForm) => void }) {
  const set =
    <K extends CameraFieldName>(k: K) =>
    (v: CameraFieldsForm[K]) =>
      onChange({ ...form, [k]: v });
  return (
    <>
      <div className="form-grid">
        <TextField label="Camera name" value={form.name} onChange={set('name')} error={errors.name} required autoComplete="off" />
        <TextField label="Location" value={form.locationDescription} onChange={set('locationDescription')} error={errors.locationDescription} hint="Street, direction and what it watches" autoComplete="off" />
        <TextField label="Site code" optional value={form.siteCode} onChange={set('siteCode')} error={errors.siteCode} autoComplete="off" />
        <TextField label="Enforcement site" optional value={form.enforcementSiteName} onChange={set('enforcementSiteName')} error={errors.enforcementSiteName} hint="The restriction site (e.g. High Street bus gate)" autoComplete="off" />
      </div>
      <div className="form-grid">
        <TextField label="Latitude" optional inputMode="decimal" value={form.latitude} onChange={set('latitude')} error={errors.latitude} autoComplete="off" />
        <TextField label="Longitude" optional inputMode="decimal" value={form.longitude} onChange={set('longitude')} error={errors.longitude} autoComplete="off" />
        <TextField label="Keep footage (days)" inputMode="numeric" value={form.retentionDays} onChange={set('retentionDays')} error={errors.retentionDays} hint="Usually 31 unless needed as evidence" required />
        <SelectField label="Record from" value={form.stream} options={streamOptions} onChange={set('stream')} error={errors.stream} />
        <SelectField label="RTSP transport" value={form.transport} options={transportOptions} onChange={set('transport')} error={errors.transport} />
      </div>
    </>
  );
}
