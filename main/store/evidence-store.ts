import type { Db } from './database.js';

export interface SigningKeyRow {
  id: number;
  fingerprint: string;
  algorithm: 'ed25519';
  publicKeyPem: string;
  createdAt: number;
}

export interface PackOmission {
  item: string;
  why: string;
}

export interface EvidencePackRow {
  id: number;
  pcnId: number;
  pcnReference: string;
  version: number;
  dir: string;
  manifestSha256: string;
  keyFingerprint: string;
  files: number;
  bytes: number;
  omissions: PackOmission[];
  createdAt: number;
  createdBy: string;
}

export interface WitnessStatementRow {
  id: number;
  pcnId: number;
  pcnReference: string;
  officerName: string;
  officerNumber: string;
  roleTitle: string;
  path: string;
  sha256: string;
  bytes: number;
  requestedFor: string;
  createdAt: number;
  createdBy: string;
}

export interface SignPhotoRow {
  id: number;
  cameraId: number;
  sha256: string;
  mediaType: 'image/jpeg' | 'image/png';
  bytes: number;
  caption: string;
  takenOn: string;
  addedAt: number;
  addedBy: string;
}

const packColumns = `id, pcn_id AS pcnId, pcn_reference AS pcnReference, version, dir, manifest_sha256 AS manifestSha256,
  key_fingerprint AS keyFingerprint, files, bytes, omissions, created_at AS createdAt, created_by AS createdBy`;
const statementColumns = `id, pcn_id AS pcnId, pcn_reference AS pcnReference, officer_name AS officerName, officer_number AS officerNumber,
  role_title AS roleTitle, path, sha256, bytes, requested_for AS requestedFor, created_at AS createdAt, created_by AS createdBy`;
const photoColumns = `id, camera_id AS cameraId, sha256, media_type AS mediaType, bytes, caption, taken_on AS takenOn, added_at AS addedAt, added_by AS addedBy`;

type RawPack = Omit<EvidencePackRow, 'omissions'> & { omissions: string };
const toPack = (r: RawPack): EvidencePackRow => ({ ...r, omissions: JSON.parse(r.omissions) as PackOmission[] });

/** Evidence packs, witness statements, signing keys and sign photos (the records; the files live under <dataDir>/evidence). */
export class EvidenceStore {
  constructor(private readonly db: Db) {}

  // ── signing keys ──
  registerKey(k: { fingerprint: string; publicKeyPem: string; createdAt: number }): SigningKeyRow {
    this.db
      .prepare(`INSERT INTO evidence_signing_keys (fingerprint, algorithm, public_key_pem, created_at) VALUES (?, 'ed25519', ?, ?) ON CONFLICT (fingerprint) DO NOTHING`)
      .run(k.fingerprint, k.publicKeyPem, k.createdAt);
    return this.keyByFingerprint(k.fingerprint)!;
  }

  keyByFingerprint(fp: string): SigningKeyRow | undefined {
    return this.db
      .prepare(`SELECT id, fingerprint, algorithm, public_key_pem AS publicKeyPem, created_at AS createdAt FROM evidence_signing_keys WHERE fingerprint = ?`)
      .get(fp) as SigningKeyRow | undefined;
  }

  keys(): SigningKeyRow[] {
    return this.db.prepare(`SELECT id, fingerprint, algorithm, public_key_pem AS publicKeyPem, created_at AS createdAt FROM evidence_signing_keys ORDER BY id`).all() as SigningKeyRow[];
  }

  // ── packs ──
  nextPackVersion(pcnId: number): number {
    return ((this.db.prepare('SELECT max(version) AS v FROM evidence_packs WHERE pcn_id = ?').get(pcnId) as { v: number | null }).v ?? 0) + 1;
  }

  insertPack(p: Omit<EvidencePackRow, 'id'>): EvidencePackRow {
    const id = Number(
      this.db
        .prepare(`INSERT INTO evidence_packs (pcn_id, pcn_reference, version, dir, manifest_sha256, key_fingerprint, files, bytes, omissions, created_at, created_by)
          VALUES (@pcnId, @pcnReference, @version, @dir, @manifestSha256, @keyFingerprint, @files, @bytes, @omissions, @createdAt, @createdBy)`)
        .run({ ...p, omissions: JSON.stringify(p.omissions) }).lastInsertRowid,
    );
    return this.packById(id)!;
  }

  packById(id: number): EvidencePackRow | undefined {
    const r = this.db.prepare(`SELECT ${packColumns} FROM evidence_packs WHERE id = ?`).get(id) as RawPack | undefined;
    return r ? toPack(r) : undefined;
  }

  packsOf(pcnId: number): EvidencePackRow[] {
    return (this.db.prepare(`SELECT ${packColumns} FROM evidence_packs WHERE pcn_id = ? ORDER BY version DESC`).all(pcnId) as RawPack[]).map(toPack);
  }

  // ── witness statements ──
  insertStatement(s: Omit<WitnessStatementRow, 'id'>): WitnessStatementRow {
    const id = Number(
      this.db
        .prepare(`INSERT INTO witness_statements (pcn_id, pcn_reference, officer_name, officer_number, role_title, path, sha256, bytes, requested_for, created_at, created_by)
          VALUES (@pcnId, @pcnReference, @officerName, @officerNumber, @roleTitle, @path, @sha256, @bytes, @requestedFor, @createdAt, @createdBy)`)
        .run(s).lastInsertRowid,
    );
    return this.statementById(id)!;
  }

  statementById(id: number): WitnessStatementRow | undefined {
    return this.db.prepare(`SELECT ${statementColumns} FROM witness_statements WHERE id = ?`).get(id) as WitnessStatementRow | undefined;
  }

  statementsOf(pcnId: number): WitnessStatementRow[] {
    return this.db.prepare(`SELECT ${statementColumns} FROM witness_statements WHERE pcn_id = ? ORDER BY id DESC`).all(pcnId) as WitnessStatementRow[];
  }

  // ── sign photos ──
  addSignPhoto(p: Omit<SignPhotoRow, 'id'>): SignPhotoRow {
    const id = Number(
      this.db
        .prepare(`INSERT INTO evidence_sign_photos (camera_id, sha256, media_type, bytes, caption, taken_on, added_at, added_by)
          VALUES (@cameraId, @sha256, @mediaType, @bytes, @caption, @takenOn, @addedAt, @addedBy)`)
        .run(p).lastInsertRowid,
    );
    return this.db.prepare(`SELECT ${photoColumns} FROM evidence_sign_photos WHERE id = ?`).get(id) as SignPhotoRow;
  }

  signPhotos(cameraId: number): SignPhotoRow[] {
    return this.db.prepare(`SELECT ${photoColumns} FROM evidence_sign_photos WHERE camera_id = ? AND removed_at IS NULL ORDER BY taken_on DESC, id DESC`).all(cameraId) as SignPhotoRow[];
  }

  removeSignPhoto(id: number, by: string, at: number): boolean {
    return this.db.prepare('UPDATE evidence_sign_photos SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL').run(at, by, id).changes === 1;
  }
}
