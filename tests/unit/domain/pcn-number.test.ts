import { describe, expect, it } from 'vitest';
import { formatPcnNumber, luhnCheckDigit, parsePcnNumber } from '../../../main/domain/pcn-number.js';

describe('Luhn mod 10', () => {
  it.each([
    ['7992739871', 3], // the standard worked example (ISO/IEC 7812-1)
    ['00001234', 4],
    ['00002134', 5],
    ['0', 0],
    ['1', 8],
    ['00000001', 8],
  ])('%s → %i', (digits, check) => {
    expect(luhnCheckDigit(digits)).toBe(check);
  });
});

describe('PCN numbers', () => {
  it.each([
    [{ prefix: 'KT', sequence: 1234 }, 'KT000012344'],
    [{ prefix: 'kt', sequence: 1 }, 'KT000000018'],
    [{ prefix: 'BR', sequence: 99999999 }, 'BR999999998'], // eight 9s: 4×9 doubled (9 each) + 4×9 = 72 → 8
  ])('%j → %s', (parts, text) => {
    expect(formatPcnNumber(parts)).toBe(text);
  });

  it.each([
    [{ prefix: 'K', sequence: 1 }, /two letters/],
    [{ prefix: 'K1', sequence: 1 }, /two letters/],
    [{ prefix: 'KT', sequence: 0 }, /≥ 1/],
    [{ prefix: 'KT', sequence: 1.5 }, /whole number/],
    [{ prefix: 'KT', sequence: 100000000 }, /does not fit/],
  ])('refuses %j', (parts, message) => {
    expect(() => formatPcnNumber(parts)).toThrow(message);
  });

  it.each([
    ['KT000012344', 'KT', 1234],
    ['kt 0000 1234 4', 'KT', 1234],
    ['KT-00001234-4', 'KT', 1234],
  ])('parses %j', (text, prefix, sequence) => {
    expect(parsePcnNumber(text)).toMatchObject({ ok: true, pcnNumber: 'KT000012344', prefix, sequence });
  });

  it.each([
    ['KT000012345', {}, /fails its check digit/],
    ['KT000021344', {}, /fails its check digit/], // neighbouring digits swapped
    ['KT00012344', {}, /expected 2 letters, 8 digits and a check digit/],
    ['K1000012344', {}, /not a PCN number/],
    ['BR000012344', { prefix: 'KT' }, /prefix BR, not this council's KT/],
    ['KT000000000', {}, /sequence 0/],
    ['', {}, /not a PCN number/],
  ])('rejects %j', (text, options, error) => {
    const r = parsePcnNumber(text, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('round-trips every sequence it formats', () => {
    for (const sequence of [1, 9, 10, 12345, 8675309, 99999999]) {
      expect(parsePcnNumber(formatPcnNumber({ prefix: 'AB', sequence }), { prefix: 'AB' })).toMatchObject({ ok: true, sequence });
    }
  });
});
