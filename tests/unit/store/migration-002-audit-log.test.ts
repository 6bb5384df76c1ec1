import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/database.js';
import { usersAndSessions } from '../../../main/store/migrations/001-users-and-sessions.js';
import { auditLog } from '../../../main/store/migrations/002-audit-log.js';

describe('migration 002 audit log', () => {
  const db = new Database(':memory:');
  migrate(db, [usersAndSessions, auditLog]);
  db.prepare("INSERT INTO audit_log VALUES (1, 1, NULL, 'system', 'a', 's', '{}', 'p', 'h1')").run();

  it('refuses to update an entry', () => {
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
  });

  it('refuses to delete an entry', () => {
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
  });

  it('refuses a duplicate hash', () => {
    expect(() => db.prepare("INSERT INTO audit_log VALUES (2, 1, NULL, 'system', 'a', 's', '{}', 'h1', 'h1')").run()).toThrow(/UNIQUE/);
  });
});
