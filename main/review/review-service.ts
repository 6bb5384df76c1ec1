import { ApiFailure, conflict, invalid, notFound } from '../api/api-failure.js';
import type { ReviewCase, ReviewDecisionInput } from '../api/contract/review-routes.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { EventsStore } from '../store/events-store.js';
import type { DecisionRow, ReviewQueueStore } from '../store/review-queue-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import { buildCase, type CaseSources } from './case-builder.js';
import { checkCodeFits } from './code-choices.js';
import type { z } from 'zod';
import type { ReviewDecisionInput as DecisionSchema } from '../api/contract/review-routes.js';

export type Decision = z.output<typeof DecisionSchema>;
export type { ReviewDecisionInput };

export interface Officer {
  id: number;
  name: string;
  role: 'officer' | 'supervisor' | 'administrator';
}

/** What the pcn feature offers the queue (registered after review, so looked up when a decision is made). */
export interface PcnIssuer {
  issueFromDecision(d: { eventId: number; officer: { id: number | null; name: string }; code: string; suffix?: string; notes?: string; vehicle?: { make?: string; colour?: string } }): { id: number; reference: string; kind: string };
}

export const LEASE_SETTING = 'review.leaseMs';
/** Long enough to watch a clip twice and write a note; short enough that a desk left open does not sit on work. */
export const DEFAULT_LEASE_MS = 15 * 60_000;
/** An officer holds at most the case on screen and one prefetched. */
const MAX_HELD = 2;

/**
 * The review queue: claims with a lease (two officers never get the same
 * event), decisions (contravention through the PCN preconditions, rejection
 * with a reason, referral to a supervisor), seconds per case, and the case
 * file each event opens with.
 */
export class ReviewService {
  constructor(
    private readonly deps: {
      queue: ReviewQueueStore;
      events: EventsStore;
      settings: SettingsStore;
      audit: AuditLog;
      sources: Omit<CaseSources, 'leaseMs' | 'queue'>;
      pcn: () => PcnIssuer | null;
      publish?: (e: { type: 'event-queued'; eventId: number; at: number }) => void;
      now?: () => number;
    },
  ) {}

  now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  leaseMs(): number {
    const v = this.deps.settings.get<number>(LEASE_SETTING);
    return typeof v === 'number' && v >= 10_000 ? v : DEFAULT_LEASE_MS;
  }

  private sources(): CaseSources {
    return { ...this.deps.sources, queue: this.deps.queue, leaseMs: () => this.leaseMs() };
  }

  caseOf(eventId: number, viewer: Officer | null): ReviewCase {
    const e = this.deps.events.byId(eventId);
    if (!e) throw notFound(`event ${eventId}`);
    return buildCase(e, this.sources(), viewer?.id ?? null);
  }

  /** An audited look at a case without claiming it (history links, supervisors). */
  view(eventId: number, viewer: Officer): ReviewCase {
    const c = this.caseOf(eventId, viewer);
    this.deps.audit.record(viewer, 'review.view', `event:${eventId}`, {});
    return c;
  }

  /**
   * The officer's next case. Without `ahead`: the oldest event they already
   * hold (a reload gives back the same case), else a newly claimed one. With
   * `ahead`: one more beyond those in `exclude` (the page prefetches the next
   * case while the officer works on this one).
   */
  next(officer: Officer, opts: { ahead: boolean; exclude: readonly number[] }): ReviewCase | null {
    const now = this.now();
    const lease = this.leaseMs();
    const held = this.deps.queue.held(officer.id, now - lease).filter((id) => !opts.exclude.includes(id));
    let id: number | null = held[0] ?? null;
    if (id === null) {
      if (this.deps.queue.held(officer.id, now - lease).length >= MAX_HELD) return null;
      id = this.deps.queue.claimNext(officer.id, now, lease, { supervisor: officer.role !== 'officer', exclude: opts.exclude });
      if (id === null) return null;
      this.deps.audit.record(officer, 'review.claim', `event:${id}`, { ahead: opts.ahead, leaseMs: lease });
    } else this.deps.queue.renew(officer.id, [id], now, lease);
    return this.caseOf(id, officer);
  }

  renew(officer: Officer, eventIds: readonly number[]): number {
    return this.deps.queue.renew(officer.id, eventIds, this.now(), this.leaseMs());
  }

  release(officer: Officer, eventId: number): void {
    if (!this.deps.queue.release(eventId, officer.id, this.now())) throw conflict(`event ${eventId} is not held by you (its lease may have run out)`);
    this.deps.audit.record(officer, 'review.release', `event:${eventId}`, {});
    this.deps.publish?.({ type: 'event-queued', eventId, at: this.now() });
  }

