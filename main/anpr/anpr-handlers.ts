/**
 * The contract handlers of the anpr feature: reads, white list,
 * restrictions, candidate events. Views of reads and events and every
 * change are audited.
 */
import { ApiFailure, notFound } from '../api/api-failure.js';
import { actorOf, signedIn, type Handlers } from '../api/handler.js';
import type { CoreContext } from '../core-context.js';
import { normaliseVrm } from '../domain/vrm.js';
import { tryParseSchedule } from '../domain/schedule-parse.js';
import { isInForce } from '../domain/schedule-in-force.js';
import type { AnprReadsStore } from '../store/anpr-reads-store.js';
import type { EventRow, EventsStore } from '../store/events-store.js';
import type { RestrictionRow } from '../store/restrictions-store.js';
import type { WhiteListRow } from '../store/whitelist-store.js';
import type { CandidateEvent, NearMiss, Restriction, RestrictionInput, WhiteListCategory, WhiteListEntry } from '../api/contract/anpr-routes.js';
import { AnprError } from './anpr-error.js';
import type { EventBuilder } from './event-builder.js';
import type { RestrictionsService } from './restrictions-service.js';
import type { WhiteListService } from './white-list-service.js';
import type { z } from 'zod';

export interface AnprServices {
  reads: AnprReadsStore;
  events: EventsStore;
  eventBuilder: EventBuilder;
  whiteList: WhiteListService;
  restrictions: RestrictionsService;
}

type AnprHandlerNames =
  | 'listReads' | 'getRead' | 'listWhiteList' | 'addWhiteListEntry' | 'updateWhiteListEntry' | 'removeWhiteListEntry' | 'reviewWhiteListEntry'
  | 'importWhiteList' | 'exportWhiteList' | 'whiteListExpiring' | 'checkWhiteList' | 'listRestrictions' | 'getRestriction' | 'createRestriction'
  | 'updateRestriction' | 'removeRestriction' | 'checkSchedule' | 'listCandidateEvents' | 'getCandidateEvent' | 'createManualEvent';

/** Runs a service call, turning its refusals into the API's. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AnprError) throw new ApiFailure(e.status, e.code, e.message, e.details);
    throw e;
  }
}

const entryDto = (r: WhiteListRow): WhiteListEntry => ({ ...r, category: r.category as WhiteListCategory });
const eventDto = (e: EventRow): CandidateEvent => ({ ...e, nearMisses: e.nearMisses as NearMiss[] });

function restrictionFields(b: z.output<typeof RestrictionInput>) {
  return { ...b, permitted: [...b.permitted] };
}

export function anprHandlers(core: CoreContext, s: AnprServices): Pick<Handlers, AnprHandlerNames> {
  const restrictionDto = (r: RestrictionRow): Restriction => ({ ...r, inForceNow: s.restrictions.inForceNow(r) });
  return {
    listReads(ctx) {
      const user = signedIn(ctx);
      const q = ctx.query;
      const result = s.reads.list({ ...q, vrm: q.vrm ? normaliseVrm(q.vrm) : undefined });
      core.audit.record(actorOf(user), 'anpr.reads.view', 'anpr:reads', { query: q, returned: result.reads.length });
      return result;
    },
    getRead(ctx) {
      const user = signedIn(ctx);
      const r = s.reads.byId(ctx.params.id);
      if (!r) throw notFound(`read ${ctx.params.id}`);
      core.audit.record(actorOf(user), 'anpr.read.view', `anpr-read:${r.id}`, {});
      return r;
    },
    listWhiteList(ctx) {
      const q = ctx.query;
      const out = s.whiteList.list({ search: q.search, category: q.category, includeRemoved: q.includeRemoved === 'true', limit: q.limit, offset: q.offset });
      return { total: out.total, entries: out.entries.map(entryDto) };
    },
    addWhiteListEntry: (ctx) => guard(() => entryDto(s.whiteList.add(ctx.body, actorOf(signedIn(ctx))))),
    updateWhiteListEntry: (ctx) => guard(() => entryDto(s.whiteList.update(ctx.params.id, ctx.body, actorOf(signedIn(ctx))))),
    removeWhiteListEntry: (ctx) => guard(() => entryDto(s.whiteList.remove(ctx.params.id, ctx.body.reason, actorOf(signedIn(ctx))))),
    reviewWhiteListEntry: (ctx) => guard(() => entryDto(s.whiteList.review(ctx.params.id, actorOf(signedIn(ctx))))),
    importWhiteList: (ctx) => guard(() => s.whiteList.importCsv(ctx.body.csv, actorOf(signedIn(ctx)), { dryRun: ctx.body.dryRun })),
    exportWhiteList: (ctx) => guard(() => s.whiteList.exportCsv(actorOf(signedIn(ctx)))),
    whiteListExpiring: (ctx) => {
      const r = s.whiteList.expiring(ctx.query.days);
      return { days: r.days, expiring: r.expiring.map(entryDto), stale: r.stale.map(entryDto) };
    },
    checkWhiteList: (ctx) => guard(() => s.whiteList.check(ctx.query.vrm, { cameraId: ctx.query.cameraId, atMs: ctx.query.at })),

    listRestrictions: (ctx) => s.restrictions.list(ctx.query.cameraId).map(restrictionDto),
    getRestriction: (ctx) => guard(() => restrictionDto(s.restrictions.get(ctx.params.id))),
    createRestriction: (ctx) => guard(() => restrictionDto(s.restrictions.create(restrictionFields(ctx.body), actorOf(signedIn(ctx))))),
    updateRestriction: (ctx) => guard(() => restrictionDto(s.restrictions.update(ctx.params.id, restrictionFields(ctx.body), actorOf(signedIn(ctx))))),
    removeRestriction: (ctx) =>
      guard(() => {
        s.restrictions.remove(ctx.params.id, actorOf(signedIn(ctx)));
        return { ok: true as const };
      }),
    checkSchedule(ctx) {
      const p = tryParseSchedule(ctx.body.schedule);
      if (!p.ok) return { ok: false, error: { message: p.error.message, column: p.error.column }, inForce: null, why: null };
      const r = isInForce(p.schedule, ctx.body.at ?? Date.now(), { region: 'england-and-wales' });
      return { ok: true, error: null, inForce: r.inForce, why: r.why };
    },

    listCandidateEvents(ctx) {
      const q = ctx.query;
      const out = s.events.list({ ...q, vrm: q.vrm ? normaliseVrm(q.vrm) : undefined });
      return { total: out.total, events: out.events.map(eventDto) };
    },
    getCandidateEvent(ctx) {
      const user = signedIn(ctx);
      const e = s.events.byId(ctx.params.id);
      if (!e) throw notFound(`event ${ctx.params.id}`);
      core.audit.record(actorOf(user), 'event.view', `event:${e.id}`, {});
      return eventDto(e);
    },
    createManualEvent(ctx) {
      const e = guard(() => s.eventBuilder.createManual({ cameraId: ctx.body.cameraId, atMs: ctx.body.at, vrm: ctx.body.vrm, note: ctx.body.note }, actorOf(signedIn(ctx))));
      core.publish({ type: 'event-queued', eventId: e.id, at: Date.now() });
      return eventDto(e);
    },
  };
}
