import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { discoverOnvif, parseDiscoveryTarget } from '../../cameras/onvif-discovery.js';

export const camerasDiscoverCommand: CliCommand = {
  path: ['cameras', 'discover'],
  summary: 'Find ONVIF cameras on the network (WS-Discovery)',
  help: `Usage: cctv cameras discover [--targets HOST[:PORT],...] [--no-multicast] [--timeout MS]

Sends one WS-Discovery Probe to the multicast group 239.255.255.250:3702 and
to each unicast target, collects the replies for the timeout (default 3000 ms)
and prints one JSON object: {"devices":[{"endpoint","xaddrs","name",
"hardware","location","scopes","from"}],"warnings":[...]}. Nothing is saved;
add cameras on the Cameras page or with the API.

  --targets LIST   comma-separated unicast targets (port defaults to 3702),
                   e.g. 127.0.0.1:3702 for the simulated estate
  --no-multicast   probe the targets only
  --timeout MS     how long to collect replies (200–10000)

Exit code 0 when at least one camera answered, 1 when none did.
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['targets', 'timeout'], booleans: ['no-multicast'] });
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    let targets;
    try {
      targets = typeof flags.targets === 'string' ? flags.targets.split(',').filter((t) => t.trim() !== '').map(parseDiscoveryTarget) : [];
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const timeoutMs = flags.timeout === undefined ? 3000 : Number(flags.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 200 || timeoutMs > 10_000) throw new UsageError('--timeout must be a whole number of milliseconds, 200–10000');
    const multicast = flags['no-multicast'] !== true;
    if (!multicast && targets.length === 0) throw new UsageError('--no-multicast needs --targets');
    const outcome = await discoverOnvif({ targets, multicast, timeoutMs });
    io.out(JSON.stringify(outcome));
    for (const w of outcome.warnings) io.err(`warning: ${w}`);
    return outcome.devices.length > 0 ? 0 : 1;
  },
};
