import type { Migration } from './migration.js';
import { usersAndSessions } from './001-users-and-sessions.js';
import { auditLog } from './002-audit-log.js';
import { settings } from './003-settings.js';
import { cameras } from './004-cameras.js';
import { recordings } from './005-recordings.js';
import { health } from './006-health.js';
import { anprAndWhiteList } from './007-anpr-and-white-list.js';
import { reviewEvents } from './008-review-events.js';
import { pcns } from './009-pcns.js';
import { evidence } from './010-evidence.js';
import { reviewDecisions } from './011-review-decisions.js';

export type { Migration } from './migration.js';

/** Every migration in order. Append only. */
export const migrations: Migration[] = [usersAndSessions, auditLog, settings, cameras, recordings, health, anprAndWhiteList, reviewEvents, pcns, evidence, reviewDecisions];
