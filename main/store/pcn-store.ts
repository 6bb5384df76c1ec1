import type { Db } from './database.js';

export type PcnKind = 'pcn' | 'warning';

/** What the service decides before a notice exists; the store adds the number. */
export interface NewPcnRow {
  kind: PcnKind;
  eventId: number;
  cameraId: number;
  restrictionId: number | null;
  restrictionType: string;
  area: 'london' | 'england' | 'wales';
  place: string;
  vrm: string;
  contraventionAt: number;
  contraventionDate: string;
  code: string;
  codeDescription: string;
  amountPence: number;
  discountPence: number;
  certificatePence: number;
  serviceBy: string;
  notes: string;
  vehicleMake: string | null;
  vehicleColour: string | null;
  officerId: number | null;
  officerName: string;
}

export interface PcnRow extends NewPcnRow {
  id: number;
  reference: string;
  sequence: number;
  stage: string;
  issuedAt: number;
  updatedAt: number;
  noticeDate: string | null;
  noticeLang: 'en' | 'cy' | null;
  noticePath: string | null;
  noticeSha256: string | null;
  postedDate: string | null;
  keeperName: string | null;
  keeperAddress: string[] | null;
  keeperPostcode: string | null;
  keeperMake: string | null;
  keeperModel: string | null;
  keeperColour: string | null;
  keeperReceivedAt: number | null;
  keeperMismatch: string | null;
  keeperPurgedAt: number | null;
  paidPence: number;
  cancelReason: string | null;
  closedAt: number | null;
}

export interface PcnHistoryRow {
  id: number;
  pcnId: number;
  at: number;
  actorId: number | null;
  actorName: string;
  action: string;
  fromStage: string | null;
  toStage: string;
  detail: Record<string, unknown>;
}

