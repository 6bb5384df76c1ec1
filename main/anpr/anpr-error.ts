/** A refusal by an anpr service, carrying the HTTP status and code the API reports (the handlers turn it into an ApiFailure). */
export class AnprError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
