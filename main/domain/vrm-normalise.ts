/**
 * Normalising a vehicle registration mark (VRM) for storage and comparison.
 *
 * DVLA marks are compared without spaces and in upper case (DOMAIN §10). Reads
 * from ANPR and from people also carry hyphens, dots and odd Unicode forms
 * (full-width letters from some OCR engines), so those are folded too. Other
 * characters are kept: a foreign plate must survive unchanged, to be flagged,
 * not silently rewritten.
 */

/** Separators a person or an ANPR camera puts between the groups of a mark. */
const SEPARATORS = /[\s.\-_\u2010-\u2015\u2212\u00b7]/gu;

function step(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
}

/**
 * Upper-case, NFKC-folded, separators removed. Idempotent: upper-casing can
 * yield a character NFKC folds again (and vice versa), so the step is
 * repeated until nothing changes (in practice once or twice).
 */
export function normaliseVrm(input: string): string {
  let current = step(input);
  for (let i = 0; i < 4; i++) {
    const next = step(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}
