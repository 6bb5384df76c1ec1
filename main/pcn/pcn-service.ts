import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { ApiFailure, conflict, invalid, notFound } from '../api/api-failure.js';
import type { AuditLog } from '../audit/audit-log.js';
import { pcnDates, type PcnDates } from '../domain/pcn-dates.js';
import { formatPcnNumber, parsePcnNumber } from '../domain/pcn-number.js';
import { addDays, isIsoDate, ukLocalDate } from '../domain/uk-time.js';
import type { SettingsStore } from '../store/settings-store.js';
import { type PcnStore, type Actor, type PcnRow } from '../store/pcn-store.js';
import { type PcnKeeperStore } from '../store/pcn-keeper-store.js';
import { type PcnQualityStore } from '../store/pcn-quality-store.js';
import { chargeTable, readPcnSettings, type CouncilPcnSettings } from './council-settings.js';
import type { PcnFactSources } from './fact-sources.js';
import { assessDecision, type Assessment } from './gather-facts.js';
import { csvKeeperChannel } from './csv-keeper-channel.js';
import type { KeeperEnquiryChannel, RowError } from './keeper-channel.js';
import { assertMove, canMove, isStage, TransitionError, type Stage } from './lifecycle.js';
import { renderNoticePdf } from './notice-pdf.js';
import type { NoticeLang } from './notice-text.js';
import { parsePaymentsCsv } from './payments-file.js';
import { buildPcnReport, type PcnReport } from './reports.js';
import { DEFAULT_SAMPLE_PERCENT, QUALITY_CHECKLIST, qualityResults, qualitySample } from './quality-audit.js';
import { formatCsv } from '../anpr/csv.js';

export interface IssueDecision {
  eventId: number;
  officer: Actor;
  code: string;
  suffix?: string | undefined;
  notes?: string | undefined;
  /** What the officer sees in the footage, to check against the keeper's record. */
  vehicle?: { make?: string | undefined; colour?: string | undefined } | undefined;
}

export type CaseAction =
  | { action: 'cancel'; reason: string }
  | { action: 'post'; postedDate?: string | undefined }
  | { action: 'representation'; receivedOn: string; ground: string; detail?: string | undefined }
  | { action: 'accept-representation'; reason: string }
  | { action: 'reject-representation'; reason: string }
  | { action: 'charge-certificate' }
  | { action: 'close'; reason?: string | undefined };

export interface DatedPcn extends PcnRow {
  dates: PcnDates;
}

export interface Deadline {
  pcnId: number;
  reference: string;
  vrm: string;
  stage: string;
  what: string;
  due: string;
}

const PRE_POSTING: readonly Stage[] = ['approved', 'keeper-requested', 'keeper-known', 'notice-generated'];

/**
 * Turns an officer's decision into a lawful notice and tracks it to the end.
 * Every route into a PCN (API, CLI, the review queue) calls
 * issueFromDecision, which runs every precondition; there is no other insert.
 */
export class PcnService {
  readonly pcns: PcnStore;
  readonly keepers: PcnKeeperStore;
  readonly quality: PcnQualityStore;

