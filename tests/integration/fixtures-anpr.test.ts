import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnprPushFeed, type PushResult } from '../../fixtures/anpr/anpr-push-feed.js';
import type { ManifestVehicle } from '../../fixtures/anpr/vehicle-manifest.js';

// A 4 s loop with three vehicles; each read must land when its vehicle passes.
const VEHICLES: ManifestVehicle[] = [
  { vrm: 'AB12 CDE', class: 'car', passTimeS: 0.6 },
  { vrm: 'BO51 OBI', class: 'bus', passTimeS: 1.8, exempt: true, direction: 'departing' },
  { vrm: 'YX19 LMN', class: 'van', passTimeS: 3.0 },
];
const TOLERANCE_MS = 300;

interface Received {
  arrivedMs: number;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** Minimal multipart/form-data reader: enough to check what the camera sent. */
function parseMultipart(body: Buffer, contentType: string): Map<string, { headers: string; data: Buffer }> {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error('no boundary');
  const parts = new Map<string, { headers: string; data: Buffer }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    const part = body.subarray(start + 2, next - 2); // skip CRLF after delimiter and before next
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString();
    const name = /name="([^"]+)"/.exec(headers)?.[1] ?? '';
    parts.set(name, { headers, data: part.subarray(split + 4) });
    at = next;
  }
  return parts;
}

const isJpeg = (b: Buffer): boolean => b[0] === 0xff && b[1] === 0xd8 && b.at(-2) === 0xff && b.at(-1) === 0xd9;

