import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Session, User } from '../../main/api/contract';
import { createApiClient } from './api/api-client';
import { ApiContext } from './api/api-context';
import { errorMessage } from './api/api-error';
import { tokenStore } from './api/token-store';
import { Alert } from './components/alert';
import { Button } from './components/button';
import { Loading } from './components/loading';
import { FirstRunScreen } from './screens/first-run-screen';
import { AuthLayout } from './screens/auth-layout';
import { SignInScreen } from './screens/sign-in-screen';
import { defaultPath, pageForPath } from './shell/page-registry';
import { Workstation } from './shell/workstation';

type Notice = { tone: 'info' | 'success' | 'warning'; text: string };

type Phase =
  | { kind: 'starting' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'first-run'; councilName: string }
  | { kind: 'sign-in'; councilName: string; notice?: Notice; username?: string }
  | { kind: 'signed-in'; councilName: string; user: User; token: string };

const sessionEndedNotice: Notice = { tone: 'warning', text: 'Your session has ended (signed out elsewhere, timed out or disabled). Sign in again to carry on.' };

/** Decides what to show: first-run set-up, sign-in, or the workstation. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const councilRef = useRef('');

  const endSession = useCallback((notice: Notice) => {
    tokenStore.clear();
    setPhase({ kind: 'sign-in', councilName: councilRef.current, notice });
  }, []);

  const api = useMemo(() => createApiClient({ getToken: () => tokenStore.get(), onSessionEnded: () => endSession(sessionEndedNotice) }), [endSession]);

  const start = useCallback(async () => {
    setPhase({ kind: 'starting' });
    try {
      const setup = await api.call('setupStatus');
      councilRef.current = setup.councilName;
      if (setup.needsFirstAdministrator) {
        tokenStore.clear();
        setPhase({ kind: 'first-run', councilName: setup.councilName });
        return;
      }
      const token = tokenStore.get();
      if (!token) {
        setPhase({ kind: 'sign-in', councilName: setup.councilName });
        return;
      }
      // A reload keeps the session (sessionStorage); check it is still good.
      const user = await api.call('me');
      setPhase({ kind: 'signed-in', councilName: setup.councilName, user, token });
    } catch (e) {
      // A 401 from `me` has already moved us to sign-in through onSessionEnded.
      setPhase((p) => (p.kind === 'sign-in' ? p : { kind: 'unreachable', message: errorMessage(e) }));
    }
  }, [api]);

  useEffect(() => {
    void start();
  }, [start]);

  const signedIn = useCallback((s: Session) => {
    tokenStore.set(s.token);
    // Back to where the user was (after a timeout, say), unless that page
    // isn't theirs: the previous user of this desk may have had another role.
    const here = pageForPath(window.location.hash.replace(/^#/, ''));
    if (!here || !here.roles.includes(s.user.role)) window.history.replaceState(null, '', `#${defaultPath}`);
    setPhase({ kind: 'signed-in', councilName: councilRef.current, user: s.user, token: s.token });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.call('logout');
    } catch {
      // Already ended on the core; the local token goes either way.
    }
    endSession({ tone: 'info', text: 'You have signed out.' });
  }, [api, endSession]);

  const onSessionEnded = useCallback(() => endSession(sessionEndedNotice), [endSession]);

  let screen;
  switch (phase.kind) {
    case 'starting':
      screen = <Loading label="Connecting to the core…" />;
      break;
    case 'unreachable':
      screen = (
        <AuthLayout councilName="" title="Cannot reach the core">
          <Alert tone="error" title="The workstation could not start." action={<Button onClick={() => void start()}>Try again</Button>}>
            {phase.message}
          </Alert>
        </AuthLayout>
      );
      break;
    case 'first-run':
      screen = (
        <FirstRunScreen
          councilName={phase.councilName}
          onCreated={(username, already) =>
            setPhase({
              kind: 'sign-in',
              councilName: phase.councilName,
              username,
              notice: already ? { tone: 'info', text: 'This workstation is already set up. Sign in.' } : { tone: 'success', text: `Administrator ${username} created. Sign in to carry on.` },
            })
          }
        />
      );
      break;
    case 'sign-in':
      screen = <SignInScreen key={phase.notice?.text ?? 'sign-in'} councilName={phase.councilName} notice={phase.notice} initialUsername={phase.username} onSignedIn={signedIn} />;
      break;
    case 'signed-in':
      screen = <Workstation key={phase.token} user={phase.user} token={phase.token} councilName={phase.councilName} signOut={signOut} onSessionEnded={onSessionEnded} />;
      break;
  }

  return <ApiContext.Provider value={api}>{screen}</ApiContext.Provider>;
}
