/**
 * The generic JSON push (fixtures/anpr/json-push-format.ts is the sender):
 * {cameraId, plate, timestamp (ISO 8601 with zone), confidence 0-100,
 *  direction approaching|departing, plateImage?, overviewImage? (base64 JPEG)}.
 * A body may also be an array of such objects. Pure.
 */
import type { ParsedRead, ParseResult, ReadError, ReadImage } from './anpr-read.js';
import { checkConfidence, checkDirection, checkPlate, checkTime } from './read-fields.js';
import { isJpeg } from './jpeg.js';

const KNOWN = new Set(['cameraId', 'camera', 'plate', 'timestamp', 'confidence', 'direction', 'plateImage', 'overviewImage', 'channel']);

function decodeImage(raw: unknown, field: string, location: string, errors: ReadError[]): Buffer | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string' || !/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(raw)) {
    errors.push({ location, field, message: `${field} must be a base64 JPEG` });
    return null;
  }
  const data = Buffer.from(raw, 'base64');
  if (!isJpeg(data)) {
    errors.push({ location, field, message: `${field} is not a JPEG (no JPEG start marker)` });
    return null;
  }
  return data;
}

export function parseJsonReadObject(o: unknown, location: string): { read: ParsedRead | null; errors: ReadError[] } {
  const errors: ReadError[] = [];
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    return { read: null, errors: [{ location, field: null, message: 'a read must be a JSON object' }] };
  }
  const r = o as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !KNOWN.has(k));
  if (unknown.length) errors.push({ location, field: unknown[0]!, message: `unknown field(s): ${unknown.join(', ')}` });
  const camRaw = r.cameraId ?? r.camera;
  let camera: string | null = null;
  if (typeof camRaw === 'string' && camRaw.trim() && camRaw.length <= 64) camera = camRaw.trim();
  else if (typeof camRaw === 'number' && Number.isInteger(camRaw) && camRaw > 0) camera = String(camRaw);
  else if (camRaw !== undefined) errors.push({ location, field: 'cameraId', message: 'cameraId must be the camera’s id or site code' });
  const time = checkTime(r.timestamp);
  if (!time.ok) errors.push({ location, field: 'timestamp', message: time.message });
  const plate = checkPlate(r.plate, time.ok ? time.value : Date.now());
  if (!plate.ok) errors.push({ location, field: 'plate', message: plate.message });
  const conf = checkConfidence(r.confidence);
  if (!conf.ok) errors.push({ location, field: 'confidence', message: conf.message });
  const dir = checkDirection(r.direction, false);
  if (!dir.ok) errors.push({ location, field: 'direction', message: dir.message });
  const images: ReadImage[] = [];
  const p = decodeImage(r.plateImage, 'plateImage', location, errors);
  if (p) images.push({ role: 'plate', name: 'plateImage', data: p });
  const v = decodeImage(r.overviewImage, 'overviewImage', location, errors);
  if (v) images.push({ role: 'overview', name: 'overviewImage', data: v });
  if (errors.length || !time.ok || !plate.ok || !conf.ok || !dir.ok) return { read: null, errors };
  return {
    read: {
      source: 'json',
      camera,
      channel: typeof r.channel === 'string' ? r.channel.slice(0, 120) : null,
      plate: plate.value.plate,
      vrm: plate.value.vrm,
      vrmFormat: plate.value.format,
      vrmFlags: plate.value.flags,
      atMs: time.value,
      confidence: conf.value,
      direction: dir.value,
      images,
      location,
    },
    errors: [],
  };
}

/** Most reads one JSON body may carry. */
export const MAX_JSON_READS = 500;

export function parseJsonReads(body: unknown): ParseResult {
  if (Array.isArray(body)) {
    if (body.length === 0) return { reads: [], errors: [{ location: 'body', field: null, message: 'the array holds no reads' }] };
    if (body.length > MAX_JSON_READS) return { reads: [], errors: [{ location: 'body', field: null, message: `at most ${MAX_JSON_READS} reads per request, not ${body.length}` }] };
    const out: ParseResult = { reads: [], errors: [] };
    body.forEach((o, i) => {
      const r = parseJsonReadObject(o, `read ${i + 1}`);
      if (r.read) out.reads.push(r.read);
      out.errors.push(...r.errors);
    });
    return out;
  }
  const r = parseJsonReadObject(body, 'body');
  return { reads: r.read ? [r.read] : [], errors: r.errors };
}

/** JSON text (a file, for the CLI). */
export function parseJsonReadsText(text: string): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { reads: [], errors: [{ location: 'body', field: null, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return parseJsonReads(body);
}
