import type { Handlers } from '../api/handler.js';
import { actorOf, signedIn } from '../api/handler.js';
import { notFound } from '../api/api-failure.js';
import type { RawRoutes } from '../api/server.js';
import { anyRole } from '../api/contract/route.js';
import type { CameraServiceImpl } from './camera-service-impl.js';

export type CamerasRouteName =
  | 'discoverCameras'
  | 'probeCamera'
  | 'listCameras'
  | 'getCamera'
  | 'addCamera'
  | 'updateCamera'
  | 'retireCamera'
  | 'addCameraCertificate'
  | 'rotateCameraAnprKey'
  | 'refreshCamera';

/** The JSON routes of the cameras feature; the service audits and validates, these only bind. */
export function camerasHandlers(service: CameraServiceImpl): Pick<Handlers, CamerasRouteName> {
  return {
    discoverCameras: (ctx) => service.discover(ctx.body),
    probeCamera: (ctx) => service.probe(ctx.body, actorOf(signedIn(ctx))),
    listCameras: (ctx) => service.list({ includeRetired: ctx.query.includeRetired === 'true' }),
    getCamera: (ctx) => {
      const camera = service.get(ctx.params.id);
      if (!camera) throw notFound(`camera ${ctx.params.id}`);
      return camera;
    },
    addCamera: (ctx) => service.add(ctx.body, actorOf(signedIn(ctx))),
    updateCamera: (ctx) => service.update(ctx.params.id, ctx.body, actorOf(signedIn(ctx))),
    retireCamera: (ctx) => service.retire(ctx.params.id, ctx.body.reason, actorOf(signedIn(ctx))),
    addCameraCertificate: (ctx) => service.addCertificate(ctx.params.id, ctx.body, actorOf(signedIn(ctx))),
    rotateCameraAnprKey: (ctx) => service.rotateAnprKey(ctx.params.id, actorOf(signedIn(ctx))),
    refreshCamera: (ctx) => service.refresh(ctx.params.id, actorOf(signedIn(ctx))),
  };
}

/** Path of the snapshot JPEG: not JSON, so outside the typed contract. */
export const SNAPSHOT_PATH = '/api/cameras/:id/snapshot';

/**
 * GET /api/cameras/:id/snapshot — a still proxied from the camera through
 * the core (the renderer never talks to a camera, and never holds its
 * password). Any signed-in role may look; every look is audited.
 */
export function camerasRawRoutes(service: CameraServiceImpl): RawRoutes {
  return (app, authenticate) => {
    app.get(SNAPSHOT_PATH, async (req, reply) => {
      const user = authenticate(req, anyRole)!;
      const raw = (req.params as { id?: string }).id ?? '';
      const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(id) || id <= 0) throw notFound(`camera ${raw}`);
      const jpeg = await service.viewSnapshot(id, actorOf(user));
      return reply.header('Content-Type', 'image/jpeg').header('Cache-Control', 'no-store').send(jpeg);
    });
  };
}
