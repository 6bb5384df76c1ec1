import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFilter,
  escapeDrawtextFunctionArg,
  escapeDrawtextLiteral,
  escapeFiltergraphArgs,
  quoteFilterOptionValue,
  sanitiseOverlayText,
} from '../../../native/ffmpeg-args/drawtext-escape.js';

/** A model of libavutil's av_get_token (the tokenizer behind levels 2 and 3). */
function avGetToken(buf: string, term: string): { token: string; rest: string } {
  const WS = ' \n\t\r';
  let p = 0;
  while (p < buf.length && WS.includes(buf[p]!)) p++;
  let out = '';
  let end = 0;
  while (p < buf.length && !term.includes(buf[p]!)) {
    const c = buf[p++]!;
    if (c === '\\' && p < buf.length) {
      out += buf[p++];
      end = out.length;
    } else if (c === "'") {
      while (p < buf.length && buf[p] !== "'") out += buf[p++];
      if (p < buf.length) {
        p++;
        end = out.length;
      }
    } else {
      out += c;
    }
  }
  while (out.length > end && WS.includes(out[out.length - 1]!)) out = out.slice(0, -1);
  return { token: out, rest: buf.slice(p) };
}

/** Level 1 for literal text: drawtext's expansion turns "\x" into "x". */
function drawtextUnescape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) out += text[++i];
    else if (text[i] === '%' && text[i + 1] === '{') throw new Error('unexpected expansion');
    else out += text[i];
  }
  return out;
}

/** Parses "drawtext=key=value:key=value" the way ffmpeg does, returning the options. */
function parseFilter(desc: string): Map<string, string> {
  const eq = desc.indexOf('=');
  const level3 = avGetToken(desc.slice(eq + 1), '[],;');
  expect(level3.rest).toBe('');
  const options = new Map<string, string>();
  let rest = level3.token;
  while (rest.length > 0) {
    const k = rest.indexOf('=');
    const key = rest.slice(0, k);
    const v = avGetToken(rest.slice(k + 1), ':');
    options.set(key, v.token);
    rest = v.rest.startsWith(':') ? v.rest.slice(1) : v.rest;
  }
  return options;
}

describe('drawtext escaping', () => {
  it('escapes each level', () => {
    expect(escapeDrawtextLiteral('100% \\ok')).toBe('100\\% \\\\ok');
    expect(quoteFilterOptionValue("it's")).toBe("'it'\\''s'");
    expect(escapeFiltergraphArgs("a,b;c[d]'e\\")).toBe("a\\,b\\;c\\[d\\]\\'e\\\\");
    expect(escapeDrawtextFunctionArg('%H:%M')).toBe('\\%H\\:\\%M');
    expect(sanitiseOverlayText('a\nb\tc')).toBe('a b c');
  });

  it('round-trips any text through ffmpeg\'s three parsers', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', ':', "'", '"', '\\', '%', '{', '}', ',', ';', '[', ']', '=', 'é', '£') });
    fc.assert(
      fc.property(text, (s) => {
        const filter = buildFilter('drawtext', [['text', escapeDrawtextLiteral(s)], ['x', 10]]);
        const opts = parseFilter(filter);
        expect(drawtextUnescape(opts.get('text')!)).toBe(s);
        expect(opts.get('x')).toBe('10');
      }),
      { numRuns: 500 },
    );
  });

  it('keeps expressions with commas intact', () => {
    const opts = parseFilter(buildFilter('drawtext', [['enable', 'between(t,0,1.5)'], ['text', 'x']]));
    expect(opts.get('enable')).toBe('between(t,0,1.5)');
  });

  it('rejects bad filter or option names', () => {
    expect(() => buildFilter('draw text', [])).toThrow();
    expect(() => buildFilter('drawtext', [['te:xt', 'a']])).toThrow();
  });
});
