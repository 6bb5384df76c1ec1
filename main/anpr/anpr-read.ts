/**
 * One ANPR read as the ingest parsers produce it, whatever the wire format
 * (generic JSON, Hikvision ISAPI XML/multipart, CSV batch). Pure data: the
 * ingest service resolves the camera, checks the clock window and stores it.
 */
import type { VrmFormat } from '../domain/vrm.js';

export type Direction = 'approaching' | 'departing';
export type ReadSource = 'json' | 'hikvision' | 'csv';
export type ImageRole = 'plate' | 'overview';

export interface ReadImage {
  role: ImageRole;
  /** The name the camera gave it (multipart file name, or the JSON field). */
  name: string;
  data: Buffer;
}

export interface ParsedRead {
  source: ReadSource;
  /** The camera as the sender named it (site code or numeric id); null when only the channel is known. */
  camera: string | null;
  /** Hikvision channel (ID and name), when given. */
  channel: string | null;
  /** The plate exactly as sent (kept for evidence and for duplicate detection). */
  plate: string;
  /** Upper case, no separators (domain normaliseVrm). */
  vrm: string;
  vrmFormat: VrmFormat;
  /** Problems with the mark that do not stop it being stored (foreign, misread-looking). */
  vrmFlags: string[];
  /** UTC epoch ms. */
  atMs: number;
  /** 0-100, or null when the camera sent none. */
  confidence: number | null;
  direction: Direction | null;
  images: ReadImage[];
  /** Where in the input it came from ("line 4", "body"). */
  location: string;
}

/** What a parser could not accept, and where. */
export interface ReadError {
  /** "line 12", "body", "part anpr.xml". */
  location: string;
  /** The field, when one is to blame. */
  field: string | null;
  message: string;
}

export interface ParseResult {
  reads: ParsedRead[];
  errors: ReadError[];
}

/** The JSON line `cctv anpr parse` prints for a read (images by name and size, not bytes). */
export function describeRead(r: ParsedRead): Record<string, unknown> {
  return {
    location: r.location,
    plate: r.plate,
    vrm: r.vrm,
    format: r.vrmFormat,
    flags: r.vrmFlags,
    time: new Date(r.atMs).toISOString(),
    confidence: r.confidence,
    camera: r.camera,
    channel: r.channel,
    direction: r.direction,
    images: r.images.map((i) => ({ role: i.role, name: i.name, bytes: i.data.length })),
  };
}
