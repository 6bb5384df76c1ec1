import { isAgeIdentifierIssued, ageIdentifierIssueDate } from './vrm-age-identifier.js';
import { normaliseVrm } from './vrm-normalise.js';
import { VRM_RULES } from './vrm-rules.js';
import { ukLocalDate, type IsoDate } from './uk-time.js';

/**
 * Classifying a normalised VRM by shape, then checking it against the rules of
 * that format. Classification never throws: anything that fits no UK shape
 * (foreign plates, misreads, trade plates) is `unknown`, kept and flagged.
 */
export type VrmFormat =
  | 'current'
  | 'prefix'
  | 'suffix'
  | 'dateless'
  | 'northern-ireland'
  | 'diplomatic'
  | 'q-plate'
  | 'unknown';

/** Shapes, tried in this order (earlier shapes are more specific). */
const SHAPES: readonly { format: VrmFormat; re: RegExp }[] = [
  { format: 'current', re: /^[A-Z]{2}\d{2}[A-Z]{3}$/ },
  { format: 'diplomatic', re: /^\d{3}[DX]\d{3}$/ },
  // Q plates (vehicles of unidentifiable age): Q, 1–3 digits, 1–3 letters.
  { format: 'q-plate', re: /^Q\d{1,3}[A-Z]{1,3}$/ },
  { format: 'prefix', re: /^[A-Z]\d{1,3}[A-Z]{3}$/ },
  { format: 'suffix', re: /^[A-Z]{3}\d{1,3}[A-Z]$/ },
  // Northern Ireland: 1–3 letters whose last two (the area code) contain I or Z, then 1–4 digits.
  { format: 'northern-ireland', re: /^[A-Z]?(?:[IZ][A-Z]|[A-Z][IZ])\d{1,4}$/ },
  { format: 'dateless', re: /^(?:[A-Z]{1,3}\d{1,4}|\d{1,4}[A-Z]{1,3})$/ },
];

/** The format a mark's shape fits (input is normalised first). */
export function classifyVrm(input: string): VrmFormat {
  const vrm = normaliseVrm(input);
  for (const { format, re } of SHAPES) if (re.test(vrm)) return format;
  return 'unknown';
}

export interface VrmValidation {
  normalised: string;
  format: VrmFormat;
  valid: boolean;
  /** Why it is not valid (empty when valid). */
  problems: string[];
  /** Facts worth an officer's attention even when valid (e.g. diplomatic). */
  flags: string[];
}

function anyOf(text: string, excluded: string): string[] {
  return [...new Set([...text].filter((c) => excluded.includes(c)))];
}

/**
 * Validates a mark by the rules of its format. `asOf` bounds the current
 * format's age identifiers (only those issued by that UK date are real);
 * it defaults to now.
 */
export function validateVrm(input: string, asOf: Date | IsoDate = new Date()): VrmValidation {
  const normalised = normaliseVrm(input);
  const format = classifyVrm(normalised);
  const asOfDate = typeof asOf === 'string' ? asOf : ukLocalDate(asOf.getTime());
  const problems: string[] = [];
  const flags: string[] = [];
  switch (format) {
    case 'current': {
      const tag = normalised.slice(0, 2);
      const age = normalised.slice(2, 4);
      const random = normalised.slice(4);
      const badTag = anyOf(tag, VRM_RULES.current.memoryTagExcluded);
      if (badTag.length) problems.push(`memory tag "${tag}" uses ${badTag.join(', ')} (never used in a memory tag)`);
      const badRandom = anyOf(random, VRM_RULES.current.randomLettersExcluded);
      if (badRandom.length) problems.push(`last three letters "${random}" use ${badRandom.join(', ')} (never used there)`);
      const issued = ageIdentifierIssueDate(age);
      if (issued === null) problems.push(`age identifier "${age}" was never part of the scheme`);
      else if (!isAgeIdentifierIssued(age, asOfDate)) problems.push(`age identifier "${age}" is not issued until ${issued}`);
      break;
    }
    case 'prefix': {
      const year = normalised[0]!;
      if (VRM_RULES.prefix.yearLetterExcluded.includes(year)) problems.push(`"${year}" is never a prefix year letter`);
      const letters = normalised.slice(-3);
      const bad = anyOf(letters, VRM_RULES.prefix.letterGroupExcluded);
      if (bad.length) problems.push(`letters "${letters}" use ${bad.join(', ')} (not used in GB prefix marks)`);
      if (/^[A-Z]0/.test(normalised)) problems.push('the number has a leading zero');
      break;
    }
    case 'suffix': {
      const year = normalised.slice(-1);
      if (VRM_RULES.suffix.yearLetterExcluded.includes(year)) problems.push(`"${year}" is never a suffix year letter`);
      const letters = normalised.slice(0, 3);
      const bad = anyOf(letters, VRM_RULES.suffix.letterGroupExcluded);
      if (bad.length) problems.push(`letters "${letters}" use ${bad.join(', ')} (not used in GB suffix marks)`);
      if (/^[A-Z]{3}0/.test(normalised)) problems.push('the number has a leading zero');
      break;
    }
    case 'dateless':
    case 'northern-ireland': {
      const digits = normalised.replace(/[A-Z]/g, '');
      if (digits.startsWith('0')) problems.push('the number has a leading zero');
      if (format === 'northern-ireland') flags.push('northern-ireland');
      break;
    }
    case 'diplomatic':
      flags.push(`diplomatic: ${VRM_RULES.diplomatic.letters[normalised[3]!] ?? 'diplomatic'}`);
      break;
    case 'q-plate':
      flags.push('q-plate: vehicle of unidentified age or origin');
      break;
    case 'unknown':
      flags.push('foreign-or-unknown: fits no UK registration format');
      if (normalised.length === 0) problems.push('empty');
      else problems.push('fits no UK registration format');
      break;
  }
  return { normalised, format, valid: problems.length === 0, problems, flags };
}
