/** An 8-bit grayscale picture, row-major, one byte a pixel (0 black, 255 white). */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function grayImage(width: number, height: number, data?: Uint8Array): GrayImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error(`image size must be positive whole numbers, got ${width}x${height}`);
  const d = data ?? new Uint8Array(width * height);
  if (d.length !== width * height) throw new Error(`image data holds ${d.length} bytes, expected ${width * height} for ${width}x${height}`);
  return { width, height, data: d };
}

/**
 * The picture as a binary PGM (P5). Tesseract's image reader (Leptonica)
 * reads PNM natively, so a preprocessed picture goes in without another
 * encode step.
 */
export function toPgm(img: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

/** A box given in fractions of the picture (0..1), cut out in whole pixels (at least 2×2). */
export function cropRelative(img: GrayImage, box: { x: number; y: number; w: number; h: number }): GrayImage {
  for (const [k, v] of Object.entries(box)) if (!Number.isFinite(v) || v < 0 || v > 1) throw new Error(`box.${k} must be a fraction 0..1, got ${v}`);
  const x0 = Math.min(img.width - 2, Math.floor(box.x * img.width));
  const y0 = Math.min(img.height - 2, Math.floor(box.y * img.height));
  const w = Math.max(2, Math.min(img.width - x0, Math.round(box.w * img.width)));
  const h = Math.max(2, Math.min(img.height - y0, Math.round(box.h * img.height)));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + w), y * w);
  return grayImage(w, h, out);
}
