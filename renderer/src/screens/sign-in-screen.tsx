import { useEffect, useState, type FormEvent } from 'react';
import type { Session } from '../../../main/api/contract';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-error';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextField } from '../components/text-field';
import { AuthLayout } from './auth-layout';

export interface SignInScreenProps {
  councilName: string;
  /** Why the user is here: signed out, session ended, administrator created. */
  notice?: { tone: 'info' | 'success' | 'warning'; text: string } | undefined;
  initialUsername?: string | undefined;
  onSignedIn: (session: Session) => void;
}

export function SignInScreen({ councilName, notice, initialUsername, onSignedIn }: SignInScreenProps) {
  const api = useApi();
  const [username, setUsername] = useState(initialUsername ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Sign in · CCTV Enforcement Workstation';
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = { username: username.trim() ? undefined : 'Enter your username', password: password ? undefined : 'Enter your password' };
    setErrors(missing);
    setFailure(null);
    if (missing.username || missing.password) return;
    setBusy(true);
    try {
      const session = await api.call('login', { body: { username: username.trim(), password } });
      onSignedIn(session);
    } catch (err) {
      setFailure(sentence(errorMessage(err)));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <AuthLayout councilName={councilName} title="Sign in" lead="Use the account your administrator gave you.">
      {notice && !failure ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {failure ? (
        <Alert tone="error" title="Could not sign in.">
          {failure}
        </Alert>
      ) : null}
      <form className="form-stack" onSubmit={submit} noValidate aria-label="Sign in">
        <TextField label="Username" value={username} onChange={setUsername} error={errors.username} autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus={!initialUsername} />
        <TextField label="Password" type="password" value={password} onChange={setPassword} error={errors.password} autoComplete="current-password" required autoFocus={!!initialUsername} />
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </AuthLayout>
  );
}

function sentence(s: string): string {
  const t = s.trim();
  if (!t) return t;
  return `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}
