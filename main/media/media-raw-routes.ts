import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawRoutes } from '../api/server.js';
import { ApiFailure } from '../api/api-failure.js';
import { TimeInput } from '../api/contract/media-routes.js';
import { anyRole } from '../api/contract/route.js';
import type { UserRow } from '../store/users-store.js';
import type { MediaFeatureParts } from './media-parts.js';
import { EXPORT_NAME_PATTERN } from './export-names.js';

/** A blocking playlist reload waits at most this long (three fragments of a 1 s GOP), then answers with what there is. */
const BLOCKING_RELOAD_MS = 3000;
/** Live view's files, all served from memory (live-feed.ts). */
const LIVE_FILE = /^(?:index\.m3u8|init-(\d{1,10})\.mp4|frag-(\d{1,15})\.m4s)$/;

function positiveInt(v: unknown, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new ApiFailure(400, 'invalid-request', `${what} must be a positive whole number`);
  return n;
}

function tokenOf(req: FastifyRequest): string {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  const q = (req.query as Record<string, unknown>).access_token;
  return typeof q === 'string' ? q : '';
}

/** `?access_token=…` to add to URIs inside a playlist when the playlist itself was fetched that way (a header carries over by itself). */
function tokenSuffix(req: FastifyRequest): string {
  const q = (req.query as Record<string, unknown>).access_token;
  return typeof q === 'string' && q ? `?access_token=${encodeURIComponent(q)}` : '';
}

/** Sends a file with single-range support (hls.js asks for EXT-X-BYTERANGE pieces). */
function sendFile(req: FastifyRequest, reply: FastifyReply, file: string, type: string): FastifyReply {
  const size = statSync(file).size;
  reply.header('Accept-Ranges', 'bytes').type(type);
  const range = req.headers.range;
  const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
  if (range && m && (m[1] !== '' || m[2] !== '')) {
    let start: number;
    let end: number;
    if (m[1] === '') {
      start = Math.max(0, size - Number(m[2]));
      end = size - 1;
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? size - 1 : Math.min(size - 1, Number(m[2]));
    }
    if (start > end || start >= size) {
      return reply.status(416).header('Content-Range', `bytes */${size}`).send();
    }
    reply.status(206).header('Content-Range', `bytes ${start}-${end}/${size}`).header('Content-Length', String(end - start + 1));
    return reply.send(createReadStream(file, { start, end }));
  }
  reply.header('Content-Length', String(size));
  return reply.send(createReadStream(file));
}

/**
 * Video over plain HTTP for hls.js and downloads: live HLS, playback
 * playlists generated from the index, the recorded segment files (byte
 * ranges), and export files. All need a signed-in user (bearer header, or
 * `?access_token=`), and views are audited (throttled, see view-audit.ts).
 */
