/**
 * Hostile feeds through the real poller: a real HTTP server on 127.0.0.1, the guarded client and
 * dynalite. Every feed gets a recorded outcome (success with what was read, or a clear reason on
 * the feed record); one poll covers them all, so each hostile feed also shows the rest of the run
 * goes on; time and memory stay within generous bounds; entities are never expanded or fetched.
 */
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { CollectingQueue } from '../../lambdas/core/cycle';
import { pollFeeds, type PollSummary } from '../../lambdas/core/feeds/poll';
import { seedFeeds } from '../../lambdas/core/feeds/registry';
import { silentLogger } from '../../lambdas/core/logger';
import type { ArticleRecord, FeedRecord } from '../../lambdas/core/records';
import { type Handler, send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { type Measured, measure, recordFigure } from './measure';

const MB = 1024 * 1024;
let server: TestServer;
let local: LocalStore;
let http: GuardedHttp;
let run: Measured<PollSummary>;
let feeds: Map<string, FeedRecord>;
let articles: ArticleRecord[];
const clock = new TestClock();

const item = (title: string, link: string, extra = '') =>
  `<item><title>${title}</title><link>${link}</link>${extra}</item>`;
const rss = (body: string, decl = '<?xml version="1.0" encoding="UTF-8"?>', doctype = '') =>
  `${decl}${doctype}<rss version="2.0"><channel><title>Hostile</title><link>http://127.0.0.1/</link>${body}</channel></rss>`;
const XML = { 'content-type': 'application/rss+xml' };
/** Truncates a document inside its last closing tags: malformed, so the lenient pass runs. */
const cut = (doc: string) => doc.slice(0, doc.lastIndexOf('</channel>') - 3);

/** Streams `total` bytes of valid-looking feed text without holding them in memory. */
const streamed =
  (total: number, declareLength: boolean): Handler =>
  (_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/rss+xml',
      ...(declareLength ? { 'content-length': String(total) } : {}),
    });
    const chunk = Buffer.from(`<item><title>${'x'.repeat(1000)}</title></item>`.repeat(60));
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    pump();
  };

