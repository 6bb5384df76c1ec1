import { describe, expect, it } from 'vitest';
import { childNamed, namespaceOf, parseUntrustedXml } from '../../../fixtures/onvif/untrusted-xml.js';

describe('untrusted XML', () => {
  it('refuses DTDs and entity declarations anywhere', () => {
    const r = parseUntrustedXml('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>');
    expect(r).toMatchObject({ ok: false, reason: 'dtd' });
    expect(parseUntrustedXml('<a><!ENTITY x "y"></a>')).toMatchObject({ ok: false, reason: 'dtd' });
  });

  it('refuses malformed, empty and oversized input', () => {
    expect(parseUntrustedXml('<a><b></a>')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseUntrustedXml('  ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseUntrustedXml(`<a>${'x'.repeat(100)}</a>`, 50)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('leaves entity references unexpanded and resolves namespaces by prefix', () => {
    const r = parseUntrustedXml('<s:E xmlns:s="urn:soap"><s:B><t:X xmlns:t="urn:t">a&amp;b</t:X></s:B></s:E>');
    if (!r.ok) throw new Error(r.detail);
    const body = childNamed(r.root.node, 'B');
    const x = childNamed(body?.node, 'X');
    expect(namespaceOf(r.root)).toBe('urn:soap');
    expect(x && namespaceOf(x)).toBe('urn:t');
    expect(x?.node['#text']).toBe('a&amp;b');
  });
});
