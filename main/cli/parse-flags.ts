import { UsageError } from './command.js';

/**
 * Parses `--name value`, `--name=value` and boolean `--flag` arguments.
 * `booleans` lists flags that take no value. Unknown flags are an error so a
 * typo never silently changes what a command does.
 */
export function parseFlags(
  argv: string[],
  spec: { values?: readonly string[]; booleans?: readonly string[] },
): { flags: Record<string, string | true>; positional: string[] } {
  const values = new Set(spec.values ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (booleans.has(name)) {
      flags[name] = true;
      continue;
    }
    if (!values.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      throw new UsageError(`option --${name} needs a value`);
    }
    flags[name] = value;
  }
  return { flags, positional };
}
