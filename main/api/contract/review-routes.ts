/**
 * Routes of the review feature: the officer's queue (claim the next event,
 * decide it, refer it, give it back), the case file shown beside the clip,
 * and the OCR assist (read a plate in a box drawn on any frame or picture).
 */
import { z } from 'zod';
import { AnprReadDto, CandidateEvent, WhiteListCheck } from './anpr-routes.js';
import { route, anyRole, IdParams, Ok } from './route.js';

/** Why an officer may reject an event (DOMAIN §2 and seed 004's exemptions); 'other' needs words. */
export const REJECT_REASONS = {
  'exempt-vehicle': 'Exempt vehicle (permitted by the order, or white-listed activity)',
  emergency: 'Emergency vehicle on an emergency',
  'plate-unreadable': 'Plate unreadable or does not match the vehicle',
  'not-in-contravention': 'Not in contravention (the footage does not show one)',
  'sign-defect': 'Sign or road marking defect',
  duplicate: 'Duplicate of another event',
  other: 'Other (say why)',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;
export const RejectReason = z.enum(Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]]);

const Box = z
  .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), w: z.number().gt(0).max(1), h: z.number().gt(0).max(1) })
  .refine((b) => b.x + b.w <= 1.0001 && b.y + b.h <= 1.0001, { message: 'the box must lie inside the picture' })
  .refine((b) => b.w >= 0.005 && b.h >= 0.005, { message: 'the box is too small to hold a plate' });

export const PlateReadingDto = z.object({
  raw: z.string(),
  suggestion: z.string(),
  display: z.string(),
  format: z.string(),
  valid: z.boolean(),
  confidence: z.number(),
  changes: z.array(z.object({ position: z.number(), from: z.string(), to: z.string(), why: z.string() })),
  alternatives: z.array(z.string()),
  ms: z.number(),
  crop: z.object({ width: z.number(), height: z.number() }),
});
export type PlateReadingDto = z.infer<typeof PlateReadingDto>;

export const ReviewDecisionDto = z.object({
  id: z.number(),
  eventId: z.number(),
  outcome: z.enum(['contravention', 'reject', 'refer']),
  code: z.string().nullable(),
  reason: z.string().nullable(),
  reasonText: z.string(),
  notes: z.string(),
  pcnId: z.number().nullable(),
  pcnReference: z.string().nullable(),
  officerName: z.string(),
  decidedAt: z.number(),
  seconds: z.number(),
});
export type ReviewDecisionDto = z.infer<typeof ReviewDecisionDto>;

export const CodeChoice = z.object({
  code: z.string(),
  /** As printed with the camera suffix, e.g. "34J". */
  display: z.string(),
  description: z.string(),
  suffixes: z.array(z.object({ suffix: z.string(), meaning: z.string() })),
});
export type CodeChoice = z.infer<typeof CodeChoice>;

export const ReviewCase = z.object({
  event: CandidateEvent,
  camera: z.object({ id: z.number(), name: z.string(), place: z.string() }),
  clip: z.object({ cameraId: z.number(), from: z.number(), to: z.number(), at: z.number() }),
  reads: z.array(AnprReadDto),
  plate: z.object({
    vrm: z.string(),
    display: z.string(),
    format: z.string(),
    valid: z.boolean(),
    problems: z.array(z.string()),
    flags: z.array(z.string()),
    /** The camera's own confidence in its best read (as it sent it); null when it sent none. */
    confidence: z.number().nullable(),
    plateImage: z.string().nullable(),
    overviewImage: z.string().nullable(),
  }),
  /** The OCR assist's reading of the plate picture, when already made (else ask reviewOcr). */
  ocr: PlateReadingDto.nullable(),
  whiteList: WhiteListCheck.nullable(),
  history: z.object({
    events: z.array(z.object({ id: z.number(), cameraId: z.number(), restrictionType: z.string().nullable(), firstSeenAt: z.number(), status: z.string(), outcome: z.string().nullable(), code: z.string().nullable(), reason: z.string().nullable() })),
    pcns: z.array(z.object({ id: z.number(), kind: z.string(), reference: z.string(), code: z.string(), stage: z.string(), cameraId: z.number(), place: z.string(), contraventionAt: z.number() })),
  }),
  restriction: z
    .object({
      id: z.number(),
      type: z.string(),
      label: z.string(),
      schedule: z.string(),
      /** In force at the event time (UK local time, bank holidays), and why. */
      inForce: z.boolean(),
      why: z.string(),
      permitted: z.array(z.string()),
      trafficOrderRef: z.string(),
      signsInOrder: z.boolean(),
      signsNote: z.string(),
      area: z.string(),
    })
    .nullable(),
  /** Contravention codes that fit the restriction type and may be enforced by camera there. */
  codes: z.array(CodeChoice),
  claim: z.object({ claimedAt: z.number().nullable(), leaseUntil: z.number().nullable(), mine: z.boolean() }),
  referral: z.object({ referredBy: z.string(), referredAt: z.number(), note: z.string() }).nullable(),
  decisions: z.array(ReviewDecisionDto),
});
export type ReviewCase = z.infer<typeof ReviewCase>;

