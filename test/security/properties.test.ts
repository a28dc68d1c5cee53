/**
 * Property tests (fast-check, bounded runs): URL canonicalization is idempotent, and the feed
 * parser, the extractor and the detector never fail on arbitrary input except with their own
 * documented errors (FeedParseError, ExtractError); the detector never throws at all.
 */
import fc from 'fast-check';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { extractArticle, ExtractError } from '../../lambdas/core/extract';
import { FeedParseError, parseFeed } from '../../lambdas/core/feeds/parse';
import { canonicalizeUrl, tryCanonicalizeUrl } from '../../lambdas/core/url';

const RUNS = { numRuns: 200, seed: 7 };
const detector = defaultDetector();

const name = fc.constantFrom(
  'rss',
  'channel',
  'item',
  'title',
  'link',
  'feed',
  'entry',
  'x',
  'p',
  'div',
  'script',
  'a',
  'article',
  'b',
);
const text = fc.string({ maxLength: 40 });
/** Random XML/HTML-ish documents: nested tags from a small vocabulary, attributes, text, junk. */
const markup: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.constantFrom(
      '&amp;',
      '&lt;',
      '&#0;',
      '&#xD800;',
      '&bogus;',
      '<![CDATA[x]]>',
      '<!-- c -->',
      '<?pi x?>',
      ']]>',
      '<',
      '>',
      '\u0000',
      '\uFEFF',
    ),
    fc
      .tuple(
        name,
        fc.array(fc.tuple(name, text), { maxLength: 2 }),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.boolean(),
      )
      .map(
        ([n, attrs, kids, close]) =>
          `<${n}${attrs.map(([k, v]) => ` ${k}="${v.replace(/"/g, '')}"`).join('')}>${kids.join('')}${close ? `</${n}>` : ''}`,
      ),
  ),
})).node;
const feedish = fc
  .tuple(
    fc.constantFrom(
      '',
      '<?xml version="1.0"?>',
      '<?xml version="1.0" encoding="utf-16"?>',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
    ),
    fc.constantFrom('rss version="2.0"', 'feed xmlns="http://www.w3.org/2005/Atom"', 'rdf:RDF'),
    markup,
  )
  .map(
    ([decl, root, body]) => `${decl}<${root}><channel>${body}</channel></${root.split(' ')[0]}>`,
  );

describe('properties', () => {
  it('canonicalizeUrl is idempotent on URLs', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        const once = canonicalizeUrl(u);
        expect(canonicalizeUrl(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('tryCanonicalizeUrl is idempotent on arbitrary strings and never throws', () => {
    const base = fc.constantFrom(undefined, 'http://example.com/a/b', 'https://127.0.0.1:8080/');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webPath(),
          fc.webUrl().map((u) => `${u}?utm_source=x&a=1#f`),
        ),
        base,
        (raw, b) => {
          const once = tryCanonicalizeUrl(raw, b);
          if (once !== undefined) expect(tryCanonicalizeUrl(once)).toBe(once);
        },
      ),
      RUNS,
    );
  });

  it('parseFeed resolves or rejects with FeedParseError, on bytes and on feed-like markup', async () => {
    const input = fc.oneof(
      feedish.map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc.string().map((s) => Buffer.from(s, 'utf16le')),
    );
    await fc.assert(
      fc.asyncProperty(
        input,
        fc.constantFrom(
          undefined,
          'text/xml; charset=utf-16',
          'text/html',
          'application/rss+xml; charset=bogus',
        ),
        async (bytes, type) => {
          try {
            const feed = await parseFeed(bytes, type, 'http://example.com/');
            for (const item of feed.items) expect(item.url).toMatch(/^https?:\/\//);
          } catch (e) {
            expect(e).toBeInstanceOf(FeedParseError);
          }
        },
      ),
      RUNS,
    );
  });

  it('extractArticle returns or throws ExtractError on arbitrary markup', () => {
    fc.assert(
      fc.property(fc.oneof(markup, fc.string()), (html) => {
        try {
          const a = extractArticle(`<html><body>${html}</body></html>`, 'http://example.com/a');
          expect(typeof a.text).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(ExtractError);
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });

  it('the detector never throws', () => {
    const words = fc.constantFrom(
      'Russia',
      'China',
      'APT28',
      'hackers',
      'accused',
      'denied',
      'the FBI',
      'said',
      'breached',
      'Lazarus',
      'ransomware',
      '.',
      ',',
      '"',
      '\n\n',
      'U.S.',
      'Microsoft',
      'blamed',
    );
    const prose = fc
      .array(fc.oneof(words, fc.string({ maxLength: 12 })), { maxLength: 60 })
      .map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.oneof(prose, fc.string(), fc.string({ unit: 'grapheme', maxLength: 200 })),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        (t, title) => {
          const r = detector.detect({ text: t, title });
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
        },
      ),
      RUNS,
    );
  });
});