function cases(base: string): Record<string, Handler> {
  const link = (feed: string, n = 0) => `${base}/${feed}/article-${n}`;
  const laughs =
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>';
  const quadratic = `<!DOCTYPE r [<!ENTITY a "${'A'.repeat(50_000)}">]>`;
  const many = Array.from({ length: 10_000 }, (_, i) => item(`Story ${i}`, link('many', i))).join(
    '',
  );
  const manyBroken = Array.from({ length: 20_000 }, (_, i) =>
    item(`Story ${i} & more`, link('many-broken', i)),
  ).join('');
  const utf = (title: string, feed: string, encoding: string) =>
    rss(item(title, link(feed)), `<?xml version="1.0" encoding="${encoding}"?>`);
  return {
    '/laughs': send(rss(item('&lol9;', link('laughs')), undefined, laughs), XML),
    '/quadratic': send(
      rss(item('&a;'.repeat(20_000), link('quadratic')), undefined, quadratic),
      XML,
    ),
    '/xxe-file': send(
      rss(
        item('&x;', link('xxe-file')),
        undefined,
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
      ),
      XML,
    ),
    '/xxe-http': send(
      rss(
        item('&x;', link('xxe-http')),
        undefined,
        `<!DOCTYPE r [<!ENTITY x SYSTEM "${base}/exfil"><!ENTITY % p SYSTEM "${base}/exfil-param"> %p;]>`,
      ),
      XML,
    ),
    '/external-dtd': send(
      rss(
        item('Cyberattack on grid', link('external-dtd')),
        undefined,
        `<!DOCTYPE rss SYSTEM "${base}/evil.dtd">`,
      ),
      XML,
    ),
    '/huge-declared': streamed(50 * MB, true),
    '/huge-streamed': streamed(50 * MB, false),
    '/gzip-bomb': send(zlib.gzipSync(Buffer.alloc(50 * MB, 0x20)), {
      ...XML,
      'content-encoding': 'gzip',
    }),
    '/deep': send(
      rss(`${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}${item('a', link('deep'))}`),
      XML,
    ),
    '/html': send('<!doctype html><html><body><h1>Not a feed</h1></body></html>', {
      'content-type': 'application/rss+xml',
    }),
    // Header says UTF-8, the bytes and the XML declaration say windows-1251.
    '/wrong-charset': send(
      iconv.encode(
        utf('Хакеры атаковали министерство', 'wrong-charset', 'windows-1251'),
        'windows-1251',
      ),
      {
        'content-type': 'application/rss+xml; charset=utf-8',
      },
    ),
    // Latin-1 bytes, no charset anywhere.
    '/no-charset': send(
      iconv.encode(
        rss(item('Café cyberattaque à Genève', link('no-charset')), '<?xml version="1.0"?>'),
        'latin1',
      ),
      {
        'content-type': 'application/rss+xml',
      },
    ),
    '/utf16le-bom': send(
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode(utf('Кибератака UTF-16LE', 'utf16le-bom', 'UTF-16'), 'utf-16le'),
      ]),
      XML,
    ),
    '/utf16be': send(
      iconv.encode(utf('Кибератака UTF-16BE', 'utf16be', 'UTF-16'), 'utf-16be'),
      XML,
    ),
    '/utf32le': send(
      iconv.encode(utf('Кибератака UTF-32LE', 'utf32le', 'UTF-32'), 'utf-32le', { addBOM: false }),
      XML,
    ),
    '/utf32be-bom': send(
      iconv.encode(utf('Кибератака UTF-32BE', 'utf32be-bom', 'UTF-32'), 'utf-32be', {
        addBOM: true,
      }),
      XML,
    ),
    '/bad-dates': send(
      rss(
        item('Bad date 1', link('bad-dates', 1), '<pubDate>not a date</pubDate>') +
          item(
            'Bad date 2',
            link('bad-dates', 2),
            '<pubDate>Tue, 99 Foo 99999 99:99:99 GMT</pubDate>',
          ) +
          item(
            'Bad date 3',
            link('bad-dates', 3),
            '<pubDate>+275760-09-13T00:00:00.001Z</pubDate>',
          ),
      ),
      XML,
    ),
    '/no-links': send(
      rss(
        '<item><title>No link</title></item>' +
          item('Script link', 'javascript:alert(1)') +
          item('File link', 'file:///etc/passwd') +
          '<item><guid>urn:uuid:1</guid></item>',
      ),
      XML,
    ),
    '/many': send(rss(many), XML),
    // The lenient pass (malformed XML) must not reopen what the strict one refuses.
    '/laughs-broken': send(
      cut(rss(item('&lol9; & co', link('laughs-broken')), undefined, laughs)),
      XML,
    ),
    '/xxe-broken': send(
      cut(
        rss(
          item('&x; & friends', link('xxe-broken')),
          undefined,
          `<!DOCTYPE r [<!ENTITY x SYSTEM "${base}/exfil-broken"><!ENTITY % p SYSTEM "${base}/exfil-broken-param"> %p;]>`,
        ),
      ),
      XML,
    ),
    // Declared but unused, external DTD, broken: read leniently, nothing fetched.
    '/xxe-unused-broken': send(
      cut(
        rss(
          item('Grid operator & regulator', link('xxe-unused-broken')),
          undefined,
          `<!DOCTYPE rss SYSTEM "${base}/evil-broken.dtd" [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y SYSTEM "${base}/exfil-unused">]>`,
        ),
      ),
      XML,
    ),
    // gzip no Content-Encoding announced, found by its magic bytes: the same cap.
    '/gzip-magic-bomb': send(zlib.gzipSync(Buffer.alloc(50 * MB, 0x20)), {
      'content-type': 'application/x-gzip',
    }),
    '/gzip-double-bomb': send(zlib.gzipSync(zlib.gzipSync(Buffer.alloc(50 * MB, 0x20))), {
      ...XML,
      'content-encoding': 'gzip',
    }),
    '/deep-broken': send(
      cut(rss(`${'<x>'.repeat(200_000)}${item('a & b', link('deep-broken'))}`)),
      XML,
    ),
    // The depth scan stops at an unclosed CDATA section, which the lenient pass closes: its
    // own cap refuses what follows.
    '/deep-behind-cdata': send(
      rss(
        `<item><description><![CDATA[x</description>${'<x>'.repeat(100_000)}${item('a', link('deep-behind-cdata'))}`,
      ),
      XML,
    ),
    // Thousands of unclosed CDATA sections or comments: once cubic in the depth scan.
    '/cdata-flood': send(rss('<![CDATA[x'.repeat(100_000)), XML),
    '/comment-flood': send(rss('<!--x'.repeat(200_000)), XML),
    // Half a million references to HTML entities (3.5 MB): each stands for one character.
    '/entity-flood': send(
      cut(
        rss(
          item(
            'Entity flood',
            link('entity-flood'),
            `<description>${'&hellip;&nbsp;'.repeat(250_000)}</description>`,
          ) + item('After the flood', link('entity-flood', 1)),
        ),
      ),
      XML,
    ),
    // 20,000 items in 3 MB of malformed XML: read leniently, 1,000 kept.
    '/many-broken': send(cut(rss(`<title>R&D</title>${manyBroken}`)), XML),
    '/good': send(rss(item('Hackers breach ministry', link('good'))), XML),
  };
}