export const QueueCounts = z.object({ queued: z.number(), inReview: z.number(), held: z.number(), referred: z.number(), decidedToday: z.number() });

const Notes = z.string().trim().max(2000).default('');
/** Milliseconds the case was on the officer's screen (the page measures it); the server bounds it by the claim. */
const ViewMs = z.number().int().min(0).max(24 * 3600_000).optional();

export const ReviewDecisionInput = z
  .discriminatedUnion('outcome', [
    z.object({
      outcome: z.literal('contravention'),
      /** As the officer chose it: "34J", "50Jr", "31". */
      code: z.string().trim().min(2, 'choose a contravention code').max(6),
      vehicle: z.object({ make: z.string().trim().max(40).optional(), colour: z.string().trim().max(40).optional() }).optional(),
      notes: Notes,
      viewMs: ViewMs,
    }),
    z.object({ outcome: z.literal('reject'), reason: RejectReason, reasonText: z.string().trim().max(500).default(''), notes: Notes, viewMs: ViewMs }),
    z.object({ outcome: z.literal('refer'), note: z.string().trim().min(3, 'say what the supervisor should look at').max(1000), viewMs: ViewMs }),
  ])
  .superRefine((d, ctx) => {
    if (d.outcome === 'reject' && d.reason === 'other' && !d.reasonText) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: 'a rejection for "other" needs the reason in words' });
  });
export type ReviewDecisionInput = z.input<typeof ReviewDecisionInput>;

export const reviewRoutes = {
  reviewNext: route({
    method: 'POST',
    path: '/api/review/next',
    access: anyRole,
    summary: 'Claim the next event of the queue (a lease: nobody else gets it); `ahead` claims one more for prefetching',
    body: z.object({ ahead: z.boolean().default(false), exclude: z.array(z.number().int().positive()).max(20).default([]) }),
    reply: z.object({ case: ReviewCase.nullable(), counts: QueueCounts }),
  }),
  reviewCase: route({ method: 'GET', path: '/api/review/events/:id', access: anyRole, summary: 'The case file of one event (audited view; claims nothing)', params: IdParams, reply: ReviewCase }),
  reviewDecide: route({
    method: 'POST',
    path: '/api/review/events/:id/decision',
    access: anyRole,
    summary: 'Decide a claimed event: contravention (through the PCN preconditions; 422 names each failure), reject with a reason, or refer to a supervisor; replies with the next case',
    params: IdParams,
    body: ReviewDecisionInput,
    reply: z.object({ decision: ReviewDecisionDto, pcn: z.object({ id: z.number(), reference: z.string(), kind: z.string() }).nullable(), next: ReviewCase.nullable(), counts: QueueCounts }),
  }),
  reviewRelease: route({ method: 'POST', path: '/api/review/events/:id/release', access: anyRole, summary: 'Give a claimed event back to the queue', params: IdParams, body: z.object({}).strict().optional(), reply: Ok }),
  reviewRenew: route({
    method: 'POST',
    path: '/api/review/renew',
    access: anyRole,
    summary: 'Keep the leases on the events this officer holds',
    body: z.object({ eventIds: z.array(z.number().int().positive()).min(1).max(20) }),
    reply: z.object({ renewed: z.number(), leaseMs: z.number() }),
  }),
  reviewReasons: route({
    method: 'GET',
    path: '/api/review/reasons',
    access: anyRole,
    summary: 'The reasons an event may be rejected for',
    reply: z.array(z.object({ id: RejectReason, label: z.string(), needsText: z.boolean() })),
  }),
  reviewStats: route({
    method: 'GET',
    path: '/api/review/stats',
    access: anyRole,
    summary: 'Queue counts and seconds per case (mine and everyone’s, last 24 hours)',
    reply: z.object({
      counts: QueueCounts,
      mine: z.object({ cases: z.number(), meanSeconds: z.number().nullable(), medianSeconds: z.number().nullable() }),
      everyone: z.object({ cases: z.number(), meanSeconds: z.number().nullable(), medianSeconds: z.number().nullable() }),
    }),
  }),
  reviewOcr: route({
    method: 'POST',
    path: '/api/review/events/:id/ocr',
    access: anyRole,
    summary: 'OCR assist on the event’s plate picture (null when it has none)',
    params: IdParams,
    body: z.object({}).strict().optional(),
    reply: PlateReadingDto.nullable(),
  }),
  ocrFrame: route({
    method: 'POST',
    path: '/api/ocr/frame',
    access: anyRole,
    summary: 'OCR assist: read the plate in a box drawn on the recorded frame shown at a time (audited view)',
    body: z.object({ cameraId: z.number().int().positive(), at: z.number().int().nonnegative(), box: Box }),
    reply: PlateReadingDto.extend({ frame: z.object({ segmentId: z.number(), frameIndex: z.number(), frameMs: z.number() }) }),
  }),
  ocrImage: route({
    method: 'POST',
    path: '/api/ocr/image',
    access: anyRole,
    summary: 'OCR assist: read the plate in a picture (PNG or JPEG, base64), optionally in a box',
    body: z.object({ image: z.string().min(8).max(8_000_000), box: Box.optional() }),
    reply: PlateReadingDto,
  }),
} as const;
