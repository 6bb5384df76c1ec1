import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The core's logger: JSON lines to a file in the data folder (kept for
 * audit and support) and, unless quiet, to stderr.
 * Secrets never reach it: the redact list removes them wherever they appear.
 */
export function createLogger(opts: { dataDir?: string; level?: string; quiet?: boolean } = {}): Logger {
  const level = opts.level ?? process.env.CCTV_LOG_LEVEL ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (opts.dataDir) {
    const dir = path.join(opts.dataDir, 'logs');
    mkdirSync(dir, { recursive: true });
    streams.push({ level: level as pino.Level, stream: pino.destination({ dest: path.join(dir, 'core.log'), sync: true, mkdir: true }) });
  }
  // The terminal gets warnings and errors only; the file has everything.
  if (!opts.quiet) streams.push({ level: 'warn', stream: process.stderr });
  return pino(
    {
      level,
      redact: {
        paths: ['password', '*.password', '*.*.password', 'token', '*.token', 'headers.authorization', 'req.headers.authorization', '*.secret'],
        censor: '[redacted]',
      },
    },
    streams.length ? pino.multistream(streams) : pino.destination('/dev/null'),
  );
}

/** A logger that discards everything, for tests that don't look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
