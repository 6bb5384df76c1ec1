import type { Migration } from './migration.js';

/**
 * The media feature's tables: the segment index, gaps, evidence locks, the
 * deletion log and export jobs.
 *
 * camera_id is not a foreign key to cameras: footage (and its gaps and
 * locks) outlives a retired or deleted camera record, and the cameras table
 * belongs to another migration that may land in any order.
 *
 * Segment paths are stored relative to `<dataDir>/recordings` so a data
 * folder can be moved (restored from backup, new disk) without rewriting
 * the index.
 */
export const recordings: Migration = {
  version: 5,
  name: 'recordings',
  up(db) {
    db.exec(`
      CREATE TABLE media_segments (
        id               INTEGER PRIMARY KEY,
        camera_id        INTEGER NOT NULL,
        start_ms         INTEGER NOT NULL,
        end_ms           INTEGER NOT NULL CHECK (end_ms >= start_ms),
        frame_count      INTEGER CHECK (frame_count IS NULL OR frame_count >= 0),
        bytes            INTEGER NOT NULL CHECK (bytes >= 0),
        -- byte length of ftyp+moov: the EXT-X-MAP range of this file in a playlist
        init_bytes       INTEGER NOT NULL CHECK (init_bytes >= 0),
        path             TEXT NOT NULL,
        sha256           TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
        keyframes        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keyframes)),
        -- camera clock minus workstation clock (ms) when recorded; NULL when never read
        camera_offset_ms INTEGER,
        -- workstation clock when the segment was indexed
        indexed_at       INTEGER NOT NULL,
        state            TEXT NOT NULL DEFAULT 'complete' CHECK (state IN ('complete', 'missing')),
        UNIQUE (camera_id, path)
      ) STRICT;
      CREATE INDEX media_segments_camera_time ON media_segments (camera_id, start_ms);
      CREATE INDEX media_segments_end ON media_segments (end_ms);

      CREATE TABLE media_gaps (
        id        INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL,
        start_ms  INTEGER NOT NULL,
        end_ms    INTEGER CHECK (end_ms IS NULL OR end_ms >= start_ms),
        cause     TEXT NOT NULL,
        detail    TEXT
      ) STRICT;
      CREATE INDEX media_gaps_camera_time ON media_gaps (camera_id, start_ms);
      -- at most one open gap per camera
      CREATE UNIQUE INDEX media_gaps_one_open ON media_gaps (camera_id) WHERE end_ms IS NULL;

      CREATE TABLE evidence_locks (
        id             INTEGER PRIMARY KEY,
        camera_id      INTEGER NOT NULL,
        from_ms        INTEGER NOT NULL,
        to_ms          INTEGER NOT NULL CHECK (to_ms > from_ms),
        reason         TEXT NOT NULL CHECK (length(reason) > 0),
        case_reference TEXT,
        created_by     TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        released_at    INTEGER,
        released_by    TEXT,
        release_reason TEXT
      ) STRICT;
      CREATE INDEX evidence_locks_camera ON evidence_locks (camera_id, from_ms);

      -- Append-only: what retention, the low-disk guard or a vanished file removed.
      CREATE TABLE media_deletions (
        id         INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL,
        camera_id  INTEGER NOT NULL,
        start_ms   INTEGER NOT NULL,
        end_ms     INTEGER NOT NULL,
        bytes      INTEGER NOT NULL,
        sha256     TEXT,
        path       TEXT NOT NULL,
        reason     TEXT NOT NULL CHECK (reason IN ('retention', 'low-disk', 'file-missing')),
        deleted_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX media_deletions_camera ON media_deletions (camera_id, deleted_at);
      CREATE TRIGGER media_deletions_no_update BEFORE UPDATE ON media_deletions
        BEGIN SELECT RAISE(ABORT, 'media_deletions is append-only'); END;
      CREATE TRIGGER media_deletions_no_delete BEFORE DELETE ON media_deletions
        BEGIN SELECT RAISE(ABORT, 'media_deletions is append-only'); END;

      CREATE TABLE media_exports (
        id                TEXT PRIMARY KEY,
        camera_id         INTEGER NOT NULL,
        from_ms           INTEGER NOT NULL,
        to_ms             INTEGER NOT NULL CHECK (to_ms > from_ms),
        request           TEXT NOT NULL CHECK (json_valid(request)),
        state             TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
        fraction          REAL NOT NULL DEFAULT 0,
        files             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
        lock_id           INTEGER REFERENCES evidence_locks (id),
        error             TEXT,
        created_by        TEXT NOT NULL,
        created_at        INTEGER NOT NULL,
        finished_at       INTEGER,
        original_start_ms INTEGER
      ) STRICT;
    `);
  },
};
