import type { RedactionRegion } from '../store/disclosure-store.js';

/**
 * The ffmpeg arguments that blur regions of a clip for disclosure (other
 * people's vehicles and plates, faces, chosen areas): for each region the
 * frame is split, the region cropped, box-blurred and laid back over the
 * frame at the same place, only for the seconds given. Pure (no spawning):
 * the argument list is tested as data and run through native/.
 */
export interface FrameSize {
  width: number;
  height: number;
}

/** A region clamped to the frame with even sizes (yuv420p crops on even pixels); null when nothing of it is on screen. */
export function clampRegion(r: RedactionRegion, f: FrameSize, padPx = 6): RedactionRegion | null {
  const x0 = Math.max(0, Math.floor(r.x - padPx));
  const y0 = Math.max(0, Math.floor(r.y - padPx));
  const x1 = Math.min(f.width, Math.ceil(r.x + r.w + padPx));
  const y1 = Math.min(f.height, Math.ceil(r.y + r.h + padPx));
  const x = x0 - (x0 % 2);
  const y = y0 - (y0 % 2);
  let w = x1 - x;
  let h = y1 - y;
  w -= w % 2;
  h -= h % 2;
  if (w < 8 || h < 8) return null;
  return { x, y, w, h, ...(r.fromS !== undefined ? { fromS: r.fromS } : {}), ...(r.toS !== undefined ? { toS: r.toS } : {}) };
}

export function redactionFilter(regions: readonly RedactionRegion[], f: FrameSize): { graph: string; output: string; used: RedactionRegion[] } {
  const used = regions.map((r) => clampRegion(r, f)).filter((r): r is RedactionRegion => r !== null);
  if (used.length === 0) return { graph: '[0:v]null[vout]', output: '[vout]', used };
  const parts: string[] = [];
  const labels = used.map((_, i) => `c${i}`);
  parts.push(`[0:v]split=${used.length + 1}[base]${labels.map((l) => `[${l}]`).join('')}`);
  used.forEach((r, i) => {
    // Radii bounded by the crop so a small plate box still blurs (boxblur refuses a radius over half the plane).
    parts.push(`[c${i}]crop=${r.w}:${r.h}:${r.x}:${r.y},boxblur=lr='min(20\\,min(w\\,h)/3)':lp=3:cr='min(10\\,min(cw\\,ch)/3)':cp=3[b${i}]`);
  });
  let prev = 'base';
  used.forEach((r, i) => {
    const out = i === used.length - 1 ? 'vout' : `o${i}`;
    const enable = r.fromS !== undefined || r.toS !== undefined ? `:enable='between(t\\,${(r.fromS ?? 0).toFixed(3)}\\,${(r.toS ?? 1e9).toFixed(3)})'` : '';
    parts.push(`[${prev}][b${i}]overlay=${r.x}:${r.y}${enable}[${out}]`);
    prev = out;
  });
  return { graph: parts.join(';'), output: '[vout]', used };
}

export function redactionArgs(o: { input: string; output: string; regions: readonly RedactionRegion[]; frame: FrameSize }): { args: string[]; used: RedactionRegion[] } {
  const { graph, output, used } = redactionFilter(o.regions, o.frame);
  return {
    used,
    args: [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
      '-i', o.input,
      '-filter_complex', graph,
      '-map', output,
      '-an',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
      '-movflags', '+faststart',
      o.output,
    ],
  };
}

/** Plate boxes of one vehicle over time (e.g. from the simulated estate's ground-truth manifest). */
export interface PlateTrack {
  vrm: string;
  samples: { t: number; bbox: { x: number; y: number; w: number; h: number } }[];
}

/**
 * Regions over every plate but the requester's: each sample's box held
 * from halfway since the previous sample to halfway to the next, widened
 * by how far the plate moves in that time, so a moving plate stays covered.
 * `offsetS` maps track time to clip time (clip t = track t − offsetS).
 */
export function otherPlateRegions(tracks: readonly PlateTrack[], subjectVrm: string | null, offsetS: number): RedactionRegion[] {
  const norm = (v: string) => v.replace(/\s+/g, '').toUpperCase();
  const out: RedactionRegion[] = [];
  for (const tr of tracks) {
    if (subjectVrm && norm(tr.vrm) === norm(subjectVrm)) continue;
    const s = [...tr.samples].sort((a, b) => a.t - b.t);
    s.forEach((cur, i) => {
      const prev = s[i - 1];
      const next = s[i + 1];
      const from = prev ? (prev.t + cur.t) / 2 : cur.t - 0.25;
      const to = next ? (cur.t + next.t) / 2 : cur.t + 0.25;
      const boxes = [cur.bbox, ...(prev ? [prev.bbox] : []), ...(next ? [next.bbox] : [])];
      const x = Math.min(...boxes.map((b) => b.x));
      const y = Math.min(...boxes.map((b) => b.y));
      const x1 = Math.max(...boxes.map((b) => b.x + b.w));
      const y1 = Math.max(...boxes.map((b) => b.y + b.h));
      if (to - offsetS < 0) return;
      out.push({ x, y, w: x1 - x, h: y1 - y, fromS: Math.max(0, from - offsetS), toS: to - offsetS });
    });
  }
  return out;
}
