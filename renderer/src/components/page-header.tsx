import { useEffect, useRef, type ReactNode } from 'react';

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/**
 * The page's <h1>. It takes focus when the page opens so a screen reader
 * announces where the user now is, and keyboard users start from the top.
 */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only steal focus from the page body itself, never from a control the user is in.
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.sidenav') || active.id === 'main') ref.current?.focus({ preventScroll: true });
    document.title = `${title} · CCTV Enforcement Workstation`;
  }, [title]);
  return (
    <header className="page-header">
      <div className="page-header__text">
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}
