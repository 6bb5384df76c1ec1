import type { AnprReadDto, CandidateEvent, NearMiss, WhiteListCheck } from '../api/contract/anpr-routes.js';
import type { PlateReadingDto, ReviewCase } from '../api/contract/review-routes.js';
import { isRestrictionType, RESTRICTION_TYPES } from '../domain/restriction-types.js';
import { isInForce } from '../domain/schedule-in-force.js';
import { tryParseSchedule } from '../domain/schedule-parse.js';
import { analyseVrm } from '../domain/vrm.js';
import type { AnprReadsStore } from '../store/anpr-reads-store.js';
import type { CamerasStore } from '../store/cameras-store.js';
import type { EventRow } from '../store/events-store.js';
import type { RestrictionRow, RestrictionsStore } from '../store/restrictions-store.js';
import type { ReviewQueueStore } from '../store/review-queue-store.js';
import { codeChoices } from './code-choices.js';
import { decisionDto } from './decision-dto.js';

/** What the case file needs from the anpr feature, when it is registered. */
export interface AnprLink {
  whiteListCheck?(vrm: string, cameraId: number, atMs: number): WhiteListCheck;
  evaluate?(row: RestrictionRow, atMs: number): { inForce: boolean; why: string };
}

export interface CaseSources {
  queue: ReviewQueueStore;
  reads: AnprReadsStore;
  cameras: CamerasStore;
  restrictions: RestrictionsStore;
  anpr: AnprLink;
  cachedOcr(sha256: string): PlateReadingDto | null;
  leaseMs(): number;
}

/**
 * Everything the officer sees beside the clip, gathered in one synchronous
 * pass over SQLite (a few indexed reads) so the next case is ready in
 * milliseconds: the reads and their pictures, the VRM's analysis, the
 * white-list answer with near misses, the VRM's history (earlier events and
 * PCNs), the restriction with its hours and whether it was in force at the
 * event time, and the codes that fit.
 */
export function buildCase(e: EventRow, s: CaseSources, forUserId: number | null): ReviewCase {
  const reads = e.readIds
    .slice(0, 10)
    .map((id) => s.reads.byId(id))
    .filter((r): r is NonNullable<typeof r> => r !== undefined) as AnprReadDto[];
  const best = [...reads].sort((a, b) => (b.confidence ?? -1) - (a.confidence ?? -1))[0];
  const plateImage = reads.flatMap((r) => r.images).find((i) => i.role === 'plate')?.sha256 ?? null;
  const overviewImage = reads.flatMap((r) => r.images).find((i) => i.role === 'overview')?.sha256 ?? null;
  const analysis = analyseVrm(e.vrm, new Date(e.firstSeenAt));
  const cam = s.cameras.byId(e.cameraId);
  const row = e.restrictionId !== null ? s.restrictions.byId(e.restrictionId) : undefined;
  let restriction: ReviewCase['restriction'] = null;
  if (row) {
    const f = s.anpr.evaluate?.(row, e.firstSeenAt) ?? evaluateHere(row, e.firstSeenAt);
    restriction = {
      id: row.id,
      type: row.type,
      label: isRestrictionType(row.type) ? RESTRICTION_TYPES[row.type].label : row.type,
      schedule: row.schedule,
      inForce: f.inForce,
      why: f.why,
      permitted: row.permitted,
      trafficOrderRef: row.trafficOrderRef,
      signsInOrder: row.signsInOrder,
      signsNote: row.signsNote,
      area: row.area,
    };
  }
  let whiteList: WhiteListCheck | null = null;
  try {
    whiteList = s.anpr.whiteListCheck?.(e.vrm, e.cameraId, e.firstSeenAt) ?? null;
  } catch {
    whiteList = null;
  }
  const referral = s.queue.openReferral(e.id);
  const leaseMs = s.leaseMs();
  return {
    event: { ...e, nearMisses: e.nearMisses as NearMiss[] } as CandidateEvent,
    camera: { id: e.cameraId, name: cam?.name ?? `Camera ${e.cameraId}`, place: cam?.enforcementSiteName ?? cam?.locationDescription ?? '' },
    clip: { cameraId: e.cameraId, from: e.clipStart, to: e.clipEnd, at: e.firstSeenAt },
    reads,
    plate: {
      vrm: e.vrm,
      display: analysis.display,
      format: analysis.format,
      valid: analysis.valid,
      problems: analysis.problems,
      flags: analysis.flags,
      confidence: best?.confidence ?? null,
      plateImage,
      overviewImage,
    },
    ocr: plateImage ? s.cachedOcr(plateImage) : null,
    whiteList,
    history: { events: s.queue.eventHistory(e.vrm, e.id), pcns: s.queue.pcnHistory(e.vrm) },
    restriction,
    codes: codeChoices(row?.type ?? e.restrictionType, row?.area ?? 'england'),
    claim: {
      claimedAt: e.status === 'in-review' ? e.claimedAt : null,
      leaseUntil: e.status === 'in-review' && e.claimedAt !== null ? e.claimedAt + leaseMs : null,
      mine: e.status === 'in-review' && forUserId !== null && e.claimedBy === forUserId,
    },
    referral: referral ? { referredBy: referral.referredBy, referredAt: referral.referredAt, note: referral.note } : null,
    decisions: s.queue.decisions(e.id).map(decisionDto),
  };
}

function evaluateHere(row: RestrictionRow, atMs: number): { inForce: boolean; why: string } {
  const p = tryParseSchedule(row.schedule);
  if (!p.ok) return { inForce: false, why: `schedule cannot be read: ${p.error.message}` };
  return isInForce(p.schedule, atMs, { region: 'england-and-wales' });
}
