import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * WS-Discovery messages (the 2005/04 version ONVIF Core §7 uses): building
 * our Probe and reading ProbeMatches. Replies come from anything on the LAN,
 * so they are untrusted: a DTD or entity declaration is refused before the
 * parser sees it (SOAP forbids DTDs anyway, and refusing is the only sure way
 * to stop billion-laughs and external-entity tricks), entity processing is
 * off, size and nesting are capped.
 */

export const WS_DISCOVERY = { address: '239.255.255.250', port: 3702 } as const;
/** One UDP datagram's worth; a ProbeMatches for one camera is ~1–2 KB. */
export const MAX_DISCOVERY_XML_BYTES = 64 * 1024;

export interface ProbeMatch {
  /** `urn:uuid:…`: stable across reboots and address changes; the identity to dedupe on. */
  endpoint: string;
  xaddrs: string[];
  types: string[];
  scopes: string[];
  relatesTo: string | undefined;
}

export interface ScopeSummary {
  name: string | null;
  hardware: string | null;
  location: string | null;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'ProbeMatch',
});

const DTD_OR_ENTITY = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;

export function buildProbe(messageId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    '<s:Header><a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
    `<a:MessageID>${escapeXml(messageId)}</a:MessageID>` +
    '<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>' +
    '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>'
  );
}

export type ParseResult = { ok: true; matches: ProbeMatch[] } | { ok: false; reason: 'too-large' | 'dtd' | 'malformed' | 'not-probe-matches'; detail: string };

/** Reads a ProbeMatches datagram. Never throws: hostile or broken input gives `ok: false`. */
export function parseProbeMatches(input: string | Buffer): ParseResult {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > MAX_DISCOVERY_XML_BYTES) return { ok: false, reason: 'too-large', detail: `${size} bytes` };
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  if (DTD_OR_ENTITY.test(text)) return { ok: false, reason: 'dtd', detail: 'DTD or entity declaration refused' };
  if (maxDepth(text) > 32) return { ok: false, reason: 'malformed', detail: 'nested too deeply' };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, reason: 'malformed', detail: valid.err.msg };
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (e) {
    return { ok: false, reason: 'malformed', detail: (e as Error).message };
  }
  const env = obj(obj(doc)?.Envelope);
  const body = obj(env?.Body);
  const pm = obj(body?.ProbeMatches);
  if (!pm) return { ok: false, reason: 'not-probe-matches', detail: 'no ProbeMatches in the Body' };
  const relatesTo = str(obj(env?.Header)?.RelatesTo);
  const list = Array.isArray(pm.ProbeMatch) ? pm.ProbeMatch : [];
  const matches: ProbeMatch[] = [];
  for (const m of list) {
    const o = obj(m);
    const endpoint = str(obj(o?.EndpointReference)?.Address);
    if (!o || !endpoint) continue;
    matches.push({ endpoint, xaddrs: words(o.XAddrs).filter(isHttpUrl), types: words(o.Types), scopes: words(o.Scopes), relatesTo });
  }
  return { ok: true, matches };
}

/** ONVIF scopes `onvif://www.onvif.org/name/…`, `/hardware/…`, `/location/…` (several location scopes are joined). */
export function summariseScopes(scopes: readonly string[]): ScopeSummary {
  const pick = (kind: string) =>
    scopes
      .filter((s) => s.toLowerCase().startsWith(`onvif://www.onvif.org/${kind}/`))
      .map((s) => decode(s.slice(`onvif://www.onvif.org/${kind}/`.length)))
      .filter((s) => s !== '');
  const first = (xs: string[]) => xs[0] ?? null;
  const location = pick('location');
  return { name: first(pick('name')), hardware: first(pick('hardware')), location: location.length ? location.join(', ') : null };
}

function decode(s: string): string {
  let out = s;
  try {
    out = decodeURIComponent(s);
  } catch {
    /* keep as sent */
  }
  // Some cameras encode spaces as '_' in scopes; keep what they send but trim control characters.
  // eslint-disable-next-line no-control-regex
  return out.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const m of text.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
    if (depth > max) max = depth;
  }
  return max;
}

function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(s);
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  const o = obj(v);
  if (o && typeof o['#text'] === 'string') return o['#text'].trim() || undefined;
  return undefined;
}

function words(v: unknown): string[] {
  return (str(v) ?? '').split(/\s+/).filter((w) => w !== '').slice(0, 64);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
