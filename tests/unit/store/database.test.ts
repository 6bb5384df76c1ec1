import { describe, expect, it, afterAll } from 'vitest';
import path from 'node:path';
import { migrate, openDatabase, schemaVersion } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations/index.js';
import { tempDir } from '../../support/temp-dir.js';

describe('openDatabase', () => {
  const tmp = tempDir();
  afterAll(tmp.cleanup);

  it('opens a real file in WAL mode with every migration applied', () => {
    const db = openDatabase(path.join(tmp.dir, 'a', 'store.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = path.join(tmp.dir, 'b.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('refuses a store written by a newer version', () => {
    const file = path.join(tmp.dir, 'c.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer version/);
  });

  it('rolls back a failing migration and keeps what was there', () => {
    const file = path.join(tmp.dir, 'd.sqlite');
    const db = openDatabase(file);
    const bad = { version: migrations.length + 1, name: 'bad', up: (d: typeof db) => { d.exec('CREATE TABLE half_done (x INTEGER) STRICT'); throw new Error('boom'); } };
    expect(() => migrate(db, [...migrations, bad])).toThrow('boom');
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses gaps in migration numbering', () => {
    const db = openDatabase(':memory:', { migrations: [] });
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => {} }])).toThrow(/numbering broken/);
  });
});
