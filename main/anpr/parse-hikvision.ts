/**
 * Hikvision ISAPI ANPR push: an EventNotificationAlert (eventType ANPR) as
 * the `anpr.xml` part of a multipart upload with the JPEGs its
 * pictureInfoList names, or bare XML. dateTime is camera local time WITH its
 * offset; direction forward = towards the camera. Pure (the HTTP route hands
 * in the parts @fastify/multipart read; the CLI splits a saved body itself).
 */
import type { ImageRole, ParseResult, ReadImage } from './anpr-read.js';
import { isJpeg } from './jpeg.js';
import { checkConfidence, checkDirection, checkPlate, checkTime } from './read-fields.js';
import { decodeXmlText, parseSafeXml, XmlRefused } from './safe-xml.js';

export interface UploadedPart {
  name: string;
  data: Buffer;
}

export interface HikvisionResult extends ParseResult {
  /** Set when the alert is well-formed but not an ANPR read (a heartbeat, another event): nothing to store, not an error. */
  ignored: string | null;
}

const PICTURE_ROLE: Record<string, ImageRole> = {
  licensePlatePicture: 'plate',
  detectionPicture: 'overview',
  vehiclePicture: 'overview',
  sceneStructuredPicture: 'overview',
};

const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);

export function parseHikvisionAlert(xml: string | Buffer, parts: readonly UploadedPart[] = [], where = 'XML'): HikvisionResult {
  let doc: Record<string, unknown>;
  try {
    doc = parseSafeXml(xml);
  } catch (e) {
    if (e instanceof XmlRefused) {
      const at = e.line === null ? where : `${where} line ${e.line}${e.column === null ? '' : ` column ${e.column}`}`;
      return { reads: [], errors: [{ location: at, field: null, message: e.message }], ignored: null };
    }
    throw e;
  }
  const alert = doc.EventNotificationAlert as Record<string, unknown> | undefined;
  if (!alert || typeof alert !== 'object') {
    return { reads: [], errors: [{ location: where, field: null, message: 'not an ISAPI EventNotificationAlert (root element)' }], ignored: null };
  }
  const eventType = text(alert.eventType) ?? '';
  if (eventType.toUpperCase() !== 'ANPR') {
    return { reads: [], errors: [], ignored: `eventType ${eventType || '(none)'} is not an ANPR read` };
  }
  const anpr = alert.ANPR as Record<string, unknown> | undefined;
  const errors: ParseResult['errors'] = [];
  if (!anpr || typeof anpr !== 'object') {
    return { reads: [], errors: [{ location: where, field: 'ANPR', message: 'the alert has no ANPR element' }], ignored: null };
  }
  const time = checkTime(text(alert.dateTime));
  if (!time.ok) errors.push({ location: where, field: 'dateTime', message: time.message });
  const plate = checkPlate(text(anpr.licensePlate), time.ok ? time.value : Date.now());
  if (!plate.ok) errors.push({ location: where, field: 'licensePlate', message: plate.message });
  const conf = checkConfidence(text(anpr.confidenceLevel));
  if (!conf.ok) errors.push({ location: where, field: 'confidenceLevel', message: conf.message });
  const dir = checkDirection(text(anpr.direction), false);
  if (!dir.ok) errors.push({ location: where, field: 'direction', message: dir.message });

  const images: ReadImage[] = [];
  const byName = new Map(parts.map((p) => [p.name, p]));
  const used = new Set<string>();
  const list = (anpr.pictureInfoList as Record<string, unknown> | undefined)?.pictureInfo;
  for (const pi of asArray(list)) {
    const info = pi as Record<string, unknown>;
    const name = text(info.fileName);
    const role = PICTURE_ROLE[text(info.type) ?? ''] ?? 'overview';
    if (!name) continue;
    const part = byName.get(name);
    if (!part) continue; // bare XML names pictures it does not carry
    if (!isJpeg(part.data)) {
      errors.push({ location: `part ${name}`, field: null, message: `${name} is not a JPEG` });
      continue;
    }
    used.add(name);
    images.push({ role, name, data: part.data });
  }
  // Pictures the XML did not list are still evidence: keep them by name.
  for (const p of parts) {
    if (used.has(p.name)) continue;
    if (!isJpeg(p.data)) {
      errors.push({ location: `part ${p.name}`, field: null, message: `${p.name} is not a JPEG` });
      continue;
    }
    images.push({ role: /plate/i.test(p.name) ? 'plate' : 'overview', name: p.name, data: p.data });
  }
  if (errors.length || !time.ok || !plate.ok || !conf.ok || !dir.ok) return { reads: [], errors, ignored: null };
  const channelId = text(alert.channelID);
  const channelName = text(alert.channelName);
  const channel = [channelId, channelName ? decodeXmlText(channelName) : null].filter(Boolean).join(' ').slice(0, 160) || null;
  return {
    reads: [
      {
        source: 'hikvision',
        camera: null,
        channel,
        plate: plate.value.plate,
        vrm: plate.value.vrm,
        vrmFormat: plate.value.format,
        vrmFlags: plate.value.flags,
        atMs: time.value,
        confidence: conf.value,
        direction: dir.value,
        images,
        location: where,
      },
    ],
    errors: [],
    ignored: null,
  };
}

/** The names of the parts that may hold the alert. */
export function isAlertPart(name: string, contentType: string): boolean {
  return /\.xml$/i.test(name) || /xml/i.test(contentType) || /^(anpr|MoveDetection|alert)/i.test(name);
}
