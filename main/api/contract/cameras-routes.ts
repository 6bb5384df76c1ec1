/**
 * Routes of the cameras feature: ONVIF discovery and probing, the camera
 * register (add, edit, retire), approved-device certificates (SI 2022/71
 * Sch. 1) and per-camera ANPR ingest keys. No reply ever carries a camera
 * password; an ANPR key is returned once, when it is made.
 * The snapshot JPEG is a raw route (GET /api/cameras/:id/snapshot), not JSON.
 */
import { z } from 'zod';
import { route, anyRole, supervisorUp, IdParams } from './route.js';

export const cameraErrorKinds = ['unreachable', 'bad-credentials', 'not-onvif', 'timeout', 'garbage'] as const;

const trimmed = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => trimmed(max).nullable().optional().transform((v) => (v === '' ? null : v));
const Host = z
  .string()
  .trim()
  .min(1, 'host is required')
  .max(253)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)$/, 'host must be a name or an IP address, without http:// or a path');
const Port = z.coerce.number().int().min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535');
const Username = z.string().max(128);
const Password = z.string().max(256);

export const CameraDeviceInfo = z.object({
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  serial: z.string().nullable(),
});
export type CameraDeviceInfo = z.infer<typeof CameraDeviceInfo>;

export const CameraCertificate = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  certificateNumber: z.string(),
  issuer: z.string(),
  typeApprovalRef: z.string().nullable(),
  validFrom: z.number(),
  validTo: z.number(),
  createdAt: z.number(),
  createdBy: z.string(),
});
export type CameraCertificate = z.infer<typeof CameraCertificate>;

export const CameraSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  locationDescription: z.string(),
  siteCode: z.string().nullable(),
  enforcementSiteName: z.string().nullable(),
  status: z.enum(['active', 'retired']),
  model: z.string().nullable(),
  retentionDays: z.number().int(),
  certificate: CameraCertificate.nullable(),
});
export type CameraSummary = z.infer<typeof CameraSummary>;

export const CameraDetails = CameraSummary.extend({
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  onvifHost: z.string().nullable(),
  onvifPort: z.number().int().nullable(),
  rtspMainUri: z.string().nullable(),
  rtspSubUri: z.string().nullable(),
  profileToken: z.string().nullable(),
  stream: z.enum(['main', 'sub']),
  transport: z.enum(['tcp', 'udp']),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  hasAnprKey: z.boolean(),
  device: CameraDeviceInfo,
  clockOffsetS: z.number().nullable(),
  clockCheckedAt: z.number().nullable(),
  retiredAt: z.number().nullable(),
  retiredReason: z.string().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
  updatedBy: z.string(),
  certificates: z.array(CameraCertificate),
});
export type CameraDetails = z.infer<typeof CameraDetails>;

export const DiscoveredCamera = z.object({
  endpoint: z.string(),
  xaddrs: z.array(z.string()),
  /** host and port of the first device-service address, to probe or add. */
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  name: z.string().nullable(),
  hardware: z.string().nullable(),
  location: z.string().nullable(),
  scopes: z.array(z.string()),
  /** Already in the register (same endpoint reference or address): its id. */
  cameraId: z.number().int().nullable(),
});
export type DiscoveredCamera = z.infer<typeof DiscoveredCamera>;

export const CameraProfile = z.object({
  token: z.string(),
  name: z.string(),
  encoding: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  fps: z.number().nullable(),
  /** Without credentials; null if the camera gave none or not an RTSP one. */
  rtspUri: z.string().nullable(),
  /** Below the 5 frames/s of SI 2022/71 Sch. 1 para. 2. */
  belowMinimumFps: z.boolean(),
});
export type CameraProfile = z.infer<typeof CameraProfile>;

export const CameraProbe = z.object({
  address: z.string(),
  device: CameraDeviceInfo,
  clock: z.object({ offsetS: z.number(), uncertaintyS: z.number(), at: z.number(), dateTimeType: z.string().nullable(), withinTolerance: z.boolean() }),
  profiles: z.array(CameraProfile),
});
export type CameraProbe = z.infer<typeof CameraProbe>;

const OnvifTarget = z.object({ host: Host, port: Port.default(80), username: Username.default(''), password: Password.default('') });

const CameraCommon = z.object({
  name: trimmed(120).min(1, 'a camera name is required'),
  locationDescription: trimmed(500).default(''),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  siteCode: optionalText(32),
  enforcementSiteName: optionalText(200),
  stream: z.enum(['main', 'sub']).default('main'),
  transport: z.enum(['tcp', 'udp']).default('tcp'),
  retentionDays: z.number().int().min(1, 'retention must be at least 1 day').max(3650).default(31),
});

