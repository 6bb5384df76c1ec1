import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CONFIG } from '../../../main/health/health-config.js';
import { checkPicture, compareView, medianFrame, type PictureReference, type TimedFrame } from '../../../main/health/picture-check.js';
import { grayFrame, laplacianVariance, overlayRowsFor, type GrayFrame } from '../../../main/health/picture-analysis.js';

/**
 * The picture check's maths on synthetic grey frames (the sampler's
 * 320×180): a textured "street" scene, and the same scene black, frozen,
 * shifted (moved), half-covered by something flat (obstructed) and blurred.
 * The top band (OSD stamp) changes every frame, as on a live camera.
 */
const W = 320;
const H = 180;
const cfg = DEFAULT_HEALTH_CONFIG;
const OSD = overlayRowsFor(H);

/** A deterministic textured scene, plus a moving "vehicle" when `t` is given. */
function scene(opts: { shiftX?: number; t?: number; stamp?: number } = {}): GrayFrame {
  const px = new Uint8Array(W * H);
  const shift = opts.shiftX ?? 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = x + shift;
      // Broad shapes (road, verges, buildings) plus fine texture (tarmac grain, brickwork): blur takes the texture, a move shifts the shapes.
      const broad = 110 + 70 * Math.sin(sx / 23) * Math.cos(y / 17);
      const grain = (sx + y) % 2 === 0 ? 7 : -7;
      px[y * W + x] = Math.round(broad + grain);
    }
  }
  if (opts.t !== undefined) {
    // A vehicle crossing: a bright box whose position depends on the time.
    const x0 = 20 + ((opts.t * 37) % 240);
    for (let y = 100; y < 130; y++) for (let x = x0; x < x0 + 40; x++) px[y * W + x] = 250;
  }
  stamp(px, opts.stamp ?? 0);
  return grayFrame(W, H, px);
}

/** The OSD band: bright "digits" that differ with the frame counter. */
function stamp(px: Uint8Array, n: number): void {
  for (let y = 2; y < OSD - 2; y++) for (let x = 4; x < 200; x++) px[y * W + x] = (x + n * 13) % 17 < 8 ? 255 : 0;
}

function map(f: GrayFrame, fn: (v: number, x: number, y: number) => number): GrayFrame {
  const px = new Uint8Array(f.pixels.length);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) px[y * W + x] = Math.max(0, Math.min(255, Math.round(fn(f.pixels[y * W + x]!, x, y))));
  return grayFrame(W, H, px);
}

/** Box blur 5×5 below the OSD band: an out-of-focus lens. */
function blur(f: GrayFrame): GrayFrame {
  return map(f, (v, x, y) => {
    if (y < OSD) return v;
    let s = 0;
    let n = 0;
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
      const xx = Math.min(W - 1, Math.max(0, x + dx));
      const yy = Math.min(H - 1, Math.max(OSD, y + dy));
      s += f.pixels[yy * W + xx]!;
      n++;
    }
    return s / n;
  });
}

const burst = (frames: GrayFrame[], t0 = 10_000, stepMs = 1000): TimedFrame[] => frames.map((frame, i) => ({ at: t0 + i * stepMs, frame }));
const reference = (): PictureReference => {
  const f = medianFrame([scene({ t: 1, stamp: 1 }), scene({ t: 2, stamp: 2 }), scene({ t: 3, stamp: 3 })]);
  return { frame: f, sharpness: laplacianVariance(f, OSD) };
};

