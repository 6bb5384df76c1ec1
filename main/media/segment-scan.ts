import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { Fmp4SampleReader } from './mp4-boxes.js';
import { packetTimesFromSamples, type PacketTimes } from './packet-times.js';

/** What one read of a closed segment file gives the index. */
export interface SegmentScan {
  bytes: number;
  /** SHA-256 (hex) of exactly the bytes read. */
  sha256: string;
  /** Length of ftyp + moov (the #EXT-X-MAP byte range); null when no fragment starts in the file. */
  initBytes: number | null;
  /** Frame and keyframe times from the fMP4 boxes; null when they could not be read (see parseError). */
  packets: PacketTimes | null;
  parseError: string | null;
  /** CPU this process spent on the scan (user + system, µs), for the recorder's cost accounting. */
  cpuUs: number;
}

/** Read size: a 10 s segment of a typical enforcement camera (0.5–4 Mbit/s) is one to a few reads. */
const CHUNK = 1024 * 1024;
/**
 * One read buffer for every scan in the process: a fresh megabyte per
 * segment costs more in page faults than hashing it. Sharing is safe because
 * each chunk is consumed whole (hashed; the few boxes kept are copied) before
 * the scan yields to the event loop, where another scan may reuse it.
 */
let shared: Buffer | null = null;

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Hashes a closed segment and reads its frame index in the same pass: the
 * bytes are read once (from the page cache, where ffmpeg has just written
 * them), fed to SHA-256 and to the fMP4 box reader, and never held (only the
 * kilobyte moov/moof boxes are).
 *
 * Reads are synchronous, one chunk per turn of the event loop: a chunk is a
 * memory copy from the page cache plus hashing (about a millisecond per MiB),
 * which costs less than handing it to the thread pool, and it makes the CPU
 * measured around each chunk (process.cpuUsage) the scan's own, so the
 * recorder's CPU per camera can be stated honestly. Slightly over, never
 * under: other threads of the process running at the same moment are
 * counted too.
 */
export async function scanSegmentFile(file: string): Promise<SegmentScan> {
  let cpuUs = 0;
  let c0 = cpuNow();
  const hash = createHash('sha256');
  const reader = new Fmp4SampleReader();
  let parseError: string | null = null;
  const buf = (shared ??= Buffer.allocUnsafe(CHUNK));
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      if (parseError === null) {
        try {
          reader.push(chunk);
        } catch (e) {
          parseError = (e as Error).message;
        }
      }
      if (n < CHUNK) continue; // most likely the end; the next read confirms it without yielding
      cpuUs += cpuNow() - c0;
      await new Promise<void>((resolve) => setImmediate(resolve));
      c0 = cpuNow();
    }
  } finally {
    closeSync(fd);
  }
  const found = reader.finish();
  let packets: PacketTimes | null = null;
  if (parseError === null) {
    if (found.initBytes !== null && found.timescale === null) parseError = 'no video track in the moov box';
    else if (found.timescale !== null) packets = packetTimesFromSamples(found.samples, found.timescale);
    else packets = { frameTimesS: [], keyframeTimesS: [] };
  }
  const sha256 = hash.digest('hex');
  cpuUs += cpuNow() - c0;
  return { bytes: found.bytes, sha256, initBytes: found.initBytes, packets, parseError, cpuUs };
}
