import type { ReactNode } from 'react';
import { BrandMark } from '../components/brand-mark';

/** The frame around the signed-out screens (first run, sign in). */
export function AuthLayout({ councilName, title, lead, wide, children }: { councilName: string; title: string; lead?: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <main className="auth-screen" id="main">
      <div className={wide ? 'auth-card auth-card--wide' : 'auth-card'}>
        <div className="auth-card__brand">
          <BrandMark />
          <div>
            <div className="topbar__product">CCTV Enforcement Workstation</div>
            <div className="auth-card__council">{councilName}</div>
          </div>
        </div>
        <h1>{title}</h1>
        {lead ? <p className="auth-card__lead">{lead}</p> : null}
        {children}
      </div>
    </main>
  );
}
