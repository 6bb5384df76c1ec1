import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/database.js';
import { usersAndSessions } from '../../../main/store/migrations/001-users-and-sessions.js';

describe('migration 001 users and sessions', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [usersAndSessions]);
  const insertUser = db.prepare(
    "INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES (?, 'N', ?, 'h', 1, 1)",
  );

  it('creates STRICT tables that refuse the wrong type', () => {
    expect(() => db.prepare("INSERT INTO sessions VALUES ('t', 1, 'yesterday', 1, 1)").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('accepts only the three roles', () => {
    insertUser.run('alice', 'officer');
    expect(() => insertUser.run('bob', 'superuser')).toThrow(/CHECK constraint/);
  });

  it('treats usernames case-insensitively', () => {
    expect(() => insertUser.run('ALICE', 'officer')).toThrow(/UNIQUE/);
  });

  it('removes a user’s sessions with the user', () => {
    const id = Number(insertUser.run('carol', 'supervisor').lastInsertRowid);
    db.prepare('INSERT INTO sessions VALUES (?, ?, 1, 1, 2)').run('hash-c', id);
    db.prepare('DELETE FROM users WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });
});
