/**
 * The review player's keyboard: one table drives both the key handler and the
 * shortcut list in the page's help, so the two cannot disagree.
 */
export type PlayerAction =
  | 'step-back'
  | 'step-forward'
  | 'second-back'
  | 'second-forward'
  | 'shuttle-reverse'
  | 'pause'
  | 'shuttle-forward'
  | 'toggle-play'
  | 'mark-in'
  | 'mark-out'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset'
  | 'rate-down'
  | 'rate-up';

export interface KeyBinding {
  action: PlayerAction;
  /** What the help shows, e.g. ["Shift", "←"]. */
  keys: string[];
  description: string;
  matches: (e: Pick<KeyboardEvent, 'key' | 'shiftKey'>) => boolean;
}

const key = (k: string, shift = false) => (e: Pick<KeyboardEvent, 'key' | 'shiftKey'>) => e.key === k && e.shiftKey === shift;
const letter = (k: string) => (e: Pick<KeyboardEvent, 'key' | 'shiftKey'>) => e.key.toLowerCase() === k && !e.shiftKey;

export const playerKeyBindings: readonly KeyBinding[] = [
  { action: 'step-back', keys: ['←'], description: 'Previous frame (pauses)', matches: key('ArrowLeft') },
  { action: 'step-forward', keys: ['→'], description: 'Next frame (pauses)', matches: key('ArrowRight') },
  { action: 'second-back', keys: ['Shift', '←'], description: 'Back one second', matches: key('ArrowLeft', true) },
  { action: 'second-forward', keys: ['Shift', '→'], description: 'Forward one second', matches: key('ArrowRight', true) },
  { action: 'toggle-play', keys: ['Space'], description: 'Play or pause', matches: key(' ') },
  { action: 'shuttle-reverse', keys: ['J'], description: 'Play backwards; again for faster (1×, 2×, 4×, 8×, 16×)', matches: letter('j') },
  { action: 'pause', keys: ['K'], description: 'Pause', matches: letter('k') },
  { action: 'shuttle-forward', keys: ['L'], description: 'Play forwards; again for faster (1×, 2×, 4×, 8×, 16×)', matches: letter('l') },
  { action: 'mark-in', keys: ['I'], description: 'Mark in at this frame', matches: letter('i') },
  { action: 'mark-out', keys: ['O'], description: 'Mark out at this frame', matches: letter('o') },
  { action: 'rate-down', keys: ['['], description: 'Slower (down to 1/8×)', matches: (e) => e.key === '[' },
  { action: 'rate-up', keys: [']'], description: 'Faster (up to 16×)', matches: (e) => e.key === ']' },
  { action: 'zoom-in', keys: ['+'], description: 'Zoom the picture in (drag or Shift + arrows to pan)', matches: (e) => e.key === '+' || e.key === '=' },
  { action: 'zoom-out', keys: ['−'], description: 'Zoom the picture out', matches: (e) => e.key === '-' || e.key === '_' },
  { action: 'zoom-reset', keys: ['0'], description: 'Reset picture zoom', matches: (e) => e.key === '0' },
];

export function actionForKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): PlayerAction | undefined {
  return playerKeyBindings.find((b) => b.matches(e))?.action;
}

/** Playback rates offered by [ and ]: 1/8× to 16×. */
export const playbackRates = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16] as const;

/** J/L shuttle speeds. */
export const shuttleSpeeds = [1, 2, 4, 8, 16] as const;

export function nextRate(rate: number, dir: 1 | -1): number {
  const i = playbackRates.findIndex((r) => r >= rate - 1e-9);
  const at = i < 0 ? playbackRates.length - 1 : i;
  return playbackRates[Math.min(playbackRates.length - 1, Math.max(0, at + dir))]!;
}

/** Next shuttle speed in a direction: pressing L while going forwards doubles; from reverse or paused it starts at 1×. */
export function nextShuttle(current: number, dir: 1 | -1): number {
  if (Math.sign(current) !== dir) return dir;
  const i = shuttleSpeeds.indexOf(Math.abs(current) as (typeof shuttleSpeeds)[number]);
  return dir * shuttleSpeeds[Math.min(shuttleSpeeds.length - 1, i < 0 ? 0 : i + 1)]!;
}

export function formatRate(rate: number): string {
  if (Math.abs(rate) >= 1) return `${rate}×`;
  return `${rate < 0 ? '−' : ''}1/${Math.round(1 / Math.abs(rate))}×`;
}

/** Typing in a field, or a dialog open: the player leaves the keyboard alone. */
export function keyBelongsElsewhere(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range'].includes((target as HTMLInputElement).type);
  return false;
}
