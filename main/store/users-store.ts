import type { Db } from './database.js';

export type Role = 'officer' | 'supervisor' | 'administrator';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  officerNumber: string | null;
  role: Role;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: number | null;
  disabled: boolean;
  createdAt: number;
  passwordChangedAt: number;
}

const columns = `id, username, display_name AS displayName, officer_number AS officerNumber, role,
  password_hash AS passwordHash, failed_logins AS failedLogins, locked_until AS lockedUntil,
  disabled, created_at AS createdAt, password_changed_at AS passwordChangedAt`;

function toUser(row: unknown): UserRow | undefined {
  if (!row) return undefined;
  const r = row as Omit<UserRow, 'disabled'> & { disabled: number };
  return { ...r, disabled: r.disabled === 1 };
}

export class UsersStore {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  byId(id: number): UserRow | undefined {
    return toUser(this.db.prepare(`SELECT ${columns} FROM users WHERE id = ?`).get(id));
  }

  byUsername(username: string): UserRow | undefined {
    return toUser(this.db.prepare(`SELECT ${columns} FROM users WHERE username = ?`).get(username));
  }

  list(): UserRow[] {
    return this.db
      .prepare(`SELECT ${columns} FROM users ORDER BY username`)
      .all()
      .map((r) => toUser(r)!);
  }

  insert(u: { username: string; displayName: string; officerNumber: string | null; role: Role; passwordHash: string; now: number }): UserRow {
    const info = this.db
      .prepare(
        `INSERT INTO users (username, display_name, officer_number, role, password_hash, created_at, password_changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(u.username, u.displayName, u.officerNumber, u.role, u.passwordHash, u.now, u.now);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  /**
   * Inserts the first administrator only while the table is empty, atomically,
   * so two browsers racing through first-run set-up cannot both win.
   */
  insertFirst(u: Parameters<UsersStore['insert']>[0]): UserRow | undefined {
    return this.db.transaction(() => (this.count() === 0 ? this.insert(u) : undefined)).immediate();
  }

  update(id: number, patch: { displayName?: string; officerNumber?: string | null; role?: Role; disabled?: boolean }): void {
    const cur = this.byId(id);
    if (!cur) return;
    this.db
      .prepare('UPDATE users SET display_name = ?, officer_number = ?, role = ?, disabled = ? WHERE id = ?')
      .run(
        patch.displayName ?? cur.displayName,
        patch.officerNumber === undefined ? cur.officerNumber : patch.officerNumber,
        patch.role ?? cur.role,
        (patch.disabled ?? cur.disabled) ? 1 : 0,
        id,
      );
  }

  setPassword(id: number, passwordHash: string, now: number): void {
    this.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?').run(passwordHash, now, id);
  }

  recordFailedLogin(id: number, lockUntil: number | null): number {
    this.db.prepare('UPDATE users SET failed_logins = failed_logins + 1, locked_until = coalesce(?, locked_until) WHERE id = ?').run(lockUntil, id);
    return this.byId(id)?.failedLogins ?? 0;
  }

  recordSuccessfulLogin(id: number): void {
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  countByRole(role: Role): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users WHERE role = ? AND disabled = 0').get(role) as { n: number }).n;
  }
}
