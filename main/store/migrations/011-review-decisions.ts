import type { Migration } from './migration.js';

/**
 * The review queue's own records (the events table and its claimed_by /
 * claimed_at lock come from 008):
 *  - review_decisions: every officer decision on an event, with the seconds
 *    spent on the case (productivity reports) and, for a contravention, the
 *    PCN it became. Append-only: a decision is a record of what an officer
 *    did, corrected by a later decision, never edited.
 *  - review_referrals: events an officer passed to a supervisor; while one is
 *    open only supervisors are given the event.
 * event_id is a foreign key: decisions live as long as their events (PCNs
 * keep their own copy of the facts for the legal record).
 */
export const reviewDecisions: Migration = {
  version: 11,
  name: 'review-decisions',
  up(db) {
    db.exec(`
      CREATE TABLE review_decisions (
        id           INTEGER PRIMARY KEY,
        event_id     INTEGER NOT NULL REFERENCES events (id),
        outcome      TEXT NOT NULL CHECK (outcome IN ('contravention', 'reject', 'refer')),
        code         TEXT,
        reason       TEXT,
        reason_text  TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        pcn_id       INTEGER,
        pcn_reference TEXT,
        vrm          TEXT NOT NULL,
        officer_id   INTEGER,
        officer_name TEXT NOT NULL,
        claimed_at   INTEGER,
        decided_at   INTEGER NOT NULL,
        seconds      REAL NOT NULL CHECK (seconds >= 0),
        CHECK ((outcome = 'contravention') = (code IS NOT NULL)),
        CHECK ((outcome = 'reject') = (reason IS NOT NULL)),
        CHECK (reason IS NULL OR reason <> 'other' OR length(reason_text) > 0)
      ) STRICT;
      CREATE INDEX review_decisions_event ON review_decisions (event_id, decided_at);
      CREATE INDEX review_decisions_officer ON review_decisions (officer_name, decided_at);
      CREATE INDEX review_decisions_vrm ON review_decisions (vrm, decided_at);
      CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
        BEGIN SELECT RAISE(ABORT, 'review_decisions is append-only'); END;
      CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
        BEGIN SELECT RAISE(ABORT, 'review_decisions is append-only'); END;

      CREATE TABLE review_referrals (
        id           INTEGER PRIMARY KEY,
        event_id     INTEGER NOT NULL REFERENCES events (id),
        referred_by  TEXT NOT NULL,
        referred_at  INTEGER NOT NULL,
        note         TEXT NOT NULL,
        resolved_at  INTEGER,
        resolved_by  TEXT
      ) STRICT;
      CREATE UNIQUE INDEX review_referrals_open ON review_referrals (event_id) WHERE resolved_at IS NULL;
    `);
  },
};
