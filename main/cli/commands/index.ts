import type { CliCommand } from '../command.js';
// One import per command file; keep the list sorted by command path.
// (helpers: add your import here)
import { serveCommand } from './serve.js';

export const commands: CliCommand[] = [
  // (helpers: add your command here)
  serveCommand,
];
