import fs from 'node:fs';
import zlib from 'node:zlib';
import {
  FeedParseError,
  parseFeed,
  titleFromSummary,
  xmlDepth,
} from '../../lambdas/core/feeds/parse';
import {
  closeUnterminatedCdata,
  replaceHtmlEntities,
  repairFeedXml,
} from '../../lambdas/core/feeds/lenient';
import { fixtureBytes, LENIENT_CASES, LENIENT_DIR, pathOf } from '../helpers/lenient-fixtures';

const BASE = 'http://127.0.0.1:8080/feeds/feed.xml';
const rss = (body: string, root = '<rss version="2.0">') =>
  `<?xml version="1.0"?>${root}<channel><title>Lenient</title>${body}</channel></rss>`;
const item = (title: string, link: string) =>
  `<item><title>${title}</title><link>${link}</link></item>`;
const parse = (doc: string | Buffer, type = 'application/rss+xml', opts = {}) =>
  parseFeed(Buffer.isBuffer(doc) ? doc : Buffer.from(doc), type, BASE, opts);

describe('lenient fixtures (what a reader expects from each)', () => {
  it('covers every fixture file', () => {
    const files = fs.readdirSync(LENIENT_DIR).filter((f) => f !== 'expected.json');
    expect(LENIENT_CASES.map((c) => c.file).sort()).toEqual(files.sort());
  });

  it.each(LENIENT_CASES.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const run = parse(fixtureBytes(c.file), c.contentType);
    if (c.error) {
      await expect(run).rejects.toThrow(FeedParseError);
      await expect(run).rejects.toThrow(c.error);
      return;
    }
    const feed = await run;
    expect(feed.items.map((i) => [i.title, pathOf(i.url)])).toEqual(c.items);
    if (c.recovered) expect(feed.recovered).toContain(c.recovered);
    else expect(feed.recovered).toBeUndefined();
  });

  it('the fixtures of the older tests still parse without recovery', async () => {
    for (const f of ['rss2.xml', 'atom.xml', 'rdf.xml', 'rss091.xml', 'cp1251.xml', 'utf16.xml']) {
      const feed = await parse(fs.readFileSync(`${LENIENT_DIR}/../${f}`), 'application/xml');
      expect(feed.items.length).toBeGreaterThan(0);
      expect(feed.recovered).toBeUndefined();
    }
  });
});

describe('Atom entries with missing parts', () => {
  it('an entry without an id is known by its link; one without a title by its summary', async () => {
    const feed = await parse(fixtureBytes('atom-sparse.xml'), 'application/atom+xml');
    expect(feed.items[0]).toMatchObject({
      url: 'http://127.0.0.1:8080/news/grid-operator-outage',
      guid: 'http://127.0.0.1:8080/news/grid-operator-outage',
    });
    expect(feed.items[0]!.summary).toMatch(/^A regional grid operator said/);
    // The alternate link, not rel="self".
    expect(feed.items[2]!.url).toBe('http://127.0.0.1:8080/news/hospital-records-copied');
    // An entry with only a tag: id has no link: not an item.
    expect(feed.skipped).toBe(1);
  });

  it('keeps an entry whose date cannot be read, without a date', async () => {
    const feed = await parse(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Undated</title><link href="/a"/><published>last Tuesday</published></entry></feed>`,
    );
    expect(feed.items).toEqual([
      expect.objectContaining({ title: 'Undated', publishedAt: undefined }),
    ]);
  });

  it('reads a feed whose Atom elements carry a prefix', async () => {
    const feed = await parse(
      `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title><a:entry><a:title>Prefixed</a:title><a:link href="/p"/><a:id>urn:x:1</a:id></a:entry></a:feed>`,
    );
    expect(feed.items).toEqual([
      expect.objectContaining({
        title: 'Prefixed',
        url: 'http://127.0.0.1:8080/p',
        guid: 'urn:x:1',
      }),
    ]);
  });

  it('titles from a summary stop between words', () => {
    expect(titleFromSummary('short')).toBe('short');
    const t = titleFromSummary(`${'word '.repeat(40)}end`);
    expect(t.length).toBeLessThanOrEqual(101);
    expect(t).toMatch(/word…$/);
  });
});

describe('gzip bodies no Content-Encoding announced', () => {
  const doc = rss(item('Compressed', '/c'));

  it('are decompressed by their magic bytes, also when compressed twice', async () => {
    expect((await parse(zlib.gzipSync(doc), 'application/x-gzip')).items).toHaveLength(1);
    expect(
      (await parse(zlib.gzipSync(zlib.gzipSync(doc)), 'application/x-gzip')).items,
    ).toHaveLength(1);
  });

  it('stop at the same cap once decompressed', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(200_000, 0x20));
    await expect(parse(bomb, 'application/x-gzip', { maxBytes: 100_000 })).rejects.toThrow(
      'the gzip-compressed body exceeds the 100000-byte cap once decompressed',
    );
    await expect(parse(bomb, 'application/x-gzip', { maxBytes: 300_000 })).rejects.toThrow(
      /body is empty/,
    );
  });

  it('a truncated gzip stream gives what it holds, read leniently', async () => {
    const stories = Array.from({ length: 200 }, (_, i) =>
      item(`Story ${i} of ${i * 7919}`, `/s/${i}`),
    );
    const gz = zlib.gzipSync(rss(stories.join('')));
    const feed = await parse(gz.subarray(0, Math.floor(gz.length / 2)), 'application/x-gzip');
    const n = feed.items.length;
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(200);
    // A prefix of the stories, each with its own link: nothing cut, nothing invented.
    feed.items.forEach((it, i) => {
      expect(it.title).toBe(`Story ${i} of ${i * 7919}`);
      expect(it.url).toBe(`http://127.0.0.1:8080/s/${i}`);
    });
    expect(feed.recovered).toMatch(/truncated/);
  });

  it('a damaged gzip body is refused with a clear reason', async () => {
    const gz = zlib.gzipSync(doc);
    gz.fill(0x41, 12, 30);
    await expect(parse(gz, 'application/x-gzip')).rejects.toThrow(
      /looks gzip-compressed but cannot be decompressed/,
    );
  });
});

