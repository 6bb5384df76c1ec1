import { confusablesOf } from '../domain/vrm.js';

/**
 * What a character read by Tesseract may really be, with a cost (lower is
 * likelier). The domain's confusable groups (DOMAIN §10: O/0/D, I/1, B/8,
 * S/5, Z/2, G/6/C, V/Y) cost 1. Tesseract on plate glyphs adds a few of its
 * own, seen in the OCR benchmark: the J's hook is lost (J read as I or 1),
 * and a digit 0 is far likelier an O than a D. Used only where the format
 * says the character cannot stand (a digit among the letters, an I in the
 * last three letters).
 */
const OCR_EXTRA: Readonly<Record<string, readonly [string, number][]>> = {
  I: [['J', 1.1], ['L', 1.6], ['T', 1.8]],
  '1': [['J', 1.2], ['L', 1.6], ['T', 1.8]],
  J: [['1', 1.3]],
  L: [['1', 1.6]],
  T: [['7', 1.5], ['1', 1.8]],
  '7': [['T', 1.5]],
  '4': [['A', 1.5]],
  A: [['4', 1.5]],
  Q: [['O', 1.2], ['0', 1.3]],
  U: [['V', 1.5]],
};

/** Preferred among the domain's groups: the glyphs that are nearly the same shape. */
const PREFERRED: Readonly<Record<string, string>> = { '0': 'O', O: '0', '1': 'I', '8': 'B', B: '8', '5': 'S', S: '5', '2': 'Z', Z: '2', '6': 'G', G: '6' };

export function ocrAlternatives(c: string): { to: string; cost: number }[] {
  const out = new Map<string, number>();
  for (const x of confusablesOf(c)) out.set(x, PREFERRED[c] === x ? 0.9 : 1);
  for (const [x, cost] of OCR_EXTRA[c] ?? []) if (!out.has(x)) out.set(x, cost);
  return [...out].map(([to, cost]) => ({ to, cost }));
}
