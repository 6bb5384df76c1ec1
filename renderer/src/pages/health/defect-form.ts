import type { BodyIn, Defect, NewDefectBody } from '../../../../main/api/contract';
import { parseUkLocal } from '../../lib/format-time';
import { toUkInputValue } from './uk-datetime-input';

type DefectPatchBody = NonNullable<BodyIn<'defectUpdate'>>;

/** The defect form as typed: strings straight from the inputs, read by `readDefectForm`. */
export interface DefectForm {
  scope: 'camera' | 'location';
  cameraId: string;
  location: string;
  siteCode: string;
  category: string;
  title: string;
  description: string;
  blocking: boolean;
  supplier: string;
  supplierRef: string;
  reportedAt: string;
  acknowledgedAt: string;
  resolvedAt: string;
}

export type DefectField = keyof DefectForm;

export const cameraCategories = ['camera-fault', 'camera-view', 'camera-clock', 'other'] as const;
export const locationCategories = ['sign-missing', 'sign-damaged', 'sign-obscured', 'road-marking-worn', 'road-marking-missing', 'other'] as const;

export function blankDefectForm(scope: 'camera' | 'location' = 'camera', now = Date.now()): DefectForm {
  return {
    scope, cameraId: '', location: '', siteCode: '', category: scope === 'camera' ? 'camera-fault' : 'sign-damaged', title: '', description: '',
    blocking: false, supplier: '', supplierRef: '', reportedAt: toUkInputValue(now), acknowledgedAt: '', resolvedAt: '',
  };
}

export function formFromDefect(d: Defect): DefectForm {
  return {
    scope: d.scope, cameraId: d.cameraId === null ? '' : String(d.cameraId), location: d.location ?? '', siteCode: d.siteCode ?? '', category: d.category,
    title: d.title, description: d.description, blocking: d.blocking, supplier: d.supplier ?? '', supplierRef: d.supplierRef ?? '',
    reportedAt: toUkInputValue(d.reportedAt), acknowledgedAt: toUkInputValue(d.acknowledgedAt), resolvedAt: toUkInputValue(d.resolvedAt),
  };
}

export interface ReadDefect {
  create: NewDefectBody;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/**
 * Checks the form the way the core will (so mistakes show beside their
 * field before anything is sent) and reads the UK local times. The core
 * checks again; its refusals land on the same fields.
 */
export function readDefectForm(f: DefectForm): { ok: true; value: ReadDefect } | { ok: false; errors: Partial<Record<DefectField, string>> } {
  const errors: Partial<Record<DefectField, string>> = {};
  if (!f.title.trim()) errors.title = 'Say in a few words what is wrong';
  const cameraId = Number(f.cameraId);
  if (f.scope === 'camera' && !(Number.isInteger(cameraId) && cameraId > 0)) errors.cameraId = 'Choose the camera';
  if (f.scope === 'location' && !f.location.trim()) errors.location = 'Describe where the sign or marking is';
  const time = (field: 'reportedAt' | 'acknowledgedAt' | 'resolvedAt', required: boolean): number | null => {
    const v = f[field].trim();
    if (!v) {
      if (required) errors[field] = 'Enter a date and time';
      return null;
    }
    const ms = parseUkLocal(v);
    if (ms === undefined) {
      errors[field] = 'Enter a date and time (UK)';
      return null;
    }
    return ms;
  };
  const reportedAt = time('reportedAt', true);
  const acknowledgedAt = time('acknowledgedAt', false);
  const resolvedAt = time('resolvedAt', false);
  if (reportedAt !== null && acknowledgedAt !== null && acknowledgedAt < reportedAt) errors.acknowledgedAt = 'Acknowledged cannot be before it was reported';
  if (reportedAt !== null && resolvedAt !== null && resolvedAt < reportedAt) errors.resolvedAt = 'Resolved cannot be before it was reported';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      create: {
        scope: f.scope,
        cameraId: f.scope === 'camera' ? cameraId : null,
        location: orNull(f.location),
        siteCode: orNull(f.siteCode),
        category: f.category as NewDefectBody['category'],
        title: f.title.trim(),
        description: f.description.trim(),
        blocking: f.blocking,
        supplier: orNull(f.supplier),
        supplierRef: orNull(f.supplierRef),
        reportedAt: reportedAt!,
      },
      acknowledgedAt,
      resolvedAt,
    },
  };
}

/** Only what changed, so the audit log records what the user actually edited. */
export function defectPatch(before: Defect, r: ReadDefect): DefectPatchBody {
  const c = r.create;
  const patch: DefectPatchBody = {};
  if (c.title !== before.title) patch.title = c.title;
  if ((c.description ?? '') !== before.description) patch.description = c.description ?? '';
  if (c.category !== before.category) patch.category = c.category;
  if ((c.blocking ?? false) !== before.blocking) patch.blocking = c.blocking ?? false;
  if ((c.supplier ?? null) !== before.supplier) patch.supplier = c.supplier ?? null;
  if ((c.supplierRef ?? null) !== before.supplierRef) patch.supplierRef = c.supplierRef ?? null;
  if (before.scope === 'location' && (c.location ?? null) !== before.location) patch.location = c.location ?? null;
  if ((c.siteCode ?? null) !== before.siteCode) patch.siteCode = c.siteCode ?? null;
  // Times are compared at the minute the form shows, so an untouched field is not "changed" by rounding.
  const minute = (ms: number | null) => (ms === null ? null : Math.floor(ms / 60_000));
  if (minute(r.acknowledgedAt) !== minute(before.acknowledgedAt)) patch.acknowledgedAt = r.acknowledgedAt;
  if (minute(r.resolvedAt) !== minute(before.resolvedAt)) patch.resolvedAt = r.resolvedAt;
  return patch;
}

/** Largest photo the JSON body takes (base64 grows bytes by a third; the core caps the text at 1,000,000 characters). */
export const MAX_PHOTO_BYTES = 740_000;

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
