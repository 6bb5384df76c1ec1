import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { isApiError } from '../api/api-error';
import { fieldErrorsFrom } from '../api/field-errors';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextField } from '../components/text-field';
import { passwordHint } from '../lib/password-hint';
import { AuthLayout } from './auth-layout';

const fields = ['username', 'displayName', 'officerNumber', 'password', 'confirm'] as const;
type FieldName = (typeof fields)[number];

export interface FirstRunScreenProps {
  councilName: string;
  onCreated: (username: string, alreadySetUp: boolean) => void;
}

/** Shown once, on a new installation: creates the first administrator. */
export function FirstRunScreen({ councilName, onCreated }: FirstRunScreenProps) {
  const api = useApi();
  const [form, setForm] = useState<Record<FieldName, string>>({ username: '', displayName: '', officerNumber: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: FieldName) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    document.title = 'Set up · CCTV Enforcement Workstation';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<FieldName, string>> = {};
    if (!form.username.trim()) local.username = 'Enter a username';
    if (!form.displayName.trim()) local.displayName = 'Enter the name shown on screens and statements';
    if (!form.password) local.password = 'Enter a password';
    if (form.password && form.confirm !== form.password) local.confirm = 'The two passwords are not the same';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const user = await api.call('createFirstAdministrator', {
        body: { username: form.username.trim(), displayName: form.displayName.trim(), officerNumber: form.officerNumber.trim() || null, password: form.password },
      });
      onCreated(user.username, false);
    } catch (err) {
      setBusy(false);
      if (isApiError(err) && err.code === 'already-set-up') {
        onCreated(form.username.trim(), true);
        return;
      }
      const { fields: byField, form: rest } = fieldErrorsFrom(err, fields);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <AuthLayout
      councilName={councilName}
      title="Set up the workstation"
      lead="This installation has no users yet. Create the first administrator; they can then add officers, supervisors and cameras."
      wide
    >
      {failure ? (
        <Alert tone="error" title="Could not create the administrator.">
          {failure}
        </Alert>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate aria-label="Create the first administrator">
        <div className="form-grid">
          <TextField label="Username" value={form.username} onChange={set('username')} error={errors.username} hint="Letters, digits, dot, dash, underscore." autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus />
          <TextField label="Display name" value={form.displayName} onChange={set('displayName')} error={errors.displayName} hint="As shown on screens and statements." autoComplete="name" required />
        </div>
        <TextField label="Officer number" optional value={form.officerNumber} onChange={set('officerNumber')} error={errors.officerNumber} hint="Printed on PCNs and witness statements." />
        <div className="form-grid">
          <TextField label="Password" type="password" value={form.password} onChange={set('password')} error={errors.password} hint={passwordHint} autoComplete="new-password" required />
          <TextField label="Confirm password" type="password" value={form.confirm} onChange={set('confirm')} error={errors.confirm} autoComplete="new-password" required />
        </div>
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? 'Creating…' : 'Create administrator'}
        </Button>
      </form>
    </AuthLayout>
  );
}
