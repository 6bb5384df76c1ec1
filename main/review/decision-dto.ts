import type { ReviewDecisionDto } from '../api/contract/review-routes.js';
import type { DecisionRow } from '../store/review-queue-store.js';

export function decisionDto(d: DecisionRow): ReviewDecisionDto {
  return {
    id: d.id,
    eventId: d.eventId,
    outcome: d.outcome,
    code: d.code,
    reason: d.reason,
    reasonText: d.reasonText,
    notes: d.notes,
    pcnId: d.pcnId,
    pcnReference: d.pcnReference,
    officerName: d.officerName,
    decidedAt: d.decidedAt,
    seconds: d.seconds,
  };
}