describe('picture check on synthetic frames', () => {
  it('a live scene with traffic passes, against its own reference', () => {
    const r = checkPicture(burst([scene({ t: 4, stamp: 4 }), scene({ t: 5, stamp: 5 }), scene({ t: 6, stamp: 6 })]), null, reference(), cfg);
    expect(r.verdict).toEqual({ status: 'ok', fault: null, reason: null });
    expect(r.facts.viewMismatch).toBeLessThan(cfg.viewMismatchShare);
    expect(r.facts.sharpnessRatio).toBeGreaterThan(0.9);
  });

  it('black: mean level under the limit even with a bright OSD stamp', () => {
    const black = (n: number) => {
      const px = new Uint8Array(W * H).fill(3);
      stamp(px, n);
      return grayFrame(W, H, px);
    };
    const r = checkPicture(burst([black(1), black(2), black(3)]), null, reference(), cfg);
    expect(r.verdict.fault).toBe('black');
    expect(r.verdict.reason).toMatch(/^picture is black \(mean level 3 of 255\)$/);
  });

  it('frozen: the scene unchanged below a live stamp for at least frozenMinMs, carried across probes', () => {
    const still = (n: number) => scene({ t: 7, stamp: n });
    // One burst of 2 frames 1 s apart: unchanged for 1 s, not yet frozen.
    const first = checkPicture(burst([still(1), still(2)], 0, 1000), null, reference(), cfg);
    expect(first.verdict.fault).toBeNull();
    expect(first.facts.unchangedForMs).toBe(1000);
    // The next probe sees the same picture: the run carries over (track) and passes the 1.8 s limit.
    const second = checkPicture(burst([still(3), still(4)], 5000, 1000), first.track, reference(), cfg);
    expect(second.verdict.fault).toBe('frozen');
    expect(second.verdict.reason).toBe('picture has not changed for 6.0 s');
    // Traffic moving again ends the run.
    const live = checkPicture(burst([scene({ t: 8, stamp: 5 }), scene({ t: 9, stamp: 6 })], 9000, 1000), second.track, reference(), cfg);
    expect(live.verdict.fault).toBeNull();
  });

  it('moved: the view no longer matches the approved reference, and it is not flat', () => {
    const r = checkPicture(burst([scene({ shiftX: 45, t: 1, stamp: 1 }), scene({ shiftX: 45, t: 2, stamp: 2 })]), null, reference(), cfg);
    expect(r.verdict.fault).toBe('moved');
    expect(r.verdict.reason).toMatch(/^view has moved: \d+ % of the approved view no longer matches$/);
    expect(r.facts.viewMismatch).toBeGreaterThan(cfg.viewMismatchShare);
  });

  it('obstructed: most of the view covered by something flat (a bag over the lens, a hedge)', () => {
    const cover = (f: GrayFrame) => map(f, (v, _x, y) => (y >= OSD + 10 ? 90 : v));
    const r = checkPicture(burst([cover(scene({ t: 1, stamp: 1 })), cover(scene({ t: 2, stamp: 2 }))]), null, reference(), cfg);
    expect(r.verdict.fault).toBe('obstructed');
    expect(r.facts.flatShare).toBeGreaterThan(cfg.obstructedFlatShare);
  });

  it('blurred: the same view, sharpness far under the camera’s own baseline', () => {
    const r = checkPicture(burst([blur(scene({ stamp: 1 })), blur(scene({ stamp: 2 }))], 0, 500), null, reference(), cfg);
    expect(r.verdict.fault).toBe('blurred');
    expect(r.facts.sharpnessRatio).toBeLessThan(cfg.blurRatio);
    // Without a reference there is no baseline: blur cannot be judged, so it is not claimed.
    expect(checkPicture(burst([blur(scene({ stamp: 1 }))]), null, null, cfg).verdict.fault).toBeNull();
  });

  it('compareView: identical views match; another size is a full mismatch; empty bursts are refused', () => {
    const f = scene();
    expect(compareView(f, f, OSD)).toEqual({ mismatch: 0, flatOfMismatched: 0 });
    expect(compareView(f, grayFrame(16, 9, new Uint8Array(144)), OSD).mismatch).toBe(1);
    expect(() => checkPicture([], null, null, cfg)).toThrow(RangeError);
    expect(() => grayFrame(W, H, new Uint8Array(10))).toThrow(/needs 57600 bytes/);
  });

  it('medianFrame drops a vehicle that crossed one frame of three', () => {
    const m = medianFrame([scene(), scene({ t: 3 }), scene()]);
    expect(Buffer.from(m.pixels).equals(Buffer.from(scene().pixels))).toBe(true);
  });
});
