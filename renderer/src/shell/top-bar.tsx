import { BrandMark } from '../components/brand-mark';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { roleLabels, useSession } from '../hooks/use-session';
import { LinkStatusIndicator } from './link-status-indicator';

export function TopBar({ onHelp }: { onHelp: () => void }) {
  const { user, councilName, signOut } = useSession();
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <BrandMark />
        <div>
          <div className="topbar__product">CCTV Enforcement</div>
          <div className="topbar__council">{councilName}</div>
        </div>
      </div>
      <div className="topbar__spacer" />
      <LinkStatusIndicator />
      <div className="topbar__user" role="group" aria-label="Signed in as">
        <span className="topbar__name">{user.displayName}</span>
        {user.officerNumber ? <span className="muted mono">{user.officerNumber}</span> : null}
        <Badge tone={user.role === 'administrator' ? 'accent' : user.role === 'supervisor' ? 'warn' : 'neutral'}>
          <span className="visually-hidden">Role: </span>
          {roleLabels[user.role]}
        </Badge>
      </div>
      <Button variant="ghost" size="small" onClick={onHelp} aria-keyshortcuts="Shift+/" aria-label="Keyboard shortcuts">
        <kbd aria-hidden="true">?</kbd> Shortcuts
      </Button>
      <Button size="small" onClick={() => void signOut()}>
        Sign out
      </Button>
    </header>
  );
}
