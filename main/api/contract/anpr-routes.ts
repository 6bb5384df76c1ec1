/**
 * Routes of the anpr feature: reads, the exempt-vehicle white list, the
 * restriction each camera enforces, and candidate events.
 *
 * The camera-facing ingest endpoints (/ingest/anpr/json, /hikvision, /csv)
 * are raw routes (multipart, XML, CSV bodies, per-camera keys) declared in
 * main/anpr/ingest-routes.ts, not here.
 */
import { z } from 'zod';
import { RESTRICTION_TYPES, type RestrictionType } from '../../domain/restriction-types.js';
import { VEHICLE_CLASSES, type VehicleClass } from '../../domain/vehicle-classes.js';
import { route, anyRole, supervisorUp, IdParams, Ok } from './route.js';

/** Who an entry is for. "Taxi" means a licensed hackney carriage only (DOMAIN §8): private hire is its own category and is not a taxi. */
export const WHITE_LIST_CATEGORIES = [
  'bus-operator',
  'hackney-carriage',
  'private-hire',
  'emergency-service',
  'council',
  'utility',
  'dispensation',
  'permit-holder',
  'other',
] as const;
export const WhiteListCategory = z.enum(WHITE_LIST_CATEGORIES);
export type WhiteListCategory = z.infer<typeof WhiteListCategory>;

export const RestrictionTypeId = z.enum(Object.keys(RESTRICTION_TYPES) as [RestrictionType, ...RestrictionType[]]);
export const VehicleClassId = z.enum(Object.keys(VEHICLE_CLASSES) as [VehicleClass, ...VehicleClass[]]);
export const EnforcementAreaId = z.enum(['london', 'england', 'wales']);

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Vrm = z.string().trim().min(1, 'the registration mark is required').max(32);
const Ms = z.coerce.number().int().nonnegative();
const Page = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };

// ---- reads ----

export const ReadImage = z.object({ role: z.enum(['plate', 'overview']), name: z.string(), sha256: z.string(), bytes: z.number() });
export const AnprReadDto = z.object({
  id: z.number(),
  cameraId: z.number(),
  plateSent: z.string(),
  vrm: z.string(),
  vrmFormat: z.string(),
  vrmFlags: z.array(z.string()),
  readAt: z.number(),
  receivedAt: z.number(),
  confidence: z.number().nullable(),
  direction: z.enum(['approaching', 'departing']).nullable(),
  channel: z.string().nullable(),
  source: z.enum(['json', 'hikvision', 'csv']),
  exemptEntryId: z.number().nullable(),
  images: z.array(ReadImage),
});
export type AnprReadDto = z.infer<typeof AnprReadDto>;

// ---- white list ----

export const WhiteListInput = z.object({
  vrm: Vrm,
  category: WhiteListCategory,
  /** Empty: every camera. */
  scopeCameras: z.array(z.number().int().positive()).max(500).default([]),
  /** Empty: every restriction type. */
  scopeTypes: z.array(RestrictionTypeId).max(30).default([]),
  validFrom: IsoDay,
  /** Last valid day (inclusive, UK); null: until removed. */
  validTo: IsoDay.nullable().default(null),
  /** The stakeholder who asked for or vouches for the entry (bus operator, licensing team…). */
  source: z.string().trim().min(1, 'the source stakeholder is required').max(200),
  notes: z.string().trim().max(2000).default(''),
});
export type WhiteListInput = z.input<typeof WhiteListInput>;

export const WhiteListEntry = z.object({
  id: z.number(),
  vrm: z.string(),
  vrmEntered: z.string(),
  vrmValid: z.boolean(),
  category: WhiteListCategory,
  scopeCameras: z.array(z.number()),
  scopeTypes: z.array(z.string()),
  validFrom: z.number(),
  validTo: z.number().nullable(),
  source: z.string(),
  notes: z.string(),
  addedBy: z.string(),
  addedAt: z.number(),
  updatedBy: z.string(),
  updatedAt: z.number(),
  reviewedAt: z.number(),
  removedAt: z.number().nullable(),
  removedBy: z.string().nullable(),
  removedReason: z.string().nullable(),
});
export type WhiteListEntry = z.infer<typeof WhiteListEntry>;

export const RowError = z.object({ line: z.number(), field: z.string().nullable(), message: z.string() });
export type RowError = z.infer<typeof RowError>;

