import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cropRelative, grayImage, toPgm, type GrayImage } from '../../../main/ocr/gray-image.js';
import { components, estimateSkew, otsuThreshold, preprocessPlate, resizeBilinear, rotate } from '../../../main/ocr/plate-preprocess.js';
import { decodePngGray, ImageDecodeError } from '../../../main/ocr/png-decode.js';

/** A light picture with dark bars standing in for glyphs, along a line of the given slope. */
function bars(width: number, height: number, slope = 0, background = 220, ink = 30): GrayImage {
  const img = grayImage(width, height, new Uint8Array(width * height).fill(background));
  for (let k = 0; k < 7; k++) {
    const x0 = 20 + k * 40;
    for (let x = x0; x < x0 + 18; x++) {
      const shift = Math.round(slope * (x - width / 2));
      for (let y = 20 + shift; y < height - 20 + shift; y++) if (y >= 0 && y < height) img.data[y * width + x] = ink;
    }
  }
  return img;
}

function png(width: number, height: number, colour: 0 | 2, pixel: (x: number, y: number) => number[]): Uint8Array {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const tb = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(tb));
    return Buffer.concat([len, tb, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colour;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    // Filter "sub" on odd rows, none on even ones, to exercise the unfilter.
    const filter = y % 2;
    rows.push(filter);
    const raw: number[] = [];
    for (let x = 0; x < width; x++) raw.push(...pixel(x, y));
    const ch = colour === 2 ? 3 : 1;
    raw.forEach((v, i) => rows.push(filter === 1 && i >= ch ? (v - raw[i - ch]! + 256) & 255 : v));
  }
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]));
}

describe('plate picture handling', () => {
  it('decodes grey and RGB PNGs, with row filters, to grey', () => {
    const g = decodePngGray(png(5, 4, 0, (x, y) => [x * 10 + y]));
    expect([g.width, g.height]).toEqual([5, 4]);
    expect(g.data[3 * 5 + 4]).toBe(43);
    const c = decodePngGray(png(3, 2, 2, (x) => (x === 0 ? [255, 0, 0] : [0, 0, 255])));
    expect(c.data[0]).toBe(76);
    expect(c.data[1]).toBe(29);
  });

  it('refuses what is not a PNG, clearly', () => {
    expect(() => decodePngGray(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(ImageDecodeError);
    const bad = png(2, 2, 0, () => [1]);
    expect(() => decodePngGray(bad.subarray(0, bad.length - 20))).toThrow(/runs past the end|corrupt|shorter/);
  });

  it('writes PGM that carries the picture unchanged', () => {
    const img = grayImage(2, 1, new Uint8Array([7, 9]));
    expect(Buffer.from(toPgm(img)).toString('latin1')).toBe('P5\n2 1\n255\n\u0007\t');
  });

  it('crops by fractions and scales', () => {
    const img = bars(320, 100);
    const c = cropRelative(img, { x: 0.5, y: 0.25, w: 0.25, h: 0.5 });
    expect([c.width, c.height]).toEqual([80, 50]);
    expect(() => cropRelative(img, { x: 1.5, y: 0, w: 0.1, h: 0.1 })).toThrow(/fraction/);
    expect(resizeBilinear(img, 64, 20).data.length).toBe(64 * 20);
  });

  it('finds the threshold between ink and plate, even at low contrast', () => {
    const t = otsuThreshold(bars(320, 100, 0, 150, 110).data);
    expect(t).toBeGreaterThanOrEqual(110);
    expect(t).toBeLessThan(150);
  });

  it('measures the tilt of a line of glyphs and levels it', () => {
    const tilted = bars(320, 100, Math.tan((4 * Math.PI) / 180));
    const bin = new Uint8Array(tilted.data.map((v) => (v < 128 ? 0 : 255)));
    const skew = estimateSkew(bin, 320, 100);
    expect((skew * 180) / Math.PI).toBeCloseTo(4, 0);
    const levelled = rotate(tilted, -skew, 220);
    const bin2 = new Uint8Array(levelled.data.map((v) => (v < 128 ? 0 : 255)));
    expect(Math.abs((estimateSkew(bin2, 320, 100) * 180) / Math.PI)).toBeLessThan(1);
  });

  it('makes dark glyphs on white with a margin, and removes a border that would read as I or 1', () => {
    const img = bars(320, 100);
    // A dark frame round the plate.
    for (let x = 0; x < 320; x++) for (const y of [0, 1, 98, 99]) img.data[y * 320 + x] = 0;
    for (let y = 0; y < 100; y++) for (const x of [0, 1, 318, 319]) img.data[y * 320 + x] = 0;
    const out = preprocessPlate(img, { targetHeight: 100, margin: 10 });
    expect([out.width, out.height]).toEqual([340, 120]);
    const found = components(out.data, out.width, out.height);
    expect(found.length).toBe(7);
    // Light glyphs on dark come out dark on light too.
    const negative = grayImage(img.width, img.height, img.data.map((v) => 255 - v));
    const neg = preprocessPlate(negative);
    expect(components(neg.data, neg.width, neg.height).length).toBeGreaterThanOrEqual(7);
  });
});
