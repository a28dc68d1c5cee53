import { feedIdFor, newFeedRecord, parseFeedsConfig } from '../../lambdas/core/feeds/registry';
import fs from 'node:fs';
import path from 'node:path';

const clock = { now: () => new Date('2026-11-20T00:00:00Z') };

describe('feeds config', () => {
  it('the shipped feeds.json is valid, spans trade press and world news, and has unique ids', () => {
    const feeds = parseFeedsConfig(
      fs.readFileSync(path.join(__dirname, '..', '..', 'feeds.json'), 'utf8'),
    );
    expect(feeds.length).toBeGreaterThanOrEqual(15);
    expect(feeds.filter((f) => !f.prefilter).length).toBeGreaterThanOrEqual(5);
    expect(feeds.filter((f) => f.prefilter).length).toBeGreaterThanOrEqual(8);
    expect(new Set(feeds.map((f) => f.id)).size).toBe(feeds.length);
  });

  it.each([
    ['{', /not valid JSON/],
    ['{"feeds": []}', /feeds/],
    ['{"feeds": [{"name": "x", "url": "ftp://x.example/feed"}]}', /feeds\.0\.url/],
    ['{"feeds": [{"name": "x", "url": "https://x.example/", "id": "Bad Id"}]}', /feeds\.0\.id/],
  ])('rejects %s with a message naming the problem', (json, message) => {
    expect(() => parseFeedsConfig(json, 'my.json')).toThrow(message);
  });

  it('derives readable ids and canonical URLs', () => {
    expect(feedIdFor('https://www.example.com/rss/world.xml')).toBe('example-com-rss-world-xml');
    expect(newFeedRecord({ url: 'HTTPS://Example.com/feed?utm_source=x' }, clock)).toMatchObject({
      id: 'example-com-feed',
      url: 'https://example.com/feed',
      enabled: true,
      prefilter: true,
      consecutiveErrors: 0,
      createdAt: '2026-11-20T00:00:00.000Z',
    });
  });
});
