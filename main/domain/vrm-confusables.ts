import { formatVrmForDisplay } from './vrm-display.js';
import { validateVrm } from './vrm-format.js';
import { normaliseVrm } from './vrm-normalise.js';
import { VRM_RULES } from './vrm-rules.js';
import type { IsoDate } from './uk-time.js';

/**
 * Characters that OCR (and tired eyes) confuse on UK plates in the Charles
 * Wright typeface (DOMAIN §10). A screw head can turn a G into a C. Each
 * group is a set of mutually confusable characters.
 */
export const CONFUSABLE_GROUPS: readonly string[] = ['O0D', 'I1', 'B8', 'S5', 'Z2', 'G6C', 'VY'];

/** The characters `c` can be confused with (not including itself). */
export function confusablesOf(c: string, groups: readonly string[] = CONFUSABLE_GROUPS): string[] {
  const out = new Set<string>();
  for (const g of groups) if (g.includes(c)) for (const x of g) if (x !== c) out.add(x);
  return [...out];
}

export function areConfusable(a: string, b: string, groups: readonly string[] = CONFUSABLE_GROUPS): boolean {
  return a !== b && groups.some((g) => g.includes(a) && g.includes(b));
}

export interface VrmCorrection {
  position: number;
  from: string;
  to: string;
}

export interface VrmSuggestion {
  vrm: string;
  display: string;
  changes: VrmCorrection[];
  reason: string;
}

/** Current format by position: 0-1 letters, 2-3 digits, 4-6 letters. */
const CURRENT_KINDS = ['L', 'L', 'D', 'D', 'L', 'L', 'L'] as const;
const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => c >= 'A' && c <= 'Z';

/**
 * Suggested corrections of a read that is not a valid current-format mark,
 * by swapping confusable characters so that positions 3–4 are digits and the
 * rest letters (and the result passes the current format's rules).
 * Suggestions are for the officer to accept; nothing is changed here.
 */
export function suggestVrmCorrections(input: string, asOf: Date | IsoDate = new Date()): VrmSuggestion[] {
  const vrm = normaliseVrm(input);
  if (vrm.length !== CURRENT_KINDS.length) return [];
  const current = validateVrm(vrm, asOf);
  if (current.format === 'current' && current.valid) return [];
  // Options for each position: the character itself if it fits there, else
  // its confusables that do. A character of the right kind that breaks a rule
  // (an I or Z in the memory tag) is treated as not fitting. Characters that
  // fit are never changed, so each suggestion changes only what must change.
  const options: string[][] = [];
  for (let i = 0; i < vrm.length; i++) {
    const c = vrm[i]!;
    const excluded = i < 2 ? VRM_RULES.current.memoryTagExcluded : i >= 4 ? VRM_RULES.current.randomLettersExcluded : '';
    const fits = (x: string) => (CURRENT_KINDS[i] === 'D' ? isDigit(x) : isLetter(x) && !excluded.includes(x));
    options.push(fits(c) ? [c] : confusablesOf(c).filter(fits));
  }
  if (options.some((o) => o.length === 0)) return [];
  const out: VrmSuggestion[] = [];
  const walk = (i: number, acc: string) => {
    if (out.length >= 20) return; // an unreadable plate should not flood the officer
    if (i === vrm.length) {
      if (acc === vrm) return;
      const v = validateVrm(acc, asOf);
      if (v.format !== 'current' || !v.valid) return;
      const changes: VrmCorrection[] = [];
      for (let k = 0; k < acc.length; k++) if (acc[k] !== vrm[k]) changes.push({ position: k + 1, from: vrm[k]!, to: acc[k]! });
      out.push({
        vrm: acc,
        display: formatVrmForDisplay(acc),
        changes,
        reason: `current format needs letters at 1-2 and 5-7 and digits at 3-4: ${changes
          .map((c) => `${c.from}→${c.to} at ${c.position}`)
          .join(', ')}`,
      });
      return;
    }
    for (const c of options[i]!) walk(i + 1, acc + c);
  };
  walk(0, '');
  // Fewest changes first: the likeliest reading.
  return out.sort((a, b) => a.changes.length - b.changes.length || a.vrm.localeCompare(b.vrm));
}
