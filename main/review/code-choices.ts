import {
  CONTRAVENTION_CODES,
  checkContraventionCode,
  formatContraventionCode,
  isCameraEnforceable,
  type ContraventionCode,
} from '../domain/contravention-codes.js';
import { isRestrictionType, RESTRICTION_TYPES, type RestrictionType } from '../domain/restriction-types.js';

export interface CodeChoice {
  code: string;
  display: string;
  description: string;
  suffixes: { suffix: string; meaning: string }[];
}

type Area = 'london' | 'england' | 'wales';

/** The codes an officer may choose for an event at this restriction type and area (DOMAIN §2): those that fit it and a camera may enforce there. */
export function codeChoices(type: string | null, area: Area, table: readonly ContraventionCode[] = CONTRAVENTION_CODES): CodeChoice[] {
  if (!type || !isRestrictionType(type)) return [];
  return table
    .filter((c) => isCameraEnforceable(area, type, c.code, { table }))
    .map((c) => ({
      code: c.code,
      display: formatContraventionCode({ code: c.code, camera: c.camera, suffix: null }),
      description: c.description,
      suffixes: Object.entries(c.suffixes).map(([suffix, s]) => ({ suffix, meaning: s.meaning })),
    }));
}

export type CodeFit = { ok: true; code: string; suffix: string | undefined; display: string } | { ok: false; problems: string[] };

/**
 * Whether a code as the officer wrote it ("34J", "50jr", "31") fits the
 * event's restriction: a known code with valid suffixes, listed for that
 * restriction type, and enforceable by camera in the area. Checked before
 * the PCN preconditions so a slip of the keyboard is a clear 400, not a
 * recorded refusal.
 */
export function checkCodeFits(written: string, type: string | null, area: Area): CodeFit {
  const checked = checkContraventionCode(written);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  if (!type || !isRestrictionType(type)) return { ok: false, problems: ['the event has no restriction recorded, so no code can fit it; reject or refer it'] };
  const label = RESTRICTION_TYPES[type as RestrictionType].label;
  if (!checked.entry.fits.includes(type)) {
    const fitting = codeChoices(type, area).map((c) => c.display);
    return { ok: false, problems: [`code ${checked.display} (${checked.entry.description.toLowerCase()}) does not fit a ${label}${fitting.length ? `; use ${fitting.join(' or ')}` : ''}`] };
  }
  if (!isCameraEnforceable(area, type, checked.parsed.code)) return { ok: false, problems: [`code ${checked.display} cannot be enforced by camera at a ${label} in ${area}`] };
  return { ok: true, code: checked.parsed.code + (checked.parsed.camera ? 'J' : ''), suffix: checked.parsed.suffix ?? undefined, display: checked.display };
}
