/**
 * Splits a saved multipart/form-data body (what `cctv anpr parse` reads from a
 * file an installer captured) into its parts. The HTTP route uses
 * @fastify/multipart instead; this is for files at rest. Pure.
 */
export interface SplitPart {
  name: string;
  contentType: string;
  data: Buffer;
}

export function looksLikeMultipart(data: Buffer): boolean {
  return data.subarray(0, 2).toString('latin1') === '--' && /^--[^\r\n]{1,200}\r?\n/.test(data.subarray(0, 300).toString('latin1'));
}

export function splitMultipart(body: Buffer, maxParts = 16): SplitPart[] {
  const firstEol = body.indexOf('\n');
  if (!body.subarray(0, 2).equals(Buffer.from('--')) || firstEol < 0) throw new Error('not a multipart body (no boundary on the first line)');
  const boundary = body.subarray(0, firstEol).toString('latin1').replace(/\r$/, '');
  const delim = Buffer.from(`\r\n${boundary}`);
  const parts: SplitPart[] = [];
  let pos = firstEol + 1;
  for (;;) {
    if (parts.length >= maxParts) throw new Error(`more than ${maxParts} parts`);
    const headEnd = body.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw new Error('a part has no end of headers');
    const headers = body.subarray(pos, headEnd).toString('latin1');
    const end = body.indexOf(delim, headEnd + 4);
    if (end < 0) throw new Error('the closing boundary is missing');
    const disp = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /filename="([^"]*)"/i.exec(disp)?.[1] ?? /name="([^"]*)"/i.exec(disp)?.[1] ?? `part${parts.length + 1}`;
    const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
    parts.push({ name, contentType, data: body.subarray(headEnd + 4, end) });
    pos = end + delim.length;
    const tail = body.subarray(pos, pos + 2).toString('latin1');
    if (tail === '--') return parts;
    pos = body.indexOf('\n', pos) + 1;
    if (pos <= 0) throw new Error('the closing boundary is missing');
  }
}
