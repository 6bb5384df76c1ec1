import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { toWinAnsi, wrapText } from '../../../main/pdf/pdf-text.js';

describe('toWinAnsi', () => {
  it.each([
    ['Hysbysiad Tâl Cosb', 'Hysbysiad Tâl Cosb'], // Latin-1 letters are encodable: kept
    ['Gŵyl Ŷd', 'Gwyl Yd'], // outside WinAnsi: accent dropped
    ['officer’s “note” – ok', 'officer\'s "note" - ok'],
    ['£70.00 ± 10 s', '£70.00 ± 10 s'],
    ['摄像头', '???'],
  ])('%s → %s', (input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
  });

  it('gives text every standard font can draw', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(() => font.encodeText(toWinAnsi('Gŵyl “Ŷd” – 摄像头 £'))).not.toThrow();
  });
});

describe('wrapText', () => {
  it('keeps every line within the width and every word, paragraph by paragraph', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const text = 'The recording was made automatically by an approved device and shows the vehicle entering the bus lane.\nSecond paragraph.';
    const lines = wrapText(text, font, 10, 150);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(150);
    expect(lines.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
    expect(lines.at(-1)).toBe('Second paragraph.');
  });
});
