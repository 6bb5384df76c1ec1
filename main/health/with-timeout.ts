/** Thrown when a probe outlives its cut-off. */
export class ProbeTimeout extends Error {
  override readonly name = 'ProbeTimeout';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Races work against a deadline. The work gets an AbortSignal that fires at
 * the deadline so sockets and children it opened are closed, not orphaned:
 * a hung camera must never hold a probe slot for ever.
 */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort(new ProbeTimeout(ms));
      reject(new ProbeTimeout(ms));
    }, ms);
  });
  try {
    return await Promise.race([work(ac.signal), deadline]);
  } finally {
    clearTimeout(timer);
    if (!ac.signal.aborted) ac.abort();
  }
}
