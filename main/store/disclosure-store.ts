import type { Db } from './database.js';

export type RequesterKind = 'data-subject' | 'police' | 'other-authority';
export type LegalBasis = 'uk-gdpr-art15' | 'dpa2018-sch2-para2' | 'police-request';
export type DisclosureState = 'queued' | 'running' | 'done' | 'failed';

export interface RedactionRegion {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Seconds from the clip start; whole clip when absent. */
  fromS?: number | undefined;
  toS?: number | undefined;
}

export interface DisclosureFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface DisclosureRow {
  id: number;
  reference: string;
  requester: string;
  requesterKind: RequesterKind;
  legalBasis: LegalBasis;
  recipient: string;
  requestRef: string;
  cameraId: number;
  fromMs: number;
  toMs: number;
  vrm: string | null;
  redaction: { regions: RedactionRegion[]; otherPlates: number; source: string };
  state: DisclosureState;
  dir: string;
  files: DisclosureFile[];
  error: string | null;
  createdAt: number;
  createdBy: string;
  finishedAt: number | null;
}

const columns = `id, reference, requester, requester_kind AS requesterKind, legal_basis AS legalBasis, recipient, request_ref AS requestRef,
  camera_id AS cameraId, from_ms AS fromMs, to_ms AS toMs, vrm, redaction, state, dir, files, error, created_at AS createdAt,
  created_by AS createdBy, finished_at AS finishedAt`;

type Raw = Omit<DisclosureRow, 'redaction' | 'files'> & { redaction: string; files: string };
const toRow = (r: Raw): DisclosureRow => ({ ...r, redaction: JSON.parse(r.redaction) as DisclosureRow['redaction'], files: JSON.parse(r.files) as DisclosureFile[] });

/** The disclosure register: every subject-access or police disclosure and what went out. */
export class DisclosureStore {
  constructor(private readonly db: Db) {}

  insert(d: Omit<DisclosureRow, 'id' | 'files' | 'error' | 'finishedAt' | 'state'>): DisclosureRow {
    const id = Number(
      this.db
        .prepare(`INSERT INTO disclosures (reference, requester, requester_kind, legal_basis, recipient, request_ref, camera_id, from_ms, to_ms, vrm, redaction, state, dir, created_at, created_by)
          VALUES (@reference, @requester, @requesterKind, @legalBasis, @recipient, @requestRef, @cameraId, @fromMs, @toMs, @vrm, @redaction, 'queued', @dir, @createdAt, @createdBy)`)
        .run({ ...d, redaction: JSON.stringify(d.redaction) }).lastInsertRowid,
    );
    return this.byId(id)!;
  }

  setState(id: number, s: { state: DisclosureState; files?: DisclosureFile[]; error?: string | null; finishedAt?: number | null; redaction?: DisclosureRow['redaction'] }): void {
    this.db
      .prepare(`UPDATE disclosures SET state = @state, files = coalesce(@files, files), error = @error, finished_at = @finishedAt, redaction = coalesce(@redaction, redaction) WHERE id = @id`)
      .run({ id, state: s.state, files: s.files ? JSON.stringify(s.files) : null, error: s.error ?? null, finishedAt: s.finishedAt ?? null, redaction: s.redaction ? JSON.stringify(s.redaction) : null });
  }

  /** Jobs a crash interrupted: the files may be half-written, so the record says so. */
  failUnfinished(at: number): number {
    return this.db.prepare(`UPDATE disclosures SET state = 'failed', error = 'interrupted: the core stopped while this was running', finished_at = ? WHERE state IN ('queued', 'running')`).run(at).changes;
  }

  byId(id: number): DisclosureRow | undefined {
    const r = this.db.prepare(`SELECT ${columns} FROM disclosures WHERE id = ?`).get(id) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  list(limit: number): DisclosureRow[] {
    return (this.db.prepare(`SELECT ${columns} FROM disclosures ORDER BY id DESC LIMIT ?`).all(limit) as Raw[]).map(toRow);
  }

  countOnDay(prefix: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM disclosures WHERE reference LIKE ? || '%'`).get(prefix) as { n: number }).n;
  }
}
