import type { ReactNode } from 'react';

export interface BadgeProps {
  tone?: 'neutral' | 'ok' | 'danger' | 'warn' | 'accent';
  children: ReactNode;
}

/** A short status label. Its text carries the meaning; the colour only repeats it. */
export function Badge({ tone = 'neutral', children }: BadgeProps) {
  return <span className={tone === 'neutral' ? 'badge' : `badge badge--${tone}`}>{children}</span>;
}
