/**
 * Turns reads into candidate events. A read at a camera whose restriction is
 * in force (UK local time), for a vehicle the white list does not exempt
 * there, becomes an event with its clip window; further reads of the same
 * vehicle at the same camera within the merge window join that event. Near
 * misses on the white list ride along for the officer (they never exempt).
 * Signs recorded as not in order, or an open blocking defect, hold the event
 * with the reason. Runs inside the ingest transaction: event and read commit
 * together.
 */
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { EventRow, EventsStore } from '../store/events-store.js';
import { holdReasonOf, type BlockingDefectChecker } from './blocking-defect-checker.js';
import type { RestrictionInForce, RestrictionsService } from './restrictions-service.js';
import type { WhiteListService } from './white-list-service.js';
import { AnprError } from './anpr-error.js';
import { normaliseVrm } from '../domain/vrm.js';

export interface EventOptions {
  /** Reads of one vehicle at one camera this close together make one event. */
  mergeWindowMs: number;
  clipBeforeMs: number;
  clipAfterMs: number;
}

export const defaultEventOptions: EventOptions = { mergeWindowMs: 60_000, clipBeforeMs: 5_000, clipAfterMs: 10_000 };

export interface Assessment {
  at: RestrictionInForce | null;
  exemptBy: number | null;
}

export interface EventDeps {
  events: EventsStore;
  restrictions: RestrictionsService;
  whiteList: WhiteListService;
  defects: BlockingDefectChecker;
  audit: AuditLog;
  cameraExists: (id: number) => boolean;
  options?: Partial<EventOptions>;
  now?: () => number;
}

export class EventBuilder {
  readonly options: EventOptions;
  private readonly now: () => number;

  constructor(private readonly deps: EventDeps) {
    this.options = { ...defaultEventOptions, ...deps.options };
    this.now = deps.now ?? Date.now;
  }

  /** Restriction and exemption for a read (the hot path: exact white-list match only). */
  assess(cameraId: number, vrm: string, atMs: number): Assessment {
    const at = this.deps.restrictions.atCamera(cameraId, atMs);
    const restriction = at ? { type: at.restriction.type, permitted: at.restriction.permitted } : null;
    return { at, exemptBy: this.deps.whiteList.exemptBy(vrm, { atMs, cameraId, restriction }) };
  }

  private holdReason(at: RestrictionInForce | null, cameraId: number, atMs: number): string | null {
    const reasons: string[] = [];
    const defect = holdReasonOf(this.deps.defects.hasBlockingDefect(cameraId, atMs), cameraId);
    if (defect) reasons.push(defect);
    if (at && !at.restriction.signsInOrder) reasons.push(`signs at this site are recorded as not in order${at.restriction.signsNote ? `: ${at.restriction.signsNote}` : ''}`);
    return reasons.length ? reasons.join('; ') : null;
  }

  /**
   * After a read is inserted (same transaction): create or extend its event.
   * Returns the event id and whether it is new, or null when the read makes none.
   */
  applyRead(read: { id: number; cameraId: number; vrm: string; atMs: number }, a: Assessment): { eventId: number; created: boolean } | null {
    if (!a.at?.inForce || a.exemptBy !== null) return null;
    const o = this.options;
    const now = this.now();
    const open = this.deps.events.findMergeable(read.cameraId, read.vrm, read.atMs, o.mergeWindowMs);
    if (open) {
      const first = Math.min(open.firstSeenAt, read.atMs);
      const last = Math.max(open.lastSeenAt, read.atMs);
      this.deps.events.extend(open.id, read.id, { firstSeenAt: first, lastSeenAt: last, clipStart: first - o.clipBeforeMs, clipEnd: last + o.clipAfterMs }, now);
      return { eventId: open.id, created: false };
    }
    const hold = this.holdReason(a.at, read.cameraId, read.atMs);
    const eventId = this.deps.events.insert(
      {
        cameraId: read.cameraId,
        restrictionId: a.at.restriction.id,
        restrictionType: a.at.restriction.type,
        vrm: read.vrm,
        origin: 'anpr',
        firstSeenAt: read.atMs,
        lastSeenAt: read.atMs,
        clipStart: read.atMs - o.clipBeforeMs,
        clipEnd: read.atMs + o.clipAfterMs,
        status: hold ? 'held' : 'queued',
        holdReason: hold,
        inForceWhy: a.at.why,
        // Near misses are worked out only here, for the few reads that become events.
        nearMisses: this.deps.whiteList.index.nearMisses(read.vrm),
        note: '',
        createdBy: 'anpr',
        createdAt: now,
      },
      [read.id],
    );
    return { eventId, created: true };
  }

  /** An officer records an event seen in the player. */
  createManual(input: { cameraId: number; atMs: number; vrm: string; note: string }, actor: Actor): EventRow {
    if (!this.deps.cameraExists(input.cameraId)) throw new AnprError(400, 'invalid-request', `camera ${input.cameraId} does not exist`);
    const vrm = normaliseVrm(input.vrm);
    if (!/^[A-Z0-9]{1,10}$/.test(vrm)) throw new AnprError(400, 'invalid-request', `"${input.vrm}" is not a registration mark`);
    if (input.atMs > this.now() + 60_000) throw new AnprError(422, 'time-in-future', 'an event cannot be in the future');
    const o = this.options;
    const at = this.deps.restrictions.atCamera(input.cameraId, input.atMs);
    const hold = this.holdReason(at, input.cameraId, input.atMs);
    const check = this.deps.whiteList.check(vrm, { cameraId: input.cameraId, atMs: input.atMs, restriction: at ? { type: at.restriction.type, permitted: at.restriction.permitted } : null });
    const why = at ? (at.inForce ? at.why : `NOT in force: ${at.why}`) : 'no restriction is recorded for this camera';
    const id = this.deps.events.insert(
      {
        cameraId: input.cameraId,
        restrictionId: at?.restriction.id ?? null,
        restrictionType: at?.restriction.type ?? null,
        vrm,
        origin: 'manual',
        firstSeenAt: input.atMs,
        lastSeenAt: input.atMs,
        clipStart: input.atMs - o.clipBeforeMs,
        clipEnd: input.atMs + o.clipAfterMs,
        status: hold ? 'held' : 'queued',
        holdReason: hold,
        inForceWhy: why,
        nearMisses: check.nearMisses,
        note: [input.note, check.exempt ? `White list: ${check.explanation}` : ''].filter(Boolean).join('\n'),
        createdBy: actor.name,
        createdAt: this.now(),
      },
      [],
    );
    this.deps.audit.record(actor, 'event.create-manual', `event:${id}`, { cameraId: input.cameraId, at: input.atMs, vrm, held: hold });
    return this.deps.events.byId(id)!;
  }
}
