import type { Migration } from './migration.js';

/**
 * Candidate events: a read (or an officer's own observation) at a camera
 * whose restriction was in force, for a vehicle not exempt. The review queue
 * (a later feature) claims and decides them; claimed_by/claimed_at are its
 * lock. The reads an event gathered are in event_reads.
 */
export const reviewEvents: Migration = {
  version: 8,
  name: 'review-events',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        camera_id INTEGER NOT NULL,
        restriction_id INTEGER REFERENCES restrictions (id),
        restriction_type TEXT,
        vrm TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('anpr', 'manual')),
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        clip_start INTEGER NOT NULL,
        clip_end INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'held', 'in-review', 'decided')),
        hold_reason TEXT,
        in_force_why TEXT NOT NULL DEFAULT '',
        near_misses TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        claimed_by INTEGER,
        claimed_at INTEGER,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (clip_end > clip_start),
        CHECK (last_seen_at >= first_seen_at),
        CHECK ((status = 'held') = (hold_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX events_status ON events (status, first_seen_at);
      CREATE INDEX events_camera_vrm ON events (camera_id, vrm, last_seen_at);
      CREATE INDEX events_time ON events (first_seen_at);

      CREATE TABLE event_reads (
        event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        read_id INTEGER NOT NULL REFERENCES anpr_reads (id),
        PRIMARY KEY (event_id, read_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_reads_read ON event_reads (read_id);
    `);
  },
};
