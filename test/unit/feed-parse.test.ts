import fs from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../../lambdas/core/feeds/charset';
import { FeedParseError, parseFeed } from '../../lambdas/core/feeds/parse';

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'feeds', name));

describe('parseFeed', () => {
  it('parses RSS 2.0, canonicalizes links and drops items without one', async () => {
    const f = await parseFeed(
      fixture('rss2.xml'),
      'application/rss+xml',
      'https://wire.example/feed',
    );
    expect(f.title).toBe('Example Security Wire');
    expect(f.items.map((i) => i.url)).toEqual([
      'https://wire.example/a/1',
      'https://wire.example/a/2',
    ]);
    expect(f.skipped).toBe(1);
    expect(f.items[0]).toMatchObject({
      title: 'Agency links intrusion to state-backed group',
      summary: 'Officials blamed hackers.',
      categories: ['Cyber'],
      publishedAt: '2026-11-17T10:00:00.000Z',
    });
    expect(f.items[1]!.publishedAt).toBeUndefined();
  });

  it('parses Atom', async () => {
    const f = await parseFeed(
      fixture('atom.xml'),
      'application/atom+xml',
      'https://atom.example/feed',
    );
    expect(f.items).toHaveLength(1);
    expect(f.items[0]).toMatchObject({
      url: 'https://atom.example/posts/ransom',
      categories: ['Ransomware'],
      publishedAt: '2026-11-18T08:00:00.000Z',
    });
  });

  it('parses RSS 1.0 (RDF)', async () => {
    const f = await parseFeed(fixture('rdf.xml'), 'application/rdf+xml', 'https://rdf.example/');
    expect(f.items.map((i) => i.title)).toEqual(['Minister denies hacking claims']);
  });

  it('parses RSS 0.91', async () => {
    const f = await parseFeed(fixture('rss091.xml'), 'text/xml', 'https://old.example/');
    expect(f.items[0]!.url).toBe('https://old.example/x');
  });

  it('decodes by the XML declaration (windows-1251)', async () => {
    const f = await parseFeed(fixture('cp1251.xml'), 'application/xml', 'https://ru.example/');
    expect(f.title).toBe('Новости');
    expect(f.items[0]!.title).toBe('Хакеры атаковали');
  });

  it('decodes by the HTTP header charset when the document declares none', async () => {
    const f = await parseFeed(
      fixture('latin1-header.xml'),
      'text/xml; charset=ISO-8859-1',
      'https://fr.example/',
    );
    expect(f.items[0]!.title).toBe('Élysée dénonce une cyberattaque');
  });

  it('decodes UTF-16 with a byte-order mark', async () => {
    const f = await parseFeed(fixture('utf16.xml'), 'application/xml', 'https://w.example/');
    expect(f.items[0]!.title).toBe('Ünïcode');
  });

  it('refuses HTML served as a feed with a clear error', async () => {
    await expect(
      parseFeed(
        Buffer.from('<!doctype html><html><body>hi</body></html>'),
        'text/html',
        'https://x.example/',
      ),
    ).rejects.toThrow(FeedParseError);
    await expect(
      parseFeed(
        Buffer.from('<!doctype html><html><body>hi</body></html>'),
        'text/html',
        'https://x.example/',
      ),
    ).rejects.toThrow(/HTML, not a feed/);
  });

  it('refuses garbage with a clear error', async () => {
    await expect(
      parseFeed(Buffer.from('{"not":"xml"}'), 'application/json', 'https://x.example/'),
    ).rejects.toThrow(/not a parsable/);
  });

  it('does not expand entities declared in a DTD', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>t &b; &x;</title><item><title>i</title><link>https://e.example/1</link></item></channel></rss>`;
    const f = await parseFeed(Buffer.from(xml), 'application/xml', 'https://e.example/').catch(
      (e: Error) => e,
    );
    if (f instanceof Error) {
      expect(f).toBeInstanceOf(FeedParseError);
    } else {
      expect(f.title).not.toMatch(/AAAA|root:/);
    }
  });
});

describe('decodeBytes', () => {
  it('prefers a BOM, then the header, then the document declaration', () => {
    expect(decodeBytes(Buffer.from('\ufeffhé', 'utf8'), 'text/html; charset=iso-8859-1').text).toBe(
      'hé',
    );
    expect(
      decodeBytes(Buffer.from('caf\xe9', 'latin1'), 'text/html; charset=windows-1252').text,
    ).toBe('café');
    expect(decodeBytes(Buffer.from('<meta charset="iso-8859-1">caf\xe9', 'latin1')).text).toContain(
      'café',
    );
  });

  it('falls back to UTF-8 for an unknown charset', () => {
    expect(decodeBytes(Buffer.from('ok ✓'), 'text/plain; charset=x-made-up').text).toBe('ok ✓');
  });
});
