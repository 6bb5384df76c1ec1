/** A refusal the API reports to the client as `{error: {code, message, details}}` with `status`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiFailure(404, 'not-found', `${what} not found`);
export const forbidden = (why: string) => new ApiFailure(403, 'forbidden', why);
export const conflict = (why: string, details?: unknown) => new ApiFailure(409, 'conflict', why, details);
export const invalid = (why: string, details?: unknown) => new ApiFailure(400, 'invalid-request', why, details);
