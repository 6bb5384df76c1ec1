import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * The cameras aggregate: cameras and their approved-device certificates.
 * Secrets arrive here already sealed (password) or hashed (ANPR key); this
 * module never sees them in clear and never returns them to callers that
 * list cameras (the *Secrets accessors are separate on purpose).
 */

/** What a camera is configured as: the fields a new camera is stored with and a stored one shows. */
interface CameraFields {
  name: string;
  locationDescription: string;
  latitude: number | null;
  longitude: number | null;
  siteCode: string | null;
  enforcementSiteName: string | null;
  onvifHost: string | null;
  onvifPort: number | null;
  onvifEndpoint: string | null;
  rtspMainUri: string | null;
  rtspSubUri: string | null;
  profileToken: string | null;
  subProfileToken: string | null;
  stream: 'main' | 'sub';
  transport: 'tcp' | 'udp';
  username: string | null;
  retentionDays: number;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  clockOffsetS: number | null;
  clockCheckedAt: number | null;
}

/** A stored camera as services see it: secrets only as "is there one". */
export interface CameraRow extends CameraFields {
  id: number;
  hasPassword: boolean;
  hasAnprKey: boolean;
  status: 'active' | 'retired';
  retiredAt: number | null;
  retiredBy: string | null;
  retiredReason: string | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

export interface CertificateRow {
  id: number;
  cameraId: number;
  certificateNumber: string;
  issuer: string;
  typeApprovalRef: string | null;
  validFrom: number;
  validTo: number;
  createdAt: number;
  createdBy: string;
}

/** Fields a new camera is stored with (secrets already sealed/hashed). */
export interface NewCameraRow extends CameraFields {
  passwordSealed: string | null;
  anprKeyHash: string | null;
}

/** Changeable fields; `passwordSealed: null` clears the password, undefined leaves it. */
export type CameraPatch = Partial<Omit<NewCameraRow, 'anprKeyHash'>>;

const columnOf: Record<keyof NewCameraRow, string> = {
  name: 'name',
  locationDescription: 'location_description',
  latitude: 'latitude',
  longitude: 'longitude',
  siteCode: 'site_code',
  enforcementSiteName: 'enforcement_site_name',
  onvifHost: 'onvif_host',
  onvifPort: 'onvif_port',
  onvifEndpoint: 'onvif_endpoint',
  rtspMainUri: 'rtsp_main_uri',
  rtspSubUri: 'rtsp_sub_uri',
  profileToken: 'profile_token',
  subProfileToken: 'sub_profile_token',
  stream: 'stream',
  transport: 'transport',
  username: 'username',
  passwordSealed: 'password_sealed',
  anprKeyHash: 'anpr_key_hash',
  retentionDays: 'retention_days',
  manufacturer: 'manufacturer',
  model: 'model',
  firmware: 'firmware',
  serial: 'serial',
  clockOffsetS: 'clock_offset_s',
  clockCheckedAt: 'clock_checked_at',
};

const cameraColumns = `id, name, location_description AS locationDescription, latitude, longitude, site_code AS siteCode,
  enforcement_site_name AS enforcementSiteName, onvif_host AS onvifHost, onvif_port AS onvifPort, onvif_endpoint AS onvifEndpoint,
  rtsp_main_uri AS rtspMainUri, rtsp_sub_uri AS rtspSubUri, profile_token AS profileToken, sub_profile_token AS subProfileToken,
  stream, transport, username, (password_sealed IS NOT NULL) AS hasPassword, (anpr_key_hash IS NOT NULL) AS hasAnprKey,
  retention_days AS retentionDays, status, retired_at AS retiredAt, retired_by AS retiredBy, retired_reason AS retiredReason,
  manufacturer, model, firmware, serial, clock_offset_s AS clockOffsetS, clock_checked_at AS clockCheckedAt,
  created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt, updated_by AS updatedBy`;

const certificateColumns = `id, camera_id AS cameraId, certificate_number AS certificateNumber, issuer, type_approval_ref AS typeApprovalRef,
  valid_from AS validFrom, valid_to AS validTo, created_at AS createdAt, created_by AS createdBy`;

function toCamera(row: unknown): CameraRow | undefined {
  if (!row) return undefined;
  const r = row as Omit<CameraRow, 'hasPassword' | 'hasAnprKey'> & { hasPassword: number; hasAnprKey: number };
  return { ...r, hasPassword: r.hasPassword === 1, hasAnprKey: r.hasAnprKey === 1 };
}

export class CamerasStore {
  constructor(private readonly db: Db) {}

