import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrations, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the workstation's SQLite store and brings its
 * schema up to date.
 *
 * WAL mode lets the recorder, ingest and the API write while the UI reads;
 * synchronous=FULL because an acknowledged ANPR read or a PCN number must
 * survive a power cut (the reply to a camera comes only after commit).
 */
export function openDatabase(file: string, opts: { migrations?: Migration[] } = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, opts.migrations ?? migrations);
  return db;
}

/** Applies every migration newer than the store's user_version, each in its own transaction. */
export function migrate(db: Db, list: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const sorted = [...list].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbering broken at ${m.version} (${m.name}): expected ${i + 1}`);
  });
  const latest = sorted.length;
  if (current > latest) {
    throw new Error(`this store was written by a newer version (schema ${current}, this build knows ${latest}); refusing to open it`);
  }
  for (const m of sorted) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The SQLite library's version, for `cctv doctor`. */
export function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}
