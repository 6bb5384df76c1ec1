/**
 * Zoom and pan arithmetic of the review timeline: a visible range between
 * one minute and seven days (the contract's MAX_TIMELINE_RANGE_MS), and tick
 * spacing that keeps labels readable at every zoom. Pure, so it is tested
 * without a DOM.
 */
export const MIN_VIEW_MS = 60_000;
export const MAX_VIEW_MS = 7 * 24 * 3_600_000;

export interface ViewRange {
  from: number;
  to: number;
}

export function clampSpan(spanMs: number): number {
  return Math.min(MAX_VIEW_MS, Math.max(MIN_VIEW_MS, spanMs));
}

/** Zooms by `factor` (<1 in, >1 out) keeping the time under `anchorMs` where it is on screen. */
export function zoomAround(view: ViewRange, factor: number, anchorMs: number): ViewRange {
  const span = view.to - view.from;
  const next = clampSpan(span * factor);
  const at = span > 0 ? (anchorMs - view.from) / span : 0.5;
  const from = anchorMs - at * next;
  return { from: Math.round(from), to: Math.round(from + next) };
}

export function panBy(view: ViewRange, deltaMs: number): ViewRange {
  return { from: Math.round(view.from + deltaMs), to: Math.round(view.to + deltaMs) };
}

/** A view of `spanMs` centred on `atMs`. */
export function centredOn(atMs: number, spanMs: number): ViewRange {
  const span = clampSpan(spanMs);
  return { from: Math.round(atMs - span / 2), to: Math.round(atMs + span / 2) };
}

/** Keeps `atMs` in view, shifting (not zooming) when it runs off either end. */
export function follow(view: ViewRange, atMs: number): ViewRange {
  const span = view.to - view.from;
  if (atMs >= view.from && atMs <= view.to) return view;
  return centredOn(atMs, span);
}

const steps = [
  1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000,
  3_600_000, 2 * 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 24 * 3_600_000,
];

/** Tick interval giving at most `maxTicks` ticks across the view. */
export function tickStep(spanMs: number, maxTicks: number): number {
  return steps.find((s) => spanMs / s <= maxTicks) ?? 24 * 3_600_000;
}

/**
 * Tick times across the view. Steps of an hour or more are aligned to UK
 * local time (Europe/London), so "06:00" means six o'clock on the street
 * in summer too, not 06:00 UTC.
 */
export function ticks(view: ViewRange, maxTicks: number, ukOffsetMs: (atMs: number) => number): number[] {
  const step = tickStep(view.to - view.from, maxTicks);
  const out: number[] = [];
  const offset = step >= 3_600_000 ? ukOffsetMs(view.from) : 0;
  let t = Math.ceil((view.from + offset) / step) * step - offset;
  for (; t <= view.to && out.length < 200; t += step) out.push(t);
  return out;
}

export function toX(view: ViewRange, atMs: number, width: number): number {
  return ((atMs - view.from) / (view.to - view.from)) * width;
}

export function toTime(view: ViewRange, x: number, width: number): number {
  return view.from + (x / width) * (view.to - view.from);
}
