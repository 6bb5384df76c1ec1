import { grayImage, type GrayImage } from './gray-image.js';

/**
 * Turns a plate crop into what Tesseract's line recogniser reads best: one
 * line of dark glyphs on white, glyphs about 60 px tall, a quiet margin.
 *
 * Why each step: cameras give small, soft, low-contrast plates; Tesseract's
 * own binarisation works at the size it is given, so a 20 px plate is
 * upscaled first (bilinear) and its contrast stretched, then thresholded
 * with Otsu's method (the plate background is yellow or white, the glyphs
 * black: two clear modes even when blurred). The plate's border and anything
 * outside it that touches the crop edge is removed, because Tesseract reads
 * a border line as an I or a 1.
 */
export interface PreprocessOptions {
  /** Height the crop is scaled to (the glyphs are about 60 % of a tight plate crop). */
  targetHeight?: number;
  /** Widest the scaled picture may be (a long crop is limited in width instead). */
  maxWidth?: number;
  /** White margin added all round, px. */
  margin?: number;
}

const defaults = { targetHeight: 100, maxWidth: 1400, margin: 16 };

export function resizeBilinear(img: GrayImage, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  const d = img.data;
  const iw = img.width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(img.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const ay = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(iw - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(iw - 1, x0 + 1);
      const ax = fx - x0;
      const top = d[y0 * iw + x0]! * (1 - ax) + d[y0 * iw + x1]! * ax;
      const bottom = d[y1 * iw + x0]! * (1 - ax) + d[y1 * iw + x1]! * ax;
      out[y * width + x] = Math.round(top * (1 - ay) + bottom * ay);
    }
  }
  return grayImage(width, height, out);
}

/** Otsu's threshold: the grey level that best separates the two modes. */
export function otsuThreshold(data: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of data) hist[v]!++;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = data.length - wB;
    if (!wF) break;
    sumB += t * hist[t]!;
    const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Stretches the 1st..99th percentile grey levels to 0..255 (low-contrast plates). */
export function stretchContrast(img: GrayImage): GrayImage {
  const hist = new Array<number>(256).fill(0);
  for (const v of img.data) hist[v]!++;
  const n = img.data.length;
  let lo = 0;
  let hi = 255;
  for (let acc = 0; lo < 255 && (acc += hist[lo]!) < n * 0.01; lo++);
  for (let acc = 0; hi > 0 && (acc += hist[hi]!) < n * 0.01; hi--);
  if (hi - lo < 8) return img;
  const out = new Uint8Array(n);
  const k = 255 / (hi - lo);
  for (let i = 0; i < n; i++) out[i] = Math.max(0, Math.min(255, Math.round((img.data[i]! - lo) * k)));
  return grayImage(img.width, img.height, out);
}

/**
 * Clears dark regions that touch the crop's edge and are shaped like a
 * border or background (long and thin, or very large), keeping glyphs that a
 * tight crop happens to touch.
 */
