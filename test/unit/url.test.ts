import { canonicalizeUrl, tryCanonicalizeUrl, urlId } from '../../lambdas/core/url';

describe('canonicalizeUrl', () => {
  it.each([
    [
      'HTTPS://News.Example.COM:443/a/b?utm_source=rss&id=7#top',
      'https://news.example.com/a/b?id=7',
    ],
    ['http://example.com:80/x?fbclid=abc&gclid=def', 'http://example.com/x'],
    ['https://example.com/story?b=2&a=1&utm_medium=email', 'https://example.com/story?b=2&a=1'],
    ['https://user:pw@example.com/p', 'https://example.com/p'],
    ['https://example.com/p?mc_cid=1&mc_eid=2&page=3', 'https://example.com/p?page=3'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('resolves relative links against a base', () => {
    expect(canonicalizeUrl('/a?utm_campaign=x', 'https://Example.com/feed.xml')).toBe(
      'https://example.com/a',
    );
  });

  it('is idempotent', () => {
    const once = canonicalizeUrl('HTTP://A.example/x/?utm_term=1&q=%20y#f');
    expect(canonicalizeUrl(once)).toBe(once);
  });

  it('refuses non-http schemes', () => {
    expect(() => canonicalizeUrl('javascript:alert(1)')).toThrow(TypeError);
    expect(tryCanonicalizeUrl('file:///etc/passwd')).toBeUndefined();
    expect(tryCanonicalizeUrl('not a url')).toBeUndefined();
  });

  it('gives one id per canonical URL', () => {
    expect(urlId(canonicalizeUrl('https://e.com/a?utm_source=x'))).toBe(
      urlId(canonicalizeUrl('https://E.com/a#frag')),
    );
    expect(urlId('https://e.com/a')).not.toBe(urlId('https://e.com/b'));
  });
});
