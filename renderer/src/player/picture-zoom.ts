/**
 * Digital zoom and pan of the picture (to read a plate): a scale and an
 * offset, applied as a CSS transform on the <video>. Pure arithmetic so the
 * limits are tested: zoom 1× to 8×, and the picture never pans off its frame.
 */
export interface PictureZoom {
  scale: number;
  /** Pan as a fraction of the frame's width and height (0 = centred). */
  x: number;
  y: number;
}

export const noZoom: PictureZoom = { scale: 1, x: 0, y: 0 };
export const MAX_SCALE = 8;

/** Largest pan (each way) that keeps the frame covered at `scale`. */
const limit = (scale: number) => (scale - 1) / (2 * scale);

export function clampZoom(z: PictureZoom): PictureZoom {
  const scale = Math.min(MAX_SCALE, Math.max(1, z.scale));
  const l = limit(scale);
  return { scale, x: Math.min(l, Math.max(-l, z.x)), y: Math.min(l, Math.max(-l, z.y)) };
}

/** Zoom by `factor` keeping the point at (fx, fy) (fractions of the frame, -0.5..0.5 from centre) still. */
export function zoomAt(z: PictureZoom, factor: number, fx = 0, fy = 0): PictureZoom {
  const scale = Math.min(MAX_SCALE, Math.max(1, z.scale * factor));
  // The point under the cursor in picture coordinates stays under the cursor.
  const px = fx / z.scale - z.x;
  const py = fy / z.scale - z.y;
  return clampZoom({ scale, x: fx / scale - px, y: fy / scale - py });
}

export function panPicture(z: PictureZoom, dx: number, dy: number): PictureZoom {
  return clampZoom({ scale: z.scale, x: z.x + dx / z.scale, y: z.y + dy / z.scale });
}

export function zoomTransform(z: PictureZoom): string {
  return `scale(${z.scale}) translate(${(z.x * 100).toFixed(3)}%, ${(z.y * 100).toFixed(3)}%)`;
}
