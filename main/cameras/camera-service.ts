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

export type CameraStatus = 'active' | 'retired';
export type StreamChoice = 'main' | 'sub';
export type RtspTransport = 'tcp' | 'udp';

/** An approved-device certificate (SI 2022/71 Sch. 1; DOMAIN §6). A camera keeps every one it has had. */
export interface Certificate {
  id: number;
  cameraId: number;
  certificateNumber: string;
  /** In practice the Vehicle Certification Agency. */
  issuer: string;
  typeApprovalRef: string | null;
  /** Epoch ms UTC, inclusive. */
  validFrom: number;
  /** Epoch ms UTC, inclusive (end of the last valid day as entered). */
  validTo: number;
  createdAt: number;
  createdBy: string;
}

export interface DeviceInfo {
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
}

/** One row of the cameras list: safe to show to any signed-in role. */
export interface CameraSummary {
  id: number;
  name: string;
  locationDescription: string;
  siteCode: string | null;
  enforcementSiteName: string | null;
  status: CameraStatus;
  model: string | null;
  retentionDays: number;
  /** The certificate valid now, else the latest one (or null if none was recorded). */
  certificate: Certificate | null;
}

/** Everything about one camera except its secrets. */
export interface CameraDetails extends CameraSummary {
  latitude: number | null;
  longitude: number | null;
  onvifHost: string | null;
  onvifPort: number | null;
  /** Without credentials. */
  rtspMainUri: string | null;
  rtspSubUri: string | null;
  profileToken: string | null;
  stream: StreamChoice;
  transport: RtspTransport;
  username: string | null;
  hasPassword: boolean;
  hasAnprKey: boolean;
  device: DeviceInfo;
  /** Last clock offset read (camera minus workstation, seconds) and when. */
  clockOffsetS: number | null;
  clockCheckedAt: number | null;
  retiredAt: number | null;
  retiredReason: string | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  certificates: Certificate[];
}

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
