import type { EnforcementKind, RestrictionType } from './restriction-types.js';
import type { VehicleClass } from './vehicle-classes.js';

/**
 * Contravention codes: the national PCN code list kept by London Councils
 * ("PCN Codes v7.0", also used by the Traffic Penalty Tribunal), DOMAIN §2.
 * Only the codes a camera workstation uses are listed; add rows as needed.
 *
 * The general suffix "j" means "enforced by camera". Own suffixes name the
 * variant of the restriction; for codes 33 and 34 each suffix also says which
 * vehicles the sign permits.
 */
export type ChargeLevel = 'higher' | 'lower' | 'none';

export interface OwnSuffix {
  meaning: string;
  /** For route restrictions: the vehicles the sign permits. */
  permits?: readonly VehicleClass[];
}

export interface ContraventionCode {
  code: string;
  description: string;
  kind: EnforcementKind;
  /** Parking codes are higher or lower level; moving traffic and bus lane codes have none. */
  level: ChargeLevel;
  /** Whether the camera suffix "j" applies to this code in the current list. */
  camera: boolean;
  suffixes: Readonly<Record<string, OwnSuffix>>;
  /** Restriction types this code fits. */
  fits: readonly RestrictionType[];
}

export const CAMERA_SUFFIX = 'j';

const row = (r: ContraventionCode) => r;

