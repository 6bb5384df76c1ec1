/**
 * The shapes of the health feature shared by its probes, rules, store and
 * report. Types only.
 */

export type ProbeKind = 'network' | 'clock' | 'stream' | 'recording' | 'picture' | 'storage';
export const PROBE_KINDS: readonly ProbeKind[] = ['network', 'clock', 'stream', 'recording', 'picture', 'storage'];

export type ProbeStatus = 'ok' | 'degraded' | 'down';
export type CameraHealthStatus = ProbeStatus | 'unknown';

/**
 * What went wrong, one code per kind of fault a defect is raised for. Each
 * code belongs to exactly one probe kind (FAULT_PROBE), so "N failures in a
 * row of the same kind" is well defined.
 */
export type FaultCode =
  | 'offline'
  | 'clock-drift'
  | 'clock-unreadable'
  | 'stream-unreadable'
  | 'low-frame-rate'
  | 'recording-stale'
  | 'black'
  | 'frozen'
  | 'blurred'
  | 'moved'
  | 'obstructed'
  | 'storage-low'
  | 'garbage';

export const FAULT_PROBE: Record<FaultCode, ProbeKind> = {
  offline: 'network',
  'clock-drift': 'clock',
  'clock-unreadable': 'clock',
  'stream-unreadable': 'stream',
  'low-frame-rate': 'stream',
  'recording-stale': 'recording',
  black: 'picture',
  frozen: 'picture',
  blurred: 'picture',
  moved: 'picture',
  obstructed: 'picture',
  'storage-low': 'storage',
  garbage: 'stream',
};

/** One probe's outcome, as stored in the health log. */
export interface ProbeOutcome {
  cameraId: number;
  kind: ProbeKind;
  /** Workstation time the probe started, epoch ms. */
  at: number;
  status: ProbeStatus;
  /** Headline number: drift s (clock), fps (stream), age s (recording), free bytes (storage), rtt ms (network). */
  value: number | null;
  fault: FaultCode | null;
  /** For people: what was wrong, naming the value and the limit. Never credentials. */
  reason: string | null;
  detail: Record<string, unknown>;
  durationMs: number;
}

export interface ProbeRow extends ProbeOutcome {
  id: number;
}

export interface StatusChange {
  id: number;
  cameraId: number;
  at: number;
  status: CameraHealthStatus;
  reasons: string[];
}

export type DefectScope = 'camera' | 'location';
export type DefectOrigin = 'auto' | 'manual';

export interface DefectPhoto {
  id: number;
  defectId: number;
  sha256: string;
  mime: string;
  bytes: number;
  name: string | null;
  addedBy: string;
  addedAt: number;
}

export interface DefectNote {
  id: number;
  defectId: number;
  at: number;
  author: string;
  text: string;
}

export interface Defect {
  id: number;
  scope: DefectScope;
  cameraId: number | null;
  siteCode: string | null;
  location: string | null;
  category: string;
  title: string;
  description: string;
  origin: DefectOrigin;
  fault: FaultCode | null;
  blocking: boolean;
  supplier: string | null;
  supplierRef: string | null;
  reportedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  outageStart: number | null;
  outageEnd: number | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface DefectDetails extends Defect {
  notes: DefectNote[];
  photos: DefectPhoto[];
}
