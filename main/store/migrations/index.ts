import type { Migration } from './migration.js';
import { usersAndSessions } from './001-users-and-sessions.js';
import { auditLog } from './002-audit-log.js';
import { settings } from './003-settings.js';

export type { Migration } from './migration.js';

/** Every migration in order. Append only. */
export const migrations: Migration[] = [usersAndSessions, auditLog, settings];
