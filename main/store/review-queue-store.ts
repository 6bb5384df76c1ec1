import type { Db } from './database.js';

export type ReviewOutcome = 'contravention' | 'reject' | 'refer';

export interface NewDecisionRow {
  eventId: number;
  outcome: ReviewOutcome;
  code: string | null;
  reason: string | null;
  reasonText: string;
  notes: string;
  pcnId: number | null;
  pcnReference: string | null;
  vrm: string;
  officerId: number | null;
  officerName: string;
  claimedAt: number | null;
  decidedAt: number;
  seconds: number;
}

export interface DecisionRow extends NewDecisionRow {
  id: number;
}

export interface ReferralRow {
  id: number;
  eventId: number;
  referredBy: string;
  referredAt: number;
  note: string;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

export interface HistoryEventRow {
  id: number;
  cameraId: number;
  restrictionType: string | null;
  firstSeenAt: number;
  status: string;
  outcome: string | null;
  code: string | null;
  reason: string | null;
}

export interface HistoryPcnRow {
  id: number;
  kind: string;
  reference: string;
  code: string;
  stage: string;
  cameraId: number;
  place: string;
  contraventionAt: number;
}

const decisionColumns = `id, event_id AS eventId, outcome, code, reason, reason_text AS reasonText, notes, pcn_id AS pcnId, pcn_reference AS pcnReference,
  vrm, officer_id AS officerId, officer_name AS officerName, claimed_at AS claimedAt, decided_at AS decidedAt, seconds`;

/**
 * The review queue's SQL: claiming events with a lease (the events table's
 * claimed_by/claimed_at), officers' decisions, referrals to a supervisor,
 * and a vehicle's history.
 *
 * Claiming is one UPDATE whose WHERE re-checks that the event is free
 * (queued, or in review under a lease that has run out), run in an IMMEDIATE
 * transaction: SQLite lets one writer in at a time, so two desks, or two
 * cores on one file, can never both win the same event.
 */
export class ReviewQueueStore {
  private readonly pickStmt;
  private readonly claimStmt;
  private readonly heldStmt;

  constructor(private readonly db: Db) {
    // Oldest first: statutory clocks run from the contravention.
    // Referred events go to supervisors only; an officer's own earlier claim comes back to them first.
    this.pickStmt = db.prepare(`SELECT e.id FROM events e
      WHERE (e.status = 'queued' OR (e.status = 'in-review' AND (e.claimed_at IS NULL OR e.claimed_at < @expiredBefore)))
        AND e.id NOT IN (SELECT value FROM json_each(@exclude))
        AND (@supervisor = 1 OR NOT EXISTS (SELECT 1 FROM review_referrals r WHERE r.event_id = e.id AND r.resolved_at IS NULL))
      ORDER BY CASE WHEN @supervisor = 1 AND EXISTS (SELECT 1 FROM review_referrals r WHERE r.event_id = e.id AND r.resolved_at IS NULL) THEN 0 ELSE 1 END,
        e.first_seen_at, e.id
      LIMIT 1`);
    this.claimStmt = db.prepare(`UPDATE events SET status = 'in-review', claimed_by = @userId, claimed_at = @now, updated_at = @now
      WHERE id = @id AND (status = 'queued' OR (status = 'in-review' AND (claimed_at IS NULL OR claimed_at < @expiredBefore)))`);
    this.heldStmt = db.prepare(`SELECT id FROM events WHERE status = 'in-review' AND claimed_by = ? AND claimed_at >= ? ORDER BY first_seen_at, id`);
  }

  /** Events this user holds under a live lease, oldest claim first. */
  held(userId: number, expiredBefore: number): number[] {
    return (this.heldStmt.all(userId, expiredBefore) as { id: number }[]).map((r) => r.id);
  }

  /** Claims the next free event for a user; null when the queue is empty. */
  claimNext(userId: number, now: number, leaseMs: number, opts: { supervisor: boolean; exclude?: readonly number[] }): number | null {
    const expiredBefore = now - leaseMs;
    return this.db.transaction(() => {
      for (let tries = 0; tries < 5; tries++) {
        const row = this.pickStmt.get({ expiredBefore, exclude: JSON.stringify(opts.exclude ?? []), supervisor: opts.supervisor ? 1 : 0 }) as { id: number } | undefined;
        if (!row) return null;
        if (this.claimStmt.run({ id: row.id, userId, now, expiredBefore }).changes === 1) return row.id;
      }
      return null;
    }).immediate();
  }

