import path from 'node:path';
import { openDatabase, type Db } from './database.js';
import { UsersStore } from './users-store.js';
import { SessionsStore } from './sessions-store.js';
import { AuditStore } from './audit-store.js';
import { SettingsStore } from './settings-store.js';

/**
 * The store: one SQLite file, one owner (the core), one module per aggregate.
 * Services receive the aggregate stores they need, never the raw handle.
 */
export class Store {
  readonly users: UsersStore;
  readonly sessions: SessionsStore;
  readonly audit: AuditStore;
  readonly settings: SettingsStore;

  constructor(readonly db: Db) {
    this.users = new UsersStore(db);
    this.sessions = new SessionsStore(db);
    this.audit = new AuditStore(db);
    this.settings = new SettingsStore(db);
  }

  static open(dataDir: string): Store {
    return new Store(openDatabase(path.join(dataDir, 'workstation.sqlite')));
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
