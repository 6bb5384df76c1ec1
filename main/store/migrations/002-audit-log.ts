import type { Migration } from './migration.js';

// Append-only, hash-chained audit log (Surveillance Camera Code principles
// 4, 7 and 10). Triggers refuse UPDATE and DELETE so that only a deliberate
// edit of the file itself can change history, and `cctv audit verify`
// detects that through the chain.
export const auditLog: Migration = {
  version: 2,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        actor_id    INTEGER,
        actor_name  TEXT NOT NULL,
        action      TEXT NOT NULL,
        subject     TEXT NOT NULL,
        details     TEXT NOT NULL,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_action ON audit_log(action);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