  /** Claims one given event (a supervisor opening a referral); false when someone else holds it. */
  claim(eventId: number, userId: number, now: number, leaseMs: number): boolean {
    const expiredBefore = now - leaseMs;
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT status, claimed_by AS claimedBy, claimed_at AS claimedAt FROM events WHERE id = ?').get(eventId) as { status: string; claimedBy: number | null; claimedAt: number | null } | undefined;
      if (!r) return false;
      if (r.status === 'in-review' && r.claimedBy === userId) {
        this.db.prepare('UPDATE events SET claimed_at = ?, updated_at = ? WHERE id = ?').run(now, now, eventId);
        return true;
      }
      return this.claimStmt.run({ id: eventId, userId, now, expiredBefore }).changes === 1;
    }).immediate();
  }

  /** Renews a user's lease on the events they hold; returns how many. */
  renew(userId: number, eventIds: readonly number[], now: number, leaseMs: number): number {
    const stmt = this.db.prepare(`UPDATE events SET claimed_at = ?, updated_at = ? WHERE id = ? AND status = 'in-review' AND claimed_by = ? AND claimed_at >= ?`);
    return this.db.transaction(() => eventIds.reduce((n, id) => n + stmt.run(now, now, id, userId, now - leaseMs).changes, 0))();
  }

  /** Gives a claimed event back to the queue. */
  release(eventId: number, userId: number, now: number): boolean {
    return this.db.prepare(`UPDATE events SET status = 'queued', claimed_by = NULL, claimed_at = NULL, updated_at = ? WHERE id = ? AND status = 'in-review' AND claimed_by = ?`).run(now, eventId, userId).changes === 1;
  }

  /** The claim as it stands: who holds it and since when. */
  claimOf(eventId: number): { status: string; claimedBy: number | null; claimedAt: number | null } | undefined {
    return this.db.prepare('SELECT status, claimed_by AS claimedBy, claimed_at AS claimedAt FROM events WHERE id = ?').get(eventId) as { status: string; claimedBy: number | null; claimedAt: number | null } | undefined;
  }

  /**
   * Records a decision and moves the event on, in one transaction, only if
   * the user still holds the event under a live lease (else nothing is
   * written and false comes back). A referral returns the event to the queue
   * for supervisors; any other decision closes it and any open referral.
   */
  decide(d: NewDecisionRow, userId: number, expiredBefore: number, referralNote?: string): DecisionRow | null {
    return this.db.transaction(() => {
      const now = d.decidedAt;
      const status = d.outcome === 'refer' ? 'queued' : 'decided';
      const moved = this.db
        .prepare(`UPDATE events SET status = ?, claimed_by = NULL, claimed_at = NULL, updated_at = ? WHERE id = ? AND status = 'in-review' AND claimed_by = ? AND claimed_at >= ?`)
        .run(status, now, d.eventId, userId, expiredBefore).changes;
      if (moved !== 1) return null;
      const id = Number(
        this.db
          .prepare(`INSERT INTO review_decisions (event_id, outcome, code, reason, reason_text, notes, pcn_id, pcn_reference, vrm, officer_id, officer_name, claimed_at, decided_at, seconds)
            VALUES (@eventId, @outcome, @code, @reason, @reasonText, @notes, @pcnId, @pcnReference, @vrm, @officerId, @officerName, @claimedAt, @decidedAt, @seconds)`)
          .run(d).lastInsertRowid,
      );
      if (d.outcome === 'refer') {
        this.db.prepare('UPDATE review_referrals SET resolved_at = ?, resolved_by = ? WHERE event_id = ? AND resolved_at IS NULL').run(now, d.officerName, d.eventId);
        this.db.prepare('INSERT INTO review_referrals (event_id, referred_by, referred_at, note) VALUES (?, ?, ?, ?)').run(d.eventId, d.officerName, now, referralNote ?? d.notes);
      } else {
        this.db.prepare('UPDATE review_referrals SET resolved_at = ?, resolved_by = ? WHERE event_id = ? AND resolved_at IS NULL').run(now, d.officerName, d.eventId);
      }
      return { ...d, id };
    }).immediate();
  }

  decisions(eventId: number): DecisionRow[] {
    return this.db.prepare(`SELECT ${decisionColumns} FROM review_decisions WHERE event_id = ? ORDER BY decided_at, id`).all(eventId) as DecisionRow[];
  }

  openReferral(eventId: number): ReferralRow | undefined {
    return this.db.prepare(`SELECT id, event_id AS eventId, referred_by AS referredBy, referred_at AS referredAt, note, resolved_at AS resolvedAt, resolved_by AS resolvedBy
      FROM review_referrals WHERE event_id = ? AND resolved_at IS NULL`).get(eventId) as ReferralRow | undefined;
  }

  /** Counts for the queue header. */
  counts(now: number, leaseMs: number): { queued: number; inReview: number; held: number; referred: number; decidedToday: number } {
    const r = this.db
      .prepare(`SELECT
          sum(status = 'queued' OR (status = 'in-review' AND claimed_at < @expired)) AS queued,
          sum(status = 'in-review' AND claimed_at >= @expired) AS inReview,
          sum(status = 'held') AS held
        FROM events`)
      .get({ expired: now - leaseMs }) as { queued: number | null; inReview: number | null; held: number | null };
    const referred = (this.db.prepare('SELECT count(*) AS n FROM review_referrals WHERE resolved_at IS NULL').get() as { n: number }).n;
    const decidedToday = (this.db.prepare("SELECT count(*) AS n FROM review_decisions WHERE decided_at >= ? AND outcome <> 'refer'").get(now - 86_400_000) as { n: number }).n;
    return { queued: r.queued ?? 0, inReview: r.inReview ?? 0, held: r.held ?? 0, referred, decidedToday };
  }

  /** Mean and median seconds per decided case for an officer (or everyone) since a time. */
  secondsPerCase(since: number, officerName?: string): { cases: number; meanSeconds: number | null; medianSeconds: number | null } {
    const rows = (officerName
      ? this.db.prepare('SELECT seconds FROM review_decisions WHERE decided_at >= ? AND officer_name = ? ORDER BY seconds').all(since, officerName)
      : this.db.prepare('SELECT seconds FROM review_decisions WHERE decided_at >= ? ORDER BY seconds').all(since)) as { seconds: number }[];
    if (!rows.length) return { cases: 0, meanSeconds: null, medianSeconds: null };
    const s = rows.map((r) => r.seconds);
    return { cases: s.length, meanSeconds: s.reduce((a, b) => a + b, 0) / s.length, medianSeconds: s[Math.floor((s.length - 1) / 2)]! };
  }

  /** This VRM's other events with their latest decision, newest first. */
  eventHistory(vrm: string, excludeEventId: number, limit = 20): HistoryEventRow[] {
    return this.db
      .prepare(`SELECT e.id, e.camera_id AS cameraId, e.restriction_type AS restrictionType, e.first_seen_at AS firstSeenAt, e.status,
          d.outcome, d.code, d.reason
        FROM events e
        LEFT JOIN review_decisions d ON d.id = (SELECT max(id) FROM review_decisions WHERE event_id = e.id)
        WHERE e.vrm = ? AND e.id <> ?
        ORDER BY e.first_seen_at DESC LIMIT ?`)
      .all(vrm, excludeEventId, limit) as HistoryEventRow[];
  }

  /** This VRM's PCNs and warning notices (the pcns table of migration 009), newest first. */
  pcnHistory(vrm: string, limit = 20): HistoryPcnRow[] {
    return this.db
      .prepare(`SELECT id, kind, reference, code, stage, camera_id AS cameraId, place, contravention_at AS contraventionAt
        FROM pcns WHERE vrm = ? ORDER BY contravention_at DESC LIMIT ?`)
      .all(vrm, limit) as HistoryPcnRow[];
  }
}
