import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

/**
 * Byte length of the initialisation section (ftyp + moov, everything before
 * the first moof) of a fragmented MP4: the `#EXT-X-MAP` byte range that lets
 * hls.js play a recorded segment file in place, without copying or
 * re-muxing it. Reads only box headers (16 bytes each), never the media.
 * Returns null for a file with no moof (no frames were written).
 */
export function fmp4InitBytes(file: string): number | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(16);
    let offset = 0;
    for (let boxes = 0; offset + 8 <= size && boxes < 64; boxes++) {
      const n = readSync(fd, head, 0, 16, offset);
      if (n < 8) return null;
      let boxSize = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (type === 'moof') return offset;
      if (boxSize === 1) {
        if (n < 16) return null;
        boxSize = Number(head.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        return null; // box runs to end of file: no fragment follows
      }
      if (boxSize < 8) return null;
      offset += boxSize;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}
