import type { ComponentType } from 'react';
import type { Role } from '../../../main/api/contract';
import { LivePage } from '../pages/live/live-page';
import { QueuePage } from '../pages/review-queue/queue-page';
import { ReviewPage } from '../pages/review/review-page';
import { CasesPage } from '../pages/cases/cases-page';
import { WhiteListPage } from '../pages/white-list/white-list-page';
import { CamerasPage } from '../pages/cameras/cameras-page';
import { HealthPage } from '../pages/health/health-page';
import { ReportsPage } from '../pages/reports/reports-page';
import { AdminPage } from '../pages/admin-page';
import { AuditPage } from '../pages/audit/audit-page';

export interface PageDef {
  id: string;
  /** Hash path: the page lives at `#${path}`. */
  path: `/${string}`;
  /** Navigation label; also the page's <h1>. */
  label: string;
  /** Alt+digit (0 for the tenth). Fixed per page whatever the role, so muscle memory holds. */
  digit: number;
  /** "g" then this key. */
  goKey: string;
  roles: readonly Role[];
  component: ComponentType;
}

const everyone = ['officer', 'supervisor', 'administrator'] as const;

/**
 * Every page of the workstation, in navigation order. To add a page: write
 * `pages/<name>-page.tsx` and add a line here; the navigation, routing,
 * shortcuts and help dialog follow from this list.
 */
export const pages: readonly PageDef[] = [
  { id: 'queue', path: '/queue', label: 'Queue', digit: 1, goKey: 'q', roles: everyone, component: QueuePage },
  { id: 'live', path: '/live', label: 'Live', digit: 2, goKey: 'l', roles: everyone, component: LivePage },
  { id: 'review', path: '/review', label: 'Review', digit: 3, goKey: 'r', roles: everyone, component: ReviewPage },
  { id: 'cases', path: '/cases', label: 'Cases', digit: 4, goKey: 'c', roles: everyone, component: CasesPage },
  { id: 'white-list', path: '/white-list', label: 'White list', digit: 5, goKey: 'w', roles: everyone, component: WhiteListPage },
  { id: 'cameras', path: '/cameras', label: 'Cameras', digit: 6, goKey: 'm', roles: everyone, component: CamerasPage },
  { id: 'health', path: '/health', label: 'Health & defects', digit: 7, goKey: 'h', roles: everyone, component: HealthPage },
  { id: 'reports', path: '/reports', label: 'Reports', digit: 8, goKey: 'p', roles: ['supervisor', 'administrator'], component: ReportsPage },
  { id: 'audit', path: '/audit', label: 'Audit', digit: 9, goKey: 'u', roles: ['supervisor', 'administrator'], component: AuditPage },
  { id: 'admin', path: '/admin', label: 'Admin', digit: 0, goKey: 'a', roles: ['administrator'], component: AdminPage },
];

// Officers start their day at the queue of events to review.
export const defaultPath = '/queue';

/** The page for a hash path ("/cameras/12" belongs to "/cameras"). */
export function pageForPath(path: string): PageDef | undefined {
  const first = `/${path.split(/[/?]/)[1] ?? ''}`;
  return pages.find((p) => p.path === first);
}
