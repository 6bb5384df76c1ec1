import { z } from 'zod';
import { route, anyRole, supervisorUp, adminOnly, IdParams } from './route.js';

/** Penalty Charge Notices: issue, lifecycle, notices, keeper enquiries, payments, reports and quality audit. */
export const PcnStage = z.enum([
  'approved', 'keeper-requested', 'keeper-known', 'notice-generated', 'posted', 'paid-discount', 'paid-full',
  'representation-received', 'representation-accepted', 'representation-rejected', 'charge-certificate', 'closed', 'cancelled',
]);
export type PcnStage = z.infer<typeof PcnStage>;

export const FailedPrecondition = z.object({ id: z.string(), reason: z.string() });
export type FailedPrecondition = z.infer<typeof FailedPrecondition>;

export const PcnDatesDto = z.object({
  contraventionDate: z.string(),
  serviceBy: z.string(),
  postBy: z.string(),
  noticeDate: z.string(),
  postedDate: z.string().nullable(),
  deemedService: z.string().nullable(),
  serviceInTime: z.boolean(),
  discountUntil: z.string(),
  paymentDue: z.string(),
  representationsUntil: z.string(),
  enforcementNoticeFrom: z.string().nullable(),
  chargeCertificateFrom: z.string(),
  orderForRecoveryFrom: z.string(),
  verify: z.array(z.string()),
});

export const PcnSummary = z.object({
  id: z.number().int(),
  kind: z.enum(['pcn', 'warning']),
  reference: z.string(),
  stage: PcnStage,
  vrm: z.string(),
  code: z.string(),
  codeDescription: z.string(),
  place: z.string(),
  cameraId: z.number().int(),
  eventId: z.number().int(),
  contraventionAt: z.number(),
  amountPence: z.number().int(),
  discountPence: z.number().int(),
  certificatePence: z.number().int(),
  paidPence: z.number().int(),
  officerName: z.string(),
  issuedAt: z.number(),
  noticeDate: z.string().nullable(),
  noticeLang: z.enum(['en', 'cy']).nullable(),
  noticeSha256: z.string().nullable(),
  postedDate: z.string().nullable(),
  keeperMismatch: z.string().nullable(),
  cancelReason: z.string().nullable(),
  dates: PcnDatesDto,
});
export type PcnSummary = z.infer<typeof PcnSummary>;

export const PcnDetail = PcnSummary.extend({
  notes: z.string(),
  restrictionType: z.string(),
  area: z.enum(['london', 'england', 'wales']),
  vehicleMake: z.string().nullable(),
  vehicleColour: z.string().nullable(),
  keeper: z.object({ name: z.string(), address: z.array(z.string()), postcode: z.string().nullable(), make: z.string().nullable(), model: z.string().nullable(), colour: z.string().nullable() }).nullable(),
  keeperPurgedAt: z.number().nullable(),
  nextStages: z.array(PcnStage),
  history: z.array(z.object({ at: z.number(), actorName: z.string(), action: z.string(), fromStage: z.string().nullable(), toStage: z.string(), detail: z.record(z.string(), z.unknown()) })),
  payments: z.array(z.object({ amountPence: z.number(), expectedPence: z.number(), paidOn: z.string(), method: z.string(), reference: z.string(), flag: z.enum(['over', 'under']).nullable() })),
  representations: z.array(z.object({ receivedOn: z.string(), ground: z.string(), detail: z.string(), outcome: z.enum(['accepted', 'rejected']).nullable(), reason: z.string().nullable() })),
});
export type PcnDetail = z.infer<typeof PcnDetail>;

const Code = z.string().trim().min(2).max(6);
export const IssuePcnInput = z.object({
  eventId: z.number().int().positive(),
  code: Code,
  suffix: z.string().trim().max(2).optional(),
  notes: z.string().max(2000).optional(),
  vehicle: z.object({ make: z.string().trim().max(40).optional(), colour: z.string().trim().max(40).optional() }).optional(),
});
export type IssuePcnInput = z.input<typeof IssuePcnInput>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Reason = z.string().trim().min(3, 'give a reason').max(500);
export const PcnActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('cancel'), reason: Reason }),
  z.object({ action: z.literal('post'), postedDate: IsoDate.optional() }),
  z.object({ action: z.literal('representation'), receivedOn: IsoDate, ground: z.string().trim().min(3).max(200), detail: z.string().max(4000).optional() }),
  z.object({ action: z.literal('accept-representation'), reason: Reason }),
  z.object({ action: z.literal('reject-representation'), reason: Reason }),
  z.object({ action: z.literal('charge-certificate') }),
  z.object({ action: z.literal('close'), reason: z.string().max(500).optional() }),
]);
export type PcnActionInput = z.input<typeof PcnActionInput>;

