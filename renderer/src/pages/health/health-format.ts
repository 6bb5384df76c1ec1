import type { CameraHealth } from '../../../../main/api/contract';

type Status = CameraHealth['status'];

/** Badge tone per health status; the text always says the status too (colour only repeats it). */
export function statusTone(s: Status): 'ok' | 'warn' | 'danger' | 'neutral' {
  return s === 'ok' ? 'ok' : s === 'degraded' ? 'warn' : s === 'down' ? 'danger' : 'neutral';
}

export const statusText: Record<Status, string> = { ok: 'OK', degraded: 'Degraded', down: 'Down', unknown: 'Not probed yet' };

export const categoryText: Record<string, string> = {
  'camera-fault': 'Camera fault',
  'camera-view': 'Camera view (moved, obstructed, dirty)',
  'camera-clock': 'Camera clock',
  'sign-missing': 'Sign missing',
  'sign-damaged': 'Sign damaged',
  'sign-obscured': 'Sign obscured',
  'road-marking-worn': 'Road marking worn',
  'road-marking-missing': 'Road marking missing',
  other: 'Other',
  // Auto defects carry the probe's fault code as their category.
  offline: 'Offline',
  'clock-drift': 'Clock drift',
  'clock-unreadable': 'Clock unreadable',
  'stream-unreadable': 'Stream unreadable',
  'low-frame-rate': 'Low frame rate',
  'recording-stale': 'Recording stale',
  black: 'Black picture',
  frozen: 'Frozen picture',
  blurred: 'Blurred picture',
  moved: 'View moved',
  obstructed: 'View obstructed',
  'storage-low': 'Storage low',
  garbage: 'Camera answers nonsense',
};

export function categoryLabel(c: string): string {
  return categoryText[c] ?? c;
}

/** "3 h", "2 d 4 h": the age of an open defect, for a supervisor scanning the list. */
export function formatAge(ms: number): string {
  const h = Math.max(0, Math.floor(ms / 3_600_000));
  if (h < 1) return `${Math.max(0, Math.floor(ms / 60_000))} min`;
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A probe's headline number with its unit (what `value` means depends on the kind). */
export function probeValue(kind: string, value: number | null): string {
  if (value === null) return '—';
  switch (kind) {
    case 'network':
      return `${Math.round(value)} ms`;
    case 'clock':
      return `${value > 0 ? '+' : ''}${value.toFixed(1)} s`;
    case 'stream':
      return `${value.toFixed(1)} fps`;
    case 'recording':
      return `${Math.round(value)} s old`;
    case 'picture':
      return `level ${Math.round(value)}`;
    case 'storage':
      return `${(value / 1024 ** 3).toFixed(1)} GiB free`;
    default:
      return String(value);
  }
}