export function clearEdgeClutter(bin: Uint8Array, width: number, height: number): void {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const visit = (start: number) => {
    if (bin[start] !== 0 || seen[start]) return;
    const pixels: number[] = [];
    let minX = width, maxX = 0, minY = height, maxY = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      pixels.push(p);
      const x = p % width;
      const y = (p - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const next = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1];
      for (const q of next) if (q >= 0 && bin[q] === 0 && !seen[q]) {
        seen[q] = 1;
        stack.push(q);
      }
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    const borderLike = w > width * 0.5 || h > height * 0.85 || pixels.length > width * height * 0.25 || (h < height * 0.12) || (w < 4 && h > height * 0.5);
    if (borderLike) for (const p of pixels) bin[p] = 255;
  };
  for (let x = 0; x < width; x++) {
    visit(x);
    visit((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    visit(y * width);
    visit(y * width + width - 1);
  }
}

/** Dark connected regions of a binary picture, with their boxes. */
export function components(bin: Uint8Array, width: number, height: number): { x: number; y: number; w: number; h: number; area: number }[] {
  const seen = new Uint8Array(width * height);
  const out: { x: number; y: number; w: number; h: number; area: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < bin.length; start++) {
    if (bin[start] !== 0 || seen[start]) continue;
    let minX = width, maxX = 0, minY = height, maxY = 0, area = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      area++;
      const x = p % width;
      const y = (p - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const next = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1];
      for (const q of next) {
        if (q >= 0 && bin[q] === 0 && !seen[q]) {
          seen[q] = 1;
          stack.push(q);
        }
      }
    }
    out.push({ x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1, area });
  }
  return out;
}

/**
 * The slope of the text line (radians), from the bottoms of glyph-sized
 * regions by least squares; 0 when fewer than three glyphs are found. A
 * camera a few degrees off level, or a box drawn round a tilted plate,
 * otherwise costs Tesseract the first or last glyph.
 */
export function estimateSkew(bin: Uint8Array, width: number, height: number): number {
  const glyphs = components(bin, width, height).filter((c) => c.h > height * 0.25 && c.h < height * 0.95 && c.w < width * 0.3 && c.area > 20);
  if (glyphs.length < 3) return 0;
  const xs = glyphs.map((g) => g.x + g.w / 2);
  const ys = glyphs.map((g) => g.y + g.h);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? Math.atan(num / den) : 0;
}

/** Rotates about the centre (bilinear), filling uncovered corners with `fill`. */
export function rotate(img: GrayImage, radians: number, fill: number): GrayImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Inverse mapping: where in the source this output pixel comes from.
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) {
        out[y * w + x] = fill;
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const ax = sx - x0;
      const ay = sy - y0;
      const top = data[y0 * w + x0]! * (1 - ax) + data[y0 * w + x1]! * ax;
      const bottom = data[y1 * w + x0]! * (1 - ax) + data[y1 * w + x1]! * ax;
      out[y * w + x] = Math.round(top * (1 - ay) + bottom * ay);
    }
  }
  return grayImage(w, h, out);
}

function binarise(scaled: GrayImage): Uint8Array {
  const { width: w, height: h } = scaled;
  const t = otsuThreshold(scaled.data);
  const bin = new Uint8Array(w * h);
  let dark = 0;
  for (let i = 0; i < bin.length; i++) {
    const isDark = scaled.data[i]! <= t;
    bin[i] = isDark ? 0 : 255;
    if (isDark) dark++;
  }
  // Light glyphs on a dark plate (or a negative crop): make the glyphs dark.
  if (dark > bin.length * 0.6) for (let i = 0; i < bin.length; i++) bin[i] = 255 - bin[i]!;
  clearEdgeClutter(bin, w, h);
  return bin;
}

export function preprocessPlate(img: GrayImage, options: PreprocessOptions = {}): GrayImage {
  const o = { ...defaults, ...options };
  let h = o.targetHeight;
  let w = Math.max(1, Math.round((img.width * h) / img.height));
  if (w > o.maxWidth) {
    w = o.maxWidth;
    h = Math.max(1, Math.round((img.height * w) / img.width));
  }
  const scaled = stretchContrast(resizeBilinear(img, w, h));
  let bin = binarise(scaled);
  const skew = estimateSkew(bin, w, h);
  if (Math.abs(skew) > (0.8 * Math.PI) / 180 && Math.abs(skew) < (15 * Math.PI) / 180) {
    // Corners the rotation uncovers are filled with the plate's light grey level, not read as glyphs.
    const light = [...scaled.data].sort((a, b) => a - b)[Math.floor(scaled.data.length * 0.9)]!;
    bin = binarise(rotate(scaled, -skew, light));
  }
  const m = o.margin;
  const W = w + 2 * m;
  const H = h + 2 * m;
  const out = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < h; y++) out.set(bin.subarray(y * w, (y + 1) * w), (y + m) * W + m);
  return grayImage(W, H, out);
}
