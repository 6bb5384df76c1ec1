/**
 * What each camera location enforces: the restriction type, its hours as the
 * sign writes them (checked with the domain parser, error with its column),
 * the vehicles the traffic order permits, the order's reference, whether the
 * signs are in order, and when enforcement began. Schedules are evaluated in
 * UK local time with the bank holidays of England and Wales (London, England
 * and Wales share them).
 */
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { isInForce, type InForceResult } from '../domain/schedule-in-force.js';
import { tryParseSchedule, type Schedule } from '../domain/schedule-parse.js';
import { ukDayStart } from './white-list-entry-check.js';
import type { RestrictionFields, RestrictionRow, RestrictionsStore } from '../store/restrictions-store.js';
import { AnprError } from './anpr-error.js';

export interface RestrictionsDeps {
  store: RestrictionsStore;
  audit: AuditLog;
  cameraExists: (id: number) => boolean;
  now?: () => number;
}

export interface RestrictionInForce {
  restriction: RestrictionRow;
  inForce: boolean;
  why: string;
}

export class RestrictionsService {
  private byCamera: Map<number, { row: RestrictionRow; schedule: Schedule }[]> | null = null;
  /**
   * atCamera answers by camera and UTC minute. Schedules are in whole UK
   * minutes, enforcement starts at a UK midnight, and UK offsets are whole
   * hours, so every instant in one UTC minute has the same answer (and the
   * same explanation): evaluating it once per minute instead of once per read
   * takes the luxon zone work off the ingest hot path. Cleared on any change.
   */
  private readonly byMinute = new Map<string, RestrictionInForce | null>();
  private readonly now: () => number;

  constructor(private readonly deps: RestrictionsDeps) {
    this.now = deps.now ?? Date.now;
  }

  private cache(): Map<number, { row: RestrictionRow; schedule: Schedule }[]> {
    if (this.byCamera) return this.byCamera;
    const m = new Map<number, { row: RestrictionRow; schedule: Schedule }[]>();
    for (const row of this.deps.store.list()) {
      const p = tryParseSchedule(row.schedule);
      // A stored schedule always parsed when it was saved; one the parser now refuses is skipped (and logged by the caller's check).
      if (!p.ok) continue;
      const list = m.get(row.cameraId) ?? [];
      list.push({ row, schedule: p.schedule });
      m.set(row.cameraId, list);
    }
    this.byCamera = m;
    this.byMinute.clear();
    return m;
  }

  private validate(f: RestrictionFields): void {
    const p = tryParseSchedule(f.schedule);
    if (!p.ok) {
      throw new AnprError(400, 'invalid-request', `schedule: ${p.error.message}`, [{ path: 'schedule', message: p.error.reason, column: p.error.column }]);
    }
    if (!this.deps.cameraExists(f.cameraId)) throw new AnprError(400, 'invalid-request', `cameraId: camera ${f.cameraId} does not exist`, [{ path: 'cameraId', message: 'no such camera' }]);
  }

  list(cameraId?: number): RestrictionRow[] {
    return this.deps.store.list(cameraId);
  }

  get(id: number): RestrictionRow {
    const r = this.deps.store.byId(id);
    if (!r) throw new AnprError(404, 'not-found', `restriction ${id} not found`);
    return r;
  }

  create(f: RestrictionFields, actor: Actor): RestrictionRow {
    this.validate(f);
    const id = this.deps.store.insert(f, actor.name, this.now());
    this.byCamera = null;
    this.deps.audit.record(actor, 'restriction.create', `restriction:${id}`, { ...f });
    return this.get(id);
  }

  update(id: number, f: RestrictionFields, actor: Actor): RestrictionRow {
    const before = this.get(id);
    this.validate(f);
    this.deps.store.update(id, f, actor.name, this.now());
    this.byCamera = null;
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(f) as (keyof RestrictionFields)[]) if (JSON.stringify(before[k]) !== JSON.stringify(f[k])) changed[k] = { from: before[k], to: f[k] };
    this.deps.audit.record(actor, 'restriction.update', `restriction:${id}`, { changed });
    return this.get(id);
  }

  remove(id: number, actor: Actor): void {
    const before = this.get(id);
    this.deps.store.remove(id, this.now());
    this.byCamera = null;
    this.deps.audit.record(actor, 'restriction.remove', `restriction:${id}`, { cameraId: before.cameraId, type: before.type });
  }

  /** Whether one restriction is enforceable at an instant, and why. */
  evaluate(row: RestrictionRow, schedule: Schedule | string, atMs: number): InForceResult {
    if (row.enforcementStart && atMs < ukDayStart(row.enforcementStart)) {
      return { inForce: false, why: `enforcement at this site begins on ${row.enforcementStart}` };
    }
    return isInForce(schedule, atMs, { region: 'england-and-wales' });
  }

  inForceNow(row: RestrictionRow): InForceResult {
    const p = tryParseSchedule(row.schedule);
    return p.ok ? this.evaluate(row, p.schedule, this.now()) : { inForce: false, why: `schedule cannot be read: ${p.error.message}` };
  }

  /**
   * The camera's restriction at an instant: the first one in force, else the
   * first one recorded (so a check can still say why it is not in force), or
   * null when the camera has none.
   */
  atCamera(cameraId: number, atMs: number): RestrictionInForce | null {
    const list = this.cache().get(cameraId);
    if (!list?.length) return null;
    const key = `${cameraId}:${Math.floor(atMs / 60_000)}`;
    const known = this.byMinute.get(key);
    if (known !== undefined) return known;
    // Reads come in time order, so a few entries per camera are live; a CSV of old reads must not grow this without end.
    if (this.byMinute.size >= 4096) this.byMinute.clear();
    const answer = this.evaluateAt(list, atMs);
    this.byMinute.set(key, answer);
    return answer;
  }

  private evaluateAt(list: readonly { row: RestrictionRow; schedule: Schedule }[], atMs: number): RestrictionInForce | null {
    let first: RestrictionInForce | null = null;
    for (const { row, schedule } of list) {
      const r = this.evaluate(row, schedule, atMs);
      if (r.inForce) return { restriction: row, ...r };
      first ??= { restriction: row, ...r };
    }
    return first;
  }
}
