import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { Role, UserRow } from '../store/users-store.js';
import type { AuditLog } from '../audit/audit-log.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { passwordProblems } from './password-rules.js';
import { ApiFailure } from '../api/api-failure.js';

export interface AuthPolicy {
  /** A session ends after this long without a request (a desk left unattended). */
  idleTimeoutMs: number;
  /** …and after this long in any case (one working shift). */
  absoluteTimeoutMs: number;
  /** Failed sign-ins in a row before the account is locked… */
  maxFailedLogins: number;
  /** …for this long. */
  lockoutMs: number;
}

export const defaultAuthPolicy: AuthPolicy = {
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 3_600_000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
};

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// A hash to compare against when the username is unknown, so that response
// time does not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;

export class AuthService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly policy: AuthPolicy = defaultAuthPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  needsFirstAdministrator(): boolean {
    return this.store.users.count() === 0;
  }

  async createUser(
    input: { username: string; displayName: string; officerNumber: string | null; role: Role; password: string },
    by: { id: number | null; name: string },
    opts: { firstAdministrator?: boolean } = {},
  ): Promise<UserRow> {
    const problems = passwordProblems(input.password, input.username);
    if (problems.length) throw new ApiFailure(400, 'weak-password', `password ${problems.join('; ')}`, { problems });
    if (this.store.users.byUsername(input.username)) throw new ApiFailure(409, 'conflict', `username ${input.username} is taken`);
    const passwordHash = await hashPassword(input.password);
    const row = { ...input, passwordHash, now: this.now() };
    const user = opts.firstAdministrator ? this.store.users.insertFirst(row) : this.store.users.insert(row);
    if (!user) throw new ApiFailure(409, 'already-set-up', 'the first administrator already exists; sign in instead');
    this.audit.record(by, 'user.create', `user:${user.id}`, { username: user.username, role: user.role });
    return user;
  }

  async login(username: string, password: string, from: string): Promise<{ token: string; expiresAt: number; user: UserRow }> {
    const user = this.store.users.byUsername(username);
    const now = this.now();
    const refused = new ApiFailure(401, 'bad-credentials', 'username or password is wrong');
    if (!user) {
      decoyHash ??= hashPassword('decoy-password-for-timing');
      await verifyPassword(password, await decoyHash);
      this.audit.record({ id: null, name: username.slice(0, 64) }, 'auth.login-failed', `user:?`, { reason: 'unknown user', from });
      throw refused;
    }
    if (user.disabled) {
      this.audit.record({ id: user.id, name: user.username }, 'auth.login-failed', `user:${user.id}`, { reason: 'disabled', from });
      throw new ApiFailure(403, 'account-disabled', 'this account is disabled; ask an administrator');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      this.audit.record({ id: user.id, name: user.username }, 'auth.login-failed', `user:${user.id}`, { reason: 'locked', from });
      throw new ApiFailure(423, 'account-locked', `too many failed sign-ins; try again after ${new Date(user.lockedUntil).toISOString()}`, { lockedUntil: user.lockedUntil });
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const lockUntil = user.failedLogins + 1 >= this.policy.maxFailedLogins ? now + this.policy.lockoutMs : null;
      this.store.users.recordFailedLogin(user.id, lockUntil);
      this.audit.record({ id: user.id, name: user.username }, 'auth.login-failed', `user:${user.id}`, { reason: 'wrong password', from, locked: lockUntil !== null });
      throw refused;
    }
    this.store.users.recordSuccessfulLogin(user.id);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = Math.min(now + this.policy.idleTimeoutMs, now + this.policy.absoluteTimeoutMs);
    this.store.sessions.insert({ tokenHash: tokenHash(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt });
    this.audit.record({ id: user.id, name: user.username }, 'auth.login', `user:${user.id}`, { from });
    return { token, expiresAt, user: this.store.users.byId(user.id)! };
  }

  /** The user behind a bearer token, sliding the idle timeout forward; undefined if missing, expired or disabled. */
  authenticate(token: string): { user: UserRow; expiresAt: number } | undefined {
    const hash = tokenHash(token);
    const session = this.store.sessions.byTokenHash(hash);
    const now = this.now();
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      this.store.sessions.delete(hash);
      return undefined;
    }
    const user = this.store.users.byId(session.userId);
    if (!user || user.disabled) return undefined;
    const expiresAt = Math.min(now + this.policy.idleTimeoutMs, session.createdAt + this.policy.absoluteTimeoutMs);
    // Writing on every request would make reads write; a tenth of the idle
    // timeout (at most a minute) is fine-grained enough.
    if (now - session.lastSeenAt > Math.min(60_000, this.policy.idleTimeoutMs / 10)) this.store.sessions.touch(hash, now, expiresAt);
    return { user, expiresAt };
  }

  logout(token: string, user: UserRow): void {
    this.store.sessions.delete(tokenHash(token));
    this.audit.record({ id: user.id, name: user.username }, 'auth.logout', `user:${user.id}`);
  }

  async changePassword(user: UserRow, current: string, next: string): Promise<void> {
    if (!(await verifyPassword(current, user.passwordHash))) throw new ApiFailure(400, 'bad-credentials', 'current password is wrong');
    const problems = passwordProblems(next, user.username);
    if (problems.length) throw new ApiFailure(400, 'weak-password', `password ${problems.join('; ')}`, { problems });
    this.store.users.setPassword(user.id, await hashPassword(next), this.now());
    this.store.sessions.deleteForUser(user.id);
    this.audit.record({ id: user.id, name: user.username }, 'user.password-change', `user:${user.id}`);
  }
}
