/**
 * What other features (media/recorder, health, anpr, pcn) may ask of the
 * cameras feature. Written first so they can code against it; the
 * implementation lives in camera-service-impl.ts.
 *
 * Secrets rule: nothing here returns a camera password except
 * recordingSource(), whose URL carries credentials for ffmpeg only — never
 * log it, never send it to a client.
 */
import type { Feature } from '../features/feature.js';

import type { CameraCertificate, CameraDetails, CameraDeviceInfo, CameraSummary } from '../api/contract/cameras-routes.js';

// The shapes are the API's (one zod schema each in the contract), so what a
// feature gets here is exactly what a client sees.
export type { CameraDetails, CameraSummary } from '../api/contract/cameras-routes.js';
export type CameraStatus = CameraSummary['status'];
export type StreamChoice = CameraDetails['stream'];
export type RtspTransport = CameraDetails['transport'];
/**
 * An approved-device certificate (SI 2022/71 Sch. 1; DOMAIN §6): number,
 * issuer (in practice the Vehicle Certification Agency), type approval
 * reference, validFrom/validTo as epoch ms UTC (start of the first UK day,
 * end of the last). A camera keeps every one it has had.
 */
export type Certificate = CameraCertificate;
export type DeviceInfo = CameraDeviceInfo;

/** What the recorder needs to run ffmpeg for one camera. */
export interface RecordingSource {
  cameraId: number;
  /** WITH credentials embedded (percent-encoded), for ffmpeg only: never log, never return to a client. */
  rtspUrl: string;
  transport: RtspTransport;
  retentionDays: number;
}

export interface CameraService {
  list(opts?: { includeRetired?: boolean }): CameraSummary[];
  get(id: number): CameraDetails | undefined;
  /** undefined for a retired or unknown camera, or one with no RTSP URI yet. */
  recordingSource(id: number): RecordingSource | undefined;
  /** Fires (synchronously, after the change is stored) on add, update, retire and certificate change. Returns an unsubscribe. */
  onChange(listener: (cameraId: number) => void): () => void;
  /** The certificate in force at `atMs` (validFrom ≤ at ≤ validTo); the most recently issued wins an overlap. */
  certificateAt(cameraId: number, atMs: number): Certificate | undefined;
  /** Reads the camera's clock over ONVIF; offsetS = camera − workstation (midpoint of the round trip). Throws CameraError. */
  readClock(cameraId: number): Promise<{ offsetS: number; at: number }>;
  /** A JPEG from the camera's ONVIF snapshot URI. Throws CameraError. */
  snapshot(cameraId: number): Promise<Buffer>;
  /** Constant-time check of a camera's ANPR ingest key; false for retired/unknown cameras. */
  verifyAnprKey(cameraId: number, key: string): boolean;
}

export interface CamerasFeature extends Feature {
  readonly name: 'cameras';
  readonly service: CameraService;
}