describe('malformed XML', () => {
  it('never invents an item: an item whose link the end of the document cut is dropped', async () => {
    const feed = await parse(
      `<rss version="2.0"><channel><item><title>Whole</title><link>/whole</link></item><item><title>Cut</title><link>/cu`,
    );
    expect(feed.items.map((i) => i.title)).toEqual(['Whole']);
    expect(feed.skipped).toBe(1);
  });

  it('moves fields out of a title left open', async () => {
    const feed = await parse(rss(`<item><title>Open title<link>/x</link></item>`));
    expect(feed.items).toEqual([
      expect.objectContaining({ title: 'Open title', url: 'http://127.0.0.1:8080/x' }),
    ]);
    expect(feed.recovered).toMatch(/closing tag matching no open element/);
  });

  it('reads items of an rss element that has no channel', async () => {
    const feed = await parse(`<rss version="2.0">${item('Loose', '/loose')}<oops></rss>`);
    expect(feed.items.map((i) => i.title)).toEqual(['Loose']);
  });

  it('keeps the one-line error for a broken document with nothing to recover', async () => {
    await expect(parse('<body><p>Not a feed & never was</p>')).rejects.toThrow(
      /^not a parsable RSS\/Atom\/RDF feed: [^\n]+$/,
    );
    await expect(parse(rss('<item><title>No link&no=hope</title></item>'))).rejects.toThrow(
      'an unescaped & or an undefined entity (line 1), and no item with a link to recover',
    );
    await expect(parse('   \n')).rejects.toThrow('the body is empty');
  });

  it("a broken document does not hide the next one's errors (a fresh XML parser per document)", async () => {
    // This first document fails while being written and again while being closed, which left
    // the shared xml2js parser ignoring the next document's syntax errors.
    await expect(parse('<body><p>Not a feed & never was</p>')).rejects.toThrow(FeedParseError);
    const feed = await parse(rss(item('A', '/a') + item('B&c=d', '/b')));
    expect(feed.items.map((i) => i.title)).toEqual(['A', 'B&c=d']);
    expect(feed.recovered).toMatch(/unescaped &/);
  });

  it('an empty well-formed feed is 0 items, not an error', async () => {
    const feed = await parse(rss(''));
    expect(feed.items).toEqual([]);
    expect(feed.recovered).toBeUndefined();
  });

  it('a DTD entity standing for one character is used; a longer one is never expanded', async () => {
    const one = await parse(
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY mdash '—'>]>${rss(item('A&nbsp;B &mdash; C', '/one')).replace('<?xml version="1.0"?>', '')}`,
    );
    expect(one.items[0]!.title).toBe('A B — C');
    expect(one.recovered).toBeUndefined();
    const long = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${'B'.repeat(100)}">]><rss version="2.0"><channel><item><title>&big; & broken</title><link>/l</link></item>`;
    await expect(parse(long)).rejects.toThrow(
      'the feed uses entities declared in its DTD, which are never expanded (&big;)',
    );
    // Declared but unused: the broken document is read without the DTD.
    const unused = long.replace('&big; ', '');
    const feed = await parse(unused);
    expect(feed.items.map((i) => i.title)).toEqual(['& broken']);
    expect(feed.recovered).toMatch(/unescaped &/);
  });
});

describe('lenient helpers', () => {
  it('named references XML lacks become numeric ones; unknown names stay text; markup is never made', () => {
    expect(replaceHtmlEntities('a&nbsp;b&eacute;&amp;&zzz;&LT;')).toBe(
      'a&#160;b&#233;&amp;&amp;zzz;&#60;',
    );
    expect(replaceHtmlEntities('<![CDATA[&nbsp;]]><!--&nbsp;-->')).toBe(
      '<![CDATA[&nbsp;]]><!--&nbsp;-->',
    );
  });

  it('closes a CDATA section only when it is left open', () => {
    const ok = '<d><![CDATA[a</d> is text]]></d>';
    expect(closeUnterminatedCdata(ok)).toBe(ok);
    expect(closeUnterminatedCdata('<d><![CDATA[a]]</d><e><![CDATA[b]]></e>')).toBe(
      '<d><![CDATA[a]]></d><e><![CDATA[b]]></e>',
    );
    expect(closeUnterminatedCdata('<d><![CDATA[a</d>')).toBe('<d><![CDATA[a]]></d>');
  });

  it('counts nesting the way the lenient parser closes tags', () => {
    expect(xmlDepth('<a><b><c></c></b></a>')).toBe(3);
    // </a> closes b and c too; a closing tag that matches nothing is ignored.
    expect(xmlDepth('<r><a><b><c></a></zz><d></d></r>')).toBe(4);
    expect(xmlDepth('<r><p><br><br><br></p><p><br></p></r>')).toBe(5);
    expect(xmlDepth('<r><!-- <a><b> --><![CDATA[<c><d>]]><e/></r>')).toBe(1);
  });

  it('refuses nesting deeper than the cap while parsing', () => {
    expect(() => repairFeedXml('<rss>' + '<x>'.repeat(300), 256)).toThrow(
      'the feed nests elements deeper than 256 levels',
    );
    expect(repairFeedXml('<rss>' + '<x>'.repeat(200), 256)).toBeDefined();
  });
});
