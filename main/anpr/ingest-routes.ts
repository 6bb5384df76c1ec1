/**
 * The camera-facing ingest endpoints (raw fastify routes: multipart, XML and
 * CSV bodies, per-camera keys instead of user sessions).
 *
 *   POST /ingest/anpr/json                 application/json, one read or an array
 *   POST /ingest/anpr/hikvision[/:camera]  Hikvision ISAPI: multipart (anpr.xml + JPEGs) or bare XML
 *   POST /ingest/anpr/csv[/:camera]        text/csv batch (camera_id,plate,timestamp,confidence,direction)
 *
 * Authentication, per camera (the key is the camera's ANPR key, checked by
 * the cameras feature in constant time):
 *   - `Authorization: Bearer <key>` with the camera named in the path, an
 *     `X-Camera-Id` header, or the body (JSON `cameraId`, CSV `camera_id`);
 *   - HTTP Basic with the camera id as user and the key as password (what a
 *     Hikvision HTTP-host upload can be set to send);
 *   - `?key=<key>` on `/ingest/anpr/hikvision/<camera>` for devices that
 *     cannot add headers at all.
 * A CSV batch may instead be uploaded by a signed-in supervisor or
 * administrator (their session token, no camera named): rows for any camera.
 *
 * The reply (201 stored, 200 all repeats) comes only after the SQLite commit.
 * Refusals: 400 malformed, 401 unknown camera or wrong key, 413 too large,
 * 415 wrong content type, 422 a read that cannot be stored (bad plate, time
 * too far ahead or too old), 429 too many requests. Every refusal is logged.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { ApiFailure } from '../api/api-failure.js';
import type { RawRoutes } from '../api/server.js';
import { supervisorUp } from '../api/contract/route.js';
import type { Logger } from '../log/logger.js';
import type { ParseResult, ReadError } from './anpr-read.js';
import type { CameraDirectory } from './camera-directory.js';
import type { IngestResult, IngestService, ReadForCamera } from './ingest-service.js';
import { parseCsvReads } from './parse-csv-reads.js';
import { isAlertPart, parseHikvisionAlert, type UploadedPart } from './parse-hikvision.js';
import { parseJsonReads } from './parse-json-read.js';
import { RateLimiter } from './rate-limiter.js';
import { MAX_XML_BYTES } from './safe-xml.js';

export interface IngestLimits {
  jsonBodyBytes: number;
  csvBodyBytes: number;
  imageBytes: number;
  /** Requests per second per camera, sustained, and the burst allowed. */
  perCameraRatePerS: number;
  perCameraBurst: number;
  /** Failed authentications per minute per address before 429. */
  authFailuresPerMin: number;
}

export const defaultIngestLimits: IngestLimits = {
  jsonBodyBytes: 4 * 1024 * 1024,
  csvBodyBytes: 8 * 1024 * 1024,
  imageBytes: 2 * 1024 * 1024,
  perCameraRatePerS: 50,
  perCameraBurst: 200,
  authFailuresPerMin: 20,
};

interface Deps {
  ingest: IngestService;
  cameras: CameraDirectory;
  log: Logger;
  limits: IngestLimits;
}

type Who = { kind: 'camera'; cameraId: number; ref: string } | { kind: 'user'; username: string };

function basicAuth(req: FastifyRequest): { user: string; password: string } | null {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return null;
  const text = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? null : { user: text.slice(0, i), password: text.slice(i + 1) };
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || null : null;
}

function headerCamera(req: FastifyRequest): string | null {
  const h = req.headers['x-camera-id'];
  return typeof h === 'string' && h.trim() ? h.trim() : null;
}

