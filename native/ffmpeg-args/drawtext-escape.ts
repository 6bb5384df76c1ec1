/**
 * Escaping for text that goes into ffmpeg's drawtext filter inside a -vf /
 * -filter_complex argument. Three parsers read it in turn, so three levels:
 *
 *  1. drawtext's expansion: `%{...}` is a function, `\x` means literal x.
 *     Literal text gets `\` and `%` escaped (escapeDrawtextLiteral).
 *  2. the filter's option parser (key=value separated by ':'): we wrap the
 *     value in single quotes, inside which everything is literal, and write a
 *     quote as '\'' (quoteFilterOptionValue).
 *  3. the filtergraph parser (filters separated by ',' ';' and '[label]'):
 *     every special is backslash-escaped (escapeFiltergraphArgs).
 *
 * Arguments reach ffmpeg through spawn's argv, never a shell, so there is no
 * fourth (shell) level.
 */

/** Level 1: literal text for drawtext's `text` with expansion=normal. */
export function escapeDrawtextLiteral(text: string): string {
  return text.replace(/[\\%]/g, (c) => `\\${c}`);
}

/**
 * Level 1 for an argument of a `%{function:arg:arg}` expansion: the
 * function parser splits on ':' and stops at '}'.
 */
export function escapeDrawtextFunctionArg(arg: string): string {
  return arg.replace(/[\\:}{%']/g, (c) => `\\${c}`);
}

/** Level 2: one option value, single-quoted. */
export function quoteFilterOptionValue(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** Level 3: a filter's whole argument string inside a filtergraph. */
export function escapeFiltergraphArgs(args: string): string {
  return args.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** `name=key=value:key=value` for a filtergraph, values quoted and escaped. */
export function buildFilter(name: string, options: ReadonlyArray<readonly [string, string | number]>): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad filter name ${name}`);
  if (options.length === 0) return name;
  const body = options
    .map(([k, v]) => {
      if (!/^[a-z0-9_]+$/.test(k)) throw new Error(`bad option name ${k}`);
      return `${k}=${quoteFilterOptionValue(String(v))}`;
    })
    .join(':');
  return `${name}=${escapeFiltergraphArgs(body)}`;
}

/** Removes characters drawtext cannot show (control characters) from caller text. */
export function sanitiseOverlayText(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? ' ' : ch;
  }
  return out;
}