  constructor(
    private readonly deps: {
      pcns: PcnStore;
      keepers: PcnKeeperStore;
      quality: PcnQualityStore;
      settings: SettingsStore;
      audit: AuditLog;
      sources: PcnFactSources;
      dataDir: string;
      keeperChannel?: KeeperEnquiryChannel;
      now?: () => number;
    },
  ) {
    this.pcns = deps.pcns;
    this.keepers = deps.keepers;
    this.quality = deps.quality;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  settings(): CouncilPcnSettings {
    return readPcnSettings(this.deps.settings);
  }

  get keeperChannel(): KeeperEnquiryChannel {
    return this.deps.keeperChannel ?? csvKeeperChannel;
  }

  /** Every fact and failed precondition for a decision, without issuing anything. */
  assess(d: Pick<IssueDecision, 'eventId' | 'code' | 'suffix'>): Assessment {
    const s = this.settings();
    return assessDecision({ eventId: d.eventId, code: d.code, suffix: d.suffix }, this.deps.sources, {
      now: this.now(),
      charges: chargeTable(s),
      duplicateExists: (vrm, cam, date) => this.pcns.duplicateExists(vrm, cam, date),
      prior: (vrm, cams, before) => this.pcns.priorContraventions(vrm, cams, before),
    });
  }

  /**
   * Issues a PCN (or, in a new site's warning period, a warning notice) for
   * an officer's decision; throws ApiFailure 422 "precondition-failed" with
   * every failed precondition {id, reason} otherwise. The refusal is
   * recorded (reports) and audited.
   */
  issueFromDecision(d: IssueDecision): PcnRow {
    const at = this.now();
    const a = this.assess(d);
    if (a.outcome === 'refused' || !a.event || !a.restriction || !a.code || !a.dates || !a.charge || !a.restrictionType) {
      this.pcns.insertRefusal({ eventId: d.eventId, at, officer: d.officer.name, code: `${d.code}${d.suffix ?? ''}`, failures: a.failures });
      this.deps.audit.record(d.officer, 'pcn.refuse', `event:${d.eventId}`, { code: `${d.code}${d.suffix ?? ''}`, failures: a.failures });
      throw new ApiFailure(422, 'precondition-failed', `no PCN: ${a.failures.map((f) => `${f.id} (${f.reason})`).join('; ')}`, { failures: a.failures });
    }
    const s = this.settings();
    const kind = a.outcome === 'warning' ? 'warning' : 'pcn';
    const row = {
      kind,
      eventId: a.event.id,
      cameraId: a.event.cameraId,
      restrictionId: a.restriction.id,
      restrictionType: a.restrictionType,
      area: a.restriction.area,
      place: a.camera?.place ?? `camera ${a.event.cameraId}`,
      vrm: a.event.vrm,
      contraventionAt: a.event.firstSeenAt,
      contraventionDate: a.dates.contraventionDate,
      code: a.code.display,
      codeDescription: a.code.entry.description,
      amountPence: kind === 'pcn' ? a.charge.amountPence : 0,
      discountPence: kind === 'pcn' ? a.charge.discountedPence : 0,
      certificatePence: kind === 'pcn' ? a.charge.chargeCertificatePence : 0,
      serviceBy: a.dates.serviceBy,
      notes: d.notes ?? '',
      vehicleMake: d.vehicle?.make?.trim() || null,
      vehicleColour: d.vehicle?.colour?.trim() || null,
      officerId: d.officer.id,
      officerName: d.officer.name,
    } as const;
    const format = kind === 'pcn' ? (seq: number) => formatPcnNumber({ prefix: s.prefix, sequence: seq }) : (seq: number) => `${s.prefix}W${String(seq).padStart(8, '0')}`;
    let pcn: PcnRow;
    try {
      pcn = this.pcns.allocateAndInsert({ ...row }, format, 'approved', d.officer, at, { code: row.code, warning: a.warning?.reason ?? null, chargeSource: a.charge.source });
    } catch (e) {
      // The unique index is the last guard against a duplicate raced in by another desk.
      if (e instanceof Error && /UNIQUE constraint failed: pcns\.vrm/.test(e.message)) {
        const failures = [{ id: 'duplicate-pcn', reason: 'a PCN already exists for this vehicle and contravention' }];
        throw new ApiFailure(422, 'precondition-failed', 'no PCN: duplicate-pcn', { failures });
      }
      throw e;
    }
    this.deps.audit.record(d.officer, kind === 'pcn' ? 'pcn.issue' : 'pcn.warning', `pcn:${pcn.id}`, { reference: pcn.reference, eventId: d.eventId, code: pcn.code, vrm: pcn.vrm });
    return pcn;
  }

  get(id: number): PcnRow {
    const p = this.pcns.byId(id);
    if (!p) throw notFound(`PCN ${id}`);
    return p;
  }

  /** The statutory dates of a case as things stand (posted date once posted, else the notice date, else the latest lawful posting). */
  dates(p: PcnRow): PcnDates {
    const posted = p.postedDate ?? p.noticeDate ?? undefined;
    return pcnDates({ code: p.code, area: p.area, contraventionUtcMs: p.contraventionAt, ...(posted ? { postedDate: posted } : {}) });
  }

  withDates(p: PcnRow): DatedPcn {
    return { ...p, dates: this.dates(p) };
  }

  private move(p: PcnRow, to: Stage, by: Actor, action: string, detail: Record<string, unknown>, set: Parameters<PcnStore['move']>[7] = {}): PcnRow {
    if (!isStage(p.stage)) throw new Error(`PCN ${p.id} has an unknown stage ${p.stage}`);
    try {
      assertMove(p.kind, p.stage, to);
    } catch (e) {
      if (e instanceof TransitionError) throw conflict(e.message, { from: p.stage, to });
      throw e;
    }
    if (!this.pcns.move(p.id, p.stage, to, by, action, detail, this.now(), set)) throw conflict(`PCN ${p.reference} changed while you were working on it; reload and try again`);
    this.deps.audit.record(by, `pcn.${action}`, `pcn:${p.id}`, { reference: p.reference, from: p.stage, to, ...detail });
    return this.get(p.id);
  }

  /** A lifecycle step chosen by a person (the others follow imports and notice generation). */
  act(id: number, a: CaseAction, by: Actor): PcnRow {
    const p = this.get(id);
    const today = ukLocalDate(this.now());
    switch (a.action) {
      case 'cancel':
        return this.move(p, 'cancelled', by, 'cancel', { reason: a.reason }, { cancel_reason: a.reason, closed_at: this.now() });
      case 'post': {
        const posted = a.postedDate ?? today;
        if (!isIsoDate(posted)) throw invalid(`postedDate must be YYYY-MM-DD, not ${posted}`);
        // A postal PCN is dated the day it is posted (SI 2022/71 Sch. 2 para. 3(1)(a)): the printed notice must carry that date.
        if (p.noticeDate !== posted) throw conflict(`the notice is dated ${p.noticeDate ?? '(not generated)'}; generate it again dated ${posted} before posting it that day`);
        const dates = pcnDates({ code: p.code, area: p.area, contraventionUtcMs: p.contraventionAt, postedDate: posted });
        if (!dates.serviceInTime) {
          throw new ApiFailure(422, 'precondition-failed', `posted on ${posted} it would be served on ${dates.deemedService}, after the last day for service (${dates.serviceBy})`, {
            failures: [{ id: 'service-deadline-missed', reason: `deemed service ${dates.deemedService} is after ${dates.serviceBy}` }],
          });
        }
        return this.move(p, 'posted', by, 'post', { postedDate: posted, deemedService: dates.deemedService }, { posted_date: posted });
      }
      case 'representation': {
        if (!isIsoDate(a.receivedOn)) throw invalid(`receivedOn must be YYYY-MM-DD, not ${a.receivedOn}`);
        return this.pcns.transaction(() => {
          const moved = this.move(p, 'representation-received', by, 'representation', { receivedOn: a.receivedOn, ground: a.ground });
          this.pcns.insertRepresentation({ pcnId: p.id, receivedOn: a.receivedOn, ground: a.ground, detail: a.detail ?? '', createdAt: this.now(), createdBy: by.name });
          return moved;
        });
      }
      case 'accept-representation':
      case 'reject-representation': {
        const outcome = a.action === 'accept-representation' ? 'accepted' : 'rejected';
        return this.pcns.transaction(() => {
          const moved = this.move(p, outcome === 'accepted' ? 'representation-accepted' : 'representation-rejected', by, `representation-${outcome}`, { reason: a.reason });
          this.pcns.decideRepresentation(p.id, outcome, a.reason, by.name, this.now());
          return moved;
        });
      }
      case 'charge-certificate': {
        const due = this.dates(p).chargeCertificateFrom;
        if (today < due) throw conflict(`a charge certificate may be served from ${due}, not ${today} (28 days beginning with the date of service must pass first)`);
        return this.move(p, 'charge-certificate', by, 'charge-certificate', { from: due, amountPence: p.certificatePence });
      }
      case 'close':
        return this.move(p, 'closed', by, 'close', { reason: a.reason ?? '' }, { closed_at: this.now() });
    }
  }

  /** Generates the notice PDF (dated `noticeDate`, default today), stores it by hash and moves the case to notice-generated. */
  async generateNotice(id: number, opts: { lang: NoticeLang; noticeDate?: string | undefined }, by: Actor): Promise<PcnRow> {
    const p = this.get(id);
    if (!isStage(p.stage) || !canMove(p.kind, p.stage, 'notice-generated')) {
      throw conflict(`a notice is generated once the keeper is known and before posting; this case is at ${p.stage}`);
    }
    if (p.keeperPurgedAt !== null || p.keeperName === null) throw conflict('the keeper is not known: import the keeper enquiry reply first');
    const noticeDate = opts.noticeDate ?? ukLocalDate(this.now());
    if (!isIsoDate(noticeDate)) throw invalid(`noticeDate must be YYYY-MM-DD, not ${noticeDate}`);
    const dates = pcnDates({ code: p.code, area: p.area, contraventionUtcMs: p.contraventionAt, postedDate: noticeDate });
    if (!dates.serviceInTime) {
      throw new ApiFailure(422, 'precondition-failed', `a notice dated ${noticeDate} would be served on ${dates.deemedService}, after the last day for service (${dates.serviceBy})`, {
        failures: [{ id: 'service-deadline-missed', reason: `deemed service ${dates.deemedService} is after ${dates.serviceBy}` }],
      });
    }
    const stills = await this.deps.sources.stills(p.eventId);
    if (p.kind === 'pcn' && stills.length === 0) throw conflict('no stills of the vehicle and its plate are available for this event; the notice needs them');
    const s = this.settings();
    const cert = this.deps.sources.certificateAt(p.cameraId, p.contraventionAt);
    const camera = this.deps.sources.camera(p.cameraId);
    const pdf = await renderNoticePdf({
      kind: p.kind,
      lang: opts.lang,
      council: s,
      reference: p.reference,
      vrm: p.vrm,
      contraventionAt: p.contraventionAt,
      place: p.place,
      code: p.code,
      codeDescription: p.codeDescription,
      amountPence: p.amountPence,
      discountPence: p.discountPence,
      certificatePence: p.certificatePence,
      dates,
      keeper: { name: p.keeperName, address: p.keeperAddress ?? [], postcode: p.keeperPostcode ?? '' },
      cameraName: camera?.name ?? `camera ${p.cameraId}`,
      certificateNumber: cert?.number ?? null,
      stills,
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const dir = path.join(this.deps.dataDir, 'pcn-notices');
    mkdirSync(dir, { recursive: true });
    const rel = `${p.reference}-${noticeDate}-${opts.lang}-${sha256.slice(0, 12)}.pdf`;
    // Written under a temporary name, then renamed: a crash never leaves half a notice under its real name.
    const tmp = path.join(dir, `.${rel}.${randomBytes(4).toString('hex')}`);
    writeFileSync(tmp, pdf);
    renameSync(tmp, path.join(dir, rel));
    return this.pcns.transaction(() => {
      this.pcns.setNotice(p.id, { noticeDate, lang: opts.lang, path: rel, sha256 }, this.now());
      return this.move(this.get(p.id), 'notice-generated', by, 'notice', { noticeDate, lang: opts.lang, sha256, bytes: pdf.length });
    });
  }

  /** The stored notice PDF, checked against its recorded hash. */
  noticeFile(id: number): { bytes: Buffer; fileName: string; sha256: string } {
    const p = this.get(id);
    if (!p.noticePath || !p.noticeSha256) throw notFound(`a generated notice for PCN ${p.reference}`);
    const bytes = readFileSync(path.join(this.deps.dataDir, 'pcn-notices', p.noticePath));
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== p.noticeSha256) throw new ApiFailure(500, 'notice-altered', `the stored notice for ${p.reference} no longer matches its recorded SHA-256`);
    return { bytes, fileName: `${p.reference}.pdf`, sha256: sha };
  }

  // ── Keeper enquiries ─────────────────────────────────────────────────────

  /** Exports one batch of enquiries for the cases at "approved" (or the ids given) and moves them to keeper-requested. */
  exportKeeperBatch(by: Actor, ids?: readonly number[]): { batchRef: string; count: number; fileName: string; mediaType: string; content: string } {
    const s = this.settings();
    const at = this.now();
    const batchRef = `${ukLocalDate(at).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const cases = ids ? ids.map((id) => this.get(id)) : this.pcns.inStages(['approved']);
    const bad = cases.filter((p) => p.stage !== 'approved');
    if (bad.length) throw conflict(`only approved cases can be sent for a keeper enquiry: ${bad.map((p) => `${p.reference} is ${p.stage}`).join(', ')}`);
    if (!cases.length) throw conflict('no approved cases are waiting for a keeper enquiry');
    const enquiries = cases.map((p, i) => ({ enquiryRef: `${batchRef}-${String(i + 1).padStart(4, '0')}`, vrm: p.vrm, eventAt: p.contraventionAt, reasonCode: s.keeperReasonCode, enquirerCode: s.enquirerCode, p }));
    const file = this.keeperChannel.formatBatch(batchRef, enquiries);
    this.pcns.transaction(() => {
      for (const e of enquiries) {
        this.keepers.insert({ batchRef, enquiryRef: e.enquiryRef, pcnId: e.p.id, vrm: e.vrm, eventAt: e.eventAt, reasonCode: e.reasonCode, enquirerCode: e.enquirerCode, createdAt: at, createdBy: by.name });
        this.move(e.p, 'keeper-requested', by, 'keeper-request', { batchRef, enquiryRef: e.enquiryRef, channel: this.keeperChannel.name });
      }
    });
    this.deps.audit.record(by, 'keeper.export', `keeper-batch:${batchRef}`, { count: enquiries.length, channel: this.keeperChannel.name });
    return { batchRef, count: enquiries.length, ...file };
  }

  /** Imports a reply: every row is checked first; any bad row refuses the whole file and nothing is applied. */
  importKeeperReplies(content: string, by: Actor): { applied: number; mismatches: { reference: string; message: string }[] } {
    const { replies, errors } = this.keeperChannel.parseReplies(content);
    const checked: { pcn: PcnRow; enquiryId: number; reply: (typeof replies)[number]; mismatch: string | null }[] = [];
    for (const r of replies) {
      const enq = this.keepers.byRef(r.enquiryRef);
      if (!enq) {
        errors.push({ line: r.line, field: 'enquiry_ref', message: `no enquiry ${r.enquiryRef} was sent` });
        continue;
      }
      const pcn = this.get(enq.pcnId);
      if (pcn.stage !== 'keeper-requested' || enq.repliedAt !== null) {
        errors.push({ line: r.line, field: 'enquiry_ref', message: `enquiry ${r.enquiryRef} (${pcn.reference}) is not waiting for a reply (case at ${pcn.stage})` });
        continue;
      }
      // The keeper's make and colour against what the officer saw: a mismatch may mean a cloned plate (flag, never decide).
      const diffs: string[] = [];
      if (pcn.vehicleMake && pcn.vehicleMake.toLowerCase() !== r.make.toLowerCase()) diffs.push(`make: footage ${pcn.vehicleMake}, keeper record ${r.make}`);
      if (pcn.vehicleColour && pcn.vehicleColour.toLowerCase() !== r.colour.toLowerCase()) diffs.push(`colour: footage ${pcn.vehicleColour}, keeper record ${r.colour}`);
      checked.push({ pcn, enquiryId: enq.id, reply: r, mismatch: diffs.length ? diffs.join('; ') : null });
    }
    if (errors.length) throw rowFailure('keeper reply', errors);
    const at = this.now();
    this.pcns.transaction(() => {
      for (const c of checked) {
        this.pcns.setKeeper(c.pcn.id, { name: c.reply.name, address: c.reply.addressLines, postcode: c.reply.postcode, make: c.reply.make, model: c.reply.model, colour: c.reply.colour, mismatch: c.mismatch }, at);
        this.keepers.markReplied(c.enquiryId, at);
        this.move(c.pcn, 'keeper-known', by, 'keeper-reply', { enquiryRef: c.reply.enquiryRef, ...(c.mismatch ? { mismatch: c.mismatch } : {}) });
      }
    });
    this.deps.audit.record(by, 'keeper.import', 'keeper-replies', { applied: checked.length, mismatches: checked.filter((c) => c.mismatch).length });
    return { applied: checked.length, mismatches: checked.filter((c) => c.mismatch).map((c) => ({ reference: c.pcn.reference, message: c.mismatch! })) };
  }

  /** Deletes keeper details of cases that ended more than the retention period ago (DOMAIN §8). */
  purgeKeeperData(): number {
    const days = this.settings().keeperRetentionDays;
    const at = this.now();
    const due = this.pcns.keeperDataDue(at - days * 86_400_000);
    this.pcns.transaction(() => due.forEach((p) => this.pcns.purgeKeeper(p.id, at)));
    if (due.length) this.deps.audit.record({ id: null, name: 'system' }, 'keeper.purge', 'pcns', { count: due.length, retentionDays: days });
    return due.length;
  }

  // ── Payments ─────────────────────────────────────────────────────────────

  /** What is due on a date: the certificate amount after a charge certificate, the discount within its period, else the full charge. */
  amountDue(p: PcnRow, onDate: string): { pence: number; level: 'discount' | 'full' | 'certificate' } {
    if (p.stage === 'charge-certificate') return { pence: p.certificatePence, level: 'certificate' };
    if (p.postedDate && onDate <= this.dates(p).discountUntil) return { pence: p.discountPence, level: 'discount' };
    return { pence: p.amountPence, level: 'full' };
  }

  /** All-or-nothing: every row is validated (PCN exists, check digit, stage, amount) before any is applied. */
  importPayments(content: string, by: Actor): { applied: number; paid: string[]; flagged: { reference: string; flag: 'over' | 'under'; amountPence: number; expectedPence: number }[] } {
    const s = this.settings();
    const { lines, errors } = parsePaymentsCsv(content);
    const plan: { p: PcnRow; line: (typeof lines)[number]; expected: number; level: string }[] = [];
    const seen = new Set<string>();
    for (const l of lines) {
      const parsed = parsePcnNumber(l.pcnNumber, { prefix: s.prefix });
      if (!parsed.ok) {
        errors.push({ line: l.line, field: 'pcn_number', message: parsed.error });
        continue;
      }
      const p = this.pcns.byReference(parsed.pcnNumber);
      if (!p || p.kind !== 'pcn') {
        errors.push({ line: l.line, field: 'pcn_number', message: `no PCN ${parsed.pcnNumber}` });
        continue;
      }
      if (!['posted', 'representation-received', 'representation-rejected', 'charge-certificate'].includes(p.stage)) {
        errors.push({ line: l.line, field: 'pcn_number', message: `${p.reference} is at ${p.stage}; a payment is taken only once it is posted and before it is paid or closed` });
        continue;
      }
      if (p.postedDate && l.paidOn < p.postedDate) errors.push({ line: l.line, field: 'date', message: `paid on ${l.paidOn}, before the notice was posted (${p.postedDate})` });
      const key = `${p.reference}|${l.reference}`;
      if (seen.has(key) || this.pcns.paymentExists(p.id, l.reference)) errors.push({ line: l.line, field: 'reference', message: `payment ${l.reference} for ${p.reference} is already recorded` });
      seen.add(key);
      if (plan.some((x) => x.p.id === p.id)) errors.push({ line: l.line, field: 'pcn_number', message: `${p.reference} appears twice in the file` });
      const due = this.amountDue(p, l.paidOn);
      plan.push({ p, line: l, expected: due.pence, level: due.level });
    }
    if (errors.length) throw rowFailure('payments file', errors);
    const batchRef = `PAY-${ukLocalDate(this.now()).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const paid: string[] = [];
    const flagged: { reference: string; flag: 'over' | 'under'; amountPence: number; expectedPence: number }[] = [];
    this.pcns.transaction(() => {
      for (const x of plan) {
        const total = x.p.paidPence + x.line.amountPence;
        const flag = total > x.expected ? 'over' : total < x.expected ? 'under' : null;
        this.pcns.insertPayment({ pcnId: x.p.id, amountPence: x.line.amountPence, expectedPence: x.expected, paidOn: x.line.paidOn, method: x.line.method, reference: x.line.reference, flag, batchRef, importedAt: this.now(), importedBy: by.name });
        this.pcns.addPaid(x.p.id, x.line.amountPence);
        if (flag) flagged.push({ reference: x.p.reference, flag, amountPence: total, expectedPence: x.expected });
        if (total >= x.expected) {
          this.move(x.p, x.level === 'discount' ? 'paid-discount' : 'paid-full', by, 'payment', { amountPence: x.line.amountPence, expectedPence: x.expected, paidOn: x.line.paidOn, reference: x.line.reference, batchRef, ...(flag ? { flag } : {}) });
          paid.push(x.p.reference);
        } else {
          this.pcns.appendHistory(x.p.id, by, 'part-payment', x.p.stage, x.p.stage, { amountPence: x.line.amountPence, expectedPence: x.expected, batchRef }, this.now());
        }
      }
    });
    this.deps.audit.record(by, 'pcn.payments-import', `payments:${batchRef}`, { rows: plan.length, paid: paid.length, flagged: flagged.length });
    return { applied: plan.length, paid, flagged };
  }

  // ── Export, deadlines, reports, quality ──────────────────────────────────

  /** PCNs for the back office, with the evidence references and hashes (the notice PDF's SHA-256; the evidence pack's when the evidence feature records one). */
  exportPcns(format: 'csv' | 'json', q: { from?: number | undefined; to?: number | undefined }, by: Actor): { mediaType: string; content: string; count: number } {
    const rows = this.pcns.all({ ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) }).filter((p) => p.kind === 'pcn');
    const items = rows.map((p) => {
      const d = this.dates(p);
      return {
        pcnNumber: p.reference, stage: p.stage, vrm: p.vrm, code: p.code, contravention: p.codeDescription, contraventionAt: new Date(p.contraventionAt).toISOString(),
        place: p.place, cameraId: p.cameraId, eventId: p.eventId, amountPence: p.amountPence, discountPence: p.discountPence, certificatePence: p.certificatePence,
        paidPence: p.paidPence, serviceBy: d.serviceBy, noticeDate: p.noticeDate, postedDate: p.postedDate, discountUntil: d.discountUntil,
        representationsUntil: d.representationsUntil, chargeCertificateFrom: d.chargeCertificateFrom, officer: p.officerName,
        evidence: { eventRef: `event:${p.eventId}`, noticeFile: p.noticePath, noticeSha256: p.noticeSha256 },
      };
    });
    this.deps.audit.record(by, 'pcn.export', 'pcns', { format, count: items.length });
    if (format === 'json') return { mediaType: 'application/json', content: JSON.stringify(items, null, 2), count: items.length };
    const header = ['pcn_number', 'stage', 'vrm', 'code', 'contravention_at', 'place', 'camera_id', 'event_id', 'amount_pence', 'discount_pence', 'certificate_pence', 'paid_pence', 'service_by', 'notice_date', 'posted_date', 'discount_until', 'representations_until', 'charge_certificate_from', 'officer', 'evidence_ref', 'notice_file', 'notice_sha256'];
    const csvRows = items.map((i) => [i.pcnNumber, i.stage, i.vrm, i.code, i.contraventionAt, i.place, i.cameraId, i.eventId, i.amountPence, i.discountPence, i.certificatePence, i.paidPence, i.serviceBy, i.noticeDate, i.postedDate, i.discountUntil, i.representationsUntil, i.chargeCertificateFrom, i.officer, i.evidence.eventRef, i.evidence.noticeFile, i.evidence.noticeSha256]);
    // A place or officer name beginning "=" must not run as a formula in a spreadsheet.
    const safe = csvRows.map((r) => r.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
    return { mediaType: 'text/csv', content: formatCsv(header, safe), count: items.length };
  }

  /** What is overdue and what nears a deadline, as of today (UK). */
  deadlines(nearDays = 5): { overdue: Deadline[]; near: Deadline[] } {
    const today = ukLocalDate(this.now());
    const horizon = addDays(today, nearDays);
    const overdue: Deadline[] = [];
    const near: Deadline[] = [];
    const put = (p: PcnRow, what: string, due: string) => {
      const d = { pcnId: p.id, reference: p.reference, vrm: p.vrm, stage: p.stage, what, due };
      if (due < today) overdue.push(d);
      else if (due <= horizon) near.push(d);
    };
    for (const p of this.pcns.inStages([...PRE_POSTING, 'posted', 'representation-received', 'representation-rejected'])) {
      const d = this.dates(p);
      if (PRE_POSTING.includes(p.stage as Stage)) put(p, 'post the notice (last day to post so it is served in time)', d.postBy);
      if (p.stage === 'posted' && p.kind === 'pcn') {
        put(p, 'discount period ends', d.discountUntil);
        put(p, 'payment or representations due; charge certificate may follow', d.representationsUntil);
      }
      if (p.stage === 'representation-received') {
        const rep = this.pcns.representations(p.id).find((r) => r.outcome === null);
        // Unanswered after 56 days, representations are taken as accepted (DOMAIN §4).
        if (rep) put(p, 'answer the representation (56 days)', addDays(rep.receivedOn, 55));
      }
    }
    const byDue = (a: Deadline, b: Deadline) => a.due.localeCompare(b.due) || a.reference.localeCompare(b.reference);
    return { overdue: overdue.sort(byDue), near: near.sort(byDue) };
  }

  report(q: { from?: number | undefined; to?: number | undefined }): PcnReport {
    const opts = { ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) };
    const pcns = this.pcns.all(opts).map((p) => ({ ...p, deemedService: p.postedDate ? this.dates(p).deemedService : null }));
    return buildPcnReport({ pcns, refusals: this.pcns.refusals(q.from, q.to), representations: this.pcns.representations() });
  }

  /** Samples each officer's PCNs issued in a month (UK) for a quality audit. */
  sampleQuality(month: string, seed: string, percent: number | undefined, by: Actor): { added: number; sampled: number } {
    if (!/^\d{4}-\d{2}$/.test(month)) throw invalid(`month must be YYYY-MM, not ${month}`);
    const candidates = this.pcns.all().filter((p) => p.kind === 'pcn' && ukLocalDate(p.issuedAt).startsWith(month));
    const chosen = qualitySample(candidates, seed, percent ?? DEFAULT_SAMPLE_PERCENT);
    const added = this.quality.addSample(chosen.map((p) => ({ pcnId: p.id, officerName: p.officerName, month, seed, sampledAt: this.now(), sampledBy: by.name })));
    this.deps.audit.record(by, 'pcn.quality-sample', `quality:${month}`, { seed, percent: percent ?? DEFAULT_SAMPLE_PERCENT, sampled: chosen.length, added });
    return { added, sampled: chosen.length };
  }

  recordQuality(id: number, checks: Record<string, boolean>, notes: string, by: Actor) {
    const a = this.quality.byId(id);
    if (!a) throw notFound(`quality audit ${id}`);
    const missing = QUALITY_CHECKLIST.filter((c) => typeof checks[c.id] !== 'boolean').map((c) => c.id);
    if (missing.length) throw invalid(`every checklist item needs an answer; missing ${missing.join(', ')}`);
    const passed = QUALITY_CHECKLIST.every((c) => checks[c.id]);
    this.quality.record(id, checks, passed, notes, by.name, this.now());
    this.deps.audit.record(by, 'pcn.quality-check', `pcn:${a.pcnId}`, { auditId: id, passed });
    return this.quality.byId(id)!;
  }

  qualityResults(month?: string) {
    return qualityResults(this.quality.list(month));
  }
}

function rowFailure(what: string, errors: RowError[]): ApiFailure {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return new ApiFailure(422, 'rows-rejected', `${what} refused, nothing applied: ${sorted.length} problem(s), first: line ${sorted[0]!.line}${sorted[0]!.field ? ` (${sorted[0]!.field})` : ''}: ${sorted[0]!.message}`, { errors: sorted });
}