export const NewCamera = z.discriminatedUnion('source', [
  CameraCommon.extend({
    source: z.literal('onvif'),
    onvif: OnvifTarget,
    /** Recording (main) profile; default the camera's first. */
    profileToken: z.string().max(64).optional(),
    /** Sub-stream profile; default the next one. */
    subProfileToken: z.string().max(64).optional(),
    /** From discovery, so the register recognises the camera at a new address. */
    endpoint: z.string().max(200).optional(),
  }),
  CameraCommon.extend({
    source: z.literal('rtsp'),
    rtspMainUri: z.string().max(2000),
    rtspSubUri: z.string().max(2000).nullable().optional(),
    username: Username.optional(),
    password: Password.optional(),
  }),
]);
export type NewCamera = z.input<typeof NewCamera>;

export const CameraPatch = z.object({
  name: trimmed(120).min(1, 'a camera name is required').optional(),
  locationDescription: trimmed(500).optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  siteCode: optionalText(32),
  enforcementSiteName: optionalText(200),
  stream: z.enum(['main', 'sub']).optional(),
  transport: z.enum(['tcp', 'udp']).optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  rtspMainUri: z.string().max(2000).optional(),
  rtspSubUri: z.string().max(2000).nullable().optional(),
  onvifHost: Host.optional(),
  onvifPort: Port.optional(),
  /** Re-reads the stream address of this profile from the camera. */
  profileToken: z.string().max(64).optional(),
  username: Username.optional(),
  /** A new password; omit to keep the stored one, '' to remove it. */
  password: Password.optional(),
});
export type CameraPatch = z.input<typeof CameraPatch>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD');

export const NewCameraCertificate = z.object({
  certificateNumber: trimmed(64).min(1, 'the certificate number is required'),
  issuer: trimmed(120).min(1, 'the issuer is required').default('Vehicle Certification Agency'),
  typeApprovalRef: optionalText(120),
  /** First day valid, UK calendar date. */
  validFrom: IsoDate,
  /** Last day valid (inclusive), UK calendar date. */
  validTo: IsoDate,
});
export type NewCameraCertificate = z.input<typeof NewCameraCertificate>;

export const camerasRoutes = {
  discoverCameras: route({
    method: 'POST',
    path: '/api/cameras/discover',
    access: supervisorUp,
    summary: 'Find ONVIF cameras (WS-Discovery multicast, and unicast to the given targets)',
    body: z.object({
      /** "host" or "host:port" (default port 3702). */
      targets: z.array(z.string().max(300)).max(64).default([]),
      multicast: z.boolean().default(true),
      timeoutMs: z.number().int().min(200).max(10_000).default(3000),
    }),
    reply: z.object({ devices: z.array(DiscoveredCamera), warnings: z.array(z.string()) }),
  }),
  probeCamera: route({
    method: 'POST',
    path: '/api/cameras/probe',
    access: supervisorUp,
    summary: 'Read an ONVIF camera (device, clock, profiles, stream addresses) without saving it',
    body: OnvifTarget,
    reply: CameraProbe,
  }),
  listCameras: route({
    method: 'GET',
    path: '/api/cameras',
    access: anyRole,
    summary: 'The camera register',
    query: z.object({ includeRetired: z.enum(['true', 'false']).optional() }),
    reply: z.array(CameraSummary),
  }),
  getCamera: route({ method: 'GET', path: '/api/cameras/:id', access: anyRole, summary: 'One camera with its certificates', params: IdParams, reply: CameraDetails }),
  addCamera: route({
    method: 'POST',
    path: '/api/cameras',
    access: supervisorUp,
    summary: 'Add a camera by ONVIF address or RTSP URL; returns its ANPR key once',
    body: NewCamera,
    reply: z.object({ camera: CameraDetails, anprKey: z.string() }),
  }),
  updateCamera: route({
    method: 'PATCH',
    path: '/api/cameras/:id',
    access: supervisorUp,
    summary: 'Change a camera’s details, stream or credentials',
    params: IdParams,
    body: CameraPatch,
    reply: CameraDetails,
  }),
  retireCamera: route({
    method: 'POST',
    path: '/api/cameras/:id/retire',
    access: supervisorUp,
    summary: 'Retire a camera: it stops recording; its footage and records stay',
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(3, 'say why the camera is retired').max(500) }),
    reply: CameraDetails,
  }),
  addCameraCertificate: route({
    method: 'POST',
    path: '/api/cameras/:id/certificates',
    access: supervisorUp,
    summary: 'Record an approved-device certificate (history is kept)',
    params: IdParams,
    body: NewCameraCertificate,
    reply: CameraDetails,
  }),
  rotateCameraAnprKey: route({
    method: 'POST',
    path: '/api/cameras/:id/anpr-key',
    access: supervisorUp,
    summary: 'Issue a new ANPR ingest key (the old one stops working); shown once',
    params: IdParams,
    reply: z.object({ anprKey: z.string() }),
  }),
  refreshCamera: route({
    method: 'POST',
    path: '/api/cameras/:id/refresh',
    access: anyRole,
    summary: 'Re-read device information and clock from the camera',
    params: IdParams,
    reply: CameraDetails,
  }),
} as const;