  /** Throws unless the officer holds the event under a live lease. */
  private assertHeld(officer: Officer, eventId: number): { claimedAt: number } {
    const c = this.deps.queue.claimOf(eventId);
    if (!c) throw notFound(`event ${eventId}`);
    if (c.status === 'decided') throw conflict(`event ${eventId} has been decided already`);
    if (c.status !== 'in-review' || c.claimedBy !== officer.id || c.claimedAt === null || c.claimedAt < this.now() - this.leaseMs()) {
      throw new ApiFailure(409, 'not-claimed', `event ${eventId} is not held by you: open it from the queue first (a lease runs out after ${Math.round(this.leaseMs() / 60_000)} minutes)`);
    }
    return { claimedAt: c.claimedAt };
  }

  decide(officer: Officer, eventId: number, d: Decision): { decision: DecisionRow; pcn: { id: number; reference: string; kind: string } | null } {
    const { claimedAt } = this.assertHeld(officer, eventId);
    const e = this.deps.events.byId(eventId)!;
    const now = this.now();
    // Seconds on the case: what the page measured, never more than the claim has lasted.
    const heldMs = Math.max(0, now - claimedAt);
    const seconds = Math.round(Math.min(d.viewMs ?? heldMs, heldMs) / 100) / 10;
    const base = { eventId, vrm: e.vrm, officerId: officer.id, officerName: officer.name, claimedAt, decidedAt: now, seconds, pcnId: null, pcnReference: null, code: null, reason: null, reasonText: '', notes: '' };
    let pcn: { id: number; reference: string; kind: string } | null = null;
    let row: Parameters<ReviewQueueStore['decide']>[0];
    if (d.outcome === 'contravention') {
      const restriction = e.restrictionId !== null ? this.deps.sources.restrictions.byId(e.restrictionId) : undefined;
      const fit = checkCodeFits(d.code, restriction?.type ?? e.restrictionType, restriction?.area ?? 'england');
      if (!fit.ok) throw invalid(`contravention code: ${fit.problems.join('; ')}`, { field: 'code', problems: fit.problems });
      const issuer = this.deps.pcn();
      if (!issuer) throw new ApiFailure(503, 'pcn-unavailable', 'PCNs cannot be issued: the pcn feature is not running');
      // The PCN feature runs every legal precondition and records a refusal (422 precondition-failed) itself;
      // the event stays with this officer so they can see why and decide again.
      const issued = issuer.issueFromDecision({
        eventId,
        officer: { id: officer.id, name: officer.name },
        code: fit.display,
        ...(d.notes ? { notes: d.notes } : {}),
        ...(d.vehicle ? { vehicle: { ...(d.vehicle.make ? { make: d.vehicle.make } : {}), ...(d.vehicle.colour ? { colour: d.vehicle.colour } : {}) } } : {}),
      });
      pcn = { id: issued.id, reference: issued.reference, kind: issued.kind };
      row = { ...base, outcome: 'contravention', code: fit.display, notes: d.notes, pcnId: pcn.id, pcnReference: pcn.reference };
    } else if (d.outcome === 'reject') {
      row = { ...base, outcome: 'reject', reason: d.reason, reasonText: d.reasonText, notes: d.notes };
    } else {
      row = { ...base, outcome: 'refer', notes: d.note };
    }
    const saved = this.deps.queue.decide(row, officer.id, now - this.leaseMs(), row.outcome === 'refer' ? row.notes : undefined);
    if (!saved) {
      // Only possible if the lease ran out between the check and here; a PCN issued meanwhile stands and is named.
      throw new ApiFailure(409, 'not-claimed', `event ${eventId} was no longer held by you; nothing was recorded${pcn ? ` (PCN ${pcn.reference} was issued: cancel it from Cases if it should not stand)` : ''}`);
    }
    this.deps.audit.record(officer, `review.${row.outcome}`, `event:${eventId}`, {
      vrm: e.vrm, seconds, ...(row.code ? { code: row.code } : {}), ...(row.reason ? { reason: row.reason, reasonText: row.reasonText } : {}), ...(pcn ? { pcn: pcn.reference } : {}),
    });
    if (row.outcome === 'refer') this.deps.publish?.({ type: 'event-queued', eventId, at: now });
    return { decision: saved, pcn };
  }

  counts(): ReturnType<ReviewQueueStore['counts']> {
    return this.deps.queue.counts(this.now(), this.leaseMs());
  }

  stats(officer: Officer) {
    const since = this.now() - 86_400_000;
    return { counts: this.counts(), mine: this.deps.queue.secondsPerCase(since, officer.name), everyone: this.deps.queue.secondsPerCase(since) };
  }
}
