import { useState, type FormEvent } from 'react';
import type { CameraDetails } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { fieldErrorsFrom } from '../../api/field-errors';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/text-field';

const fields = ['certificateNumber', 'issuer', 'typeApprovalRef', 'validFrom', 'validTo'] as const;
type Field = (typeof fields)[number];
const blank: Record<Field, string> = { certificateNumber: '', issuer: 'Vehicle Certification Agency', typeApprovalRef: '', validFrom: '', validTo: '' };

/** Records a new approved-device certificate; earlier ones stay in the history. */
export function CertificateForm({ camera, onSaved }: { camera: CameraDetails; onSaved: (c: CameraDetails) => void }) {
  const api = useApi();
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: Field) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!form.certificateNumber.trim()) local.certificateNumber = 'Enter the certificate number';
    if (!form.issuer.trim()) local.issuer = 'Enter who issued it';
    if (!form.validFrom) local.validFrom = 'Enter the first day it is valid';
    if (!form.validTo) local.validTo = 'Enter the last day it is valid';
    if (form.validFrom && form.validTo && form.validTo < form.validFrom) local.validTo = 'The last day is before the first';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const c = await api.call('addCameraCertificate', {
        params: { id: camera.id },
        body: { certificateNumber: form.certificateNumber.trim(), issuer: form.issuer.trim(), typeApprovalRef: form.typeApprovalRef.trim() || null, validFrom: form.validFrom, validTo: form.validTo },
      });
      setForm(blank);
      onSaved(c);
    } catch (err) {
      const r = fieldErrorsFrom(err, fields);
      setErrors(r.fields);
      setFailure(r.form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack" onSubmit={submit} noValidate aria-label="Record a certificate">
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <div className="form-grid">
        <TextField label="Certificate number" value={form.certificateNumber} onChange={set('certificateNumber')} error={errors.certificateNumber} required autoComplete="off" />
        <TextField label="Issuer" value={form.issuer} onChange={set('issuer')} error={errors.issuer} required autoComplete="off" />
        <TextField label="Type approval reference" optional value={form.typeApprovalRef} onChange={set('typeApprovalRef')} error={errors.typeApprovalRef} autoComplete="off" />
        <TextField label="Valid from" type="date" value={form.validFrom} onChange={set('validFrom')} error={errors.validFrom} required />
        <TextField label="Valid to" type="date" value={form.validTo} onChange={set('validTo')} error={errors.validTo} required hint="Last day valid (inclusive)" />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          Record certificate
        </Button>
      </div>
    </form>
  );
}