export const RowErrorDto = z.object({ line: z.number(), field: z.string().optional(), message: z.string() });
const Deadline = z.object({ pcnId: z.number(), reference: z.string(), vrm: z.string(), stage: z.string(), what: z.string(), due: z.string() });
const CountRow = z.object({ key: z.string(), count: z.number() });
export const QualityAudit = z.object({
  id: z.number(), pcnId: z.number(), officerName: z.string(), month: z.string(), seed: z.string(), sampledAt: z.number(), sampledBy: z.string(),
  checks: z.record(z.string(), z.boolean()).nullable(), passed: z.boolean().nullable(), notes: z.string(), checkedAt: z.number().nullable(), checkedBy: z.string().nullable(),
});
export type QualityAudit = z.infer<typeof QualityAudit>;
export const PcnSettingsDto = z.object({
  prefix: z.string(), councilName: z.string(), addressLines: z.array(z.string()), phone: z.string(), payUrl: z.string(),
  representationsAddress: z.string(), enquirerCode: z.string(), keeperReasonCode: z.string(), keeperRetentionDays: z.number().int(),
});
export type PcnSettingsDto = z.infer<typeof PcnSettingsDto>;
const FileReply = z.object({ mediaType: z.string(), content: z.string(), count: z.number().int() });
const Range = z.object({ from: z.coerce.number().int().optional(), to: z.coerce.number().int().optional() });

