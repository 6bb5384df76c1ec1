/**
 * Parsing XML from the street safely. Cameras are on a LAN anyone with a
 * ladder can reach, so their XML is hostile until proven otherwise:
 * - a size cap before anything else (a 10 MB "alert" is refused unread);
 * - any DOCTYPE or ENTITY declaration is refused BEFORE parsing, so no
 *   entity (billion laughs, external file/URL) can ever be defined, let
 *   alone expanded; fast-xml-parser also runs with processEntities off;
 * - nesting is capped.
 * Only the five predefined XML entities are decoded, by hand, in the fields
 * that are shown to people.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const MAX_XML_BYTES = 256 * 1024;

export class XmlRefused extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
  }
}

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  maxNestedTags: 32,
});

export function parseSafeXml(input: string | Buffer): Record<string, unknown> {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (bytes > MAX_XML_BYTES) throw new XmlRefused(`XML is ${bytes} bytes; at most ${MAX_XML_BYTES}`);
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const decl = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i.exec(text);
  if (decl) {
    const before = text.slice(0, decl.index);
    const line = before.split('\n').length;
    throw new XmlRefused(`XML with a ${decl[1]!.toUpperCase()} declaration is refused (entities and DTDs are never processed)`, line, decl.index - before.lastIndexOf('\n'));
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRefused(`malformed XML: ${valid.err.msg}`, valid.err.line, valid.err.col);
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new XmlRefused(`malformed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The five predefined entities and numeric references; nothing else is ever expanded. */
export function decodeXmlText(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}
