import { describe, expect, it } from 'vitest';
import { clampZoom, MAX_SCALE, noZoom, panPicture, zoomAt, zoomTransform } from '../../../renderer/src/player/picture-zoom.js';

/** Where a picture point (fractions from centre) appears on screen under a zoom. */
const onScreen = (z: { scale: number; x: number; y: number }, px: number, py: number) => ({ x: z.scale * (px + z.x), y: z.scale * (py + z.y) });

describe('picture zoom and pan', () => {
  it('zooms between 1× and 8×', () => {
    let z = noZoom;
    for (let i = 0; i < 30; i++) z = zoomAt(z, 1.25);
    expect(z.scale).toBe(MAX_SCALE);
    for (let i = 0; i < 30; i++) z = zoomAt(z, 0.8);
    expect(z).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it('keeps the point under the cursor still (a plate stays where the officer pointed)', () => {
    const start = { scale: 2, x: 0.05, y: -0.05 };
    const cursor = { fx: 0.1, fy: 0.05 };
    const px = cursor.fx / start.scale - start.x;
    const py = cursor.fy / start.scale - start.y;
    const z = zoomAt(start, 1.5, cursor.fx, cursor.fy);
    expect(z.scale).toBe(3);
    const p = onScreen(z, px, py);
    expect(p.x).toBeCloseTo(cursor.fx, 9);
    expect(p.y).toBeCloseTo(cursor.fy, 9);
  });

  it('never pans the picture off its frame', () => {
    expect(panPicture(noZoom, 0.3, 0.3)).toEqual(noZoom);
    const z = panPicture({ scale: 2, x: 0, y: 0 }, 10, -10);
    // At 2× the frame stays covered up to a quarter-frame pan each way.
    expect(z).toEqual({ scale: 2, x: 0.25, y: -0.25 });
    expect(onScreen(z, -0.5, 0).x).toBeLessThanOrEqual(-0.5 + 1e-9);
    expect(clampZoom({ scale: 20, x: 1, y: -1 })).toEqual({ scale: 8, x: 7 / 16, y: -7 / 16 });
    expect(clampZoom({ scale: 0.1, x: 0.2, y: 0 })).toEqual(noZoom);
  });

  it('writes the CSS transform', () => {
    expect(zoomTransform({ scale: 2, x: 0.125, y: -0.25 })).toBe('scale(2) translate(12.500%, -25.000%)');
  });
});
