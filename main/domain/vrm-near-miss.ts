import { areConfusable, CONFUSABLE_GROUPS } from './vrm-confusables.js';
import { normaliseVrm } from './vrm-normalise.js';

/**
 * Comparing two marks. Only an exact match (after normalising) is a match:
 * "a VRM that differs by one character from a permit or list entry is not a
 * match — all digits of a VRM must be correct" (seed 004, Devon SOP). The
 * near-miss functions exist to *show* an officer a likely misread or a
 * white-list typo, never to let one through.
 */
export function isSameVrm(a: string, b: string): boolean {
  const x = normaliseVrm(a);
  return x.length > 0 && x === normaliseVrm(b);
}

export type OneCharacterDifference =
  | { kind: 'substitution'; position: number; from: string; to: string }
  | { kind: 'insertion'; position: number; to: string }
  | { kind: 'deletion'; position: number; from: string };

/**
 * How `b` differs from `a` by exactly one character (substitution, insertion
 * or deletion), or null if identical or further apart. Positions are 1-based
 * in `a`'s normalised form (for an insertion, where the new character goes).
 */
export function oneCharacterDifference(a: string, b: string): OneCharacterDifference | null {
  const x = normaliseVrm(a);
  const y = normaliseVrm(b);
  if (x === y) return null;
  if (x.length === y.length) {
    let at = -1;
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i]) {
        if (at !== -1) return null;
        at = i;
      }
    }
    return { kind: 'substitution', position: at + 1, from: x[at]!, to: y[at]! };
  }
  if (Math.abs(x.length - y.length) !== 1) return null;
  const longer = x.length > y.length ? x : y;
  const shorter = x.length > y.length ? y : x;
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  if (longer.slice(i + 1) !== shorter.slice(i)) return null;
  return x.length > y.length
    ? { kind: 'deletion', position: i + 1, from: x[i]! }
    : { kind: 'insertion', position: i + 1, to: y[i]! };
}

/**
 * True when the marks differ, have the same length, and every difference is a
 * confusable pair (O/0/D, I/1, B/8, S/5, Z/2, G/6/C, V/Y): a likely misread.
 */
export function differsOnlyByConfusables(a: string, b: string, groups: readonly string[] = CONFUSABLE_GROUPS): boolean {
  const x = normaliseVrm(a);
  const y = normaliseVrm(b);
  if (x === y || x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !areConfusable(x[i]!, y[i]!, groups)) return false;
  return true;
}

export interface VrmComparison {
  /** Exact match after normalising: the only thing that counts as a match. */
  match: boolean;
  oneCharacter: OneCharacterDifference | null;
  confusableOnly: boolean;
  /** A near miss to show the officer; never a match. */
  nearMiss: boolean;
}

export function compareVrms(a: string, b: string): VrmComparison {
  const match = isSameVrm(a, b);
  const oneCharacter = match ? null : oneCharacterDifference(a, b);
  const confusableOnly = match ? false : differsOnlyByConfusables(a, b);
  return { match, oneCharacter, confusableOnly, nearMiss: !match && (oneCharacter !== null || confusableOnly) };
}
