import { describe, expect, it } from 'vitest';
import { LiveFeed } from '../../../main/media/live-feed.js';
import { buildLivePlaylist, type LiveEntry } from '../../../main/media/live-playlist.js';

const T = Date.UTC(2026, 10, 26, 9, 0, 0);
const uris = { init: (id: number) => `init-${id}.mp4`, fragment: (seq: number) => `frag-${seq}.m4s` };
const entry = (seq: number, over: Partial<LiveEntry> = {}): LiveEntry => ({ seq, disc: 0, initId: 1, durationS: 1, pdtMs: T + seq * 1000, ...over });
const lines = (text: string): string[] => text.trim().split('\n');

describe('live playlist (RFC 8216)', () => {
  it('lists each fragment with its wall time, one map per init, and numbers that belong to the fragments', () => {
    const text = buildLivePlaylist([entry(7), entry(8, { durationS: 0.96 }), entry(9)], uris);
    expect(lines(text)).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-MEDIA-SEQUENCE:7',
      '#EXT-X-DISCONTINUITY-SEQUENCE:0',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES',
      '#EXT-X-MAP:URI="init-1.mp4"',
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(T + 7000).toISOString()}`,
      '#EXTINF:1.000,',
      'frag-7.m4s',
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(T + 8000).toISOString()}`,
      '#EXTINF:0.960,',
      'frag-8.m4s',
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(T + 9000).toISOString()}`,
      '#EXTINF:1.000,',
      'frag-9.m4s',
    ]);
    // Live: never an end.
    expect(text).not.toContain('#EXT-X-ENDLIST');
  });

  it('marks a new file (new init, times from 0) with a discontinuity and its own map', () => {
    const text = buildLivePlaylist([entry(3, { disc: 4 }), entry(4, { disc: 5, initId: 2 }), entry(5, { disc: 5, initId: 2 })], uris);
    const l = lines(text);
    expect(l).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:4');
    expect(l.filter((x) => x === '#EXT-X-DISCONTINUITY')).toHaveLength(1);
    expect(l.indexOf('#EXT-X-DISCONTINUITY')).toBeLessThan(l.indexOf('#EXT-X-MAP:URI="init-2.mp4"'));
    expect(l.indexOf('#EXT-X-MAP:URI="init-2.mp4"')).toBeLessThan(l.indexOf('frag-4.m4s'));
  });

  it('sets the target duration to the longest fragment rounded to the nearest second (4.3.3.1)', () => {
    expect(buildLivePlaylist([entry(1, { durationS: 2.49 }), entry(2, { durationS: 1.2 })], uris)).toContain('#EXT-X-TARGETDURATION:2');
    expect(buildLivePlaylist([entry(1, { durationS: 2.5 })], uris)).toContain('#EXT-X-TARGETDURATION:3');
    expect(buildLivePlaylist([entry(1, { durationS: 0.2 })], uris)).toContain('#EXT-X-TARGETDURATION:1');
    expect(() => buildLivePlaylist([], uris)).toThrow(/at least one fragment/);
  });
});

describe('live feed', () => {
  const bytes = (n: number): Buffer => Buffer.alloc(n, n);

  it('is empty until an init and a fragment have arrived', () => {
    const feed = new LiveFeed();
    expect(feed.playlist(uris)).toBeNull();
    feed.add(bytes(10), [bytes(20)], 1, T); // no init yet: nothing could play it
    expect(feed.playlist(uris)).toBeNull();
    feed.newRun(bytes(5));
    expect(feed.playlist(uris)).toBeNull();
    feed.add(bytes(10), [bytes(20), bytes(30)], 1, T);
    expect(feed.playlist(uris)).toContain('frag-0.m4s');
    expect(Buffer.concat(feed.fragment(0)!)).toEqual(Buffer.concat([bytes(10), bytes(20), bytes(30)]));
    expect(feed.init(1)).toEqual(bytes(5));
    expect(feed.newestPdtMs()).toBe(T);
  });

  it('lists the newest four, keeps four more for players still fetching them, and drops inits nothing needs', () => {
    const feed = new LiveFeed();
    feed.newRun(bytes(1));
    for (let i = 0; i < 6; i++) feed.add(bytes(2), [bytes(3)], 1, T + i * 1000);
    feed.newRun(bytes(4));
    for (let i = 6; i < 14; i++) feed.add(bytes(2), [bytes(3)], 1, T + i * 1000);
    const text = feed.playlist(uris)!;
    expect(text.split('\n').filter((l) => l.startsWith('frag-'))).toEqual(['frag-10.m4s', 'frag-11.m4s', 'frag-12.m4s', 'frag-13.m4s']);
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:10');
    // The second run is one discontinuity on from the first.
    expect(text).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1');
    expect(feed.fragment(6)).not.toBeNull();
    expect(feed.fragment(5)).toBeNull();
    // Every fragment of the first run is gone, and its init with it.
    expect(feed.init(1)).toBeNull();
    expect(feed.init(2)).toEqual(bytes(4));
  });

  it('answers a blocking reload when the asked-for fragment arrives, or when the wait is over', async () => {
    const feed = new LiveFeed();
    feed.newRun(bytes(1));
    feed.add(bytes(2), [bytes(3)], 1, T);
    expect(feed.nextSeq).toBe(1);
    // Already there: at once.
    await feed.whenFragment(0, 10_000);
    let answered = false;
    const waiting = feed.whenFragment(1, 10_000).then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    feed.add(bytes(2), [bytes(3)], 1, T + 1000);
    await waiting;
    expect(answered).toBe(true);
    // Nothing comes: the wait ends by itself.
    const t0 = Date.now();
    await feed.whenFragment(5, 50);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    // The recorder stops: every waiter is answered.
    const stopped = feed.whenFragment(9, 10_000);
    feed.clear();
    await stopped;
  });

  it('forgets everything when the recorder stops, and keeps numbering afterwards', () => {
    const feed = new LiveFeed();
    feed.newRun(bytes(1));
    feed.add(bytes(2), [bytes(3)], 1, T);
    feed.clear();
    expect(feed.playlist(uris)).toBeNull();
    expect(feed.init(1)).toBeNull();
    feed.newRun(bytes(1));
    feed.add(bytes(2), [bytes(3)], 1, T + 5000);
    expect(feed.playlist(uris)).toContain('#EXT-X-MEDIA-SEQUENCE:1');
  });
});
