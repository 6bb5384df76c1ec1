import { pino, type Logger } from 'pino';

/** The logger used when a caller passes none: native code never writes to the console by itself. */
export const silentLogger: Logger = pino({ level: 'silent' });
