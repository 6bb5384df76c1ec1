import { describe, expect, it } from 'vitest';
import { parseRtspUrl, redactUserinfo, RtspUrlError, withCredentials } from '../../../main/cameras/rtsp-url.js';

describe('RTSP URL validation and credential stripping', () => {
  it('accepts rtsp:// and rtsps:// with a host, keeping port, path and query', () => {
    expect(parseRtspUrl('rtsp://192.0.2.10:554/Streaming/Channels/101?transportmode=unicast')).toEqual({
      url: 'rtsp://192.0.2.10:554/Streaming/Channels/101?transportmode=unicast',
      host: '192.0.2.10',
      username: null,
      password: null,
    });
    expect(parseRtspUrl('  RTSPS://cam-7.council.local/live ').url).toBe('rtsps://cam-7.council.local/live');
  });

  it('takes credentials out of a pasted URL, decoded', () => {
    const p = parseRtspUrl('rtsp://admin:p%40ss%3Aw0rd@192.0.2.10/stream1');
    expect(p.url).toBe('rtsp://192.0.2.10/stream1');
    expect(p.username).toBe('admin');
    expect(p.password).toBe('p@ss:w0rd');
    expect(p.url).not.toContain('admin');
  });

  it('treats the last @ as the end of the userinfo (a raw @ in a password)', () => {
    const p = parseRtspUrl('rtsp://admin:p@ss@192.0.2.10/x');
    expect(p.host).toBe('192.0.2.10');
    expect(p.password).toBe('p@ss');
    expect(p.url).toBe('rtsp://192.0.2.10/x');
  });

  it.each([
    ['http://192.0.2.10/stream', /not RTSP.*rtsp:\/\/ or rtsps:\/\/.*http:/],
    ['192.0.2.10:554/stream', /not RTSP|not an RTSP address/],
    ['rtsp:///stream', /no host/],
    ['rtsp:stream', /no host/],
    ['', /required/],
    ['not a url at all', /not an RTSP address/],
  ])('refuses %j with a clear message', (input, message) => {
    expect(() => parseRtspUrl(input)).toThrow(RtspUrlError);
    expect(() => parseRtspUrl(input)).toThrow(message);
  });

  it('never echoes a password in its refusal', () => {
    try {
      parseRtspUrl('http://admin:Secr3t@192.0.2.10/x');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('Secr3t');
    }
    expect(redactUserinfo('rtsp://a:b@h/x')).toBe('rtsp://***@h/x');
  });

  it('puts credentials back, percent-encoded, for ffmpeg only', () => {
    const url = withCredentials('rtsp://192.0.2.10:554/s', 'ad min', 'p@ss:/w');
    expect(url).toBe('rtsp://ad%20min:p%40ss%3A%2Fw@192.0.2.10:554/s');
    const back = parseRtspUrl(url);
    expect([back.username, back.password, back.url]).toEqual(['ad min', 'p@ss:/w', 'rtsp://192.0.2.10:554/s']);
    expect(withCredentials('rtsp://h/s', null, 'x')).toBe('rtsp://h/s');
  });
});