describe('ANPR push feed', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  const waiters: Array<() => void> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ arrivedMs: Date.now(), url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
        for (const w of waiters.splice(0)) w();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for pushes');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 100);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  it('pushes JSON and Hikvision ISAPI reads at the pass times, and stops and restarts', async () => {
    const json = new AnprPushFeed({
      cameraId: 'CAM-JSON-1',
      vehicles: VEHICLES,
      loopLengthS: 4,
      targetUrl: `${base}/anpr/json`,
      apiKey: 'key-json-1',
      format: 'json',
      seed: 7,
    });
    const isapi = new AnprPushFeed({
      cameraId: 'CAM-HIK-2',
      vehicles: VEHICLES,
      loopLengthS: 4,
      targetUrl: `${base}/anpr/isapi`,
      apiKey: 'key-hik-2',
      format: 'hikvision-isapi',
      seed: 7,
      clockOffsetS: -2,
    });
    const results: PushResult[] = [];
    json.on('push', (r) => results.push(r));
    isapi.on('push', (r) => results.push(r));
    try {
      await Promise.all([json.prepare(), isapi.prepare()]);
      await Promise.all([json.start(), isapi.start()]);
      const jsonStart = json.loopStartMs ?? 0;
      const hikStart = isapi.loopStartMs ?? 0;

      // Stop the ISAPI feed after its first read: the 1.8 s pass must not arrive.
      await waitFor(() => received.some((r) => r.url.startsWith('/anpr/isapi')), 2000);
      await isapi.stop();
      expect(isapi.running).toBe(false);
      await new Promise((r) => setTimeout(r, Math.max(0, hikStart + 2200 - Date.now())));
      expect(received.filter((r) => r.url.startsWith('/anpr/isapi'))).toHaveLength(1);
      await isapi.start();

      await waitFor(() => received.length >= 5, 3000);
      await Promise.all([json.stop(), isapi.stop()]);

      // --- JSON: three reads at 0.6, 1.8, 3.0 s, timestamps exact to the pass
      const jsonReads = received.filter((r) => r.url === '/anpr/json');
      expect(jsonReads).toHaveLength(3);
      jsonReads.forEach((r, i) => {
        const vehicle = VEHICLES[i] as ManifestVehicle;
        const expectedMs = jsonStart + vehicle.passTimeS * 1000;
        expect(Math.abs(r.arrivedMs - expectedMs)).toBeLessThan(TOLERANCE_MS);
        expect(r.headers.authorization).toBe('Bearer key-json-1');
        expect(r.headers['content-type']).toBe('application/json');
        const body = JSON.parse(r.body.toString()) as Record<string, unknown>;
        const expected = json.readFor({ sequence: i, vehicleIndex: i, loopIndex: 0, atMs: expectedMs });
        expect(body).toMatchObject({
          cameraId: 'CAM-JSON-1',
          plate: expected.plate,
          timestamp: new Date(expectedMs).toISOString(),
          confidence: expected.confidence,
          direction: vehicle.direction ?? 'approaching',
        });
        expect(body.confidence).toBeGreaterThanOrEqual(60);
        expect(body.confidence).toBeLessThanOrEqual(99);
        expect(isJpeg(Buffer.from(body.plateImage as string, 'base64'))).toBe(true);
        expect(isJpeg(Buffer.from(body.overviewImage as string, 'base64'))).toBe(true);
      });

      // --- ISAPI: passes 0 and 2 (1 was lost while stopped), multipart with anpr.xml + 2 JPEGs
      const hikReads = received.filter((r) => r.url.startsWith('/anpr/isapi'));
      expect(hikReads).toHaveLength(2);
      const parser = new XMLParser({ processEntities: false, parseTagValue: false });
      [0, 2].forEach((vehicleIndex, n) => {
        const r = hikReads[n] as Received;
        const vehicle = VEHICLES[vehicleIndex] as ManifestVehicle;
        const expectedMs = hikStart + vehicle.passTimeS * 1000;
        expect(Math.abs(r.arrivedMs - expectedMs)).toBeLessThan(TOLERANCE_MS);
        expect(r.headers.authorization).toBe(`Basic ${Buffer.from('CAM-HIK-2:key-hik-2').toString('base64')}`);
        const parts = parseMultipart(r.body, r.headers['content-type'] ?? '');
        expect([...parts.keys()]).toEqual(['anpr.xml', 'licensePlatePicture.jpg', 'detectionPicture.jpg']);
        expect(isJpeg(parts.get('licensePlatePicture.jpg')?.data ?? Buffer.alloc(0))).toBe(true);
        expect(isJpeg(parts.get('detectionPicture.jpg')?.data ?? Buffer.alloc(0))).toBe(true);
        const xml = parser.parse(parts.get('anpr.xml')?.data.toString() ?? '') as {
          EventNotificationAlert: { eventType: string; channelID: string; dateTime: string; ANPR: Record<string, unknown> };
        };
        const alert = xml.EventNotificationAlert;
        expect(alert.eventType).toBe('ANPR');
        expect(alert.channelID).toBe('1');
        // Camera clock runs 2 s slow; dateTime carries the local offset.
        expect(alert.dateTime).toMatch(/[+-]\d{2}:\d{2}$/);
        expect(Date.parse(alert.dateTime)).toBe(expectedMs - 2000);
        const expected = isapi.readFor({ sequence: vehicleIndex, vehicleIndex, loopIndex: 0, atMs: expectedMs });
        expect(alert.ANPR.licensePlate).toBe(expected.plate);
        expect(alert.ANPR.confidenceLevel).toBe(String(expected.confidence));
        expect(alert.ANPR.direction).toBe('forward');
        expect(alert.ANPR.vehicleType).toBe(vehicleIndex === 0 ? 'vehicle' : 'van');
      });
      expect(results.every((r) => r.ok)).toBe(true);
    } finally {
      await Promise.all([json.stop(), isapi.stop()]);
    }
  });

  it('misreads deterministically from a seed', () => {
    const make = (seed: number): AnprPushFeed =>
      new AnprPushFeed({ cameraId: 'C', vehicles: VEHICLES, loopLengthS: 4, targetUrl: base, apiKey: 'k', format: 'json', seed, misreadRate: 0.5 });
    const plates = (feed: AnprPushFeed): string[] =>
      Array.from({ length: 60 }, (_, s) => feed.readFor({ sequence: s, vehicleIndex: s % 3, loopIndex: Math.floor(s / 3), atMs: s }).plate);
    const a = plates(make(42));
    expect(plates(make(42))).toEqual(a);
    expect(plates(make(43))).not.toEqual(a);
    expect(a.some((p, s) => p !== (['AB12CDE', 'BO51OBI', 'YX19LMN'][s % 3] as string))).toBe(true);
  });
});
