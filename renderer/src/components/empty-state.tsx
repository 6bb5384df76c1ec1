import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** What will appear here and how it gets there. */
  children?: ReactNode;
  /** Bullet points: what the page will let the user do. */
  points?: readonly string[];
  icon?: ReactNode;
  actions?: ReactNode;
}

export function EmptyState({ title, children, points, icon = '◌', actions }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <div className="empty-state__icon" aria-hidden="true">
        {icon}
      </div>
      <h2 className="empty-state__title">{title}</h2>
      {children ? <div className="empty-state__body">{children}</div> : null}
      {points?.length ? (
        <ul className="empty-state__list">
          {points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {actions ? <div className="empty-state__actions">{actions}</div> : null}
    </div>
  );
}
