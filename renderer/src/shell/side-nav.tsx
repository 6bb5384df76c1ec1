import type { PageDef } from './page-registry';

export function SideNav({ pages, current, version }: { pages: readonly PageDef[]; current: PageDef | undefined; version: string | undefined }) {
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {pages.map((p) => (
          <li key={p.id}>
            <a className="sidenav__link" href={`#${p.path}`} aria-current={current?.id === p.id ? 'page' : undefined} aria-keyshortcuts={`Alt+${p.digit}`}>
              <span className="sidenav__label">{p.label}</span>
              <span className="sidenav__key" aria-hidden="true">
                Alt+{p.digit}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <div className="sidenav__footer">
        <p>
          Press <kbd>?</kbd> for keyboard shortcuts.
        </p>
        {version ? <p>Core {version}</p> : null}
      </div>
    </nav>
  );
}