export function ingestRoutes(deps: Deps): RawRoutes {
  const { limits, log } = deps;
  const perCamera = new RateLimiter(limits.perCameraRatePerS, limits.perCameraBurst);
  const authFailures = new RateLimiter(limits.authFailuresPerMin / 60, limits.authFailuresPerMin);

  const refuse = (req: FastifyRequest, status: number, code: string, message: string, details?: unknown): never => {
    log.warn({ url: req.url.split('?')[0], ip: req.ip, status, code, reason: message }, 'anpr ingest refused');
    throw new ApiFailure(status, code, message, details);
  };

  /** Who is sending: a camera proven by its key, or (CSV only) a signed-in supervisor. */
  const identify = (req: FastifyRequest, reply: FastifyReply, bodyCamera: string | null, authenticate: Parameters<RawRoutes>[1], allowUser: boolean): Who => {
    if (!authFailures.peek(req.ip)) {
      reply.header('Retry-After', '60');
      refuse(req, 429, 'too-many-failures', 'too many failed attempts from this address; wait a minute');
    }
    const basic = basicAuth(req);
    const q = (req.query as Record<string, unknown> | undefined)?.key;
    const key = bearer(req) ?? basic?.password ?? (typeof q === 'string' ? q : null);
    const params = req.params as { camera?: string };
    const ref = params.camera ?? headerCamera(req) ?? basic?.user ?? bodyCamera;
    const fail = (message: string): never => {
      if (!authFailures.take(req.ip)) {
        reply.header('Retry-After', '60');
        refuse(req, 429, 'too-many-failures', 'too many failed attempts from this address; wait a minute');
      }
      return refuse(req, 401, 'camera-unauthorised', message);
    };
    if (!ref && allowUser && bearer(req)) {
      try {
        const user = authenticate(req, supervisorUp);
        return { kind: 'user', username: user!.username };
      } catch (e) {
        if (!(e instanceof ApiFailure) || e.status !== 401) throw e;
        // Not a session token: treat it as a camera key with no camera named.
      }
    }
    if (!key) return fail('no camera key: send Authorization: Bearer <key> (or Basic camera:key, or ?key=)');
    if (!ref) return fail('which camera? name it in the path, an X-Camera-Id header, the body, or as the Basic auth user');
    const cameraId = deps.cameras.resolve(ref);
    if (cameraId === undefined) return fail(`unknown camera ${JSON.stringify(ref.slice(0, 64))}, or the key is wrong`);
    if (!deps.cameras.verifyKey(cameraId, key)) return fail(`unknown camera ${JSON.stringify(ref.slice(0, 64))}, or the key is wrong`);
    if (!perCamera.take(String(cameraId))) {
      reply.header('Retry-After', String(perCamera.retryAfterS()));
      refuse(req, 429, 'rate-limited', `camera ${ref} is sending faster than ${limits.perCameraRatePerS} requests a second`);
    }
    return { kind: 'camera', cameraId, ref };
  };

  /** Reads named for another camera than the one whose key was shown are refused: a key speaks for one camera only. */
  const assign = (req: FastifyRequest, who: Who, parsed: ParseResult): { reads: ReadForCamera[]; errors: ReadError[] } => {
    const reads: ReadForCamera[] = [];
    const errors = [...parsed.errors];
    for (const read of parsed.reads) {
      if (who.kind === 'camera') {
        if (read.camera !== null && deps.cameras.resolve(read.camera) !== who.cameraId) {
          errors.push({ location: read.location, field: 'camera', message: `this read names camera ${read.camera}, but the key is camera ${who.ref}'s` });
          continue;
        }
        reads.push({ read, cameraId: who.cameraId });
      } else {
        const id = read.camera === null ? undefined : deps.cameras.resolve(read.camera);
        if (id === undefined) errors.push({ location: read.location, field: 'camera_id', message: `unknown camera ${read.camera ?? '(none)'}` });
        else reads.push({ read, cameraId: id });
      }
    }
    void req;
    return { reads, errors };
  };

  const answer = async (req: FastifyRequest, reply: FastifyReply, who: Who, parsed: ParseResult) => {
    const { reads, errors } = assign(req, who, parsed);
    if (!reads.length) {
      const all = errors.map((e) => `${e.location}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
      refuse(req, 422, 'invalid-read', all.slice(0, 5).join('; ') || 'no reads in the request', { errors });
    }
    const result: IngestResult = await deps.ingest.ingest(reads);
    const rejected = [...errors, ...result.rejected];
    if (!result.stored.length) {
      const first = result.rejected[0];
      refuse(req, first?.status ?? 422, 'time-out-of-range', rejected.map((e) => `${e.location}: ${e.message}`).slice(0, 5).join('; '), { errors: rejected });
    }
    if (rejected.length) log.warn({ ip: req.ip, rejected: rejected.slice(0, 20) }, 'anpr ingest: some reads refused');
    const fresh = result.stored.filter((s) => !s.duplicate).length;
    const single = result.stored.length === 1 && rejected.length === 0;
    return reply.status(fresh ? 201 : 200).send({
      stored: fresh,
      duplicates: result.stored.length - fresh,
      ...(single ? { duplicate: result.stored[0]!.duplicate, readId: result.stored[0]!.readId } : {}),
      reads: result.stored.map((s) => ({ location: s.location, readId: s.readId, duplicate: s.duplicate, eventId: s.eventId })),
      rejected,
    });
  };

  return (app: FastifyInstance, authenticate) => {
    void app.register(async (scope) => {
      // Bodies these routes accept besides JSON; XML is capped small (an alert is ~2 KB).
      scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit: MAX_XML_BYTES }, (_req, body, done) => done(null, body));
      scope.addContentTypeParser(['text/csv', 'text/plain', 'application/csv'], { parseAs: 'string', bodyLimit: limits.csvBodyBytes }, (_req, body, done) => done(null, body));
      await scope.register(fastifyMultipart, {
        limits: { fileSize: limits.imageBytes, files: 6, parts: 10, fields: 4, fieldSize: MAX_XML_BYTES, headerPairs: 50 },
      });

      scope.post('/ingest/anpr/json', { bodyLimit: limits.jsonBodyBytes }, async (req, reply) => {
        if (!/json/i.test(req.headers['content-type'] ?? '')) refuse(req, 415, 'unsupported-media-type', 'send Content-Type: application/json');
        const body = req.body as unknown;
        const first = Array.isArray(body) ? body[0] : body;
        const c = typeof first === 'object' && first !== null ? ((first as Record<string, unknown>).cameraId ?? (first as Record<string, unknown>).camera) : undefined;
        const who = identify(req, reply, typeof c === 'string' || typeof c === 'number' ? String(c) : null, authenticate, false);
        return answer(req, reply, who, parseJsonReads(body));
      });

      const hikvision = async (req: FastifyRequest, reply: FastifyReply) => {
        const who = identify(req, reply, null, authenticate, false);
        let parsed;
        if (req.isMultipart()) {
          const parts: (UploadedPart & { contentType: string })[] = [];
          try {
            for await (const part of req.parts()) {
              if (part.type === 'file') parts.push({ name: part.filename || part.fieldname, contentType: part.mimetype, data: await part.toBuffer() });
              else parts.push({ name: part.fieldname, contentType: 'text/xml', data: Buffer.from(String(part.value)) });
            }
          } catch (e) {
            const err = e as { statusCode?: number; message?: string };
            refuse(req, err.statusCode === 413 ? 413 : 400, err.statusCode === 413 ? 'too-large' : 'invalid-multipart', `multipart upload refused: ${err.message ?? String(e)}`);
          }
          const alert = parts.find((p) => isAlertPart(p.name, p.contentType));
          if (!alert) refuse(req, 400, 'invalid-multipart', 'no XML part (anpr.xml) in the upload');
          parsed = parseHikvisionAlert(alert!.data, parts.filter((p) => p !== alert), `part ${alert!.name}`);
        } else if (Buffer.isBuffer(req.body)) {
          parsed = parseHikvisionAlert(req.body);
        } else {
          return refuse(req, 415, 'unsupported-media-type', 'send multipart/form-data (anpr.xml + pictures) or application/xml');
        }
        if (parsed.ignored) return reply.status(200).send({ stored: 0, duplicates: 0, ignored: parsed.ignored, reads: [], rejected: [] });
        if (!parsed.reads.length && parsed.errors.some((e) => e.field === null)) {
          refuse(req, 400, 'invalid-xml', parsed.errors.map((e) => `${e.location}: ${e.message}`).join('; '), { errors: parsed.errors });
        }
        return answer(req, reply, who, parsed);
      };
      scope.post('/ingest/anpr/hikvision', hikvision);
      scope.post('/ingest/anpr/hikvision/:camera', hikvision);

      const csv = async (req: FastifyRequest, reply: FastifyReply) => {
        if (typeof req.body !== 'string') refuse(req, 415, 'unsupported-media-type', 'send Content-Type: text/csv');
        const parsed = parseCsvReads(req.body as string);
        const cams = new Set(parsed.reads.map((r) => r.camera));
        const who = identify(req, reply, cams.size === 1 ? [...cams][0]! : null, authenticate, true);
        return answer(req, reply, who, parsed);
      };
      scope.post('/ingest/anpr/csv', { bodyLimit: limits.csvBodyBytes }, csv);
      scope.post('/ingest/anpr/csv/:camera', { bodyLimit: limits.csvBodyBytes }, csv);
    });
  };
}
