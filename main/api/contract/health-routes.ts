import { z } from 'zod';
import { route, anyRole, supervisorUp, IdParams } from './route.js';

/** Routes of the health feature: camera health, the health log, defects and the supervisor's defect report. */

export const HealthStatus = z.enum(['ok', 'degraded', 'down', 'unknown']);
export const ProbeKind = z.enum(['network', 'clock', 'stream', 'recording', 'picture', 'storage']);

export const CameraHealth = z.object({
  cameraId: z.number().int(),
  status: HealthStatus,
  reasons: z.array(z.string()),
  since: z.number().nullable(),
  lastProbeAt: z.number().nullable(),
});
export type CameraHealth = z.infer<typeof CameraHealth>;

export const ProbeResult = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  kind: ProbeKind,
  at: z.number(),
  status: z.enum(['ok', 'degraded', 'down']),
  value: z.number().nullable(),
  fault: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  durationMs: z.number(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

export const CameraStateAt = z.object({
  cameraId: z.number().int(),
  at: z.number(),
  status: HealthStatus,
  reasons: z.array(z.string()),
  clockDriftS: z.number().nullable(),
  fps: z.number().nullable(),
  lastProbeAt: z.number().nullable(),
  stale: z.boolean(),
  evidenceUsable: z.boolean(),
});
export type CameraStateAt = z.infer<typeof CameraStateAt>;

export const HealthIncident = z.object({
  start: z.number(),
  end: z.number().nullable(),
  status: HealthStatus,
  reasons: z.array(z.string()),
});
export type HealthIncident = z.infer<typeof HealthIncident>;

export const StatusChange = z.object({ id: z.number(), cameraId: z.number(), at: z.number(), status: HealthStatus, reasons: z.array(z.string()) });

export const DefectPhoto = z.object({
  id: z.number().int(), defectId: z.number().int(), sha256: z.string(), mime: z.string(), bytes: z.number(),
  name: z.string().nullable(), addedBy: z.string(), addedAt: z.number(),
});
export const DefectNote = z.object({ id: z.number().int(), defectId: z.number().int(), at: z.number(), author: z.string(), text: z.string() });

export const Defect = z.object({
  id: z.number().int(),
  scope: z.enum(['camera', 'location']),
  cameraId: z.number().int().nullable(),
  siteCode: z.string().nullable(),
  location: z.string().nullable(),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  origin: z.enum(['auto', 'manual']),
  fault: z.string().nullable(),
  blocking: z.boolean(),
  supplier: z.string().nullable(),
  supplierRef: z.string().nullable(),
  reportedAt: z.number(),
  acknowledgedAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
  outageStart: z.number().nullable(),
  outageEnd: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Defect = z.infer<typeof Defect>;
export const DefectDetails = Defect.extend({ notes: z.array(DefectNote), photos: z.array(DefectPhoto) });
export type DefectDetails = z.infer<typeof DefectDetails>;

/** Camera faults and on-street sign / road-marking faults an officer can report by hand. */
export const DEFECT_CATEGORIES = ['camera-fault', 'camera-view', 'camera-clock', 'sign-missing', 'sign-damaged', 'sign-obscured', 'road-marking-worn', 'road-marking-missing', 'other'] as const;

const Text = (max: number) => z.string().trim().max(max);
const Millis = z.number().int().min(0).max(8_640_000_000_000);

export const NewDefect = z
  .object({
    scope: z.enum(['camera', 'location']),
    cameraId: z.number().int().positive().nullable().default(null),
    siteCode: Text(64).nullable().default(null),
    location: Text(200).nullable().default(null),
    category: z.enum(DEFECT_CATEGORIES),
    title: Text(200).min(1, 'title is required'),
    description: Text(4000).default(''),
    blocking: z.boolean().default(false),
    supplier: Text(120).nullable().default(null),
    supplierRef: Text(120).nullable().default(null),
    reportedAt: Millis.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.scope === 'camera' && d.cameraId === null) ctx.addIssue({ code: 'custom', path: ['cameraId'], message: 'a camera defect names its camera' });
    if (d.scope === 'location' && !d.location) ctx.addIssue({ code: 'custom', path: ['location'], message: 'a location defect describes where it is' });
  });
export type NewDefectBody = z.input<typeof NewDefect>;

export const DefectPatch = z
  .object({
    title: Text(200).min(1),
    description: Text(4000),
    category: z.enum(DEFECT_CATEGORIES),
    blocking: z.boolean(),
    supplier: Text(120).nullable(),
    supplierRef: Text(120).nullable(),
    location: Text(200).nullable(),
    siteCode: Text(64).nullable(),
    acknowledgedAt: Millis.nullable(),
    resolvedAt: Millis.nullable(),
  })
  .partial()
  .strict();

export const PhotoUpload = z.object({
  mime: z.enum(['image/jpeg', 'image/png']),
  name: Text(200).nullable().default(null),
  /** Base64 bytes; the JSON body limit (1 MiB) keeps a photo under about 750 KB. */
  dataBase64: z.string().min(8).max(1_000_000).regex(/^[A-Za-z0-9+/]+=*$/, 'dataBase64 must be base64'),
});

export const ReportQuery = z
  .object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().positive() })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] });

