import type { Migration } from './migration.js';

// Users sign in with a salted scrypt hash; sessions store only a SHA-256 of
// the bearer token so a copy of the store cannot be used to log in.
export const usersAndSessions: Migration = {
  version: 1,
  name: 'users-and-sessions',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id              INTEGER PRIMARY KEY,
        username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name    TEXT NOT NULL,
        officer_number  TEXT,
        role            TEXT NOT NULL CHECK (role IN ('officer','supervisor','administrator')),
        password_hash   TEXT NOT NULL,
        failed_logins   INTEGER NOT NULL DEFAULT 0,
        locked_until    INTEGER,
        disabled        INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        password_changed_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        token_hash   TEXT PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_id);
    `);
  },
};
