/** Why a short-lived command failed. */
export type ProcessRunFailure = 'spawn' | 'exit' | 'timeout' | 'output-limit' | 'aborted';

/**
 * A failed run, with the last stderr lines: ffmpeg explains itself only
 * there ("No such file or directory", "Invalid data found…"), and that
 * explanation is what an officer or the support desk needs to see.
 */
export class ProcessRunError extends Error {
  override readonly name = 'ProcessRunError';

  constructor(
    readonly failure: ProcessRunFailure,
    readonly command: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderrTail: readonly string[],
    detail: string,
    options?: { cause?: unknown },
  ) {
    const tail = stderrTail.length > 0 ? `\n${stderrTail.map((l) => `  ${l}`).join('\n')}` : '';
    super(`${detail}${tail}`, options);
  }
}