export const OpenDefectAge = z.object({ defectId: z.number(), title: z.string(), ageHours: z.number(), blocking: z.boolean() });
export const ReportRow = z.object({
  cameraId: z.number(), name: z.string(), availabilityPct: z.number().nullable(), measuredHours: z.number(), downMinutes: z.number(),
  outages: z.number(), outageMinutes: z.number(), mttrHours: z.number().nullable(), repaired: z.number(),
  openDefects: z.array(OpenDefectAge), enforcementHoursLost: z.number(), eventsHeld: z.number(),
});
export const DefectReport = z.object({
  from: z.number(),
  to: z.number(),
  council: z.string(),
  rows: z.array(ReportRow),
  totals: z.object({
    cameras: z.number(), availabilityPct: z.number().nullable(), outages: z.number(), outageMinutes: z.number(),
    mttrHours: z.number().nullable(), openDefects: z.number(), enforcementHoursLost: z.number(), eventsHeld: z.number(),
  }),
  locationDefects: z.array(Defect),
});
export type DefectReport = z.infer<typeof DefectReport>;

const CameraParams = z.object({ id: z.coerce.number().int().positive() });
const Range = z.object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().positive() });

export const healthRoutes = {
  healthCameras: route({
    method: 'GET', path: '/api/health/cameras', access: anyRole, summary: 'Every camera with its health status and reasons',
    reply: z.object({ cameras: z.array(CameraHealth), storage: ProbeResult.omit({ id: true }).nullable(), periodMs: z.number() }),
  }),
  healthCameraProbes: route({
    method: 'GET', path: '/api/health/cameras/:id/probes', access: anyRole, summary: 'The health log of one camera',
    params: CameraParams, query: Range.extend({ kind: ProbeKind.optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) }),
    reply: z.object({ probes: z.array(ProbeResult), history: z.array(StatusChange) }),
  }),
  healthStateAt: route({
    method: 'GET', path: '/api/health/cameras/:id/state', access: anyRole, summary: "A camera's state at a time (PCN preconditions)",
    params: CameraParams, query: z.object({ at: z.coerce.number().int().min(0) }), reply: CameraStateAt,
  }),
  healthIncidents: route({
    method: 'GET', path: '/api/health/cameras/:id/incidents', access: anyRole, summary: 'Health incidents for the player timeline',
    params: CameraParams, query: Range, reply: z.object({ incidents: z.array(HealthIncident) }),
  }),
  healthProbeNow: route({
    method: 'POST', path: '/api/health/cameras/:id/probe', access: anyRole, summary: 'Run every probe of one camera now',
    params: CameraParams, reply: CameraHealth,
  }),
  healthApproveReference: route({
    method: 'POST', path: '/api/health/cameras/:id/reference', access: anyRole, summary: "Approve the camera's current view as its reference",
    params: CameraParams, reply: z.object({ width: z.number(), height: z.number(), sharpness: z.number(), approvedAt: z.number() }),
  }),
  defectsList: route({
    method: 'GET', path: '/api/health/defects', access: anyRole, summary: 'Defects, filtered',
    query: z.object({
      state: z.enum(['open', 'resolved', 'all']).default('open'),
      cameraId: z.coerce.number().int().positive().optional(),
      scope: z.enum(['camera', 'location']).optional(),
      origin: z.enum(['auto', 'manual']).optional(),
    }),
    reply: z.object({ defects: z.array(Defect) }),
  }),
  defectGet: route({ method: 'GET', path: '/api/health/defects/:id', access: anyRole, summary: 'One defect with notes and photos', params: IdParams, reply: DefectDetails }),
  defectCreate: route({ method: 'POST', path: '/api/health/defects', access: anyRole, summary: 'Report a camera or sign/line defect', body: NewDefect, reply: DefectDetails }),
  defectUpdate: route({
    method: 'PATCH', path: '/api/health/defects/:id', access: anyRole, summary: 'Supplier, ticket, acknowledged/resolved times, blocking',
    params: IdParams, body: DefectPatch, reply: DefectDetails,
  }),
  defectAddNote: route({
    method: 'POST', path: '/api/health/defects/:id/notes', access: anyRole, summary: 'Add a note to a defect',
    params: IdParams, body: z.object({ text: Text(4000).min(1, 'note is empty') }), reply: DefectDetails,
  }),
  defectAddPhoto: route({
    method: 'POST', path: '/api/health/defects/:id/photos', access: anyRole, summary: 'Attach a photo (JPEG or PNG, base64)',
    params: IdParams, body: PhotoUpload, reply: DefectDetails,
  }),
  defectReport: route({
    method: 'GET', path: '/api/health/report', access: supervisorUp, summary: 'Supervisor defect report for a period',
    query: ReportQuery, reply: DefectReport,
  }),
} as const;
