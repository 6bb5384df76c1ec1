/**
 * A minimal POSIX ustar archive writer, so a pack downloads as one file that
 * `tar -xf` (GNU, BSD, Windows 10+ tar.exe) unpacks with its folder layout.
 * Regular files only; names up to 100 bytes (pack paths are short by design).
 */
function header(name: string, size: number, mtimeS: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const put = (text: string, offset: number, len: number) => h.write(text, offset, len, 'ascii');
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  put(name, 0, 100);
  put('0000644\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(`${size.toString(8).padStart(11, '0')}\0`, 124, 12);
  put(`${Math.floor(mtimeS).toString(8).padStart(11, '0')}\0`, 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

export function tarArchive(entries: readonly { name: string; data: Buffer }[], mtimeMs: number): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e.name, e.data.length, mtimeMs / 1000), e.data);
    const pad = (512 - (e.data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}
