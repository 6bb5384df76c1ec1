/**
 * What every argument builder returns: the arguments for ffmpeg/ffprobe and,
 * where the command's meaning depends on it, extra environment for the child.
 *
 * Builders are pure (no I/O, no spawning) so the exact command lines used to
 * produce evidence can be unit-tested and quoted in a witness statement.
 */
export interface FfmpegInvocation {
  /** Arguments after the program name; never passed through a shell. */
  readonly args: readonly string[];
  /**
   * Environment the child needs on top of the parent's, where a command's
   * meaning depends on it.
   */
  readonly env?: Readonly<Record<string, string>>;
}
