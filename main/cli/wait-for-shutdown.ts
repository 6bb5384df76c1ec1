/**
 * Resolves on SIGINT/SIGTERM, or after `durationS` when given (tests and
 * benchmarks run the demo for a fixed time and expect a clean stop).
 */
export function waitForShutdown(durationS?: number): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (timer) clearTimeout(timer);
      resolve(why);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    const timer = durationS !== undefined ? setTimeout(() => done(`ran for ${durationS} s`), durationS * 1000) : undefined;
  });
}