beforeAll(async () => {
  server = await startServer();
  for (const [p, h] of Object.entries(cases(server.url))) server.routes.set(p, h);
  local = await memoryStore();
  http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'], totalTimeoutMs: 10_000 });
  await seedFeeds(
    local.store,
    [...server.routes.keys()].map((p) => ({
      id: p.slice(1),
      name: p.slice(1),
      url: `${server.url}${p}`,
      enabled: true,
      prefilter: false,
    })),
    clock,
  );
  run = await measure(() =>
    pollFeeds(
      { store: local.store, http, queue: new CollectingQueue(), clock, logger: silentLogger },
      { concurrency: 8, perHostConcurrency: 8 },
    ),
  );
  feeds = new Map((await local.store.listFeeds()).map((f) => [f.id, f]));
  articles = await local.store.listArticlesByStatus('pending', 5000);
  recordFigure('hostile-feeds', {
    feeds: feeds.size,
    elapsedMs: run.elapsedMs,
    peakRssDeltaMb: run.peakRssDeltaMb,
  });
}, 60_000);

afterAll(async () => {
  http.close();
  await local.close();
  await server.close();
});

const titlesOf = (feedId: string) =>
  articles.filter((a) => a.url.includes(`/${feedId}/`)).map((a) => a.feedItemTitle);