  list(opts: { includeRetired?: boolean } = {}): CameraRow[] {
    const where = opts.includeRetired ? '' : "WHERE status = 'active'";
    return this.db
      .prepare(`SELECT ${cameraColumns} FROM cameras ${where} ORDER BY name COLLATE NOCASE, id`)
      .all()
      .map((r) => toCamera(r)!);
  }

  // byId and secretsOf run on every ANPR push (key check) and new event: prepared once.
  private byIdStmt: Statement<unknown[]> | undefined;
  private secretsStmt: Statement<unknown[]> | undefined;

  byId(id: number): CameraRow | undefined {
    this.byIdStmt ??= this.db.prepare(`SELECT ${cameraColumns} FROM cameras WHERE id = ?`);
    return toCamera(this.byIdStmt.get(id));
  }

  activeByName(name: string): CameraRow | undefined {
    return toCamera(this.db.prepare(`SELECT ${cameraColumns} FROM cameras WHERE status = 'active' AND name = ? COLLATE NOCASE`).get(name.trim()));
  }

  /** Cameras already added from this ONVIF endpoint reference (discovery marks them). */
  idsByEndpoint(): Map<string, number> {
    const rows = this.db.prepare("SELECT onvif_endpoint AS e, id FROM cameras WHERE onvif_endpoint IS NOT NULL AND status = 'active'").all() as { e: string; id: number }[];
    return new Map(rows.map((r) => [r.e, r.id]));
  }

  /** Cameras already added at this ONVIF host:port. */
  activeIdByOnvifAddress(host: string, port: number): number | undefined {
    const r = this.db.prepare("SELECT id FROM cameras WHERE status = 'active' AND onvif_host = ? COLLATE NOCASE AND onvif_port = ?").get(host, port) as { id: number } | undefined;
    return r?.id;
  }

