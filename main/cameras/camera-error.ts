/**
 * Why talking to a camera failed, in words an officer can act on. Every
 * message names the camera's address (never its credentials), so the UI and
 * the log say which camera and what to check.
 */
export type CameraErrorKind = 'unreachable' | 'bad-credentials' | 'not-onvif' | 'timeout' | 'garbage';

const advice: Record<CameraErrorKind, string> = {
  unreachable: 'the camera could not be reached; check its address, power and network link',
  'bad-credentials': 'the camera refused the username or password',
  'not-onvif': 'something answered, but it is not an ONVIF camera service; check the address and port',
  timeout: 'the camera did not answer in time',
  garbage: 'the camera sent an answer that is not valid (not HTTP/SOAP/JPEG as expected)',
};

export class CameraError extends Error {
  override readonly name = 'CameraError';
  constructor(
    readonly kind: CameraErrorKind,
    /** host:port or URL without credentials. */
    readonly address: string,
    /** Technical detail for the log (never credentials). */
    readonly detail?: string,
  ) {
    super(`${address}: ${advice[kind]}${detail ? ` (${detail})` : ''}`);
  }
}

export function isCameraError(e: unknown): e is CameraError {
  return e instanceof CameraError;
}

/** HTTP status the API answers with for each kind: the camera, not the request, is at fault (502/504), except credentials supplied by the user (422). */
export function statusForCameraError(kind: CameraErrorKind): number {
  switch (kind) {
    case 'bad-credentials':
      return 422;
    case 'timeout':
      return 504;
    default:
      return 502;
  }
}
