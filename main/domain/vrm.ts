import { suggestVrmCorrections, type VrmSuggestion } from './vrm-confusables.js';
import { formatVrmForDisplay } from './vrm-display.js';
import { validateVrm, type VrmFormat } from './vrm-format.js';
import type { IsoDate } from './uk-time.js';

export { normaliseVrm } from './vrm-normalise.js';
export { classifyVrm, validateVrm, type VrmFormat, type VrmValidation } from './vrm-format.js';
export { formatVrmForDisplay } from './vrm-display.js';
export { ageIdentifierIssueDate, isAgeIdentifierIssued } from './vrm-age-identifier.js';
export {
  CONFUSABLE_GROUPS,
  confusablesOf,
  areConfusable,
  suggestVrmCorrections,
  type VrmSuggestion,
  type VrmCorrection,
} from './vrm-confusables.js';
export {
  isSameVrm,
  oneCharacterDifference,
  differsOnlyByConfusables,
  compareVrms,
  type OneCharacterDifference,
  type VrmComparison,
} from './vrm-near-miss.js';

/** Everything the workstation says about one read (what `cctv vrm` prints). */
export interface VrmAnalysis {
  input: string;
  normalised: string;
  format: VrmFormat;
  valid: boolean;
  display: string;
  problems: string[];
  flags: string[];
  suggestions: VrmSuggestion[];
}

export function analyseVrm(input: string, asOf: Date | IsoDate = new Date()): VrmAnalysis {
  const v = validateVrm(input, asOf);
  return {
    input,
    normalised: v.normalised,
    format: v.format,
    valid: v.valid,
    display: formatVrmForDisplay(v.normalised),
    problems: v.problems,
    flags: v.flags,
    suggestions: suggestVrmCorrections(v.normalised, asOf),
  };
}
