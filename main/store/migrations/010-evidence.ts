import type { Migration } from './migration.js';

/**
 * Evidence packs, witness statements, the installation's signing keys,
 * sign photographs, disclosures (subject access, police) and the retention
 * sweeps of the data-protection schedule.
 *
 * pcn_id and camera_id are not foreign keys: a pack or a disclosure record
 * must outlive the footage, reads and even a retired camera it describes.
 * The evidence records are append-only (triggers): what was handed to a
 * tribunal or a requester is never rewritten, only superseded by a newer
 * version.
 */
export const evidence: Migration = {
  version: 10,
  name: 'evidence',
  up(db) {
    db.exec(`
      -- Public halves of every key this installation has signed with; a tribunal compares fingerprints.
      CREATE TABLE evidence_signing_keys (
        id             INTEGER PRIMARY KEY,
        fingerprint    TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 64),
        algorithm      TEXT NOT NULL CHECK (algorithm = 'ed25519'),
        public_key_pem TEXT NOT NULL,
        created_at     INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER evidence_signing_keys_no_update BEFORE UPDATE ON evidence_signing_keys
        BEGIN SELECT RAISE(ABORT, 'signing key records are append-only'); END;
      CREATE TRIGGER evidence_signing_keys_no_delete BEFORE DELETE ON evidence_signing_keys
        BEGIN SELECT RAISE(ABORT, 'signing key records are append-only'); END;

      CREATE TABLE evidence_packs (
        id              INTEGER PRIMARY KEY,
        pcn_id          INTEGER NOT NULL,
        pcn_reference   TEXT NOT NULL,
        version         INTEGER NOT NULL CHECK (version >= 1),
        dir             TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
        key_fingerprint TEXT NOT NULL CHECK (length(key_fingerprint) = 64),
        files           INTEGER NOT NULL CHECK (files >= 0),
        bytes           INTEGER NOT NULL CHECK (bytes >= 0),
        omissions       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(omissions)),
        created_at      INTEGER NOT NULL,
        created_by      TEXT NOT NULL,
        UNIQUE (pcn_id, version)
      ) STRICT;
      CREATE INDEX evidence_packs_reference ON evidence_packs (pcn_reference);
      CREATE TRIGGER evidence_packs_no_update BEFORE UPDATE ON evidence_packs
        BEGIN SELECT RAISE(ABORT, 'evidence packs are append-only; build a new version'); END;
      CREATE TRIGGER evidence_packs_no_delete BEFORE DELETE ON evidence_packs
        BEGIN SELECT RAISE(ABORT, 'evidence packs are append-only'); END;

      CREATE TABLE witness_statements (
        id             INTEGER PRIMARY KEY,
        pcn_id         INTEGER NOT NULL,
        pcn_reference  TEXT NOT NULL,
        officer_name   TEXT NOT NULL,
        officer_number TEXT NOT NULL,
        role_title     TEXT NOT NULL,
        path           TEXT NOT NULL,
        sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
        bytes          INTEGER NOT NULL CHECK (bytes > 0),
        requested_for  TEXT NOT NULL DEFAULT '',
        created_at     INTEGER NOT NULL,
        created_by     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX witness_statements_pcn ON witness_statements (pcn_id, created_at);
      CREATE TRIGGER witness_statements_no_update BEFORE UPDATE ON witness_statements
        BEGIN SELECT RAISE(ABORT, 'witness statements are append-only'); END;
      CREATE TRIGGER witness_statements_no_delete BEFORE DELETE ON witness_statements
        BEGIN SELECT RAISE(ABORT, 'witness statements are append-only'); END;

      -- Photographs of the signs at a camera's site (the tribunal asks for them); files by hash.
      CREATE TABLE evidence_sign_photos (
        id         INTEGER PRIMARY KEY,
        camera_id  INTEGER NOT NULL,
        sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
        media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
        bytes      INTEGER NOT NULL CHECK (bytes > 0),
        caption    TEXT NOT NULL,
        taken_on   TEXT NOT NULL CHECK (taken_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        added_at   INTEGER NOT NULL,
        added_by   TEXT NOT NULL,
        removed_at INTEGER,
        removed_by TEXT
      ) STRICT;
      CREATE INDEX evidence_sign_photos_camera ON evidence_sign_photos (camera_id) WHERE removed_at IS NULL;

      -- What went to whom, when, by whom and on what legal basis (UK GDPR Art. 15, DPA 2018 Sch. 2 para. 2, police).
      CREATE TABLE disclosures (
        id             INTEGER PRIMARY KEY,
        reference      TEXT NOT NULL UNIQUE,
        requester      TEXT NOT NULL,
        requester_kind TEXT NOT NULL CHECK (requester_kind IN ('data-subject', 'police', 'other-authority')),
        legal_basis    TEXT NOT NULL CHECK (legal_basis IN ('uk-gdpr-art15', 'dpa2018-sch2-para2', 'police-request')),
        recipient      TEXT NOT NULL,
        request_ref    TEXT NOT NULL DEFAULT '',
        camera_id      INTEGER NOT NULL,
        from_ms        INTEGER NOT NULL,
        to_ms          INTEGER NOT NULL,
        vrm            TEXT,
        redaction      TEXT NOT NULL CHECK (json_valid(redaction)),
        state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
        dir            TEXT NOT NULL,
        files          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files)),
        error          TEXT,
        created_at     INTEGER NOT NULL,
        created_by     TEXT NOT NULL,
        finished_at    INTEGER,
        CHECK (to_ms > from_ms)
      ) STRICT;
      CREATE INDEX disclosures_created ON disclosures (created_at);
      CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
        BEGIN SELECT RAISE(ABORT, 'disclosure records are kept; they are the record of what went to whom'); END;

      -- Each run of the retention schedule and what it removed, per kind of data.
      CREATE TABLE retention_runs (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        by      TEXT NOT NULL,
        summary TEXT NOT NULL CHECK (json_valid(summary))
      ) STRICT;
      CREATE INDEX retention_runs_at ON retention_runs (at);
    `);
  },
};
