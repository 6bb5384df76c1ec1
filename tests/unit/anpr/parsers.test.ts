import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReads } from '../../../main/anpr/parse-reads.js';
import { parseCsvReads } from '../../../main/anpr/parse-csv-reads.js';
import { parseHikvisionAlert } from '../../../main/anpr/parse-hikvision.js';
import { parseJsonReads } from '../../../main/anpr/parse-json-read.js';

const sample = (f: string) => readFileSync(new URL(`../../../fixtures/anpr/samples/${f}`, import.meta.url));
const expected = JSON.parse(sample('hikvision-anpr-multipart.json').toString()).expected as { plate: string; timestampUtc: string; confidence: number; direction: string };

describe('ANPR parsers on the fixture samples', () => {
  it.each([
    ['json-read.json', 'json', 2],
    ['hikvision-anpr.xml', 'hikvision', 0],
    ['hikvision-anpr-multipart.bin', 'hikvision', 2],
  ] as const)('%s gives the sample read', (file, format, images) => {
    const r = parseReads(sample(file), format);
    expect(r.errors).toEqual([]);
    expect(r.reads).toHaveLength(1);
    const read = r.reads[0]!;
    expect(read.plate).toBe(expected.plate);
    expect(read.vrm).toBe('AB12CDE');
    expect(new Date(read.atMs).toISOString()).toBe(expected.timestampUtc);
    expect(read.confidence).toBe(expected.confidence);
    expect(read.direction).toBe(expected.direction);
    expect(read.images).toHaveLength(images);
  });

  it('keeps the good CSV rows and reports each bad one by line and field', () => {
    const r = parseCsvReads(sample('reads-batch.csv').toString());
    expect(r.reads.map((x) => x.location)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
    expect(r.reads.find((x) => x.location === 'line 7')!.vrm).toBe('WR15KTE');
    // The two 01:30s on the night the clocks go back are different instants.
    expect(r.reads[6]!.atMs).not.toBe(r.reads[7]!.atMs);
    expect(new Date(r.reads[6]!.atMs).toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(r.reads[4]!.vrmFormat).toBe('unknown');
    const bad = Object.fromEntries(r.errors.map((e) => [e.location, e.field]));
    expect(bad).toEqual({
      'line 10': 'confidence',
      'line 11': 'plate',
      'line 12': 'timestamp',
      'line 13': 'timestamp',
      'line 14': 'direction',
      'line 15': null,
      'line 16': 'plate',
      'line 17': 'plate',
      'line 18': 'timestamp',
    });
    expect(r.errors.find((e) => e.location === 'line 16')!.message).toMatch(/formula/);
  });
});

const alert = (inner: string, head = '') =>
  `<?xml version="1.0"?>${head}<EventNotificationAlert><dateTime>2025-06-02T08:45:12+01:00</dateTime><eventType>ANPR</eventType><ANPR><licensePlate>${inner}</licensePlate><confidenceLevel>90</confidenceLevel><direction>forward</direction></ANPR></EventNotificationAlert>`;

describe('hostile and malformed input', () => {
  it.each([
    ['billion laughs', alert('&lol9;', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;"><!ENTITY lol9 "&lol2;&lol2;">]>')],
    ['external entity', alert('&xxe;', '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')],
    ['DTD only', alert('AB12CDE', '<!DOCTYPE EventNotificationAlert SYSTEM "http://evil.example/x.dtd">')],
    ['unclosed tags', '<EventNotificationAlert><ANPR><licensePlate>AB12CDE</ANPR>'],
    ['not XML', 'hello'],
  ])('%s is refused without expanding anything', (_n, xml) => {
    const r = parseHikvisionAlert(xml);
    expect(r.reads).toEqual([]);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toContain('root:');
  });

  it('refuses a 10 MB XML document by size, unread', () => {
    const big = alert('AB12CDE').replace('<eventType>', `<pad>${'x'.repeat(10 * 1024 * 1024)}</pad><eventType>`);
    const r = parseHikvisionAlert(big);
    expect(r.errors[0]!.message).toMatch(/bytes; at most/);
  });

  it('ignores a non-ANPR event (heartbeat) without error', () => {
    const r = parseHikvisionAlert('<EventNotificationAlert><eventType>videoloss</eventType></EventNotificationAlert>');
    expect(r.ignored).toMatch(/videoloss/);
    expect(r.errors).toEqual([]);
  });

  it.each([
    [{ plate: '', timestamp: '2025-06-02T07:45:12Z' }, 'plate'],
    [{ plate: 'AB12CDE', timestamp: '2025-06-02 07:45' }, 'timestamp'],
    [{ plate: 'AB12CDE', timestamp: '2025-06-02T07:45:12Z', confidence: -1 }, 'confidence'],
    [{ plate: 'AB12CDE', timestamp: '2025-06-02T07:45:12Z', plateImage: 'bm90IGEganBlZw==' }, 'plateImage'],
    [{ plate: 'AB12CDE', timestamp: '2025-06-02T07:45:12Z', extra: 1 }, 'extra'],
  ])('JSON %j is refused on %s', (body, field) => {
    const r = parseJsonReads(body);
    expect(r.reads).toEqual([]);
    expect(r.errors.map((e) => e.field)).toContain(field);
  });

  it('keeps a foreign plate, flagged', () => {
    const r = parseJsonReads({ plate: 'WOB1234X9', timestamp: '2025-06-02T07:45:12Z' });
    expect(r.reads[0]!.vrmFormat).toBe('unknown');
    expect(r.reads[0]!.vrmFlags.length).toBeGreaterThan(0);
  });
});
