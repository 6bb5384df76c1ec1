import { inflateSync } from 'node:zlib';
import { grayImage, type GrayImage } from './gray-image.js';

/**
 * A small PNG reader that returns grayscale: enough for what reaches the OCR
 * (ffmpeg's PNG stills and crops, plate pictures exported from other tools),
 * without a native image library. 8-bit grey, grey+alpha, RGB, RGBA and
 * palette, not interlaced; anything else is refused with a clear message.
 */
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export class ImageDecodeError extends Error {}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export function decodePngGray(bytes: Uint8Array): GrayImage {
  if (!isPng(bytes)) throw new ImageDecodeError('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = -1;
  let interlace = 0;
  let palette: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const start = pos + 8;
    if (start + len + 4 > bytes.length) throw new ImageDecodeError(`PNG chunk ${type} runs past the end of the file`);
    const body = bytes.subarray(start, start + len);
    if (type === 'IHDR') {
      width = view.getUint32(start);
      height = view.getUint32(start + 4);
      depth = body[8]!;
      colour = body[9]!;
      interlace = body[12]!;
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos = start + len + 4;
  }
  if (!width || !height) throw new ImageDecodeError('PNG has no IHDR header');
  if (width * height > 40_000_000) throw new ImageDecodeError(`PNG of ${width}x${height} is too large to read`);
  if (depth !== 8) throw new ImageDecodeError(`PNG bit depth ${depth} is not supported (8 only)`);
  if (interlace !== 0) throw new ImageDecodeError('interlaced PNG is not supported');
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colour];
  if (!channels) throw new ImageDecodeError(`PNG colour type ${colour} is not supported`);
  if (colour === 3 && !palette) throw new ImageDecodeError('palette PNG without a palette');
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (e) {
    throw new ImageDecodeError(`PNG image data is corrupt: ${(e as Error).message}`);
  }
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new ImageDecodeError('PNG image data is shorter than the picture');
  const out = new Uint8Array(width * height);
  let prev = new Uint8Array(stride);
  let line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let v = src[i]!;
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new ImageDecodeError(`PNG row ${y} has an unknown filter ${filter}`);
      }
      line[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = x * channels;
      let g: number;
      if (colour === 0 || colour === 4) g = line[o]!;
      else if (colour === 3) {
        const p = line[o]! * 3;
        g = (palette![p]! * 299 + palette![p + 1]! * 587 + palette![p + 2]! * 114) / 1000;
      } else g = (line[o]! * 299 + line[o + 1]! * 587 + line[o + 2]! * 114) / 1000;
      out[y * width + x] = Math.round(g);
    }
    [prev, line] = [line, prev];
  }
  return grayImage(width, height, out);
}
