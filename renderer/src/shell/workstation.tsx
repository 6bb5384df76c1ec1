import { useCallback, useEffect, useMemo, useState } from 'react';
import type { User } from '../../../main/api/contract';
import { useApi } from '../api/api-context';
import { PageErrorBoundary } from '../components/page-error-boundary';
import { useApiQuery } from '../hooks/use-api-query';
import { useGlobalShortcuts } from '../hooks/use-global-shortcuts';
import { useHashRoute } from '../hooks/use-hash-route';
import { useServerEventConnection } from '../hooks/use-server-event-connection';
import { ServerEventsContext } from '../hooks/use-server-events';
import { SessionContext, hasRole, type SessionValue } from '../hooks/use-session';
import { NotAvailablePage } from './not-available-page';
import { defaultPath, pageForPath, pages } from './page-registry';
import { ShortcutsDialog } from './shortcuts-dialog';
import { SideNav } from './side-nav';
import { SkipLink } from './skip-link';
import { TopBar } from './top-bar';

export interface WorkstationProps {
  user: User;
  token: string;
  councilName: string;
  signOut: () => Promise<void>;
  onSessionEnded: () => void;
}

/** The signed-in workstation: top bar, navigation, the routed page and the live link. */
export function Workstation({ user, token, councilName, signOut, onSessionEnded }: WorkstationProps) {
  const api = useApi();
  const [path, navigate] = useHashRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const available = useMemo(() => pages.filter((p) => hasRole(user, p.roles)), [user]);
  const page = pageForPath(path);

  useEffect(() => {
    if (path === '/' || path === '') navigate(defaultPath, { replace: true });
  }, [path, navigate]);

  const wsUrl = useMemo(() => api.url('/api/ws', { access_token: token }).replace(/^http/, 'ws'), [api, token]);
  const events = useServerEventConnection({ url: wsUrl, onSessionEnded });
  const health = useApiQuery('health');

  const go = useCallback(
    (p: (typeof pages)[number]) => {
      navigate(p.path);
    },
    [navigate],
  );
  useGlobalShortcuts({
    altDigit: Object.fromEntries(available.map((p) => [p.digit, () => go(p)])),
    goKey: Object.fromEntries(available.map((p) => [p.goKey, () => go(p)])),
    help: () => setHelpOpen(true),
  });

  const session: SessionValue = useMemo(() => ({ user, councilName, signOut }), [user, councilName, signOut]);

  let content;
  if (!page) content = <NotAvailablePage title="Page not found" message={`There is no page at #${path}.`} />;
  else if (!hasRole(user, page.roles)) content = <NotAvailablePage title="Not available" message={`${page.label} is not available to your role.`} />;
  else {
    const Page = page.component;
    content = (
      <PageErrorBoundary key={page.id} name={page.label}>
        <Page />
      </PageErrorBoundary>
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <ServerEventsContext.Provider value={events}>
        <SkipLink />
        <div className="shell">
          <TopBar onHelp={() => setHelpOpen(true)} />
          <SideNav pages={available} current={page} version={health.data?.version} />
          <main className="main" id="main" tabIndex={-1} data-page={page?.id ?? 'none'}>
            {content}
          </main>
        </div>
        <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} pages={available} />
      </ServerEventsContext.Provider>
    </SessionContext.Provider>
  );
}
