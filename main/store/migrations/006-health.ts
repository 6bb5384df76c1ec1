import type { Migration } from './migration.js';

/**
 * The health feature's tables: every probe result, each camera's status
 * changes, the officer-approved reference views, and defects (camera faults
 * and on-street sign/line faults) with their notes and photos.
 *
 * camera_id is not a foreign key: the cameras table belongs to another
 * migration that may land in any order, and a defect's history must outlive
 * a retired camera record. Times are UTC epoch ms.
 */
export const health: Migration = {
  version: 6,
  name: 'health',
  up(db) {
    db.exec(`
      CREATE TABLE health_probes (
        id        INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('network', 'clock', 'stream', 'recording', 'picture', 'storage')),
        at        INTEGER NOT NULL,
        status    TEXT NOT NULL CHECK (status IN ('ok', 'degraded', 'down')),
        -- the probe's headline number (drift s, fps, age s, free bytes...), NULL when none could be read
        value     REAL,
        fault     TEXT,
        reason    TEXT,
        detail    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0)
      ) STRICT;
      CREATE INDEX health_probes_camera_kind_at ON health_probes (camera_id, kind, at);
      CREATE INDEX health_probes_at ON health_probes (at);

      -- One row each time a camera's overall status changes: "its state at time T" is the last row at or before T.
      CREATE TABLE health_status_changes (
        id        INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL,
        at        INTEGER NOT NULL,
        status    TEXT NOT NULL CHECK (status IN ('ok', 'degraded', 'down', 'unknown')),
        reasons   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons))
      ) STRICT;
      CREATE INDEX health_status_camera_at ON health_status_changes (camera_id, at);

      -- The view an officer approved as right for a camera; moved/obstructed checks compare against it.
      CREATE TABLE health_references (
        camera_id   INTEGER PRIMARY KEY,
        width       INTEGER NOT NULL CHECK (width > 0),
        height      INTEGER NOT NULL CHECK (height > 0),
        pixels      BLOB NOT NULL CHECK (length(pixels) = width * height),
        sharpness   REAL NOT NULL CHECK (sharpness >= 0),
        approved_by TEXT NOT NULL,
        approved_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE defects (
        id              INTEGER PRIMARY KEY,
        scope           TEXT NOT NULL CHECK (scope IN ('camera', 'location')),
        camera_id       INTEGER,
        site_code       TEXT,
        location        TEXT,
        category        TEXT NOT NULL CHECK (length(category) > 0),
        title           TEXT NOT NULL CHECK (length(title) > 0),
        description     TEXT NOT NULL DEFAULT '',
        origin          TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
        -- for auto defects: the probe fault that opened it
        fault           TEXT,
        blocking        INTEGER NOT NULL DEFAULT 0 CHECK (blocking IN (0, 1)),
        supplier        TEXT,
        supplier_ref    TEXT,
        reported_at     INTEGER NOT NULL,
        acknowledged_at INTEGER,
        resolved_at     INTEGER,
        -- the outage: first failed probe .. first probe that passed again
        outage_start    INTEGER,
        outage_end      INTEGER,
        created_by      TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        CHECK (scope = 'location' OR camera_id IS NOT NULL),
        CHECK (scope = 'camera' OR (location IS NOT NULL AND length(location) > 0)),
        CHECK (acknowledged_at IS NULL OR acknowledged_at >= reported_at),
        CHECK (resolved_at IS NULL OR resolved_at >= reported_at),
        CHECK (outage_end IS NULL OR outage_start IS NULL OR outage_end >= outage_start)
      ) STRICT;
      CREATE INDEX defects_camera ON defects (camera_id, reported_at);
      CREATE INDEX defects_site ON defects (site_code);
      -- at most one open auto defect per camera and fault
      CREATE UNIQUE INDEX defects_one_open_auto ON defects (camera_id, fault) WHERE origin = 'auto' AND resolved_at IS NULL;

      CREATE TABLE defect_notes (
        id        INTEGER PRIMARY KEY,
        defect_id INTEGER NOT NULL REFERENCES defects (id),
        at        INTEGER NOT NULL,
        author    TEXT NOT NULL,
        text      TEXT NOT NULL CHECK (length(text) > 0)
      ) STRICT;
      CREATE INDEX defect_notes_defect ON defect_notes (defect_id, at);

      CREATE TABLE defect_photos (
        id        INTEGER PRIMARY KEY,
        defect_id INTEGER NOT NULL REFERENCES defects (id),
        sha256    TEXT NOT NULL CHECK (length(sha256) = 64),
        mime      TEXT NOT NULL,
        bytes     INTEGER NOT NULL CHECK (bytes > 0),
        name      TEXT,
        added_by  TEXT NOT NULL,
        added_at  INTEGER NOT NULL,
        UNIQUE (defect_id, sha256)
      ) STRICT;
    `);
  },
};