export const CONTRAVENTION_CODES: readonly ContraventionCode[] = [
  // Parking codes with the camera suffix j (DOMAIN §2).
  row({ code: '01', description: 'Parked in a restricted street during prescribed hours', kind: 'parking', level: 'higher', camera: true, suffixes: {}, fits: ['cctv-parking'] }),
  row({ code: '02', description: 'Parked or loading/unloading in a restricted street where waiting and loading/unloading restrictions are in force', kind: 'parking', level: 'higher', camera: true, suffixes: {}, fits: ['cctv-parking'] }),
  row({ code: '21', description: 'Parked wholly or partly in a suspended bay or space', kind: 'parking', level: 'higher', camera: true, suffixes: {}, fits: ['cctv-parking'] }),
  row({ code: '24', description: 'Not parked correctly within the markings of the bay or space', kind: 'parking', level: 'lower', camera: true, suffixes: {}, fits: ['cctv-parking'] }),
  row({ code: '47', description: 'Stopped on a restricted bus stop or stand', kind: 'parking', level: 'higher', camera: true, suffixes: {}, fits: ['bus-stop'] }),
  row({ code: '48', description: 'Stopped in a restricted area outside a school, a hospital or a fire, police or ambulance station when prohibited', kind: 'parking', level: 'higher', camera: true, suffixes: {}, fits: ['school-keep-clear'] }),
  row({ code: '49', description: 'Parked wholly or partly on a cycle track or lane', kind: 'parking', level: 'higher', camera: true, suffixes: {}, fits: ['cycle-track'] }),
  // Parking codes that do NOT take j in the current list (DOMAIN §2).
  row({ code: '45', description: 'Stopped on a taxi rank', kind: 'parking', level: 'higher', camera: false, suffixes: {}, fits: [] }),
  row({ code: '46', description: 'Stopped where prohibited (on a red route or clearway)', kind: 'parking', level: 'higher', camera: false, suffixes: {}, fits: ['red-route', 'clearway'] }),
  row({ code: '62', description: 'Parked with one or more wheels on or over a footpath or any part of a road other than a carriageway', kind: 'parking', level: 'higher', camera: false, suffixes: {}, fits: [] }),
  row({ code: '99', description: 'Stopped on a pedestrian crossing or crossing area marked by zig-zags', kind: 'parking', level: 'higher', camera: false, suffixes: {}, fits: [] }),
  // Moving traffic and bus lane codes: no higher/lower level.
  row({ code: '29', description: 'Failing to comply with a one-way restriction', kind: 'moving-traffic', level: 'none', camera: true, suffixes: {}, fits: ['one-way'] }),
  row({ code: '31', description: 'Entering and stopping in a box junction when prohibited', kind: 'moving-traffic', level: 'none', camera: true, suffixes: {}, fits: ['box-junction'] }),
  row({
    code: '32', description: 'Failing to drive in the direction shown by the arrow on a blue sign', kind: 'moving-traffic', level: 'none', camera: true,
    suffixes: { d: { meaning: 'wrong direction' }, t: { meaning: 'wrong turn' } }, fits: ['keep-left-right', 'ahead-only'],
  }),
  row({
    code: '33', description: 'Using a route restricted to certain vehicles', kind: 'bus-lane', level: 'none', camera: true,
    suffixes: {
      b: { meaning: 'buses', permits: ['bus'] },
      c: { meaning: 'buses and cycles', permits: ['bus', 'pedal-cycle'] },
      e: { meaning: 'buses, cycles and taxis', permits: ['bus', 'pedal-cycle', 'taxi'] },
      f: { meaning: 'buses and taxis', permits: ['bus', 'taxi'] },
      g: { meaning: 'local buses', permits: ['local-bus'] },
      h: { meaning: 'local buses and cycles', permits: ['local-bus', 'pedal-cycle'] },
      i: { meaning: 'local buses, cycles and taxis', permits: ['local-bus', 'pedal-cycle', 'taxi'] },
      k: { meaning: 'local buses and taxis', permits: ['local-bus', 'taxi'] },
      q: { meaning: 'trams and local buses', permits: ['tram', 'local-bus'] },
      r: { meaning: 'trams', permits: ['tram'] },
      s: { meaning: 'trams and buses', permits: ['tram', 'bus'] },
      y: { meaning: 'cycles', permits: ['pedal-cycle'] },
      z: { meaning: 'cycles and pedestrians', permits: ['pedal-cycle', 'pedestrian'] },
    },
    fits: ['bus-gate', 'school-street'],
  }),
  row({
    code: '34', description: 'Being in a bus lane', kind: 'bus-lane', level: 'none', camera: true,
    suffixes: { '0': { meaning: 'local buses and trams only', permits: ['local-bus', 'tram'] } }, fits: ['bus-lane'],
  }),
  row({ code: '36', description: 'Being in a mandatory cycle lane', kind: 'moving-traffic', level: 'none', camera: true, suffixes: {}, fits: ['cycle-lane'] }),
  row({ code: '37', description: 'Failing to give way to oncoming vehicles', kind: 'moving-traffic', level: 'none', camera: true, suffixes: {}, fits: ['priority-give-way'] }),
  row({
    code: '38', description: 'Failing to comply with a sign indicating that vehicular traffic must pass to the specified side', kind: 'moving-traffic', level: 'none', camera: true,
    suffixes: { l: { meaning: 'pass to the left' }, r: { meaning: 'pass to the right' } }, fits: ['keep-left-right'],
  }),
  row({
    code: '50', description: 'Performing a prohibited turn', kind: 'moving-traffic', level: 'none', camera: true,
    suffixes: { l: { meaning: 'left turn' }, r: { meaning: 'right turn' }, u: { meaning: 'U-turn' } }, fits: ['banned-turn'],
  }),
  row({ code: '51', description: 'Failing to comply with a no entry restriction', kind: 'moving-traffic', level: 'none', camera: true, suffixes: {}, fits: ['no-entry'] }),
  row({
    code: '52', description: 'Failing to comply with a prohibition on certain types of vehicle', kind: 'moving-traffic', level: 'none', camera: true,
    suffixes: {
      g: { meaning: 'goods vehicles exceeding the maximum gross weight' },
      m: { meaning: 'motor vehicles' },
      s: { meaning: 'solo motorcycles' },
      v: { meaning: 'all vehicles except non-motorised vehicles being pushed' },
      x: { meaning: 'motor vehicles except solo motorcycles' },
    },
    fits: ['vehicle-ban'],
  }),
  row({
    code: '53', description: 'Failing to comply with a restriction on entering a pedestrian zone', kind: 'moving-traffic', level: 'none', camera: true,
    suffixes: { c: { meaning: 'and cycle zone' } }, fits: ['pedestrian-zone'],
  }),
  row({
    code: '54', description: 'Failing to comply with a restriction on entering and waiting in a pedestrian zone', kind: 'moving-traffic', level: 'none', camera: true,
    suffixes: { c: { meaning: 'and cycle zone' } }, fits: ['pedestrian-zone'],
  }),
];

export function findContraventionCode(code: string, table: readonly ContraventionCode[] = CONTRAVENTION_CODES): ContraventionCode | undefined {
  return table.find((c) => c.code === code);
}

export interface ParsedCode {
  code: string;
  camera: boolean;
  suffix: string | null;
}

/**
 * Printed form: the two digits, "J" when enforced by camera, then the own
 * suffix in lower case ("34J", "50Jr", "33Je").
 */
export function formatContraventionCode(c: ParsedCode): string {
  return `${c.code}${c.camera ? CAMERA_SUFFIX.toUpperCase() : ''}${c.suffix ? c.suffix.toLowerCase() : ''}`;
}

export type CodeCheck = { ok: true; parsed: ParsedCode; entry: ContraventionCode; display: string } | { ok: false; problems: string[] };

