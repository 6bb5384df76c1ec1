import { describe, expect, it } from 'vitest';
import { correctPlateRead } from '../../../main/ocr/plate-correction.js';

const asOf = '2025-12-01';

describe('UK-format correction of an OCR read', () => {
  it('leaves a valid mark alone and says nothing changed', () => {
    expect(correctPlateRead('MJ15 CUE', asOf)).toMatchObject({ raw: 'MJ15CUE', suggestion: 'MJ15CUE', display: 'MJ15 CUE', valid: true, changes: [] });
  });

  it('corrects by position and lists every change (never silent)', () => {
    const r = correctPlateRead('KVO5 DSJ', asOf);
    expect(r.suggestion).toBe('KV05DSJ');
    expect(r.changes).toEqual([expect.objectContaining({ position: 3, from: 'O', to: '0' })]);
    expect(r.changes[0]!.why).toMatch(/digit/);
  });

  it('prefers O for a 0 among the letters, and offers D as an alternative', () => {
    const r = correctPlateRead('V010UPO', asOf);
    expect(r.suggestion).toBe('VO10UPO');
    expect(r.alternatives).toContain('VD10UPO');
  });

  it('turns an I (never used in the last three letters) into the J Tesseract lost the hook of', () => {
    expect(correctPlateRead('YS68WIG', asOf).suggestion).toBe('YS68WJG');
  });

  it('drops one character from a read one too long: a split glyph or the plate edge', () => {
    const split = correctPlateRead('YD60ODUG', asOf, [...'YD60ODUG'].map((c, i) => ({ text: c, confidence: i === 4 ? 40 : 97 })));
    expect(split.suggestion).toBe('YD60DUG');
    expect(split.changes).toContainEqual(expect.objectContaining({ position: 5, from: 'O', to: '' }));
    expect(correctPlateRead('CK51GJIW', asOf).suggestion).toBe('CK51GJW');
    expect(correctPlateRead('IAB12CDE', asOf).suggestion).toBe('AB12CDE');
  });

  it('keeps what it cannot fix, flagged as not valid', () => {
    const r = correctPlateRead('KV5DSJ', asOf);
    expect(r).toMatchObject({ raw: 'KV5DSJ', suggestion: 'KV5DSJ', changes: [] });
    expect(correctPlateRead('', asOf)).toMatchObject({ raw: '', valid: false });
    expect(correctPlateRead('!!??', asOf).valid).toBe(false);
  });

  it('respects the age identifiers issued by the date', () => {
    // "99" was never issued: no current-format reading of it is offered.
    expect(correctPlateRead('AB99CDE', asOf).valid).toBe(false);
  });
});
