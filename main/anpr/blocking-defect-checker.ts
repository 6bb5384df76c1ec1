/**
 * While a blocking camera or sign defect is open at a place, its events are
 * held (an officer must not act on footage from a camera known to be faulty,
 * or where the signs were wrong). The health feature answers; this is the
 * small interface the anpr feature needs from it, so anpr runs (holding
 * nothing for defects) where health is absent.
 */
import type { Feature, FeatureRegistry } from '../features/feature.js';

/** false/null: nothing blocks; true or {reason}: blocked (say why where possible). */
export type BlockingDefectAnswer = boolean | null | undefined | { reason: string; defectId?: number };

export interface BlockingDefectChecker {
  hasBlockingDefect(cameraId: number, atMs: number): BlockingDefectAnswer;
}

export const noBlockingDefects: BlockingDefectChecker = { hasBlockingDefect: () => false };

/** The hold reason for an answer, or null when nothing blocks. */
export function holdReasonOf(answer: BlockingDefectAnswer, cameraId: number): string | null {
  if (!answer) return null;
  if (answer === true) return `a blocking defect is open at camera ${cameraId}`;
  return answer.defectId === undefined ? answer.reason : `defect #${answer.defectId}: ${answer.reason}`;
}

type HealthLike = Feature & Partial<BlockingDefectChecker> & { service?: Partial<BlockingDefectChecker> };

/** The health feature's checker when it is registered (on the feature or its service), else "none". */
export function blockingDefectCheckerFrom(features: FeatureRegistry): BlockingDefectChecker {
  const health = features.find<HealthLike>('health');
  // Looked up on each call: health may be built with its service attached later.
  return {
    hasBlockingDefect(cameraId, atMs) {
      if (typeof health?.hasBlockingDefect === 'function') return health.hasBlockingDefect(cameraId, atMs);
      if (typeof health?.service?.hasBlockingDefect === 'function') return health.service.hasBlockingDefect(cameraId, atMs);
      return false;
    },
  };
}
