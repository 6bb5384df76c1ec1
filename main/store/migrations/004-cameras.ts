import type { Migration } from './migration.js';

// Enforcement cameras and their approved-device certificates (SI 2022/71
// Sch. 1; DOMAIN §6). Cameras are retired, never deleted: their footage,
// events and PCNs keep pointing at them. Certificates are history: a camera
// may hold several over time and a PCN is checked against the one in force at
// the event, so rows are never changed or removed.
export const cameras: Migration = {
  version: 4,
  name: 'cameras',
  up(db) {
    db.exec(`
      CREATE TABLE cameras (
        id                    INTEGER PRIMARY KEY,
        name                  TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
        location_description  TEXT NOT NULL DEFAULT '',
        latitude              REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
        longitude             REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
        site_code             TEXT,
        enforcement_site_name TEXT,
        onvif_host            TEXT,
        onvif_port            INTEGER CHECK (onvif_port IS NULL OR onvif_port BETWEEN 1 AND 65535),
        onvif_endpoint        TEXT,
        -- Stored without credentials (main/cameras/rtsp-url.ts strips them); they live sealed in password_sealed.
        rtsp_main_uri         TEXT,
        rtsp_sub_uri          TEXT,
        profile_token         TEXT,
        sub_profile_token     TEXT,
        stream                TEXT NOT NULL DEFAULT 'main' CHECK (stream IN ('main', 'sub')),
        transport             TEXT NOT NULL DEFAULT 'tcp' CHECK (transport IN ('tcp', 'udp')),
        username              TEXT,
        password_sealed       TEXT,
        anpr_key_hash         TEXT,
        retention_days        INTEGER NOT NULL DEFAULT 31 CHECK (retention_days BETWEEN 1 AND 3650),
        status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
        retired_at            INTEGER,
        retired_by            TEXT,
        retired_reason        TEXT,
        manufacturer          TEXT,
        model                 TEXT,
        firmware              TEXT,
        serial                TEXT,
        clock_offset_s        REAL,
        clock_checked_at      INTEGER,
        created_at            INTEGER NOT NULL,
        created_by            TEXT NOT NULL,
        updated_at            INTEGER NOT NULL,
        updated_by            TEXT NOT NULL,
        CHECK ((status = 'retired') = (retired_at IS NOT NULL AND retired_reason IS NOT NULL)),
        CHECK (rtsp_main_uri IS NOT NULL OR onvif_host IS NOT NULL)
      ) STRICT;

      -- Two working cameras with one name would make footage and PCNs ambiguous; a retired name may be reused.
      CREATE UNIQUE INDEX cameras_active_name ON cameras (name COLLATE NOCASE) WHERE status = 'active';
      CREATE INDEX cameras_endpoint ON cameras (onvif_endpoint) WHERE onvif_endpoint IS NOT NULL;

      CREATE TRIGGER cameras_never_deleted BEFORE DELETE ON cameras
      BEGIN SELECT RAISE(ABORT, 'cameras are retired, never deleted: their footage and records stay'); END;

      CREATE TABLE camera_certificates (
        id                 INTEGER PRIMARY KEY,
        camera_id          INTEGER NOT NULL REFERENCES cameras (id),
        certificate_number TEXT NOT NULL CHECK (length(trim(certificate_number)) BETWEEN 1 AND 64),
        issuer             TEXT NOT NULL CHECK (length(trim(issuer)) BETWEEN 1 AND 120),
        type_approval_ref  TEXT,
        valid_from         INTEGER NOT NULL,
        valid_to           INTEGER NOT NULL,
        created_at         INTEGER NOT NULL,
        created_by         TEXT NOT NULL,
        CHECK (valid_to >= valid_from)
      ) STRICT;
      CREATE INDEX camera_certificates_by_camera ON camera_certificates (camera_id, valid_from);

      CREATE TRIGGER camera_certificates_no_update BEFORE UPDATE ON camera_certificates
      BEGIN SELECT RAISE(ABORT, 'certificates are history: record a new one instead of changing this one'); END;
      CREATE TRIGGER camera_certificates_no_delete BEFORE DELETE ON camera_certificates
      BEGIN SELECT RAISE(ABORT, 'certificates are history and are never deleted'); END;
    `);
  },
};
