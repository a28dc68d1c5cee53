import { blockText, extractArticle, stripScripts, textArticle } from '../../lambdas/core/extract';
import { JSDOM } from 'jsdom';

const body = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i} of the story about a breach at the ministry, with enough words to count as content for Readability.</p>`,
  ).join('');

describe('extractArticle', () => {
  it.each([
    [
      'meta tags',
      `<html lang="en-GB"><head><title>T | Site</title><meta property="og:site_name" content="The Site"><meta property="article:published_time" content="2026-11-02T08:30:00+01:00"><meta name="author" content="Ann Writer"><link rel="canonical" href="/story?utm_source=x"></head><body><article><h1>Headline</h1>${body(6)}</article></body></html>`,
      {
        siteName: 'The Site',
        publishedTime: '2026-11-02T07:30:00.000Z',
        lang: 'en-GB',
        canonicalUrl: 'https://news.example/story',
      },
    ],
    [
      'JSON-LD only',
      `<html><head><title>T</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2026-10-30T12:00:00Z","author":[{"name":"Bo Reporter"}]}]}</script></head><body><article>${body(6)}</article></body></html>`,
      { publishedTime: '2026-10-30T12:00:00.000Z', byline: 'Bo Reporter', canonicalUrl: null },
    ],
    [
      '<time datetime> fallback',
      `<html><head><title>T</title></head><body><article><time datetime="2026-09-09">Sept 9</time>${body(6)}</article></body></html>`,
      { publishedTime: '2026-09-09T00:00:00.000Z' },
    ],
  ])('reads %s', (_name, html, expected) => {
    expect(extractArticle(html, 'https://news.example/a/1')).toMatchObject(expected);
  });

  it('keeps paragraphs apart and drops navigation', () => {
    const a = extractArticle(
      `<html><body><nav><a href="/">Home</a> <a href="/w">World</a></nav><article>${body(5)}</article><footer>© Site</footer></body></html>`,
      'https://n.example/',
    );
    expect(a.text.split('\n\n')).toHaveLength(5);
    expect(a.text).not.toMatch(/Home|©/);
  });

  it('never runs scripts or event handlers', () => {
    const html = `<html><head><script>document.title='HACKED'</script></head><body onload="document.body.innerHTML='HACKED'"><article><img src=x onerror="document.body.innerHTML='HACKED'">${body(5)}<script>document.write('HACKED')</script></article></body></html>`;
    const a = extractArticle(html, 'https://n.example/');
    expect(a.text).not.toMatch(/HACKED/);
    expect(a.title).not.toMatch(/HACKED/);
  });

  it('refuses a page without an article', () => {
    expect(() => extractArticle('<html><body></body></html>', 'https://n.example/')).toThrow(
      /no article|no text/,
    );
  });
});

describe('stripScripts', () => {
  it('removes scripts and styles but keeps JSON-LD aside', () => {
    const { html, jsonLd } = stripScripts(
      '<p>a</p><script>x()</script><style>p{}</style><SCRIPT type="application/ld+json">{"a":1}</SCRIPT ><p>b</p>',
    );
    expect(html).toBe('<p>a</p><p>b</p>');
    expect(jsonLd).toEqual(['{"a":1}']);
  });
});

describe('blockText and textArticle', () => {
  it('does not count nested blocks twice', () => {
    const dom = new JSDOM(
      '<div><ul><li><p>one</p></li><li>two</li></ul><blockquote><p>three</p></blockquote></div>',
    );
    expect(blockText(dom.window.document.querySelector('div')!)).toBe('one\n\ntwo\n\nthree');
  });

  it('treats plain text as an article with its first line as title', () => {
    expect(textArticle('Headline\r\n\r\nBody text.')).toMatchObject({
      title: 'Headline',
      text: 'Headline\n\nBody text.',
    });
  });
});
