import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildIsapiAnprXml, formatIsapiPush } from '../../../fixtures/anpr/isapi-anpr-alert.js';
import { formatJsonPush } from '../../../fixtures/anpr/json-push-format.js';
import { PLACEHOLDER_JPEG } from '../../../fixtures/anpr/make-jpeg.js';
import { SAMPLE_BOUNDARY, SAMPLE_CAMERA, SAMPLE_READ, SAMPLE_UUID } from '../../../fixtures/anpr/write-samples.js';

const dir = new URL('../../../fixtures/anpr/samples/', import.meta.url);
const images = { plate: PLACEHOLDER_JPEG, overview: PLACEHOLDER_JPEG };

describe('ANPR wire-format samples', () => {
  it('match what the feed formatters write today (regenerate with write-samples.ts)', () => {
    expect(readFileSync(new URL('hikvision-anpr.xml', dir), 'utf8')).toBe(buildIsapiAnprXml(SAMPLE_READ, SAMPLE_CAMERA, SAMPLE_UUID));
    const multipart = formatIsapiPush(SAMPLE_READ, images, SAMPLE_CAMERA, { uuid: SAMPLE_UUID, boundary: SAMPLE_BOUNDARY });
    expect(readFileSync(new URL('hikvision-anpr-multipart.bin', dir)).equals(multipart.body)).toBe(true);
    const meta = JSON.parse(readFileSync(new URL('hikvision-anpr-multipart.json', dir), 'utf8')) as { headers: Record<string, unknown> };
    expect(meta.headers['Content-Type']).toBe(multipart.contentType);
    expect(meta.headers['Content-Length']).toBe(multipart.body.length);
    const json = JSON.parse(readFileSync(new URL('json-read.json', dir), 'utf8')) as unknown;
    expect(json).toEqual(JSON.parse(formatJsonPush(SAMPLE_READ, images).body.toString()));
  });

  it('carries local time with offset in the ISAPI alert', () => {
    const xml = new XMLParser({ processEntities: false, parseTagValue: false }).parse(
      readFileSync(new URL('hikvision-anpr.xml', dir), 'utf8'),
    ) as { EventNotificationAlert: { dateTime: string; ANPR: { licensePlate: string } } };
    expect(xml.EventNotificationAlert.dateTime).toBe('2025-06-02T08:45:12.340+01:00');
    expect(Date.parse(xml.EventNotificationAlert.dateTime)).toBe(SAMPLE_READ.timestampMs);
    expect(xml.EventNotificationAlert.ANPR.licensePlate).toBe('AB12CDE');
  });

  it('has a CSV batch with the documented header and 17 rows', () => {
    const lines = readFileSync(new URL('reads-batch.csv', dir), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('camera_id,plate,timestamp,confidence,direction');
    expect(lines).toHaveLength(18);
  });
});
