import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { createCore } from '../../core.js';
import { waitForShutdown } from '../wait-for-shutdown.js';
import { describeFfmpegForCore } from '../ffmpeg-for-core.js';

export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'Run the core headless for a team of desks (API, recorders, UI in the browser)',
  help: `Usage: cctv serve [--data DIR] [--host ADDR] [--port N] [--duration S]

Runs the core without a window: the HTTP/WebSocket API, the recorders, ingest
and health checks, and the workstation UI for any browser on the network.

  --data DIR     data folder (default: CCTV_DATA_DIR or the per-OS default)
  --host ADDR    address to listen on (default 127.0.0.1: this machine only;
                 use 0.0.0.0 to serve the desks of a team on the LAN)
  --port N       port (default 8740; 0 picks a free one)
  --duration S   stop after S seconds (for tests)
`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { values: ['data', 'host', 'port', 'duration'] });
    const port = flags.port === undefined ? 8740 : Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not ${String(flags.port)}`);
    const durationS = flags.duration === undefined ? undefined : Number(flags.duration);
    if (durationS !== undefined && !(durationS > 0)) throw new UsageError('--duration must be a positive number of seconds');
    const dataDir = resolveDataDir(typeof flags.data === 'string' ? flags.data : undefined);
    const core = await createCore({ dataDir, mode: 'server', host: typeof flags.host === 'string' ? flags.host : '127.0.0.1', port, ffmpegInfo: describeFfmpegForCore() });
    io.out(`CCTV workstation core listening on ${core.url}`);
    io.out(`Data folder: ${dataDir}`);
    if (core.context.auth.needsFirstAdministrator()) io.out(`First run: open ${core.url} to create the first administrator.`);
    const why = await waitForShutdown(durationS);
    await core.stop();
    io.out(`Stopped (${why}).`);
    return 0;
  },
};
