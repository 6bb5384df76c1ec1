import { areConfusable, formatVrmForDisplay, normaliseVrm, validateVrm, type VrmFormat } from '../domain/vrm.js';
import { VRM_RULES } from '../domain/vrm-rules.js';
import type { IsoDate } from '../domain/uk-time.js';
import { ocrAlternatives } from './ocr-confusions.js';

/** One change the correction made, for the officer to see (DOMAIN §10: never silent). */
export interface PlateChange {
  /** 1-based position in the raw read. */
  position: number;
  from: string;
  /** '' when a character was dropped. */
  to: string;
  why: string;
}

export interface PlateCorrection {
  /** What the OCR read, normalised (upper case, no spaces). */
  raw: string;
  /** The suggested mark (may equal raw). */
  suggestion: string;
  display: string;
  format: VrmFormat;
  valid: boolean;
  changes: PlateChange[];
  /** Other readings the format rules allow, likeliest first. */
  alternatives: string[];
}

/** Per-glyph confidence (0–100) from the OCR, in reading order, spaces left out. */
export type GlyphConfidence = readonly { text: string; confidence: number }[];

// Current format by position: 0-1 letters, 2-3 digits, 4-6 letters (DOMAIN §10).
const KINDS = ['L', 'L', 'D', 'D', 'L', 'L', 'L'] as const;
const fits = (i: number, c: string): boolean => {
  if (KINDS[i] === 'D') return c >= '0' && c <= '9';
  if (!(c >= 'A' && c <= 'Z')) return false;
  const excluded = i < 2 ? VRM_RULES.current.memoryTagExcluded : VRM_RULES.current.randomLettersExcluded;
  return !excluded.includes(c);
};

/** A doubled glyph: the same character, or a confusable one, beside it. */
const near = (a: string | undefined, b: string): boolean => a !== undefined && (a === b || areConfusable(a, b));

interface Candidate {
  vrm: string;
  cost: number;
  changes: PlateChange[];
}

/** Every current-format mark reachable from a 7-character read by swapping characters that do not fit their position. */
function substitutions(base: string, asOf: Date | IsoDate, positionOf: (i: number) => number): Candidate[] {
  const options: { c: string; cost: number }[][] = [];
  for (let i = 0; i < 7; i++) {
    const c = base[i]!;
    options.push(fits(i, c) ? [{ c, cost: 0 }] : ocrAlternatives(c).filter((a) => fits(i, a.to)).map((a) => ({ c: a.to, cost: a.cost })));
  }
  if (options.some((o) => o.length === 0)) return [];
  const out: Candidate[] = [];
  const walk = (i: number, acc: string, cost: number) => {
    if (out.length >= 50) return;
    if (i === 7) {
      const v = validateVrm(acc, asOf);
      if (v.format !== 'current' || !v.valid) return;
      const changes: PlateChange[] = [];
      for (let k = 0; k < 7; k++) {
        if (acc[k] !== base[k]) changes.push({ position: positionOf(k), from: base[k]!, to: acc[k]!, why: `position ${k + 1} of a current-format mark is a ${KINDS[k] === 'D' ? 'digit' : 'letter'}${KINDS[k] === 'L' && base[k]! >= 'A' && base[k]! <= 'Z' ? ` and "${base[k]}" is never used there` : ''}` });
      }
      out.push({ vrm: acc, cost, changes });
      return;
    }
    for (const o of options[i]!) walk(i + 1, acc + o.c, cost + o.cost);
  };
  walk(0, '', 0);
  return out;
}

/**
 * The UK-format correction of an OCR read, by position: in the current
 * format positions 3–4 are digits and the rest letters, so an O read where
 * a digit must be becomes 0. A read one character too long (Tesseract split
 * a glyph, or read the plate edge as a stroke) may lose one character when
 * what remains is a valid mark; the least confident glyph goes first. A read
 * already valid in some UK format is left alone. The result is a suggestion
 * for the officer, with every change listed; nothing is applied silently.
 */
export function correctPlateRead(text: string, asOf: Date | IsoDate = new Date(), glyphs: GlyphConfidence = []): PlateCorrection {
  const raw = normaliseVrm(text);
  const conf = glyphs.filter((g) => g.text.trim()).map((g) => g.confidence);
  const confAt = (i: number) => (conf.length === raw.length ? conf[i]! : 50);
  const asIs = validateVrm(raw, asOf);
  if (asIs.valid && asIs.format !== 'unknown') return result(raw, [], []);

  const candidates: Candidate[] = [];
  if (raw.length === 7) candidates.push(...substitutions(raw, asOf, (k) => k + 1));
  if (raw.length === 8) {
    for (let d = 0; d < 8; d++) {
      const base = raw.slice(0, d) + raw.slice(d + 1);
      const dropCost = 1.5 + confAt(d) / 100 - (d === 0 || d === 7 ? 0.3 : 0) - (near(raw[d - 1], raw[d]!) || near(raw[d + 1], raw[d]!) ? 0.3 : 0);
      const drop: PlateChange = { position: d + 1, from: raw[d]!, to: '', why: d === 0 || d === 7 ? 'one character too many: a stroke at the edge is usually the plate border' : 'one character too many: the OCR split a glyph in two' };
      for (const c of substitutions(base, asOf, (k) => (k < d ? k + 1 : k + 2))) candidates.push({ vrm: c.vrm, cost: c.cost + dropCost, changes: [drop, ...c.changes].sort((a, b) => a.position - b.position) });
    }
  }
  if (!candidates.length) return result(raw, [], []);
  candidates.sort((a, b) => a.cost - b.cost || a.vrm.localeCompare(b.vrm));
  const best = candidates[0]!;
  const alternatives = [...new Set(candidates.map((c) => c.vrm))].filter((v) => v !== best.vrm).slice(0, 5);
  return result(best.vrm, best.changes, alternatives);

  function result(suggestion: string, changes: PlateChange[], alts: string[]): PlateCorrection {
    const v = validateVrm(suggestion, asOf);
    return { raw, suggestion, display: formatVrmForDisplay(suggestion), format: v.format, valid: v.valid && v.format !== 'unknown', changes, alternatives: alts };
  }
}
