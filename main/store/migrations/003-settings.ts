import type { Migration } from './migration.js';

// Installation-wide settings as JSON values (council name and PCN prefix,
// retention periods, probe intervals), editable by administrators.
export const settings: Migration = {
  version: 3,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
