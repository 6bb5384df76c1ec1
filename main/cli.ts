import { commands } from './cli/commands/index.js';
import { UsageError, type CliCommand, type CliIo } from './cli/command.js';

const stdio: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

function overview(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = [...commands]
    .sort((a, b) => a.path.join(' ').localeCompare(b.path.join(' ')))
    .map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    'cctv — the CCTV enforcement workstation',
    '',
    'Usage: cctv <command> [options]     (cctv <command> --help for details)',
    '',
    'Commands:',
    ...lines,
    '',
  ].join('\n');
}

/** Picks the command whose path is the longest prefix of argv. */
function find(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  let best: CliCommand | undefined;
  for (const c of commands) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : undefined;
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overview());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    const { appVersion } = await import('./version.js');
    io.out(appVersion);
    return 0;
  }
  const found = find(argv);
  if (!found) {
    // A group word alone (e.g. `cctv rules`) lists its sub-commands.
    const group = commands.filter((c) => c.path[0] === argv[0]);
    if (group.length) {
      io.err(`cctv ${argv[0]}: choose one of: ${group.map((c) => c.path.join(' ')).join(', ')}`);
      return 2;
    }
    io.err(`cctv: unknown command "${argv[0]}"\n\n${overview()}`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cctv ${command.path.join(' ')}: ${e.message}\n\n${command.help}`);
      return 2;
    }
    io.err(`cctv ${command.path.join(' ')}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
