import { useState, type FormEvent } from 'react';
import type { Role, User } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { fieldErrorsFrom } from '../../api/field-errors';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { passwordHint } from '../../lib/password-hint';
import { roleOptions } from './role-options';

const fields = ['username', 'displayName', 'officerNumber', 'role', 'password', 'confirm'] as const;
type FieldName = (typeof fields)[number];
type Form = Record<Exclude<FieldName, 'role'>, string> & { role: Role };

const blank: Form = { username: '', displayName: '', officerNumber: '', role: 'officer', password: '', confirm: '' };

export function AddUserDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (user: User) => void }) {
  const api = useApi();
  const [form, setForm] = useState<Form>(blank);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setForm((f) => ({ ...f, [k]: v }));

  const close = () => {
    setForm(blank);
    setErrors({});
    setFailure(null);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<FieldName, string>> = {};
    if (!form.username.trim()) local.username = 'Enter a username';
    if (!form.displayName.trim()) local.displayName = 'Enter a display name';
    if (!form.password) local.password = 'Enter a first password for them';
    if (form.password && form.confirm !== form.password) local.confirm = 'The two passwords are not the same';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const user = await api.call('createUser', {
        body: { username: form.username.trim(), displayName: form.displayName.trim(), officerNumber: form.officerNumber.trim() || null, role: form.role, password: form.password },
      });
      setBusy(false);
      setForm(blank);
      onAdded(user);
    } catch (err) {
      setBusy(false);
      const { fields: byField, form: rest } = fieldErrorsFrom(err, fields);
      setErrors(byField);
      setFailure(rest);
    }
  };

  return (
    <Dialog open={open} onClose={close} title="Add a user" wide>
      {failure ? (
        <Alert tone="error" title="Could not add the user.">
          {failure}
        </Alert>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate aria-label="Add a user">
        <div className="form-grid">
          <TextField label="Username" value={form.username} onChange={set('username')} error={errors.username} autoComplete="off" autoCapitalize="none" spellCheck={false} required autoFocus />
          <TextField label="Display name" value={form.displayName} onChange={set('displayName')} error={errors.displayName} autoComplete="off" required />
          <TextField label="Officer number" optional value={form.officerNumber} onChange={set('officerNumber')} error={errors.officerNumber} autoComplete="off" />
          <SelectField label="Role" value={form.role} options={roleOptions} onChange={set('role')} error={errors.role} required />
        </div>
        <div className="form-grid">
          <TextField label="First password" type="password" value={form.password} onChange={set('password')} error={errors.password} hint={passwordHint} autoComplete="new-password" required />
          <TextField label="Confirm password" type="password" value={form.confirm} onChange={set('confirm')} error={errors.confirm} autoComplete="new-password" required />
        </div>
        <div className="form-actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {busy ? 'Adding…' : 'Add user'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