export const pcnRoutes = {
  listPcns: route({
    method: 'GET', path: '/api/pcns', access: anyRole, summary: 'PCNs and warning notices, by stage, with filters and counts per stage',
    query: z.object({
      stage: PcnStage.optional(), kind: z.enum(['pcn', 'warning']).optional(), vrm: z.string().trim().max(12).optional(), code: z.string().trim().max(6).optional(),
      cameraId: z.coerce.number().int().positive().optional(), officer: z.string().trim().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
    }),
    reply: z.object({ total: z.number(), counts: z.record(z.string(), z.number()), pcns: z.array(PcnSummary) }),
  }),
  getPcn: route({ method: 'GET', path: '/api/pcns/:id', access: anyRole, summary: 'One case with its dates, history, payments and representations (audited view)', params: IdParams, reply: PcnDetail }),
  assessPcn: route({
    method: 'POST', path: '/api/pcns/assess', access: anyRole, summary: 'Check every precondition for a decision without issuing',
    body: IssuePcnInput.pick({ eventId: true, code: true, suffix: true }),
    reply: z.object({ outcome: z.enum(['pcn', 'warning', 'refused']), failures: z.array(FailedPrecondition), serviceBy: z.string().nullable(), warning: z.string().nullable() }),
  }),
  issuePcn: route({ method: 'POST', path: '/api/pcns', access: anyRole, summary: 'Issue a PCN (or a warning notice) for an officer’s decision; 422 precondition-failed names each failure', body: IssuePcnInput, reply: PcnSummary }),
  pcnAction: route({ method: 'POST', path: '/api/pcns/:id/actions', access: anyRole, summary: 'A lifecycle step: post, representation, decision, charge certificate, close, cancel (audited)', params: IdParams, body: PcnActionInput, reply: PcnSummary }),
  generateNotice: route({
    method: 'POST', path: '/api/pcns/:id/notice', access: anyRole, summary: 'Generate the notice PDF, dated the day it will be posted',
    params: IdParams, body: z.object({ lang: z.enum(['en', 'cy']).default('en'), noticeDate: IsoDate.optional() }), reply: PcnSummary,
  }),
  pcnDeadlines: route({
    method: 'GET', path: '/api/pcns/deadlines', access: anyRole, summary: 'What is overdue and what nears a deadline',
    query: z.object({ nearDays: z.coerce.number().int().min(1).max(60).default(5) }),
    reply: z.object({ overdue: z.array(Deadline), near: z.array(Deadline) }),
  }),
  exportPcns: route({
    method: 'GET', path: '/api/pcns/export', access: supervisorUp, summary: 'PCNs for the back office (CSV or JSON, with evidence references and hashes)',
    query: Range.extend({ format: z.enum(['csv', 'json']).default('csv') }), reply: FileReply,
  }),
  importPayments: route({
    method: 'POST', path: '/api/pcns/payments', access: supervisorUp, summary: 'Import payments (CSV); all rows or none',
    body: z.object({ csv: z.string().min(1).max(900_000) }),
    reply: z.object({ applied: z.number(), paid: z.array(z.string()), flagged: z.array(z.object({ reference: z.string(), flag: z.enum(['over', 'under']), amountPence: z.number(), expectedPence: z.number() })) }),
  }),
  exportKeeperEnquiries: route({
    method: 'POST', path: '/api/keeper/enquiries', access: anyRole, summary: 'Export a keeper enquiry batch for the approved cases (KADOE)',
    body: z.object({ ids: z.array(z.number().int().positive()).max(5000).optional() }),
    reply: FileReply.extend({ batchRef: z.string(), fileName: z.string() }),
  }),
  importKeeperReplies: route({
    method: 'POST', path: '/api/keeper/replies', access: anyRole, summary: 'Import a keeper enquiry reply (CSV); all rows or none',
    body: z.object({ csv: z.string().min(1).max(900_000) }),
    reply: z.object({ applied: z.number(), mismatches: z.array(z.object({ reference: z.string(), message: z.string() })) }),
  }),
  pcnReport: route({
    method: 'GET', path: '/api/pcns/reports', access: supervisorUp, summary: 'PCNs by code, camera and day; refusal reasons; officer throughput; timescale compliance',
    query: Range,
    reply: z.object({
      byCode: z.array(CountRow), byCamera: z.array(CountRow), byDay: z.array(CountRow), rejectionReasons: z.array(CountRow),
      officerThroughput: z.array(z.object({ officer: z.string(), pcns: z.number(), warnings: z.number(), refused: z.number() })),
      timescales: z.object({ posted: z.number(), servedInTime: z.number(), servedLate: z.number(), percentInTime: z.number().nullable(), representationsAnswered: z.number(), representationsAnsweredLate: z.number() }),
    }),
  }),
  sampleQualityAudit: route({
    method: 'POST', path: '/api/pcns/quality/sample', access: supervisorUp, summary: 'Sample a share of each officer’s PCNs in a month for quality audit',
    body: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'a month YYYY-MM'), seed: z.string().trim().min(1).max(64), percent: z.number().min(1).max(100).optional() }),
    reply: z.object({ added: z.number(), sampled: z.number() }),
  }),
  listQualityAudits: route({
    method: 'GET', path: '/api/pcns/quality', access: supervisorUp, summary: 'Quality audits and results per officer and month',
    query: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/).optional() }),
    reply: z.object({
      checklist: z.array(z.object({ id: z.string(), label: z.string() })), audits: z.array(QualityAudit),
      results: z.array(z.object({ officer: z.string(), month: z.string(), sampled: z.number(), checked: z.number(), passed: z.number(), failedChecks: z.record(z.string(), z.number()) })),
    }),
  }),
  recordQualityAudit: route({
    method: 'POST', path: '/api/pcns/quality/:id', access: supervisorUp, summary: 'Record a quality check against the checklist',
    params: IdParams, body: z.object({ checks: z.record(z.string(), z.boolean()), notes: z.string().max(2000).default('') }), reply: QualityAudit,
  }),
  getPcnSettings: route({ method: 'GET', path: '/api/pcns/settings', access: anyRole, summary: 'The council’s PCN details (prefix, notice text)', reply: PcnSettingsDto }),
  updatePcnSettings: route({ method: 'PUT', path: '/api/pcns/settings', access: adminOnly, summary: 'Change the council’s PCN details (audited)', body: PcnSettingsDto.partial(), reply: PcnSettingsDto }),
} as const;
