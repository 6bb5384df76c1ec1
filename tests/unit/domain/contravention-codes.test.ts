import { describe, expect, it } from 'vitest';
import {
  checkContraventionCode,
  codeFitsRestriction,
  findContraventionCode,
  formatContraventionCode,
  permittedClassesForCode,
  isCameraEnforceable,
} from '../../../main/domain/contravention-codes.js';

describe('contravention code table (PCN Codes v7.0, DOMAIN §2)', () => {
  it.each([
    ['01', 'higher', true],
    ['02', 'higher', true],
    ['21', 'higher', true],
    ['24', 'lower', true],
    ['47', 'higher', true],
    ['48', 'higher', true],
    ['49', 'higher', true],
    ['45', 'higher', false],
    ['46', 'higher', false],
    ['62', 'higher', false],
    ['99', 'higher', false],
    ['29', 'none', true],
    ['31', 'none', true],
    ['32', 'none', true],
    ['33', 'none', true],
    ['34', 'none', true],
    ['36', 'none', true],
    ['37', 'none', true],
    ['38', 'none', true],
    ['50', 'none', true],
    ['51', 'none', true],
    ['52', 'none', true],
    ['53', 'none', true],
    ['54', 'none', true],
  ])('%s: level %s, camera suffix j %s', (code, level, camera) => {
    expect(findContraventionCode(code)).toMatchObject({ level, camera });
  });

  it.each([
    ['32', ['d', 't']],
    ['33', ['b', 'c', 'e', 'f', 'g', 'h', 'i', 'k', 'q', 'r', 's', 'y', 'z']],
    ['34', ['0']],
    ['38', ['l', 'r']],
    ['50', ['l', 'r', 'u']],
    ['52', ['g', 'm', 's', 'v', 'x']],
    ['53', ['c']],
    ['54', ['c']],
    ['31', []],
  ])('%s takes own suffixes %j', (code, suffixes) => {
    expect(Object.keys(findContraventionCode(code)!.suffixes).sort()).toEqual([...suffixes].sort());
  });
});

describe('formatting and checking a code', () => {
  it.each([
    [{ code: '34', camera: true, suffix: null }, '34J'],
    [{ code: '50', camera: true, suffix: 'r' }, '50Jr'],
    [{ code: '33', camera: false, suffix: 'E' }, '33e'],
    [{ code: '31', camera: false, suffix: null }, '31'],
  ])('%j → %s', (parsed, text) => {
    expect(formatContraventionCode(parsed)).toBe(text);
  });

  it.each([
    ['34J', '34J'],
    ['34j', '34J'],
    ['50jr', '50Jr'],
    ['50rj', '50Jr'],
    ['50Jr', '50Jr'],
    ['33e', '33e'],
    ['34J0', '34J0'],
    ['340j', '34J0'],
    [' 31J ', '31J'],
    ['99', '99'],
    ['01J', '01J'],
    ['52Jg', '52Jg'],
  ])('%j is valid, shown as %s', (text, display) => {
    const r = checkContraventionCode(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.display).toBe(display);
  });

  it.each([
    ['45J', /does not take the camera suffix/],
    ['99J', /does not take the camera suffix/],
    ['34x', /no suffix "x"/],
    ['31r', /takes no own suffix/],
    ['50lr', /at most one own suffix/],
    ['12', /not in the contravention code table/],
    ['abc', /not a contravention code/],
    ['3', /not a contravention code/],
    ['34jj', /appears twice/],
  ])('%j is invalid (%s)', (text, problem) => {
    const r = checkContraventionCode(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(' ')).toMatch(problem);
  });
});

describe('what a code fits and permits', () => {
  it.each([
    ['31', 'box-junction', true],
    ['31', 'bus-lane', false],
    ['34', 'bus-lane', true],
    ['33', 'bus-gate', true],
    ['33', 'school-street', true],
    ['50', 'banned-turn', true],
    ['51', 'no-entry', true],
    ['53', 'pedestrian-zone', true],
    ['29', 'one-way', true],
    ['48', 'school-keep-clear', true],
    ['47', 'bus-stop', true],
  ] as const)('%s fits %s: %s', (code, type, fits) => {
    expect(codeFitsRestriction(code, type)).toBe(fits);
  });

  it.each([
    ['33', 'b', ['bus']],
    ['33', 'e', ['bus', 'pedal-cycle', 'taxi']],
    ['33', 'k', ['local-bus', 'taxi']],
    ['33', 'z', ['pedal-cycle', 'pedestrian']],
    ['34', '0', ['local-bus', 'tram']],
    ['33', null, null],
    ['50', 'l', null],
  ])('%s%s permits %j', (code, suffix, classes) => {
    const got = permittedClassesForCode(code, suffix);
    expect(got === null ? null : [...got].sort()).toEqual(classes === null ? null : [...classes].sort());
  });
});

describe('isCameraEnforceable', () => {
  it.each([
    ['england', 'box-junction', '31', true],
    ['england', 'bus-lane', '31', false], // code does not fit
    ['england', 'school-keep-clear', '48', true],
    ['england', 'bus-stop', '47', true],
    ['england', 'cctv-parking', '01', false], // general waiting: not a listed place outside London
    ['london', 'cctv-parking', '01', true],
    ['london', 'red-route', '46', false], // 46 takes no "j" in the current list
    ['wales', 'cctv-parking', '24', false],
  ] as const)('%s %s code %s → %s', (area, type, code, expected) => {
    expect(isCameraEnforceable(area, type, code)).toBe(expected);
  });
});