export const ImportReport = z.object({
  imported: z.number(),
  rows: z.number(),
  dryRun: z.boolean(),
  /** Empty when the file went in; otherwise nothing was imported. */
  errors: z.array(RowError),
  /** Rows that went in but deserve a look (a mark that fits no UK format). */
  warnings: z.array(RowError),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const NearMiss = z.object({
  vrm: z.string(),
  entryIds: z.array(z.number()),
  category: z.string(),
  how: z.string(),
});
export type NearMiss = z.infer<typeof NearMiss>;

export const WhiteListCheck = z.object({
  vrm: z.string(),
  at: z.number(),
  cameraId: z.number().nullable(),
  restrictionType: z.string().nullable(),
  exempt: z.boolean(),
  exemptBy: z.number().nullable(),
  explanation: z.string(),
  /** Every entry for this exact mark, and why it does or does not apply. */
  considered: z.array(z.object({ entryId: z.number(), category: z.string(), applies: z.boolean(), why: z.string() })),
  /** Entries one character or only confusable characters away: shown to the officer, never an exemption (seed 004). */
  nearMisses: z.array(NearMiss),
});
export type WhiteListCheck = z.infer<typeof WhiteListCheck>;

// ---- restrictions ----

export const RestrictionInput = z.object({
  cameraId: z.number().int().positive(),
  type: RestrictionTypeId,
  /** Hours as the sign writes them: "Mon-Fri 7-10am 4-7pm", "At any time". */
  schedule: z.string().trim().min(1).max(300),
  permitted: z.array(VehicleClassId).max(20),
  trafficOrderRef: z.string().trim().min(1, 'the traffic order reference is required').max(200),
  signsInOrder: z.boolean(),
  signsNote: z.string().trim().max(2000).default(''),
  enforcementStart: IsoDay.nullable().default(null),
  area: EnforcementAreaId,
});
export type RestrictionInput = z.input<typeof RestrictionInput>;

export const Restriction = z.object({
  id: z.number(),
  cameraId: z.number(),
  type: z.string(),
  schedule: z.string(),
  permitted: z.array(z.string()),
  trafficOrderRef: z.string(),
  signsInOrder: z.boolean(),
  signsNote: z.string(),
  enforcementStart: z.string().nullable(),
  area: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedBy: z.string(),
  updatedAt: z.number(),
  /** Whether it is in force now, and why (UK local time, bank holidays). */
  inForceNow: z.object({ inForce: z.boolean(), why: z.string() }),
});
export type Restriction = z.infer<typeof Restriction>;

// ---- events ----

export const EventStatus = z.enum(['queued', 'held', 'in-review', 'decided']);
export const CandidateEvent = z.object({
  id: z.number(),
  cameraId: z.number(),
  restrictionId: z.number().nullable(),
  restrictionType: z.string().nullable(),
  vrm: z.string(),
  origin: z.enum(['anpr', 'manual']),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
  clipStart: z.number(),
  clipEnd: z.number(),
  status: EventStatus,
  holdReason: z.string().nullable(),
  inForceWhy: z.string(),
  nearMisses: z.array(NearMiss),
  note: z.string(),
  claimedBy: z.number().nullable(),
  claimedAt: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  readIds: z.array(z.number()),
});
export type CandidateEvent = z.infer<typeof CandidateEvent>;

export const anprRoutes = {
  listReads: route({
    method: 'GET',
    path: '/api/anpr/reads',
    access: anyRole,
    summary: 'ANPR reads, newest first (viewing is audited)',
    query: z.object({ cameraId: z.coerce.number().int().positive().optional(), vrm: z.string().max(32).optional(), from: Ms.optional(), to: Ms.optional(), ...Page }),
    reply: z.object({ total: z.number(), reads: z.array(AnprReadDto) }),
  }),
  getRead: route({ method: 'GET', path: '/api/anpr/reads/:id', access: anyRole, summary: 'One read with its pictures', params: IdParams, reply: AnprReadDto }),

  listWhiteList: route({
    method: 'GET',
    path: '/api/white-list',
    access: anyRole,
    summary: 'White-list entries',
    query: z.object({ search: z.string().max(64).optional(), category: WhiteListCategory.optional(), includeRemoved: z.enum(['true', 'false']).optional(), ...Page }),
    reply: z.object({ total: z.number(), entries: z.array(WhiteListEntry) }),
  }),
  addWhiteListEntry: route({ method: 'POST', path: '/api/white-list', access: anyRole, summary: 'Add a white-list entry (audited)', body: WhiteListInput, reply: WhiteListEntry }),
  updateWhiteListEntry: route({
    method: 'PUT',
    path: '/api/white-list/:id',
    access: anyRole,
    summary: 'Change a white-list entry (audited; counts as a review)',
    params: IdParams,
    body: WhiteListInput,
    reply: WhiteListEntry,
  }),
  removeWhiteListEntry: route({
    method: 'POST',
    path: '/api/white-list/:id/remove',
    access: anyRole,
    summary: 'Remove a white-list entry (kept, marked removed; audited)',
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(1, 'say why the entry is removed').max(500) }),
    reply: WhiteListEntry,
  }),
  reviewWhiteListEntry: route({
    method: 'POST',
    path: '/api/white-list/:id/review',
    access: anyRole,
    summary: 'Confirm an entry is still accurate (principle 12; audited)',
    params: IdParams,
    body: z.object({}).strict().optional(),
    reply: WhiteListEntry,
  }),
  importWhiteList: route({
    method: 'POST',
    path: '/api/white-list/import',
    access: anyRole,
    summary: 'Import a CSV: every row checked; all or nothing, with a row-by-row report',
    body: z.object({ csv: z.string().min(1).max(64 * 1024 * 1024), dryRun: z.boolean().default(false) }),
    reply: ImportReport,
  }),
  exportWhiteList: route({
    method: 'GET',
    path: '/api/white-list/export',
    access: anyRole,
    summary: 'The live white list as CSV (RFC 4180; audited)',
    reply: z.object({ filename: z.string(), csv: z.string(), rows: z.number() }),
  }),
  whiteListExpiring: route({
    method: 'GET',
    path: '/api/white-list/expiring',
    access: anyRole,
    summary: 'Entries expiring within N days (default 14) and entries not reviewed for 12 months',
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(14) }),
    reply: z.object({ days: z.number(), expiring: z.array(WhiteListEntry), stale: z.array(WhiteListEntry) }),
  }),
  checkWhiteList: route({
    method: 'GET',
    path: '/api/white-list/check',
    access: anyRole,
    summary: 'Is this VRM exempt (at a camera, at a time)? Explains itself and lists near misses',
    query: z.object({ vrm: Vrm, cameraId: z.coerce.number().int().positive().optional(), at: Ms.optional() }),
    reply: WhiteListCheck,
  }),

  listRestrictions: route({
    method: 'GET',
    path: '/api/restrictions',
    access: anyRole,
    summary: 'Restrictions per camera',
    query: z.object({ cameraId: z.coerce.number().int().positive().optional() }),
    reply: z.array(Restriction),
  }),
  getRestriction: route({ method: 'GET', path: '/api/restrictions/:id', access: anyRole, summary: 'One restriction', params: IdParams, reply: Restriction }),
  createRestriction: route({ method: 'POST', path: '/api/restrictions', access: supervisorUp, summary: 'Record what a camera enforces (audited)', body: RestrictionInput, reply: Restriction }),
  updateRestriction: route({
    method: 'PUT',
    path: '/api/restrictions/:id',
    access: supervisorUp,
    summary: 'Change a restriction (audited)',
    params: IdParams,
    body: RestrictionInput,
    reply: Restriction,
  }),
  removeRestriction: route({ method: 'DELETE', path: '/api/restrictions/:id', access: supervisorUp, summary: 'Remove a restriction (audited)', params: IdParams, reply: Ok }),
  checkSchedule: route({
    method: 'POST',
    path: '/api/restrictions/check-schedule',
    access: anyRole,
    summary: 'Read sign hours and say whether they are in force at a time',
    body: z.object({ schedule: z.string().max(300), at: Ms.optional() }),
    reply: z.object({ ok: z.boolean(), error: z.object({ message: z.string(), column: z.number() }).nullable(), inForce: z.boolean().nullable(), why: z.string().nullable() }),
  }),

  listCandidateEvents: route({
    method: 'GET',
    path: '/api/events',
    access: anyRole,
    summary: 'Candidate events (filters: camera, status, VRM, time range)',
    query: z.object({ cameraId: z.coerce.number().int().positive().optional(), status: EventStatus.optional(), vrm: z.string().max(32).optional(), from: Ms.optional(), to: Ms.optional(), ...Page }),
    reply: z.object({ total: z.number(), events: z.array(CandidateEvent) }),
  }),
  getCandidateEvent: route({ method: 'GET', path: '/api/events/:id', access: anyRole, summary: 'One candidate event', params: IdParams, reply: CandidateEvent }),
  createManualEvent: route({
    method: 'POST',
    path: '/api/events',
    access: anyRole,
    summary: 'An officer records an event seen in the player (audited)',
    body: z.object({ cameraId: z.number().int().positive(), at: Ms, vrm: Vrm, note: z.string().trim().max(2000).default('') }),
    reply: CandidateEvent,
  }),
} as const;