export interface PcnQuery {
  stage?: string;
  kind?: PcnKind;
  vrm?: string;
  code?: string;
  cameraId?: number;
  officer?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface Actor {
  id: number | null;
  name: string;
}

export interface PaymentRow {
  id: number;
  pcnId: number;
  amountPence: number;
  expectedPence: number;
  paidOn: string;
  method: string;
  reference: string;
  flag: 'over' | 'under' | null;
  batchRef: string;
  importedAt: number;
  importedBy: string;
}

export interface RepresentationRow {
  id: number;
  pcnId: number;
  receivedOn: string;
  ground: string;
  detail: string;
  outcome: 'accepted' | 'rejected' | null;
  reason: string | null;
  decidedAt: number | null;
  decidedBy: string | null;
  createdAt: number;
  createdBy: string;
}

export interface RefusalRow {
  id: number;
  eventId: number;
  at: number;
  officer: string;
  code: string;
  failures: { id: string; reason: string }[];
}

const columns = `id, kind, reference, sequence, event_id AS eventId, camera_id AS cameraId, restriction_id AS restrictionId,
  restriction_type AS restrictionType, area, place, vrm, contravention_at AS contraventionAt, contravention_date AS contraventionDate,
  code, code_description AS codeDescription, amount_pence AS amountPence, discount_pence AS discountPence,
  certificate_pence AS certificatePence, service_by AS serviceBy, stage, notes, vehicle_make AS vehicleMake,
  vehicle_colour AS vehicleColour, officer_id AS officerId, officer_name AS officerName, issued_at AS issuedAt,
  updated_at AS updatedAt, notice_date AS noticeDate, notice_lang AS noticeLang, notice_path AS noticePath,
  notice_sha256 AS noticeSha256, posted_date AS postedDate, keeper_name AS keeperName, keeper_address AS keeperAddress,
  keeper_postcode AS keeperPostcode, keeper_make AS keeperMake, keeper_model AS keeperModel, keeper_colour AS keeperColour,
  keeper_received_at AS keeperReceivedAt, keeper_mismatch AS keeperMismatch, keeper_purged_at AS keeperPurgedAt,
  paid_pence AS paidPence, cancel_reason AS cancelReason, closed_at AS closedAt`;

type RawRow = Omit<PcnRow, 'keeperAddress'> & { keeperAddress: string | null };
const toRow = (r: RawRow): PcnRow => ({ ...r, keeperAddress: r.keeperAddress === null ? null : (JSON.parse(r.keeperAddress) as string[]) });

/** PCNs and warning notices, their numbers and their history. */
export class PcnStore {
  constructor(readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Takes the next number of the series and inserts the notice in one
   * transaction: both or neither survive a crash (synchronous=FULL), so a
   * number is never reused and never skipped. `format` turns the sequence
   * into the printed reference (prefix and check digit).
   */
  allocateAndInsert(row: NewPcnRow, format: (sequence: number) => string, stage: string, by: Actor, at: number, detail: Record<string, unknown>): PcnRow {
    return this.transaction(() => {
      const { seq } = this.db.prepare('UPDATE pcn_sequence SET last_value = last_value + 1 WHERE series = ? RETURNING last_value AS seq').get(row.kind) as { seq: number };
      const reference = format(seq);
      const id = Number(
        this.db
          .prepare(`INSERT INTO pcns (kind, reference, sequence, event_id, camera_id, restriction_id, restriction_type, area, place, vrm,
            contravention_at, contravention_date, code, code_description, amount_pence, discount_pence, certificate_pence, service_by,
            stage, notes, vehicle_make, vehicle_colour, officer_id, officer_name, issued_at, updated_at)
            VALUES (@kind, @reference, @seq, @eventId, @cameraId, @restrictionId, @restrictionType, @area, @place, @vrm,
            @contraventionAt, @contraventionDate, @code, @codeDescription, @amountPence, @discountPence, @certificatePence, @serviceBy,
            @stage, @notes, @vehicleMake, @vehicleColour, @officerId, @officerName, @at, @at)`)
          .run({ ...row, reference, seq, stage, at }).lastInsertRowid,
      );
      this.appendHistory(id, by, 'issue', null, stage, detail, at);
      return this.byId(id)!;
    });
  }

  /** The last number handed out in a series (0 when none). */
  lastSequence(kind: PcnKind): number {
    return (this.db.prepare('SELECT last_value AS v FROM pcn_sequence WHERE series = ?').get(kind) as { v: number }).v;
  }

  byId(id: number): PcnRow | undefined {
    const r = this.db.prepare(`SELECT ${columns} FROM pcns WHERE id = ?`).get(id) as RawRow | undefined;
    return r ? toRow(r) : undefined;
  }

  byReference(reference: string): PcnRow | undefined {
    const r = this.db.prepare(`SELECT ${columns} FROM pcns WHERE reference = ?`).get(reference) as RawRow | undefined;
    return r ? toRow(r) : undefined;
  }

  byEvent(eventId: number): PcnRow[] {
    return (this.db.prepare(`SELECT ${columns} FROM pcns WHERE event_id = ? ORDER BY id`).all(eventId) as RawRow[]).map(toRow);
  }

  private where(q: Omit<PcnQuery, 'limit' | 'offset' | 'stage'>): { w: string; args: (string | number)[] } {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.kind !== undefined) {
      where.push('kind = ?');
      args.push(q.kind);
    }
    if (q.vrm !== undefined) {
      where.push('vrm LIKE ?');
      args.push(`%${q.vrm}%`);
    }
    if (q.code !== undefined) {
      where.push('code LIKE ?');
      args.push(`${q.code}%`);
    }
    if (q.cameraId !== undefined) {
      where.push('camera_id = ?');
      args.push(q.cameraId);
    }
    if (q.officer !== undefined) {
      where.push('officer_name = ?');
      args.push(q.officer);
    }
    if (q.from !== undefined) {
      where.push('contravention_at >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('contravention_at < ?');
      args.push(q.to);
    }
    return { w: where.join(' AND '), args };
  }

  list(q: PcnQuery): { total: number; pcns: PcnRow[] } {
    const { w, args } = this.where(q);
    const parts = [w, q.stage !== undefined ? 'stage = ?' : ''].filter(Boolean);
    const all = q.stage !== undefined ? [...args, q.stage] : args;
    const clause = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM pcns ${clause}`).get(...all) as { n: number }).n;
    const rows = this.db.prepare(`SELECT ${columns} FROM pcns ${clause} ORDER BY issued_at DESC, id DESC LIMIT ? OFFSET ?`).all(...all, q.limit, q.offset) as RawRow[];
    return { total, pcns: rows.map(toRow) };
  }

  /** Counts per stage under the same filters (the Cases page's tabs). */
  countsByStage(q: Omit<PcnQuery, 'limit' | 'offset' | 'stage'>): Record<string, number> {
    const { w, args } = this.where(q);
    const rows = this.db.prepare(`SELECT stage, count(*) AS n FROM pcns ${w ? `WHERE ${w}` : ''} GROUP BY stage`).all(...args) as { stage: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.stage, r.n]));
  }

  all(opts: { from?: number; to?: number } = {}): PcnRow[] {
    const { w, args } = this.where(opts);
    return (this.db.prepare(`SELECT ${columns} FROM pcns ${w ? `WHERE ${w}` : ''} ORDER BY id`).all(...args) as RawRow[]).map(toRow);
  }

  inStages(stages: readonly string[]): PcnRow[] {
    if (!stages.length) return [];
    return (this.db.prepare(`SELECT ${columns} FROM pcns WHERE stage IN (${stages.map(() => '?').join(',')}) ORDER BY id`).all(...stages) as RawRow[]).map(toRow);
  }

  /** A live (not cancelled) PCN for this vehicle at this place on this UK day. */
  duplicateExists(vrm: string, cameraId: number, contraventionDate: string): boolean {
    return !!this.db
      .prepare(`SELECT 1 FROM pcns WHERE kind = 'pcn' AND stage <> 'cancelled' AND vrm = ? AND camera_id = ? AND contravention_date = ? LIMIT 1`)
      .get(vrm, cameraId, contraventionDate);
  }

  /** Times of this vehicle's earlier notices (PCN or warning, not cancelled) at this camera: its history at the site. */
  priorContraventions(vrm: string, cameraIds: readonly number[], beforeMs: number): number[] {
    if (!cameraIds.length) return [];
    return (this.db
      .prepare(`SELECT contravention_at AS t FROM pcns WHERE vrm = ? AND stage <> 'cancelled' AND contravention_at < ? AND camera_id IN (${cameraIds.map(() => '?').join(',')})`)
      .all(vrm, beforeMs, ...cameraIds) as { t: number }[]).map((r) => r.t);
  }

  appendHistory(pcnId: number, by: Actor, action: string, from: string | null, to: string, detail: Record<string, unknown>, at: number): void {
    this.db
      .prepare('INSERT INTO pcn_events (pcn_id, at, actor_id, actor_name, action, from_stage, to_stage, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(pcnId, at, by.id, by.name, action, from, to, JSON.stringify(detail));
  }

  history(pcnId: number): PcnHistoryRow[] {
    const rows = this.db
      .prepare('SELECT id, pcn_id AS pcnId, at, actor_id AS actorId, actor_name AS actorName, action, from_stage AS fromStage, to_stage AS toStage, detail FROM pcn_events WHERE pcn_id = ? ORDER BY id')
      .all(pcnId) as (Omit<PcnHistoryRow, 'detail'> & { detail: string })[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  /** Moves a case and records the step; the caller has checked the move is allowed. Conditional on the stage it read, so two desks cannot both move it. */
  move(pcnId: number, from: string, to: string, by: Actor, action: string, detail: Record<string, unknown>, at: number, set: Partial<Record<'cancel_reason' | 'closed_at' | 'posted_date', string | number | null>> = {}): boolean {
    const extra = Object.keys(set).map((k) => `, ${k} = @${k}`).join('');
    const r = this.db.prepare(`UPDATE pcns SET stage = @to, updated_at = @at${extra} WHERE id = @id AND stage = @from`).run({ ...set, to, at, id: pcnId, from });
    if (r.changes !== 1) return false;
    this.appendHistory(pcnId, by, action, from, to, detail, at);
    return true;
  }

  setNotice(pcnId: number, n: { noticeDate: string; lang: 'en' | 'cy'; path: string; sha256: string }, at: number): void {
    this.db.prepare('UPDATE pcns SET notice_date = ?, notice_lang = ?, notice_path = ?, notice_sha256 = ?, updated_at = ? WHERE id = ?').run(n.noticeDate, n.lang, n.path, n.sha256, at, pcnId);
  }

  setKeeper(pcnId: number, k: { name: string; address: string[]; postcode: string; make: string; model: string; colour: string; mismatch: string | null }, at: number): void {
    this.db
      .prepare(`UPDATE pcns SET keeper_name = ?, keeper_address = ?, keeper_postcode = ?, keeper_make = ?, keeper_model = ?, keeper_colour = ?,
        keeper_received_at = ?, keeper_mismatch = ?, updated_at = ? WHERE id = ?`)
      .run(k.name, JSON.stringify(k.address), k.postcode, k.make, k.model, k.colour, at, k.mismatch, at, pcnId);
  }

  /** Cases finished before `before` whose keeper details are still held. */
  keeperDataDue(before: number): PcnRow[] {
    return (this.db
      .prepare(`SELECT ${columns} FROM pcns WHERE keeper_received_at IS NOT NULL AND keeper_purged_at IS NULL AND stage IN ('closed', 'cancelled') AND updated_at < ?`)
      .all(before) as RawRow[]).map(toRow);
  }

  purgeKeeper(pcnId: number, at: number): void {
    this.db
      .prepare(`UPDATE pcns SET keeper_name = NULL, keeper_address = NULL, keeper_postcode = NULL, keeper_make = NULL, keeper_model = NULL,
        keeper_colour = NULL, keeper_purged_at = ? WHERE id = ?`)
      .run(at, pcnId);
  }

  addPaid(pcnId: number, pence: number): void {
    this.db.prepare('UPDATE pcns SET paid_pence = paid_pence + ? WHERE id = ?').run(pence, pcnId);
  }

  insertPayment(p: Omit<PaymentRow, 'id'>): number {
    return Number(
      this.db
        .prepare(`INSERT INTO pcn_payments (pcn_id, amount_pence, expected_pence, paid_on, method, reference, flag, batch_ref, imported_at, imported_by)
          VALUES (@pcnId, @amountPence, @expectedPence, @paidOn, @method, @reference, @flag, @batchRef, @importedAt, @importedBy)`)
        .run(p).lastInsertRowid,
    );
  }

  paymentExists(pcnId: number, reference: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM pcn_payments WHERE pcn_id = ? AND reference = ?').get(pcnId, reference);
  }

  payments(pcnId: number): PaymentRow[] {
    return this.db
      .prepare(`SELECT id, pcn_id AS pcnId, amount_pence AS amountPence, expected_pence AS expectedPence, paid_on AS paidOn, method, reference, flag,
        batch_ref AS batchRef, imported_at AS importedAt, imported_by AS importedBy FROM pcn_payments WHERE pcn_id = ? ORDER BY id`)
      .all(pcnId) as PaymentRow[];
  }

  insertRepresentation(r: { pcnId: number; receivedOn: string; ground: string; detail: string; createdAt: number; createdBy: string }): number {
    return Number(
      this.db
        .prepare('INSERT INTO pcn_representations (pcn_id, received_on, ground, detail, created_at, created_by) VALUES (@pcnId, @receivedOn, @ground, @detail, @createdAt, @createdBy)')
        .run(r).lastInsertRowid,
    );
  }

  decideRepresentation(pcnId: number, outcome: 'accepted' | 'rejected', reason: string, by: string, at: number): void {
    this.db
      .prepare('UPDATE pcn_representations SET outcome = ?, reason = ?, decided_by = ?, decided_at = ? WHERE pcn_id = ? AND outcome IS NULL')
      .run(outcome, reason, by, at, pcnId);
  }

  representations(pcnId?: number): RepresentationRow[] {
    const sql = `SELECT id, pcn_id AS pcnId, received_on AS receivedOn, ground, detail, outcome, reason, decided_at AS decidedAt, decided_by AS decidedBy,
      created_at AS createdAt, created_by AS createdBy FROM pcn_representations`;
    return (pcnId === undefined ? this.db.prepare(`${sql} ORDER BY id`).all() : this.db.prepare(`${sql} WHERE pcn_id = ? ORDER BY id`).all(pcnId)) as RepresentationRow[];
  }

  insertRefusal(r: Omit<RefusalRow, 'id'>): void {
    this.db.prepare('INSERT INTO pcn_refusals (event_id, at, officer, code, failures) VALUES (?, ?, ?, ?, ?)').run(r.eventId, r.at, r.officer, r.code, JSON.stringify(r.failures));
  }

  refusals(from?: number, to?: number): RefusalRow[] {
    const rows = this.db
      .prepare('SELECT id, event_id AS eventId, at, officer, code, failures FROM pcn_refusals WHERE at >= ? AND at < ? ORDER BY id')
      .all(from ?? 0, to ?? Number.MAX_SAFE_INTEGER) as (Omit<RefusalRow, 'failures'> & { failures: string })[];
    return rows.map((r) => ({ ...r, failures: JSON.parse(r.failures) as RefusalRow['failures'] }));
  }
}