describe('hostile feeds', () => {
  it('polls every feed once, within generous time and memory bounds', () => {
    expect(run.value.polled).toBe(feeds.size);
    expect(run.elapsedMs).toBeLessThan(45_000);
    expect(run.peakRssDeltaMb).toBeLessThan(1024);
  });

  it.each([
    ['laughs', /entities declared in its DTD, which are never expanded/],
    ['xxe-file', /entities declared in its DTD, which are never expanded/],
    ['xxe-http', /entities declared in its DTD, which are never expanded/],
    ['huge-declared', /exceeds the \d+-byte cap/],
    ['huge-streamed', /exceeds the \d+-byte cap/],
    ['gzip-bomb', /exceeds the \d+-byte cap/],
    ['deep', /nests elements deeper than 256 levels/],
    ['html', /the document is HTML, not a feed/],
  ])('%s: recorded on the feed as failed with a clear reason', (id, reason) => {
    const feed = feeds.get(id)!;
    expect(feed.consecutiveErrors).toBe(1);
    expect(feed.lastError).toMatch(reason);
    expect(feed.nextPollAt).toBeDefined();
    expect(titlesOf(id)).toEqual([]);
  });

  it.each([
    ['laughs-broken', /entities declared in its DTD, which are never expanded \(&lol9;\)/],
    ['xxe-broken', /entities declared in its DTD, which are never expanded \(&x;\)/],
    ['gzip-magic-bomb', /gzip-compressed body exceeds the \d+-byte cap once decompressed/],
    ['gzip-double-bomb', /gzip-compressed body exceeds the \d+-byte cap once decompressed/],
    ['deep-broken', /nests elements deeper than 256 levels/],
    ['deep-behind-cdata', /nests elements deeper than 256 levels/],
    ['cdata-flood', /not a parsable RSS\/Atom\/RDF feed/],
    ['comment-flood', /not a parsable RSS\/Atom\/RDF feed/],
  ])('%s: malformed, and still refused by the lenient pass', (id, reason) => {
    const feed = feeds.get(id)!;
    expect(feed.consecutiveErrors).toBe(1);
    expect(feed.recovered).toBeUndefined();
    expect(feed.lastError).toMatch(reason);
    expect(titlesOf(id)).toEqual([]);
  });

  it('never expands a DTD entity in a malformed feed', () => {
    expect(articles.some((a) => /lol|root:/.test(a.feedItemTitle ?? ''))).toBe(false);
  });

  it('reads a malformed feed that declares entities it does not use, fetching nothing', () => {
    expect(feeds.get('xxe-unused-broken')).toMatchObject({
      consecutiveErrors: 0,
      lastItemCount: 1,
      recovered: expect.stringMatching(/unescaped &/),
    });
    expect(titlesOf('xxe-unused-broken')).toEqual(['Grid operator & regulator']);
  });

  it('expands each HTML entity of a malformed feed to one character', () => {
    expect(feeds.get('entity-flood')).toMatchObject({
      consecutiveErrors: 0,
      lastItemCount: 2,
      recovered: expect.stringMatching(/truncated/),
    });
    expect(titlesOf('entity-flood').sort()).toEqual(['After the flood', 'Entity flood']);
  });

  it('reads at most 1,000 of 20,000 items of a malformed feed', () => {
    expect(feeds.get('many-broken')).toMatchObject({
      consecutiveErrors: 0,
      lastItemCount: 1000,
      recovered: expect.stringMatching(/unescaped &/),
    });
    expect(titlesOf('many-broken')).toHaveLength(1000);
    expect(titlesOf('many-broken')).toContain('Story 999 & more');
  });

  it('never fetches an external entity or DTD', () => {
    for (const p of [
      '/exfil',
      '/exfil-param',
      '/evil.dtd',
      '/exfil-broken',
      '/exfil-broken-param',
      '/exfil-unused',
      '/evil-broken.dtd',
    ])
      expect(server.hits.get(p)).toBeUndefined();
    expect(articles.some((a) => /root:/.test(a.feedItemTitle ?? ''))).toBe(false);
  });

  it('reads a feed with an external DTD without fetching it', () => {
    expect(feeds.get('external-dtd')).toMatchObject({ consecutiveErrors: 0, lastItemCount: 1 });
    expect(titlesOf('external-dtd')).toEqual(['Cyberattack on grid']);
  });

  it('never expands an internal entity (quadratic blow-up)', () => {
    expect(feeds.get('quadratic')!.lastError).toMatch(
      /entities declared in its DTD, which are never expanded/,
    );
    expect(articles.some((a) => (a.feedItemTitle ?? '').includes('AAAA'))).toBe(false);
  });

  it.each([
    ['wrong-charset', 'Хакеры атаковали министерство'],
    ['no-charset', 'Café cyberattaque à Genève'],
    ['utf16le-bom', 'Кибератака UTF-16LE'],
    ['utf16be', 'Кибератака UTF-16BE'],
    ['utf32le', 'Кибератака UTF-32LE'],
    ['utf32be-bom', 'Кибератака UTF-32BE'],
  ])('%s: decodes the titles', (id, title) => {
    expect(feeds.get(id)).toMatchObject({ consecutiveErrors: 0, lastItemCount: 1 });
    expect(titlesOf(id)).toEqual([title]);
  });

  it('keeps items with invalid dates, without a date', () => {
    const dated = articles.filter((a) => a.url.includes('/bad-dates/'));
    expect(dated).toHaveLength(3);
    for (const a of dated) expect(a.publishedTime).toBeNull();
  });

  it('drops items without an http(s) link and records an empty poll', () => {
    expect(feeds.get('no-links')).toMatchObject({ consecutiveErrors: 0, lastItemCount: 0 });
    expect(titlesOf('no-links')).toEqual([]);
  });

  it('reads at most 1,000 of 10,000 items', () => {
    expect(feeds.get('many')).toMatchObject({ consecutiveErrors: 0, lastItemCount: 1000 });
    expect(titlesOf('many')).toHaveLength(1000);
  });

  it('the good feed next to them all is read', () => {
    expect(feeds.get('good')).toMatchObject({ consecutiveErrors: 0, lastItemCount: 1 });
    expect(titlesOf('good')).toEqual(['Hackers breach ministry']);
  });
});
