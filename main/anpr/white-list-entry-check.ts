/**
 * Checking one white-list entry, typed in or from a CSV row: the mark (a
 * mark that fits no UK format is accepted but flagged), the category, the
 * scope (cameras that exist, restriction types that exist), the dates
 * (UK calendar days: valid from the start of the first to the end of the
 * last), the source stakeholder. Pure given the camera resolver.
 */
import { addDays, isIsoDate, ukLocalToUtcMs } from '../domain/uk-time.js';
import { isRestrictionType } from '../domain/restriction-types.js';
import { normaliseVrm, validateVrm } from '../domain/vrm.js';
import { WHITE_LIST_CATEGORIES, type WhiteListCategory } from '../api/contract/anpr-routes.js';
import type { WhiteListFields } from '../store/whitelist-store.js';
import { looksLikeFormula } from './csv.js';
import { MAX_VRM_LENGTH } from './read-fields.js';

export interface EntryDraft {
  vrm: string;
  category: string;
  scopeCameras: readonly (string | number)[];
  scopeTypes: readonly string[];
  validFrom: string;
  validTo: string | null;
  source: string;
  notes: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export type EntryCheck = { ok: true; fields: WhiteListFields; warnings: string[] } | { ok: false; errors: FieldError[] };

export function ukDayStart(date: string): number {
  return ukLocalToUtcMs(date);
}

/** The last millisecond of a UK calendar day. */
export function ukDayEnd(date: string): number {
  return ukLocalToUtcMs(addDays(date, 1)) - 1;
}

export function checkEntry(d: EntryDraft, resolveCamera: (ref: string) => number | undefined, nowMs: number): EntryCheck {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const entered = d.vrm.trim();
  const vrm = normaliseVrm(entered);
  if (!vrm) errors.push({ field: 'vrm', message: 'the registration mark is empty' });
  else if (looksLikeFormula(entered)) errors.push({ field: 'vrm', message: 'starts like a spreadsheet formula; refused' });
  else if (/[^A-Z0-9]/.test(vrm)) errors.push({ field: 'vrm', message: `"${entered}" has characters no plate carries` });
  else if (vrm.length > MAX_VRM_LENGTH) errors.push({ field: 'vrm', message: `"${entered}" is longer than any plate` });
  let vrmValid = false;
  if (!errors.length) {
    const v = validateVrm(vrm, new Date(nowMs));
    vrmValid = v.valid;
    if (!v.valid) warnings.push(`${vrm} fits no valid UK format (${v.problems.join('; ') || v.format}); kept and flagged`);
  }
  const category = d.category.trim().toLowerCase();
  if (!(WHITE_LIST_CATEGORIES as readonly string[]).includes(category)) {
    errors.push({ field: 'category', message: `"${d.category}" is not a category (${WHITE_LIST_CATEGORIES.join(', ')})` });
  }
  const cameras: number[] = [];
  for (const ref of d.scopeCameras) {
    const id = resolveCamera(String(ref));
    if (id === undefined) errors.push({ field: 'scope_cameras', message: `camera ${ref} does not exist (or is retired)` });
    else if (!cameras.includes(id)) cameras.push(id);
  }
  const types: string[] = [];
  for (const t of d.scopeTypes) {
    const k = t.trim().toLowerCase();
    if (!isRestrictionType(k)) errors.push({ field: 'scope_types', message: `"${t}" is not a restriction type` });
    else if (!types.includes(k)) types.push(k);
  }
  let validFrom = 0;
  let validTo: number | null = null;
  if (!isIsoDate(d.validFrom.trim())) errors.push({ field: 'valid_from', message: `"${d.validFrom}" is not a date YYYY-MM-DD` });
  else validFrom = ukDayStart(d.validFrom.trim());
  if (d.validTo !== null && d.validTo.trim() !== '') {
    if (!isIsoDate(d.validTo.trim())) errors.push({ field: 'valid_to', message: `"${d.validTo}" is not a date YYYY-MM-DD` });
    else {
      validTo = ukDayEnd(d.validTo.trim());
      if (isIsoDate(d.validFrom.trim()) && validTo < validFrom) errors.push({ field: 'valid_to', message: `valid_to ${d.validTo} is before valid_from ${d.validFrom}` });
      else if (validTo < nowMs) warnings.push(`${vrm}: already expired (valid to ${d.validTo})`);
    }
  }
  const source = d.source.trim();
  if (!source) errors.push({ field: 'source', message: 'the source stakeholder is required (principle 12: every entry has a source)' });
  else if (looksLikeFormula(source)) errors.push({ field: 'source', message: 'starts like a spreadsheet formula; refused' });
  else if (source.length > 200) errors.push({ field: 'source', message: 'longer than 200 characters' });
  const notes = d.notes.trim();
  if (looksLikeFormula(notes)) errors.push({ field: 'notes', message: 'starts like a spreadsheet formula; refused' });
  else if (notes.length > 2000) errors.push({ field: 'notes', message: 'longer than 2000 characters' });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    fields: { vrm, vrmEntered: entered, vrmValid, category: category as WhiteListCategory, scopeCameras: cameras, scopeTypes: types, validFrom, validTo, source, notes },
    warnings,
  };
}
