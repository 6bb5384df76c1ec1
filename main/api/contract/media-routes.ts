/**
 * Routes of the media feature: recorder status, the segment index and its
 * gaps (the timeline), frame-accurate time mapping, evidence locks,
 * retention, and clip/still exports.
 *
 * Video itself does not go through this JSON contract: hls.js fetches it from
 * raw routes (see `mediaRawPaths` below), authenticated with the same bearer
 * token as a header (hls.js `xhrSetup`) or as `?access_token=` (a <video>
 * element or a playlist's segment URIs cannot set headers).
 *
 * Times on the wire are UTC epoch milliseconds, like everything the store
 * holds; queries also accept ISO-8601 strings so a URL can be written by hand.
 */
import { z } from 'zod';
import { route, anyRole, supervisorUp, adminOnly } from './route.js';

/** Epoch ms, or an ISO-8601 date-time with a zone ("2025-01-06T08:00:00Z"). */
export const TimeInput = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .trim()
    .min(1)
    .transform((s, ctx) => {
      const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not a date-time (use ISO-8601 with a zone, or epoch ms)` });
        return z.NEVER;
      }
      return n;
    }),
]);

const CameraIdParams = z.object({ cameraId: z.coerce.number().int().positive() });

/** Why the recording has a hole. Stored with every gap; shown on the timeline. */
export const gapCauses = [
  'connection-refused',
  'timeout',
  'stream-ended',
  'auth-failed',
  'invalid-data',
  'not-found',
  'unavailable',
  'disk-full',
  'recorder-stopped',
  'camera-retired',
  'file-missing',
  'deleted-by-retention',
  'unknown',
] as const;
export const GapCause = z.enum(gapCauses);
export type GapCause = z.infer<typeof GapCause>;

export const recorderStates = ['starting', 'recording', 'reconnecting', 'stopped', 'failed', 'not-configured'] as const;
export const RecorderState = z.enum(recorderStates);
export type RecorderState = z.infer<typeof RecorderState>;

export const Segment = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  /** Workstation wall-clock UTC of the first frame (see main/media/segment-timing.ts for accuracy). */
  startMs: z.number(),
  endMs: z.number(),
  durationMs: z.number(),
  frameCount: z.number().int().nullable(),
  bytes: z.number().int(),
  sha256: z.string().nullable(),
  /** Camera clock minus workstation clock (ms) when this segment was recorded; null when never read. */
  cameraOffsetMs: z.number().nullable(),
  state: z.enum(['complete', 'missing', 'deleted']),
});
export type Segment = z.infer<typeof Segment>;

export const Gap = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  startMs: z.number(),
  /** null while the gap is still open (the camera is down now). */
  endMs: z.number().nullable(),
  cause: GapCause,
  detail: z.string().nullable(),
});
export type Gap = z.infer<typeof Gap>;

export const RecorderStatus = z.object({
  cameraId: z.number().int(),
  state: RecorderState,
  since: z.number(),
  lastSegmentEndMs: z.number().nullable(),
  currentGap: Gap.nullable(),
  restarts: z.number().int(),
  /** Last error in words (never containing the camera's credentials). */
  message: z.string().nullable(),
  /** Path of this camera's live HLS playlist (raw route). */
  livePlaylist: z.string(),
});
export type RecorderStatus = z.infer<typeof RecorderStatus>;

export const TimelineBucket = z.object({
  startMs: z.number(),
  endMs: z.number(),
  recordedMs: z.number(),
  gapMs: z.number(),
  missingMs: z.number(),
});
export type TimelineBucket = z.infer<typeof TimelineBucket>;

/** Marks other features put on the timeline (ANPR reads, events, health incidents). Empty until they land. */
export const TimelineMark = z.object({
  kind: z.enum(['anpr-read', 'event', 'health-incident']),
  atMs: z.number(),
  endMs: z.number().nullable(),
  label: z.string(),
  ref: z.string(),
});
export type TimelineMark = z.infer<typeof TimelineMark>;

/** Zoom: a range from one minute to seven days. */
export const MAX_TIMELINE_RANGE_MS = 7 * 24 * 3600 * 1000;

export const TimelineQuery = z.object({
  cameraId: z.coerce.number().int().positive(),
  from: TimeInput,
  to: TimeInput,
  /** Buckets across the range (the width of the UI's track in pixels, say). */
  buckets: z.coerce.number().int().min(1).max(2000).default(200),
});

export const Timeline = z.object({
  cameraId: z.number().int(),
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  buckets: z.array(TimelineBucket),
  /** Individual segments and gaps, when there are at most `limit` (zoomed in); else truncated = true. */
  segments: z.array(Segment),
  gaps: z.array(Gap),
  truncated: z.boolean(),
  marks: z.array(TimelineMark),
});
export type Timeline = z.infer<typeof Timeline>;

export const FrameAt = z.object({
  cameraId: z.number().int(),
  segmentId: z.number().int(),
  /** 0-based index of the frame in its segment, and in the camera's day-long count is not kept: the UI shows segment + index. */
  frameIndex: z.number().int(),
  frameCount: z.number().int(),
  /** Workstation UTC of this frame. */
  frameMs: z.number(),
  /** The camera's own clock at this frame (workstation time + recorded offset); null when unknown. */
  cameraMs: z.number().nullable(),
  /** Offset of the frame in the segment's media timeline, seconds. */
  mediaTimeS: z.number(),
  /** Workstation UTC of the previous and next frame, for ←/→ steps (null at the ends of the recording). */
  previousFrameMs: z.number().nullable(),
  nextFrameMs: z.number().nullable(),
  keyframe: z.boolean(),
  fps: z.number().nullable(),
});
export type FrameAt = z.infer<typeof FrameAt>;

export const EvidenceLock = z.object({
  id: z.number().int(),
  cameraId: z.number().int(),
  fromMs: z.number(),
  toMs: z.number(),
  reason: z.string(),
  caseReference: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  releasedAt: z.number().nullable(),
  releasedBy: z.string().nullable(),
});
export type EvidenceLock = z.infer<typeof EvidenceLock>;

export const NewEvidenceLock = z
  .object({
    cameraId: z.number().int().positive(),
    from: TimeInput,
    to: TimeInput,
    reason: z.string().trim().min(3, 'give a reason (a case, a disclosure request)').max(500),
    caseReference: z.string().trim().max(64).nullable().default(null),
  })
  .refine((v) => v.to > v.from, { message: 'to must be after from', path: ['to'] });

export const Deletion = z.object({
  id: z.number().int(),
  segmentId: z.number().int(),
  cameraId: z.number().int(),
  startMs: z.number(),
  endMs: z.number(),
  bytes: z.number().int(),
  sha256: z.string().nullable(),
  reason: z.enum(['retention', 'low-disk', 'file-missing']),
  deletedAt: z.number(),
});
export type Deletion = z.infer<typeof Deletion>;

export const SweepResult = z.object({
  deleted: z.number().int(),
  freedBytes: z.number().int(),
  keptByLock: z.number().int(),
  lowDisk: z.boolean(),
  freeBytes: z.number().nullable(),
  errors: z.array(z.string()),
});
export type SweepResult = z.infer<typeof SweepResult>;

export const StorageStatus = z.object({
  recordingsDir: z.string(),
  freeBytes: z.number().nullable(),
  totalBytes: z.number().nullable(),
  minFreeBytes: z.number(),
  recordedBytes: z.number(),
  segments: z.number().int(),
  lastSweepAt: z.number().nullable(),
});
export type StorageStatus = z.infer<typeof StorageStatus>;

export const exportKinds = ['original', 'presentation', 'still'] as const;
export const ExportFile = z.object({
  kind: z.enum(exportKinds),
  name: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** Raw route to download it (authenticated, audited). */
  url: z.string(),
});
export type ExportFile = z.infer<typeof ExportFile>;

export const ExportJob = z.object({
  id: z.string(),
  cameraId: z.number().int(),
  fromMs: z.number(),
  toMs: z.number(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  fraction: z.number(),
  files: z.array(ExportFile),
  lockId: z.number().int().nullable(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  /** The original clip starts at the keyframe at or before `from`: its actual start. */
  originalStartMs: z.number().nullable(),
});
export type ExportJob = z.infer<typeof ExportJob>;

export const NewExport = z
  .object({
    cameraId: z.number().int().positive(),
    /** The in and out marks. */
    from: TimeInput,
    to: TimeInput,
    original: z.boolean().default(true),
    presentation: z.boolean().default(false),
    /** Frame times (the frame shown at each) to save as PNG stills. */
    stills: z.array(TimeInput).max(50).default([]),
    reason: z.string().trim().min(3, 'give a reason for the export').max(500),
    caseReference: z.string().trim().max(64).nullable().default(null),
  })
  .refine((v) => v.to > v.from, { message: 'the out mark must be after the in mark', path: ['to'] })
  .refine((v) => v.to - v.from <= 3600_000, { message: 'export at most one hour at a time', path: ['to'] })
  .refine((v) => v.original || v.presentation || v.stills.length > 0, { message: 'choose at least one of original, presentation or stills', path: ['original'] });

/** Raw (non-JSON) paths hls.js and downloads use. `:cameraId` etc. are filled in by the client. */
export const mediaRawPaths = {
  /** Live HLS (fMP4, one fragment per keyframe interval of the file being recorded, #EXT-X-PROGRAM-DATE-TIME for the delay readout). */
  live: '/media/live/:cameraId/index.m3u8',
  /** VOD HLS for any range: `?from=ISO|ms&to=ISO|ms`. Gaps: #EXT-X-DISCONTINUITY + #EXT-X-DATERANGE CLASS="gap". */
  playback: '/media/playback/:cameraId.m3u8',
  segment: '/media/segments/:segmentId.mp4',
  exportFile: '/media/exports/:jobId/:name',
} as const;

export const mediaRoutes = {
  listRecorders: route({
    method: 'GET',
    path: '/api/media/recorders',
    access: anyRole,
    summary: 'Recorder state of every camera',
    reply: z.array(RecorderStatus),
  }),
  getRecorder: route({
    method: 'GET',
    path: '/api/media/recorders/:cameraId',
    access: anyRole,
    summary: 'Recorder state of one camera',
    params: CameraIdParams,
    reply: RecorderStatus,
  }),
  getTimeline: route({
    method: 'GET',
    path: '/api/media/timeline',
    access: anyRole,
    summary: 'Recordings, gaps and marks of one camera over a range (1 min to 7 days), in buckets',
    query: TimelineQuery,
    reply: Timeline,
  }),
  getFrameAt: route({
    method: 'GET',
    path: '/api/media/frame',
    access: anyRole,
    summary: 'The frame shown at a wall time: segment, frame number, camera timestamp, neighbours',
    query: z.object({ cameraId: z.coerce.number().int().positive(), at: TimeInput }),
    reply: FrameAt,
  }),
  listLocks: route({
    method: 'GET',
    path: '/api/media/locks',
    access: anyRole,
    summary: 'Evidence locks (footage never deleted), optionally for one camera',
    query: z.object({ cameraId: z.coerce.number().int().positive().optional(), includeReleased: z.enum(['true', 'false']).default('false') }),
    reply: z.array(EvidenceLock),
  }),
  createLock: route({
    method: 'POST',
    path: '/api/media/locks',
    access: anyRole,
    summary: 'Lock footage against deletion (a case, a disclosure request)',
    body: NewEvidenceLock,
    reply: EvidenceLock,
  }),
  releaseLock: route({
    method: 'POST',
    path: '/api/media/locks/:id/release',
    access: supervisorUp,
    summary: 'Release an evidence lock (the footage then ages out normally)',
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: z.object({ reason: z.string().trim().min(3).max(500) }),
    reply: EvidenceLock,
  }),
  runRetentionSweep: route({
    method: 'POST',
    path: '/api/media/retention/sweep',
    access: adminOnly,
    summary: 'Run the retention sweep now (it also runs hourly)',
    body: z.object({}).strict().optional(),
    reply: SweepResult,
  }),
  listDeletions: route({
    method: 'GET',
    path: '/api/media/deletions',
    access: supervisorUp,
    summary: 'Footage deleted by retention or the low-disk guard',
    query: z.object({ cameraId: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    reply: z.array(Deletion),
  }),
  getStorage: route({
    method: 'GET',
    path: '/api/media/storage',
    access: supervisorUp,
    summary: 'Disk space for recordings and the low-disk threshold',
    reply: StorageStatus,
  }),
  createExport: route({
    method: 'POST',
    path: '/api/media/exports',
    access: anyRole,
    summary: 'Export a clip (original and/or presentation) and stills; progress on the WebSocket (export-progress)',
    body: NewExport,
    reply: ExportJob,
  }),
  getExport: route({
    method: 'GET',
    path: '/api/media/exports/:jobId',
    access: anyRole,
    summary: 'An export job: state, progress, files with SHA-256',
    params: z.object({ jobId: z.string().regex(/^[a-z0-9-]{6,64}$/, 'not an export job id') }),
    reply: ExportJob,
  }),
  listExports: route({
    method: 'GET',
    path: '/api/media/exports',
    access: anyRole,
    summary: 'Recent export jobs (since the core started)',
    reply: z.array(ExportJob),
  }),
} as const;
