/**
 * Checks of the fields every read format shares: plate, time, confidence,
 * direction. Each returns the value or a message saying what is wrong, so the
 * parsers can report the row and field. Pure.
 */
import { DateTime } from 'luxon';
import { normaliseVrm, validateVrm, type VrmFormat } from '../domain/vrm.js';
import { ukLocalDate } from '../domain/uk-time.js';
import type { Direction } from './anpr-read.js';
import { looksLikeFormula } from './csv.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Longest mark kept: UK marks are at most 7 characters; foreign ones run longer. */
export const MAX_VRM_LENGTH = 10;

/**
 * The UK calendar date of an instant, remembered for the last UTC hour asked
 * about: UK offsets are whole hours (GMT/BST), so every instant in one UTC
 * hour has the same UK date. Saves a luxon zone conversion on every read
 * (the ingest hot path); validateVrm needs only the date.
 */
let dateHour = NaN;
let dateOfHour = '';
function ukDateOf(atMs: number): string {
  const hour = Math.floor(atMs / 3_600_000);
  if (hour !== dateHour) {
    dateOfHour = ukLocalDate(atMs);
    dateHour = hour;
  }
  return dateOfHour;
}

export interface CheckedPlate {
  plate: string;
  vrm: string;
  format: VrmFormat;
  flags: string[];
}

/**
 * A plate is refused only when it cannot be a registration mark at all
 * (empty, a spreadsheet formula, characters no plate carries). A mark that
 * fits no UK format is kept and flagged: foreign and unusual plates appear
 * in real reads (DOMAIN §10).
 */
export function checkPlate(raw: unknown, atMs: number): Checked<CheckedPlate> {
  if (typeof raw !== 'string') return { ok: false, message: 'plate must be text' };
  const plate = raw.trim();
  if (plate === '') return { ok: false, message: 'plate is empty' };
  if (looksLikeFormula(plate)) return { ok: false, message: 'plate starts like a spreadsheet formula (=, +, -, @); refused' };
  if (plate.length > 32) return { ok: false, message: `plate is ${plate.length} characters long; no plate is` };
  const vrm = normaliseVrm(plate);
  const bad = [...new Set(vrm.replace(/[A-Z0-9]/g, ''))];
  if (bad.length) return { ok: false, message: `plate "${plate}" has characters no plate carries: ${bad.map((c) => JSON.stringify(c)).join(' ')}` };
  if (vrm.length > MAX_VRM_LENGTH) return { ok: false, message: `plate "${plate}" has ${vrm.length} characters; at most ${MAX_VRM_LENGTH}` };
  const v = validateVrm(vrm, ukDateOf(Number.isFinite(atMs) ? atMs : Date.now()));
  const flags = [...new Set([...v.flags, ...v.problems])];
  return { ok: true, value: { plate, vrm, format: v.format, flags } };
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

const PLAIN_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The common camera timestamp ("2025-06-02T07:45:12.340Z", "+01:00") turned
 * into epoch ms without luxon (whose ISO parser was a tenth of the ingest
 * CPU). Returns null for anything it does not fully vouch for, so the caller
 * falls back to luxon: same answers, luxon's error messages. Fractions are
 * truncated to the millisecond, as luxon does.
 */
function plainIsoMillis(t: string): number | null {
  const m = PLAIN_ISO.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return null;
  let offsetMin = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 14 || om > 59) return null;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
}

/**
 * An ISO 8601 instant WITH a zone (Z or an offset). A time without one is
 * refused rather than guessed: on the night the clocks go back, 01:30 UK
 * local happens twice.
 */
export function checkTime(raw: unknown): Checked<number> {
  if (typeof raw !== 'string') return { ok: false, message: 'timestamp must be ISO 8601 text' };
  const t = raw.trim();
  if (ISO_NO_ZONE.test(t)) return { ok: false, message: `timestamp "${t}" has no zone or offset; add Z (UTC) or an offset such as +01:00` };
  if (!ISO_WITH_ZONE.test(t)) return { ok: false, message: `timestamp "${t}" is not ISO 8601 (e.g. 2025-06-02T07:45:12.340Z)` };
  const fast = plainIsoMillis(t);
  if (fast !== null) return { ok: true, value: fast };
  // Anything unusual (a date that does not exist, a lower-case t, an odd offset) goes to luxon, which also explains it.
  const dt = DateTime.fromISO(t, { setZone: true });
  if (!dt.isValid) return { ok: false, message: `timestamp "${t}" is not a real time (${dt.invalidExplanation ?? dt.invalidReason ?? 'invalid'})` };
  return { ok: true, value: dt.toMillis() };
}

export function checkConfidence(raw: unknown): Checked<number | null> {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: null };
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return { ok: false, message: `confidence ${JSON.stringify(raw)} is not a number` };
  if (n < 0 || n > 100) return { ok: false, message: `confidence ${n} is outside 0-100` };
  return { ok: true, value: Math.round(n) };
}

/** Words cameras use for the direction of travel; Hikvision: forward = towards the camera. */
const DIRECTIONS: Record<string, Direction> = {
  approaching: 'approaching',
  departing: 'departing',
  forward: 'approaching',
  reverse: 'departing',
  towards: 'approaching',
  away: 'departing',
};

export function checkDirection(raw: unknown, required: boolean): Checked<Direction | null> {
  if (raw === undefined || raw === null || raw === '') {
    return required ? { ok: false, message: 'direction is missing (approaching or departing)' } : { ok: true, value: null };
  }
  if (typeof raw !== 'string') return { ok: false, message: 'direction must be text' };
  const d = DIRECTIONS[raw.trim().toLowerCase()];
  // Hikvision sends "unknown" when it could not tell; that is not an error.
  if (!d && raw.trim().toLowerCase() === 'unknown') return { ok: true, value: null };
  return d ? { ok: true, value: d } : { ok: false, message: `direction "${raw}" is not approaching or departing` };
}

/**
 * The ingest clock window: a read more than 10 minutes ahead of the
 * workstation's clock (a camera clock gone wrong) or older than 31 days (the
 * footage retention; nothing left to review) is refused.
 */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;
export const MAX_AGE_MS = 31 * 86_400_000;

export function checkTimeWindow(atMs: number, nowMs: number): string | null {
  if (atMs > nowMs + FUTURE_TOLERANCE_MS) {
    return `time ${new Date(atMs).toISOString()} is ${Math.round((atMs - nowMs) / 60_000)} minutes ahead of the workstation clock (at most 10); check the camera's clock`;
  }
  if (atMs < nowMs - MAX_AGE_MS) {
    return `time ${new Date(atMs).toISOString()} is ${Math.floor((nowMs - atMs) / 86_400_000)} days old; reads older than 31 days are not accepted`;
  }
  return null;
}
