import type { Db } from './database.js';

export interface SessionRow {
  tokenHash: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export class SessionsStore {
  constructor(private readonly db: Db) {}

  insert(s: SessionRow): void {
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(s.tokenHash, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt);
  }

  byTokenHash(tokenHash: string): SessionRow | undefined {
    return this.db
      .prepare('SELECT token_hash AS tokenHash, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt FROM sessions WHERE token_hash = ?')
      .get(tokenHash) as SessionRow | undefined;
  }

  touch(tokenHash: string, lastSeenAt: number, expiresAt: number): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(lastSeenAt, expiresAt, tokenHash);
  }

  delete(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteForUser(userId: number): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  deleteExpired(now: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }
}