/**
 * Reads and checks a code as written ("34J", "50jr", "50rj", "33e", "31"):
 * the code must be in the table, its own suffix one the code takes, and "j"
 * only on codes that take the camera suffix.
 */
export function checkContraventionCode(text: string, table: readonly ContraventionCode[] = CONTRAVENTION_CODES): CodeCheck {
  const m = /^\s*(\d{2})([a-z0-9]{0,2})\s*$/i.exec(text);
  if (!m) return { ok: false, problems: [`"${text}" is not a contravention code (two digits, then optional suffix letters, e.g. 34J or 50Jr)`] };
  const code = m[1]!;
  const rest = m[2]!.toLowerCase();
  const problems: string[] = [];
  const entry = findContraventionCode(code, table);
  if (!entry) return { ok: false, problems: [`code ${code} is not in the contravention code table`] };
  let camera = false;
  const own: string[] = [];
  for (const ch of rest) {
    if (ch === CAMERA_SUFFIX) {
      if (camera) problems.push('the camera suffix "j" appears twice');
      camera = true;
    } else own.push(ch);
  }
  if (camera && !entry.camera) problems.push(`code ${code} does not take the camera suffix "j" in the current code list`);
  if (own.length > 1) problems.push(`code ${code} takes at most one own suffix, found "${own.join('')}"`);
  const suffix = own[0] ?? null;
  if (suffix !== null && !Object.prototype.hasOwnProperty.call(entry.suffixes, suffix)) {
    const allowed = Object.keys(entry.suffixes);
    problems.push(
      allowed.length
        ? `code ${code} has no suffix "${suffix}" (it takes ${allowed.join(', ')})`
        : `code ${code} takes no own suffix, found "${suffix}"`,
    );
  }
  if (problems.length) return { ok: false, problems };
  const parsed = { code, camera, suffix };
  return { ok: true, parsed, entry, display: formatContraventionCode(parsed) };
}

/** The vehicles a route-restriction sign permits, from its code's suffix (33e → buses, cycles, taxis). */
export function permittedClassesForCode(code: string, suffix: string | null, table: readonly ContraventionCode[] = CONTRAVENTION_CODES): readonly VehicleClass[] | null {
  const entry = findContraventionCode(code, table);
  if (!entry || suffix === null) return null;
  return entry.suffixes[suffix.toLowerCase()]?.permits ?? null;
}

/** Whether a code fits a restriction type (a 31 for a box junction, not for a bus lane). */
export function codeFitsRestriction(code: string, type: RestrictionType, table: readonly ContraventionCode[] = CONTRAVENTION_CODES): boolean {
  return findContraventionCode(code, table)?.fits.includes(type) ?? false;
}

/**
 * Codes a council outside London may enforce by camera for each parking
 * restriction type. In England, on-street camera parking enforcement is
 * limited by law to listed places — school keep-clear markings, bus stops and
 * clearways, red routes, mandatory cycle lanes (SI 2007/3483 reg. 3A as
 * inserted by the Deregulation Act 2015 changes, DOMAIN §2).
 */
// VERIFY: the full list of places and the codes for each (SI 2007/3483 reg. 3A
// as amended in 2015) — especially whether code 49 (cycle track) and code 46
// (red route/clearway, no "j" in the code list) belong here.
export const CAMERA_PARKING_CODES_ENGLAND: Readonly<Partial<Record<RestrictionType, readonly string[]>>> = {
  'school-keep-clear': ['48'],
  'bus-stop': ['47'],
  clearway: ['46'],
  'red-route': ['46'],
  'cycle-track': ['49'],
};

/**
 * Whether a camera may enforce this code at this restriction type in the area.
 * Outside London only the listed places (CAMERA_PARKING_CODES_ENGLAND, also
 * applied to Wales until its rules are checked); in London any parking code
 * that takes the camera suffix. Moving traffic and bus lane codes: whenever
 * the code fits the restriction.
 */
export function isCameraEnforceable(
  area: 'london' | 'england' | 'wales',
  type: RestrictionType,
  code: string,
  options: { table?: readonly ContraventionCode[]; englandParking?: Readonly<Partial<Record<RestrictionType, readonly string[]>>> } = {},
): boolean {
  const entry = findContraventionCode(code, options.table ?? CONTRAVENTION_CODES);
  if (!entry || !entry.fits.includes(type)) return false;
  if (entry.kind !== 'parking') return entry.camera;
  // VERIFY: Wales follows the English list here until the Welsh rules are checked.
  if (area === 'london') return entry.camera;
  return (options.englandParking ?? CAMERA_PARKING_CODES_ENGLAND)[type]?.includes(code) ?? false;
}
