import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageIdentifierIssueDate,
  analyseVrm,
  classifyVrm,
  compareVrms,
  differsOnlyByConfusables,
  formatVrmForDisplay,
  isSameVrm,
  normaliseVrm,
  oneCharacterDifference,
  suggestVrmCorrections,
  validateVrm,
  type VrmFormat,
} from '../../../main/domain/vrm.js';

describe('normaliseVrm', () => {
  it.each([
    ['ab12 cde', 'AB12CDE'],
    [' AB12  CDE ', 'AB12CDE'],
    ['ab-12.cde', 'AB12CDE'],
    ['A.B.1.2 C_D_E', 'AB12CDE'],
    ['ＡＢ１２ ＣＤＥ', 'AB12CDE'], // full-width OCR output
    ['ab12\tcde\n', 'AB12CDE'],
    ['m-ab 1234', 'MAB1234'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseVrm(input)).toBe(expected);
  });

  it('never throws and is idempotent (any Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        const once = normaliseVrm(s);
        expect(normaliseVrm(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('classifyVrm', () => {
  it.each<[string, VrmFormat]>([
    ['AB12 CDE', 'current'],
    ['LR74 TNP', 'current'],
    ['A123 BCD', 'prefix'],
    ['A1 BCD', 'prefix'],
    ['ABC 123D', 'suffix'],
    ['ABC 1D', 'suffix'],
    ['ABC 123', 'dateless'],
    ['A 1', 'dateless'],
    ['1234 AB', 'dateless'],
    ['ABC 1234', 'dateless'],
    ['AIZ 1234', 'northern-ireland'],
    ['ABZ 123', 'northern-ireland'],
    ['IA 1', 'northern-ireland'],
    ['123 D 456', 'diplomatic'],
    ['123 X 456', 'diplomatic'],
    ['Q123 ABC', 'q-plate'],
    ['Q1 AB', 'q-plate'],
    ['123 A 456', 'unknown'],
    ['WOB 1234X', 'unknown'], // German
    ['12345678', 'unknown'],
    ['ABCD', 'unknown'],
    ['ÄÖÜ 12', 'unknown'],
    ['', 'unknown'],
  ])('%j is %s', (input, format) => {
    expect(classifyVrm(input)).toBe(format);
  });

  it('never throws, and classifying the normalised form gives the same answer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 16 }), (s) => {
        expect(classifyVrm(s)).toBe(classifyVrm(normaliseVrm(s)));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on plate-like strings either', () => {
    const plateChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.'.split(''));
    fc.assert(
      fc.property(fc.array(plateChar, { maxLength: 10 }), (chars) => {
        const a = analyseVrm(chars.join(''), '2025-01-01');
        expect(typeof a.valid).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateVrm', () => {
  it.each([
    // Current format: memory tag never I, Q, Z; last three never I, Q.
    ['AB12CDE', '2024-01-01', true],
    ['AB12CDZ', '2024-01-01', true],
    ['IB12CDE', '2024-01-01', false],
    ['QB12CDE', '2024-01-01', false],
    ['AZ12CDE', '2024-01-01', false],
    ['AB12IDE', '2024-01-01', false],
    ['AB12CDQ', '2024-01-01', false],
    // Age identifiers: 51 = Sep 2001 (first), 02 = Mar 2002, 74 = Sep 2024, 25 = Mar 2025.
    ['AB51CDE', '2001-09-01', true],
    ['AB51CDE', '2001-08-31', false],
    ['AB02CDE', '2002-03-01', true],
    ['AB02CDE', '2002-02-28', false],
    ['AB74CDE', '2024-09-01', true],
    ['AB74CDE', '2024-08-31', false],
    ['AB25CDE', '2025-03-01', true],
    ['AB25CDE', '2025-02-28', false],
    ['AB01CDE', '2030-01-01', false], // March 2001: before the scheme
    ['AB50CDE', '2030-01-01', false], // September 2000: before the scheme
    ['AB00CDE', '2030-01-01', false], // March 2050
    ['AB99CDE', '2030-01-01', false], // September 2049
    // Prefix: year letters exclude I, O, Q, U, Z.
    ['A123BCD', '2024-01-01', true],
    ['Y999XYW', '2024-01-01', true],
    ['I123BCD', '2024-01-01', false],
    ['O123BCD', '2024-01-01', false],
    ['U123BCD', '2024-01-01', false],
    ['Z123BCD', '2024-01-01', false],
    // Suffix: same year letters, at the end.
    ['ABC123A', '2024-01-01', true],
    ['ABC123I', '2024-01-01', false],
    ['ABC123O', '2024-01-01', false],
    ['ABC123U', '2024-01-01', false],
    // Dateless and Northern Ireland: no leading zero.
    ['ABC123', '2024-01-01', true],
    ['1234AB', '2024-01-01', true],
    ['ABC0123', '2024-01-01', false],
    ['AIZ1234', '2024-01-01', true],
    // Kept and flagged, not valid.
    ['WOB1234X', '2024-01-01', false],
    ['', '2024-01-01', false],
  ])('%s as of %s → valid %s', (vrm, asOf, valid) => {
    expect(validateVrm(vrm, asOf).valid).toBe(valid);
  });

  it('takes asOf as a Date, judged by its UK local date (23:30 UTC on 31 Aug 2024 is 1 Sep in the UK)', () => {
    expect(validateVrm('AB74CDE', new Date('2024-08-31T23:30:00Z')).valid).toBe(true);
    expect(validateVrm('AB74CDE', new Date('2024-08-31T22:59:00Z')).valid).toBe(false);
  });

  it('says why a mark is invalid', () => {
    expect(validateVrm('IB12CDE', '2024-01-01').problems.join(' ')).toMatch(/memory tag "IB" uses I/);
    expect(validateVrm('AB74CDE', '2024-01-01').problems.join(' ')).toMatch(/not issued until 2024-09-01/);
  });

  it.each([
    ['123D456', /diplomatic/],
    ['Q123ABC', /q-plate/],
    ['WOB1234X', /foreign-or-unknown/],
    ['AIZ1234', /northern-ireland/],
  ])('flags %s', (vrm, flag) => {
    expect(validateVrm(vrm, '2024-01-01').flags.join(' ')).toMatch(flag);
  });
});

describe('ageIdentifierIssueDate', () => {
  it.each([
    ['51', '2001-09-01'],
    ['02', '2002-03-01'],
    ['52', '2002-09-01'],
    ['24', '2024-03-01'],
    ['74', '2024-09-01'],
    ['99', '2049-09-01'],
    ['00', '2050-03-01'],
    ['01', null],
    ['50', null],
    ['5', null],
  ])('%s → %s', (digits, date) => {
    expect(ageIdentifierIssueDate(digits)).toBe(date);
  });
});

describe('formatVrmForDisplay', () => {
  it.each([
    ['AB12CDE', 'AB12 CDE'],
    ['ab12cde', 'AB12 CDE'],
    ['A123BCD', 'A123 BCD'],
    ['ABC123D', 'ABC 123D'],
    ['ABC123', 'ABC 123'],
    ['1234AB', '1234 AB'],
    ['AIZ1234', 'AIZ 1234'],
    ['123D456', '123 D 456'],
    ['Q12AB', 'Q12 AB'],
    ['WOB1234X', 'WOB1234X'],
  ])('%s → %j', (input, display) => {
    expect(formatVrmForDisplay(input)).toBe(display);
  });

  it('round-trips through normaliseVrm', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        expect(normaliseVrm(formatVrmForDisplay(s))).toBe(normaliseVrm(s));
      }),
    );
  });
});

describe('suggestVrmCorrections', () => {
  it.each([
    ['A812CDE', ['AB12CDE']], // 8 read for B at a letter position (a valid prefix mark, but not current)
    ['AB1ZCDE', ['AB12CDE']], // Z read for 2 at a digit position
    ['ABI2CDE', ['AB12CDE']],
    ['AB5SCDE', ['AB55CDE']],
    ['AB12CD8', ['AB12CDB']],
    ['AB12C0E', ['AB12CDE', 'AB12COE']],
    ['0B12CDE', ['DB12CDE', 'OB12CDE']],
    ['A81ZCDE', ['AB12CDE']],
    ['AB12CDE', []], // already valid: nothing to suggest
    ['AB12CDI', []], // I has no letter look-alike
    ['AB12', []],
  ])('%s → %j', (read, expected) => {
    expect(suggestVrmCorrections(read, '2024-06-01').map((s) => s.vrm).sort()).toEqual([...expected].sort());
  });

  it('describes each change by position', () => {
    const [s] = suggestVrmCorrections('A812CDE', '2024-06-01');
    expect(s).toMatchObject({ vrm: 'AB12CDE', display: 'AB12 CDE', changes: [{ position: 2, from: '8', to: 'B' }] });
  });

  it('only ever suggests valid current-format marks that differ from the read by confusables', () => {
    const ch = fc.constantFrom(...'ABCDGHIOSVYZ012568'.split(''));
    fc.assert(
      fc.property(fc.array(ch, { minLength: 7, maxLength: 7 }), (chars) => {
        const read = chars.join('');
        for (const s of suggestVrmCorrections(read, '2024-06-01')) {
          expect(validateVrm(s.vrm, '2024-06-01')).toMatchObject({ format: 'current', valid: true });
          expect(differsOnlyByConfusables(read, s.vrm)).toBe(true);
        }
      }),
    );
  });
});

describe('near misses never match (seed 004: all digits of a VRM must be correct)', () => {
  it.each([
    ['AB12CDE', 'AB12CDF', { kind: 'substitution', position: 7, from: 'E', to: 'F' }],
    ['AB12CDE', 'AB12CD', { kind: 'deletion', position: 7, from: 'E' }],
    ['AB12CDE', 'B12CDE', { kind: 'deletion', position: 1, from: 'A' }],
    ['AB12CDE', 'AB123CDE', { kind: 'insertion', position: 5, to: '3' }],
    ['AB12CDE', 'AB12 cde', null],
    ['AB12CDE', 'AB13CDF', null],
    ['AB12CDE', 'AB12C', null],
  ])('oneCharacterDifference(%s, %s)', (a, b, expected) => {
    expect(oneCharacterDifference(a, b)).toEqual(expected);
  });

  it.each([
    ['AB12CDE', 'A812CDE', true],
    ['AB12CDE', 'A812C0E', true],
    ['AB12GDE', 'AB12CDE', true],
    ['AB12CDV', 'AB12CDY', true],
    ['AB12CDE', 'AB12CDF', false],
    ['AB12CDE', 'AB12CD3', false],
    ['AB12CDE', 'ab12 cde', false],
    ['AB12CDE', 'AB12CD', false],
  ])('differsOnlyByConfusables(%s, %s) = %s', (a, b, expected) => {
    expect(differsOnlyByConfusables(a, b)).toBe(expected);
  });

  it.each([
    ['AB12CDE', 'ab12 cde', true, false],
    ['AB12CDE', 'AB12CDF', false, true],
    ['AB12CDE', 'A812CDE', false, true],
    ['AB12CDE', 'XY34ZZZ', false, false],
  ])('compareVrms(%s, %s): match %s, nearMiss %s', (a, b, match, nearMiss) => {
    expect(compareVrms(a, b)).toMatchObject({ match, nearMiss });
    expect(isSameVrm(a, b)).toBe(match);
  });

  it('an empty read matches nothing', () => {
    expect(isSameVrm('', '')).toBe(false);
  });
});
