import type { Migration } from './migration.js';

/**
 * Penalty Charge Notices and warning notices, their numbers, history,
 * keeper enquiries, payments, representations, refusals and quality audits.
 *
 * event_id, camera_id and restriction_id are not foreign keys: those tables
 * belong to other migrations, and a PCN (a legal record kept about 7 years)
 * must outlive footage and reads that age out after about 31 days.
 *
 * PCN numbers: pcn_sequence is bumped in the SAME transaction as the pcns
 * insert (the store does both), so with synchronous=FULL a crash either
 * keeps both or neither — a number is never reused and never skipped.
 */
export const pcns: Migration = {
  version: 9,
  name: 'pcns',
  up(db) {
    db.exec(`
      CREATE TABLE pcn_sequence (
        series     TEXT PRIMARY KEY CHECK (series IN ('pcn', 'warning')),
        last_value INTEGER NOT NULL CHECK (last_value >= 0)
      ) STRICT;
      INSERT INTO pcn_sequence (series, last_value) VALUES ('pcn', 0), ('warning', 0);
      CREATE TRIGGER pcn_sequence_forward BEFORE UPDATE ON pcn_sequence
        WHEN NEW.last_value <= OLD.last_value
        BEGIN SELECT RAISE(ABORT, 'the PCN number sequence only moves forward'); END;
      CREATE TRIGGER pcn_sequence_no_delete BEFORE DELETE ON pcn_sequence
        BEGIN SELECT RAISE(ABORT, 'the PCN number sequence is never deleted'); END;

      CREATE TABLE pcns (
        id                 INTEGER PRIMARY KEY,
        kind               TEXT NOT NULL CHECK (kind IN ('pcn', 'warning')),
        reference          TEXT NOT NULL UNIQUE,
        sequence           INTEGER NOT NULL,
        event_id           INTEGER NOT NULL,
        camera_id          INTEGER NOT NULL,
        restriction_id     INTEGER,
        restriction_type   TEXT NOT NULL,
        area               TEXT NOT NULL CHECK (area IN ('london', 'england', 'wales')),
        place              TEXT NOT NULL,
        vrm                TEXT NOT NULL,
        contravention_at   INTEGER NOT NULL,
        contravention_date TEXT NOT NULL,
        code               TEXT NOT NULL,
        code_description   TEXT NOT NULL,
        amount_pence       INTEGER NOT NULL CHECK (amount_pence >= 0),
        discount_pence     INTEGER NOT NULL CHECK (discount_pence >= 0),
        certificate_pence  INTEGER NOT NULL CHECK (certificate_pence >= 0),
        service_by         TEXT NOT NULL,
        stage              TEXT NOT NULL,
        notes              TEXT NOT NULL DEFAULT '',
        vehicle_make       TEXT,
        vehicle_colour     TEXT,
        officer_id         INTEGER,
        officer_name       TEXT NOT NULL,
        issued_at          INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL,
        notice_date        TEXT,
        notice_lang        TEXT CHECK (notice_lang IS NULL OR notice_lang IN ('en', 'cy')),
        notice_path        TEXT,
        notice_sha256      TEXT CHECK (notice_sha256 IS NULL OR length(notice_sha256) = 64),
        posted_date        TEXT,
        -- KADOE keeper details: purged (set to NULL, keeper_purged_at set) once the case no longer needs them.
        keeper_name        TEXT,
        keeper_address     TEXT CHECK (keeper_address IS NULL OR json_valid(keeper_address)),
        keeper_postcode    TEXT,
        keeper_make        TEXT,
        keeper_model       TEXT,
        keeper_colour      TEXT,
        keeper_received_at INTEGER,
        keeper_mismatch    TEXT,
        keeper_purged_at   INTEGER,
        paid_pence         INTEGER NOT NULL DEFAULT 0,
        cancel_reason      TEXT,
        closed_at          INTEGER,
        UNIQUE (kind, sequence),
        CHECK ((stage = 'cancelled') = (cancel_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX pcns_stage ON pcns (stage, issued_at);
      CREATE INDEX pcns_vrm_place ON pcns (vrm, camera_id, contravention_at);
      CREATE INDEX pcns_event ON pcns (event_id);
      -- Last line of defence behind the duplicate precondition: one live PCN per vehicle, place and UK day.
      CREATE UNIQUE INDEX pcns_one_per_vehicle_place_day ON pcns (vrm, camera_id, contravention_date)
        WHERE kind = 'pcn' AND stage <> 'cancelled';
      CREATE TRIGGER pcns_never_deleted BEFORE DELETE ON pcns
        BEGIN SELECT RAISE(ABORT, 'PCNs are cancelled or closed, never deleted'); END;

      -- Every step of every case; append-only.
      CREATE TABLE pcn_events (
        id         INTEGER PRIMARY KEY,
        pcn_id     INTEGER NOT NULL REFERENCES pcns (id),
        at         INTEGER NOT NULL,
        actor_id   INTEGER,
        actor_name TEXT NOT NULL,
        action     TEXT NOT NULL,
        from_stage TEXT,
        to_stage   TEXT NOT NULL,
        detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX pcn_events_pcn ON pcn_events (pcn_id, at);
      CREATE TRIGGER pcn_events_no_update BEFORE UPDATE ON pcn_events
        BEGIN SELECT RAISE(ABORT, 'pcn_events is append-only'); END;
      CREATE TRIGGER pcn_events_no_delete BEFORE DELETE ON pcn_events
        BEGIN SELECT RAISE(ABORT, 'pcn_events is append-only'); END;

      -- Decisions that could not become a PCN, with the preconditions that failed (reports: refusal reasons).
      CREATE TABLE pcn_refusals (
        id         INTEGER PRIMARY KEY,
        event_id   INTEGER NOT NULL,
        at         INTEGER NOT NULL,
        officer    TEXT NOT NULL,
        code       TEXT NOT NULL,
        failures   TEXT NOT NULL CHECK (json_valid(failures))
      ) STRICT;
      CREATE INDEX pcn_refusals_at ON pcn_refusals (at);

      CREATE TABLE keeper_enquiries (
        id            INTEGER PRIMARY KEY,
        batch_ref     TEXT NOT NULL,
        enquiry_ref   TEXT NOT NULL UNIQUE,
        pcn_id        INTEGER NOT NULL REFERENCES pcns (id),
        vrm           TEXT NOT NULL,
        event_at      INTEGER NOT NULL,
        reason_code   TEXT NOT NULL,
        enquirer_code TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        created_by    TEXT NOT NULL,
        replied_at    INTEGER
      ) STRICT;
      CREATE INDEX keeper_enquiries_pcn ON keeper_enquiries (pcn_id);

      CREATE TABLE pcn_payments (
        id             INTEGER PRIMARY KEY,
        pcn_id         INTEGER NOT NULL REFERENCES pcns (id),
        amount_pence   INTEGER NOT NULL CHECK (amount_pence > 0),
        expected_pence INTEGER NOT NULL,
        paid_on        TEXT NOT NULL,
        method         TEXT NOT NULL,
        reference      TEXT NOT NULL,
        flag           TEXT CHECK (flag IS NULL OR flag IN ('over', 'under')),
        batch_ref      TEXT NOT NULL,
        imported_at    INTEGER NOT NULL,
        imported_by    TEXT NOT NULL,
        UNIQUE (pcn_id, reference)
      ) STRICT;
      CREATE INDEX pcn_payments_pcn ON pcn_payments (pcn_id);

      CREATE TABLE pcn_representations (
        id          INTEGER PRIMARY KEY,
        pcn_id      INTEGER NOT NULL REFERENCES pcns (id),
        received_on TEXT NOT NULL,
        ground      TEXT NOT NULL,
        detail      TEXT NOT NULL DEFAULT '',
        outcome     TEXT CHECK (outcome IS NULL OR outcome IN ('accepted', 'rejected')),
        reason      TEXT,
        decided_at  INTEGER,
        decided_by  TEXT,
        created_at  INTEGER NOT NULL,
        created_by  TEXT NOT NULL,
        CHECK ((outcome IS NULL) = (decided_at IS NULL))
      ) STRICT;
      CREATE INDEX pcn_representations_pcn ON pcn_representations (pcn_id);

      CREATE TABLE pcn_quality_audits (
        id           INTEGER PRIMARY KEY,
        pcn_id       INTEGER NOT NULL UNIQUE REFERENCES pcns (id),
        officer_name TEXT NOT NULL,
        month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        seed         TEXT NOT NULL,
        sampled_at   INTEGER NOT NULL,
        sampled_by   TEXT NOT NULL,
        checks       TEXT CHECK (checks IS NULL OR json_valid(checks)),
        passed       INTEGER CHECK (passed IS NULL OR passed IN (0, 1)),
        notes        TEXT NOT NULL DEFAULT '',
        checked_at   INTEGER,
        checked_by   TEXT
      ) STRICT;
      CREATE INDEX pcn_quality_audits_month ON pcn_quality_audits (month, officer_name);
    `);
  },
};
