import type { Migration } from './migration.js';

/**
 * ANPR reads and their pictures, the exempt-vehicle white list and the
 * restriction each camera enforces.
 *
 * camera_id is not a foreign key: the cameras table belongs to another
 * migration and a retired camera's reads must outlive it (evidence).
 * A repeated delivery (same camera, plate as sent, time) is one row: the
 * UNIQUE constraint is what makes ingest idempotent.
 */
export const anprAndWhiteList: Migration = {
  version: 7,
  name: 'anpr-and-white-list',
  up(db) {
    db.exec(`
      CREATE TABLE anpr_reads (
        id INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL,
        plate_sent TEXT NOT NULL,
        vrm TEXT NOT NULL,
        vrm_format TEXT NOT NULL,
        vrm_flags TEXT NOT NULL DEFAULT '[]',
        read_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
        direction TEXT CHECK (direction IS NULL OR direction IN ('approaching', 'departing')),
        channel TEXT,
        source TEXT NOT NULL CHECK (source IN ('json', 'hikvision', 'csv')),
        exempt_entry_id INTEGER,
        UNIQUE (camera_id, plate_sent, read_at)
      ) STRICT;
      CREATE INDEX anpr_reads_vrm ON anpr_reads (vrm, read_at);
      CREATE INDEX anpr_reads_camera_time ON anpr_reads (camera_id, read_at);

      CREATE TABLE anpr_images (
        id INTEGER PRIMARY KEY,
        read_id INTEGER NOT NULL REFERENCES anpr_reads (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('plate', 'overview')),
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX anpr_images_read ON anpr_images (read_id);
      CREATE INDEX anpr_images_hash ON anpr_images (sha256);

      CREATE TABLE white_list (
        id INTEGER PRIMARY KEY,
        vrm TEXT NOT NULL,
        vrm_entered TEXT NOT NULL,
        vrm_valid INTEGER NOT NULL CHECK (vrm_valid IN (0, 1)),
        category TEXT NOT NULL,
        scope_cameras TEXT NOT NULL DEFAULT '[]',
        scope_types TEXT NOT NULL DEFAULT '[]',
        valid_from INTEGER NOT NULL,
        valid_to INTEGER,
        source TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        added_by TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        reviewed_at INTEGER NOT NULL,
        removed_at INTEGER,
        removed_by TEXT,
        removed_reason TEXT,
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      ) STRICT;
      CREATE INDEX white_list_vrm ON white_list (vrm) WHERE removed_at IS NULL;
      CREATE INDEX white_list_valid_to ON white_list (valid_to) WHERE removed_at IS NULL;

      CREATE TABLE restrictions (
        id INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL,
        type TEXT NOT NULL,
        schedule TEXT NOT NULL,
        permitted TEXT NOT NULL DEFAULT '[]',
        traffic_order_ref TEXT NOT NULL,
        signs_in_order INTEGER NOT NULL CHECK (signs_in_order IN (0, 1)),
        signs_note TEXT NOT NULL DEFAULT '',
        enforcement_start TEXT,
        area TEXT NOT NULL CHECK (area IN ('london', 'england', 'wales')),
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        removed_at INTEGER
      ) STRICT;
      CREATE INDEX restrictions_camera ON restrictions (camera_id) WHERE removed_at IS NULL;
    `);
  },
};
