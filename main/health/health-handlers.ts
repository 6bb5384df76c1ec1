import type { Handlers } from '../api/handler.js';
import { actorOf, signedIn } from '../api/handler.js';
import { ApiFailure, invalid, notFound } from '../api/api-failure.js';
import type { CoreContext } from '../core-context.js';
import type { DefectsStore, DefectPatch } from '../store/defects-store.js';
import type { HealthStore } from '../store/health-store.js';
import type { HealthService } from './health-service.js';
import type { HealthCameras } from './probes/probe-context.js';
import { PHOTO_TYPES, type PhotoStore } from './photo-store.js';
import { buildDefectReport } from './report-builder.js';

export interface HealthHandlerDeps {
  core: CoreContext;
  service: HealthService;
  defects: DefectsStore;
  health: HealthStore;
  photos: PhotoStore;
  cameras: () => HealthCameras | null;
}

type HealthRoute =
  | 'healthCameras' | 'healthCameraProbes' | 'healthStateAt' | 'healthIncidents' | 'healthProbeNow' | 'healthApproveReference'
  | 'defectsList' | 'defectGet' | 'defectCreate' | 'defectUpdate' | 'defectAddNote' | 'defectAddPhoto' | 'defectReport';

export function healthHandlers(d: HealthHandlerDeps): Pick<Handlers, HealthRoute> {
  const { core, service, defects } = d;
  const camera = (id: number) => {
    const c = d.cameras()?.get(id);
    if (!c) throw notFound(`camera ${id}`);
    return c;
  };
  const details = (id: number) => {
    const x = defects.details(id);
    if (!x) throw notFound(`defect ${id}`);
    return x;
  };
  const changed = (id: number) => core.publish({ type: 'defect-changed', defectId: id, at: Date.now() });

  return {
    healthCameras: () => ({ cameras: service.summaries(), storage: service.storage(), periodMs: service.config.periodMs }),
    healthCameraProbes: ({ params, query }) => ({
      probes: service.probes(params.id, query.from, query.to, query.kind, query.limit),
      history: service.statusHistory(params.id, query.from, query.to),
    }),
    healthStateAt: ({ params, query }) => service.stateAt(params.id, query.at),
    healthIncidents: ({ params, query }) => ({ incidents: service.incidents(params.id, query.from, query.to) }),
    healthProbeNow: async (ctx) => {
      camera(ctx.params.id);
      await service.runCycle(ctx.params.id, 0, { expensive: true });
      core.audit.record(actorOf(signedIn(ctx)), 'health.probe', `camera:${ctx.params.id}`, {});
      const s = service.summaries().find((x) => x.cameraId === ctx.params.id);
      return s ?? { cameraId: ctx.params.id, status: 'unknown', reasons: [], since: null, lastProbeAt: null };
    },
    healthApproveReference: async (ctx) => {
      camera(ctx.params.id);
      const user = signedIn(ctx);
      let r;
      try {
        r = await service.approveReference(ctx.params.id, user.username);
      } catch (e) {
        throw new ApiFailure(502, 'camera-unavailable', `could not sample camera ${ctx.params.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
      core.audit.record(actorOf(user), 'health.reference.approve', `camera:${ctx.params.id}`, { sharpness: r.sharpness });
      return r;
    },
    defectsList: ({ query }) => ({
      defects: defects.list({
        state: query.state,
        ...(query.cameraId !== undefined ? { cameraId: query.cameraId } : {}),
        ...(query.scope ? { scope: query.scope } : {}),
        ...(query.origin ? { origin: query.origin } : {}),
      }),
    }),
    defectGet: ({ params }) => details(params.id),
    defectCreate: (ctx) => {
      const user = signedIn(ctx);
      const b = ctx.body;
      const now = Date.now();
      let siteCode = b.siteCode;
      if (b.scope === 'camera') {
        const c = camera(b.cameraId!);
        siteCode = siteCode ?? c.siteCode;
      }
      const created = defects.insert({
        scope: b.scope, cameraId: b.scope === 'camera' ? b.cameraId : null, siteCode, location: b.location,
        category: b.category, title: b.title, description: b.description, origin: 'manual', fault: null, blocking: b.blocking,
        supplier: b.supplier, supplierRef: b.supplierRef, reportedAt: b.reportedAt ?? now, acknowledgedAt: null, resolvedAt: null,
        outageStart: null, createdBy: user.username, createdAt: now,
      });
      core.audit.record(actorOf(user), 'defect.create', `defect:${created.id}`, { scope: b.scope, cameraId: b.cameraId, category: b.category, blocking: b.blocking });
      changed(created.id);
      return details(created.id);
    },
    defectUpdate: (ctx) => {
      const user = signedIn(ctx);
      const before = details(ctx.params.id);
      const patch = ctx.body as DefectPatch;
      const ack = patch.acknowledgedAt === undefined ? before.acknowledgedAt : patch.acknowledgedAt;
      const res = patch.resolvedAt === undefined ? before.resolvedAt : patch.resolvedAt;
      if (ack !== null && ack < before.reportedAt) throw invalid('acknowledged time is before the defect was reported', { field: 'acknowledgedAt' });
      if (res !== null && res < before.reportedAt) throw invalid('resolved time is before the defect was reported', { field: 'resolvedAt' });
      if (before.scope === 'location' && patch.location === null) throw invalid('a location defect keeps its location', { field: 'location' });
      // Resolving an auto defect by hand ends its outage there, so the report can still measure it.
      const extra: DefectPatch = before.origin === 'auto' && patch.resolvedAt && before.outageEnd === null ? { outageEnd: patch.resolvedAt } : {};
      defects.update(ctx.params.id, { ...patch, ...extra }, Date.now());
      core.audit.record(actorOf(user), 'defect.update', `defect:${ctx.params.id}`, { changes: patch });
      changed(ctx.params.id);
      return details(ctx.params.id);
    },
    defectAddNote: (ctx) => {
      const user = signedIn(ctx);
      details(ctx.params.id);
      defects.addNote(ctx.params.id, Date.now(), user.username, ctx.body.text);
      core.audit.record(actorOf(user), 'defect.note', `defect:${ctx.params.id}`, {});
      changed(ctx.params.id);
      return details(ctx.params.id);
    },
    defectAddPhoto: (ctx) => {
      const user = signedIn(ctx);
      details(ctx.params.id);
      const bytes = Buffer.from(ctx.body.dataBase64, 'base64');
      if (!PHOTO_TYPES[ctx.body.mime]!(bytes)) throw invalid(`photo is not a ${ctx.body.mime} file`, { field: 'dataBase64' });
      const sha256 = d.photos.put(bytes);
      defects.addPhoto({ defectId: ctx.params.id, sha256, mime: ctx.body.mime, bytes: bytes.length, name: ctx.body.name, addedBy: user.username, addedAt: Date.now() });
      core.audit.record(actorOf(user), 'defect.photo', `defect:${ctx.params.id}`, { sha256, bytes: bytes.length });
      changed(ctx.params.id);
      return details(ctx.params.id);
    },
    defectReport: (ctx) => {
      const user = signedIn(ctx);
      const cams = d.cameras()?.list({ includeRetired: true }) ?? [];
      const r = buildDefectReport({
        from: ctx.query.from, to: ctx.query.to, council: core.councilName(),
        cameras: cams.map((c) => ({ id: c.id, name: c.name, siteCode: c.siteCode })),
        health: d.health, defects, eventsHeld: (id, f, t) => service.heldEventsCount(id, f, t),
      });
      core.audit.record(actorOf(user), 'health.report.view', 'report:defects', { from: ctx.query.from, to: ctx.query.to });
      return r;
    },
  };
}
