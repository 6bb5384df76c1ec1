import type { FastifyReply } from 'fastify';
import { ApiFailure } from '../api/api-failure.js';
import type { RawRoutes } from '../api/server.js';
import { ReportQuery } from '../api/contract/health-routes.js';
import { anyRole, supervisorUp } from '../api/contract/route.js';
import { actorOf } from '../api/handler.js';
import { grayToPng } from './gray-png.js';
import type { HealthHandlerDeps } from './health-handlers.js';
import { buildDefectReport } from './report-builder.js';
import { reportToCsv } from './report-csv.js';
import { reportToPdf } from './report-pdf.js';

/**
 * Binary answers outside the JSON contract: defect photos, the sampled and
 * reference pictures as PNG, and the report as CSV or PDF downloads.
 */
export function healthRawRoutes(d: HealthHandlerDeps): RawRoutes {
  return (app, authenticate) => {
    const fail = (reply: FastifyReply, e: unknown): FastifyReply => {
      const status = e instanceof ApiFailure ? e.status : 500;
      const code = e instanceof ApiFailure ? e.code : 'internal';
      const message = e instanceof Error ? e.message : 'failed';
      return reply.code(status).send({ error: { code, message } });
    };
    const idOf = (v: unknown): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new ApiFailure(400, 'invalid-request', 'id must be a positive whole number');
      return n;
    };

    app.get('/api/health/defects/:id/photos/:sha256', async (req, reply) => {
      try {
        authenticate(req, anyRole);
        const p = req.params as { id: string; sha256: string };
        const photo = d.defects.photo(idOf(p.id), p.sha256);
        const bytes = photo ? d.photos.get(photo.sha256) : undefined;
        if (!photo || !bytes) throw new ApiFailure(404, 'not-found', 'photo not found');
        return reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=86400, immutable').send(bytes);
      } catch (e) {
        return fail(reply, e);
      }
    });

    app.get('/api/health/cameras/:id/:which.png', async (req, reply) => {
      try {
        authenticate(req, anyRole);
        const p = req.params as { id: string; which: string };
        const id = idOf(p.id);
        let frame = null;
        if (p.which === 'reference') frame = d.service.pictureReference(id)?.frame ?? null;
        else if (p.which === 'sample') frame = d.service.lastFrame(id);
        else throw new ApiFailure(404, 'not-found', 'no such picture');
        if (!frame) throw new ApiFailure(404, 'not-found', `no ${p.which} picture for camera ${id} yet`);
        return reply.header('content-type', 'image/png').header('cache-control', 'no-store').send(grayToPng(frame.width, frame.height, frame.pixels));
      } catch (e) {
        return fail(reply, e);
      }
    });

    app.get('/api/health/report.:format', async (req, reply) => {
      try {
        const user = authenticate(req, supervisorUp);
        const format = (req.params as { format: string }).format;
        if (format !== 'csv' && format !== 'pdf') throw new ApiFailure(404, 'not-found', 'report formats are csv and pdf');
        const q = ReportQuery.safeParse(req.query);
        if (!q.success) throw new ApiFailure(400, 'invalid-request', `bad report period: ${q.error.issues.map((i) => i.message).join('; ')}`);
        const cams = d.cameras()?.list({ includeRetired: true }) ?? [];
        const report = buildDefectReport({
          from: q.data.from, to: q.data.to, council: d.core.councilName(),
          cameras: cams.map((c) => ({ id: c.id, name: c.name, siteCode: c.siteCode })),
          health: d.health, defects: d.defects, eventsHeld: (id, f, t) => d.service.heldEventsCount(id, f, t),
        });
        if (user) d.core.audit.record(actorOf(user), 'health.report.export', 'report:defects', { format, from: q.data.from, to: q.data.to });
        const name = `defect-report-${new Date(q.data.from).toISOString().slice(0, 10)}-${new Date(q.data.to).toISOString().slice(0, 10)}.${format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(reportToCsv(report));
        return reply.header('content-type', 'application/pdf').send(Buffer.from(await reportToPdf(report, Date.now())));
      } catch (e) {
        return fail(reply, e);
      }
    });
  };
}