  insert(c: NewCameraRow, by: string, now: number): CameraRow {
    const keys = Object.keys(columnOf) as (keyof NewCameraRow)[];
    const cols = [...keys.map((k) => columnOf[k]), 'created_at', 'created_by', 'updated_at', 'updated_by'];
    const info = this.db
      .prepare(`INSERT INTO cameras (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...keys.map((k) => c[k]), now, by, now, by);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  update(id: number, patch: CameraPatch, by: string, now: number): CameraRow | undefined {
    const keys = (Object.keys(patch) as (keyof CameraPatch)[]).filter((k) => patch[k] !== undefined && k in columnOf);
    const sets = [...keys.map((k) => `${columnOf[k]} = ?`), 'updated_at = ?', 'updated_by = ?'];
    this.db.prepare(`UPDATE cameras SET ${sets.join(', ')} WHERE id = ?`).run(...keys.map((k) => patch[k] ?? null), now, by, id);
    return this.byId(id);
  }

  /** Clears a nullable field (update() skips undefined, so null-ing needs saying). */
  clear(id: number, field: 'passwordSealed' | 'username' | 'rtspSubUri' | 'latitude' | 'longitude' | 'siteCode' | 'enforcementSiteName', by: string, now: number): void {
    this.db.prepare(`UPDATE cameras SET ${columnOf[field]} = NULL, updated_at = ?, updated_by = ? WHERE id = ?`).run(now, by, id);
  }

  /** What was last read from the camera (device information, clock); not an edit, so updated_by stays. */
  recordReading(id: number, r: { device?: { manufacturer: string | null; model: string | null; firmware: string | null; serial: string | null }; clockOffsetS?: number; clockCheckedAt?: number }): void {
    if (r.device) {
      this.db.prepare('UPDATE cameras SET manufacturer = ?, model = ?, firmware = ?, serial = ? WHERE id = ?').run(r.device.manufacturer, r.device.model, r.device.firmware, r.device.serial, id);
    }
    if (r.clockOffsetS !== undefined && r.clockCheckedAt !== undefined) {
      this.db.prepare('UPDATE cameras SET clock_offset_s = ?, clock_checked_at = ? WHERE id = ?').run(r.clockOffsetS, r.clockCheckedAt, id);
    }
  }

  setAnprKeyHash(id: number, hash: string, by: string, now: number): void {
    this.db.prepare('UPDATE cameras SET anpr_key_hash = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(hash, now, by, id);
  }

  retire(id: number, reason: string, by: string, now: number): CameraRow | undefined {
    this.db
      .prepare("UPDATE cameras SET status = 'retired', retired_at = ?, retired_by = ?, retired_reason = ?, updated_at = ?, updated_by = ? WHERE id = ? AND status = 'active'")
      .run(now, by, reason, now, by, id);
    return this.byId(id);
  }

  /** The sealed password and the ANPR key hash: for the camera service only, never for a reply. */
  secretsOf(id: number): { passwordSealed: string | null; anprKeyHash: string | null } | undefined {
    this.secretsStmt ??= this.db.prepare('SELECT password_sealed AS passwordSealed, anpr_key_hash AS anprKeyHash FROM cameras WHERE id = ?');
    return this.secretsStmt.get(id) as
      | { passwordSealed: string | null; anprKeyHash: string | null }
      | undefined;
  }

  addCertificate(c: Omit<CertificateRow, 'id' | 'createdAt' | 'createdBy'>, by: string, now: number): CertificateRow {
    const info = this.db
      .prepare(
        `INSERT INTO camera_certificates (camera_id, certificate_number, issuer, type_approval_ref, valid_from, valid_to, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.cameraId, c.certificateNumber, c.issuer, c.typeApprovalRef, c.validFrom, c.validTo, now, by);
    return this.db.prepare(`SELECT ${certificateColumns} FROM camera_certificates WHERE id = ?`).get(Number(info.lastInsertRowid)) as CertificateRow;
  }

  /** Every certificate a camera has had, newest validity first. */
  certificates(cameraId: number): CertificateRow[] {
    return this.db.prepare(`SELECT ${certificateColumns} FROM camera_certificates WHERE camera_id = ? ORDER BY valid_from DESC, id DESC`).all(cameraId) as CertificateRow[];
  }

  /** The certificate in force at `at`; where two overlap, the one recorded last wins (a re-issue supersedes). */
  certificateAt(cameraId: number, at: number): CertificateRow | undefined {
    return this.db
      .prepare(`SELECT ${certificateColumns} FROM camera_certificates WHERE camera_id = ? AND valid_from <= ? AND valid_to >= ? ORDER BY id DESC LIMIT 1`)
      .get(cameraId, at, at) as CertificateRow | undefined;
  }

  /** For the list: each camera's certificate in force at `at`, else its latest; one query. */
  currentCertificates(at: number): Map<number, CertificateRow> {
    const rows = this.db
      .prepare(
        `SELECT ${certificateColumns},
           (valid_from <= @at AND valid_to >= @at) AS inForce
         FROM camera_certificates ORDER BY camera_id, inForce DESC, valid_to DESC, id DESC`,
      )
      .all({ at }) as (CertificateRow & { inForce: number })[];
    const out = new Map<number, CertificateRow>();
    for (const { inForce: _inForce, ...r } of rows) if (!out.has(r.cameraId)) out.set(r.cameraId, r);
    return out;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
