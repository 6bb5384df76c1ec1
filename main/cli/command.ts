/**
 * One sub-command of the `cctv` command line.
 *
 * Each command lives in its own file under main/cli/commands/ and is listed in
 * main/cli/commands/index.ts. `run` returns the process exit code; it writes
 * results to `io.out` (machine-readable JSON where the command promises it) and
 * problems to `io.err`, so tests can run commands in-process.
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliCommand {
  /** Words that select the command, e.g. ['rules', 'in-force']. */
  path: string[];
  summary: string;
  /** Full help text printed for `cctv <path> --help`. */
  help: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A usage error: the CLI prints the message and the command's help, exit 2. */
export class UsageError extends Error {}
