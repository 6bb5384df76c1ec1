import type { CameraService } from '../../cameras/camera-service.js';
import type { ProcessOwner } from '../../../native/index.js';
import type { HealthConfig } from '../health-config.js';

/** The part of the cameras feature the probes use (tests and the benchmark give a simulated one). */
export type HealthCameras = Pick<CameraService, 'list' | 'get' | 'recordingSource' | 'readClock'>;

/** What every probe may use. */
export interface ProbeContext {
  cameras: HealthCameras;
  config: HealthConfig;
  processes: ProcessOwner;
  /** ffmpeg / ffprobe paths; null when not installed (expensive probes are then skipped). */
  tools: { ffmpeg: string; ffprobe: string } | null;
  /** Newest recorded segment's end for a camera (epoch ms), null when none. */
  newestSegmentEnd(cameraId: number): number | null;
  /** Free bytes where recordings are kept, null when unknown. */
  freeBytes(): Promise<number | null>;
  now(): number;
}
