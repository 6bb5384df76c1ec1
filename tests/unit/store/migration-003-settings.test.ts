import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations/index.js';
import { SettingsStore } from '../../../main/store/settings-store.js';

describe('migration 003 settings', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 3));
  const settings = new SettingsStore(db);

  it('round-trips JSON values and records who changed them', () => {
    settings.set('council.name', 'Exeter City Council', 'admin', 5);
    settings.set('retention.footageDays', 31, 'admin', 6);
    expect(settings.all()).toEqual({ 'council.name': 'Exeter City Council', 'retention.footageDays': 31 });
    expect(db.prepare("SELECT updated_by AS by, updated_at AS at FROM settings WHERE key = 'retention.footageDays'").get()).toEqual({ by: 'admin', at: 6 });
  });

  it('refuses text that is not JSON', () => {
    expect(() => db.prepare("INSERT INTO settings VALUES ('k', 'not json', 1, 'x')").run()).toThrow(/CHECK constraint/);
  });
});
