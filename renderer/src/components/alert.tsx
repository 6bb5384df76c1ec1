import type { ReactNode } from 'react';

export interface AlertProps {
  tone: 'error' | 'success' | 'info' | 'warning';
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}

/**
 * A message block. Errors are announced at once (role="alert"); the others
 * politely (role="status"), so they don't interrupt what is being read.
 */
export function Alert({ tone, title, children, action }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="alert__body">
        {title ? <span className="alert__title">{title}</span> : null}
        {children}
      </div>
      {action}
    </div>
  );
}
