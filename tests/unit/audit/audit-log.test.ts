import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations/index.js';
import { AuditStore } from '../../../main/store/audit-store.js';
import { AuditLog } from '../../../main/audit/audit-log.js';

function freshLog() {
  const db = new Database(':memory:');
  migrate(db, migrations);
  let t = 1_700_000_000_000;
  const log = new AuditLog(new AuditStore(db), () => (t += 1000));
  log.record({ id: 1, name: 'alice' }, 'auth.login', 'user:1', { from: '127.0.0.1' });
  log.record({ id: 1, name: 'alice' }, 'whitelist.add', 'vrm:LR74TNP', { category: 'bus' });
  log.record({ id: 2, name: 'bob' }, 'footage.view', 'camera:3', {});
  return { db, log };
}

// Tampering means going around the triggers, as someone with the file would.
function tamper(db: Database.Database, sql: string) {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
}

describe('AuditLog', () => {
  it('verifies an untouched chain', () => {
    expect(freshLog().log.verify()).toEqual({ ok: true, entries: 3 });
  });

  it.each([
    ['an edited field', "UPDATE audit_log SET subject = 'vrm:XX11XXX' WHERE seq = 2", 2, /altered/],
    ['an edited actor', "UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 1", 1, /altered/],
    ['a removed entry', 'DELETE FROM audit_log WHERE seq = 2', 3, /entry 2 is missing/],
    ['a removed last entry then re-added with a new hash', "DELETE FROM audit_log WHERE seq = 3; INSERT INTO audit_log VALUES (3, 1, NULL, 'x', 'y', 'z', '{}', 'nope', 'h')", 3, /chain broken/],
  ])('finds %s', (_what, sql, seq, problem) => {
    const { db, log } = freshLog();
    tamper(db, sql);
    const result = log.verify();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.seq).toBe(seq);
      expect(result.problem).toMatch(problem);
    }
  });
});
