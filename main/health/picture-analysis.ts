/**
 * Picture checks on sampled grey frames (1 byte per pixel, row-major), in
 * plain TypeScript so they need no image library and cost microseconds at
 * the 320x180 the sampler delivers.
 *
 * The camera's burnt-in stamp (date, time, frame counter: SI 2022/71 Sch. 1)
 * sits in a band along the top of the frame. It changes every frame on a
 * live camera, and on a camera whose encoder has frozen behind a live OSD it
 * keeps changing while the scene does not, so the band is masked out of the
 * frozen and view comparisons (`overlayRows`).
 */

export interface GrayFrame {
  width: number;
  height: number;
  /** width*height bytes. */
  pixels: Uint8Array;
}

export function grayFrame(width: number, height: number, pixels: Uint8Array): GrayFrame {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 8 || height < 8) {
    throw new RangeError(`frame size ${width}x${height} is too small to analyse`);
  }
  if (pixels.length !== width * height) {
    throw new RangeError(`frame of ${width}x${height} needs ${width * height} bytes, got ${pixels.length}`);
  }
  return { width, height, pixels };
}

/** Rows from the top covered by the OSD stamp at this frame height (about 10 %: the stamp is one text line). */
export function overlayRowsFor(height: number, fraction = 0.1): number {
  return Math.min(height - 1, Math.ceil(height * fraction));
}

/** Mean luma 0..255 of the whole frame (black picture: lens cap, dead sensor, no video in). */
export function meanLuma(f: GrayFrame): number {
  let sum = 0;
  for (let i = 0; i < f.pixels.length; i++) sum += f.pixels[i]!;
  return sum / f.pixels.length;
}

/** Mean luma below the overlay band: the stamp's white text must not make a black picture look lit. */
export function sceneMeanLuma(f: GrayFrame, overlayRows: number): number {
  let sum = 0;
  const start = overlayRows * f.width;
  for (let i = start; i < f.pixels.length; i++) sum += f.pixels[i]!;
  return sum / Math.max(1, f.pixels.length - start);
}

/** Mean absolute difference of two frames below the overlay band, 0..255. */
export function maskedMeanAbsDiff(a: GrayFrame, b: GrayFrame, overlayRows: number): number {
  if (a.width !== b.width || a.height !== b.height) return 255;
  const start = overlayRows * a.width;
  let sum = 0;
  for (let i = start; i < a.pixels.length; i++) sum += Math.abs(a.pixels[i]! - b.pixels[i]!);
  return sum / Math.max(1, a.pixels.length - start);
}

/**
 * Variance of the 4-neighbour Laplacian below the overlay band: the usual
 * focus measure. Only meaningful relative to the same camera's own baseline
 * (a foggy rural scene and a busy junction differ by orders of magnitude).
 */
export function laplacianVariance(f: GrayFrame, overlayRows: number): number {
  const { width: w, height: h, pixels: p } = f;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = Math.max(1, overlayRows); y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const v = p[i - w]! + p[i + w]! + p[i - 1]! + p[i + 1]! - 4 * p[i]!;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}