export function mediaRawRoutes(parts: MediaFeatureParts): RawRoutes {
  return (app, authenticate) => {
    const auth = (req: FastifyRequest): UserRow => authenticate(req, anyRole)!;

    app.get('/media/live/:cameraId/:file', async (req, reply) => {
      const user = auth(req);
      const p = req.params as { cameraId: string; file: string };
      const cameraId = positiveInt(p.cameraId, 'camera id');
      const m = LIVE_FILE.exec(p.file);
      if (!m) throw new ApiFailure(404, 'not-found', 'no such live file');
      const rec = parts.recorders.recorder(cameraId);
      if (!rec) throw new ApiFailure(404, 'not-recording', `camera ${cameraId} is not being recorded, so it has no live view`);
      // Live files change every second and must never be served stale.
      reply.header('Cache-Control', 'no-store');
      // Any request keeps the camera's live view followed (it stops when nobody asks).
      rec.live.want();
      if (p.file === 'index.m3u8') {
        // Blocking reload (LL-HLS delivery directive): hold the request until fragment _HLS_msn exists.
        const msnRaw = (req.query as Record<string, unknown>)._HLS_msn;
        if (msnRaw !== undefined) {
          const msn = Number(msnRaw);
          if (!Number.isInteger(msn) || msn < 0) throw new ApiFailure(400, 'invalid-request', '_HLS_msn must be a whole number');
          // RFC 8216bis 6.2.5.2: more than two past the newest is an error, not a wait.
          if (msn > rec.live.feed.nextSeq + 1) throw new ApiFailure(400, 'invalid-request', `_HLS_msn ${msn} is too far ahead of the live edge (${rec.live.feed.nextSeq - 1})`);
          await rec.live.feed.whenFragment(msn, BLOCKING_RELOAD_MS);
        }
        const suffix = tokenSuffix(req);
        const text = rec.live.feed.playlist({ init: (id) => `init-${id}.mp4${suffix}`, fragment: (seq) => `frag-${seq}.m4s${suffix}` });
        if (text === null) {
          throw new ApiFailure(503, 'live-not-ready', `camera ${cameraId}'s live stream is not ready yet (${parts.recorders.status(cameraId).state})`);
        }
        parts.views.record(user, tokenOf(req), cameraId, 'live');
        return reply.type('application/vnd.apple.mpegurl').send(text);
      }
      const bytes = m[1] !== undefined ? rec.live.feed.init(Number(m[1])) : rec.live.feed.fragment(Number(m[2]));
      if (!bytes) throw new ApiFailure(404, 'not-found', 'that live fragment has expired');
      const body = Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes as Buffer[]);
      return reply.type('video/mp4').header('Content-Length', String(body.length)).send(body);
    });

    app.get('/media/playback/:file', async (req, reply) => {
      const user = auth(req);
      const p = req.params as { file: string };
      const m = /^(\d+)\.m3u8$/.exec(p.file);
      if (!m) throw new ApiFailure(404, 'not-found', 'playback playlists are /media/playback/<cameraId>.m3u8');
      const cameraId = positiveInt(m[1], 'camera id');
      const q = req.query as Record<string, unknown>;
      const from = TimeInput.safeParse(q.from);
      const to = TimeInput.safeParse(q.to);
      if (!from.success || !to.success) throw new ApiFailure(400, 'invalid-request', 'from and to are required (ISO-8601 with a zone, or epoch ms)');
      const suffix = tokenSuffix(req);
      const pl = parts.library.playlist(cameraId, from.data, to.data, (s) => `/media/segments/${s.id}.mp4${suffix}`);
      parts.views.record(user, tokenOf(req), cameraId, 'playback', { fromMs: from.data, toMs: to.data });
      return reply.type('application/vnd.apple.mpegurl').send(pl.text);
    });

    app.get('/media/segments/:file', async (req, reply) => {
      const user = auth(req);
      const m = /^(\d+)\.mp4$/.exec((req.params as { file: string }).file);
      if (!m) throw new ApiFailure(404, 'not-found', 'segments are /media/segments/<id>.mp4');
      const seg = parts.store.segment(Number(m[1]));
      if (!seg) throw new ApiFailure(404, 'not-found', `segment ${m[1]} is not in the index (deleted by retention?)`);
      if (!parts.library.checkPresent(seg)) throw new ApiFailure(410, 'file-missing', `segment ${seg.id}'s file has been deleted outside the app`);
      parts.views.record(user, tokenOf(req), seg.cameraId, 'playback');
      return sendFile(req, reply, parts.absolute(seg.path), 'video/mp4');
    });

    app.get('/media/exports/:jobId/:name', async (req, reply) => {
      const user = auth(req);
      const p = req.params as { jobId: string; name: string };
      if (!/^[a-z0-9-]{6,64}$/.test(p.jobId) || !EXPORT_NAME_PATTERN.test(p.name)) throw new ApiFailure(404, 'not-found', 'no such export file');
      const job = parts.exportsStore.get(p.jobId);
      const entry = job?.files.find((f) => f.name === p.name);
      if (!job || !entry) throw new ApiFailure(404, 'not-found', 'no such export file');
      const file = path.join(parts.exports.dirOf(job.id), entry.name);
      if (!existsSync(file)) throw new ApiFailure(410, 'file-missing', 'this export file has been removed from disk');
      parts.audit.record({ id: user.id, name: user.username }, 'media.export.download', `export:${job.id}`, { name: entry.name, sha256: entry.sha256 });
      reply.header('Content-Disposition', `attachment; filename="${entry.name}"`);
      return sendFile(req, reply, file, entry.name.endsWith('.png') ? 'image/png' : 'video/mp4');
    });
  };
}
