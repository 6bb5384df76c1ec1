import type { ButtonHTMLAttributes, ReactNode } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'normal' | 'small';
  /** Shows a busy state and blocks clicks while an action is running. */
  busy?: boolean;
  children: ReactNode;
}

/** The one button. Defaults to type="button" so it never submits a form by accident. */
export function Button({ variant = 'secondary', size = 'normal', busy = false, type = 'button', className, disabled, children, ...rest }: ButtonProps) {
  const classes = ['btn', variant !== 'secondary' && `btn--${variant}`, size === 'small' && 'btn--small', className].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}
