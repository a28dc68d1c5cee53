/**
 * Polling and processing against real HTTP servers on 127.0.0.1 and a real dynalite store:
 * conditional GET, Retry-After, backoff, dedupe across feeds and runs, the prefilter, page
 * failures recorded on the article, and resuming work left pending.
 */
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { CollectingQueue, runCycle } from '../../lambdas/core/cycle';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { pollFeeds } from '../../lambdas/core/feeds/poll';
import { seedFeeds } from '../../lambdas/core/feeds/registry';
import { silentLogger } from '../../lambdas/core/logger';
import { processArticle } from '../../lambdas/core/process';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';

const page = (title: string, body: string, extra = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${extra}</head><body><nav>Home | World | Tech</nav><article><h1>${title}</h1>${body
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article><footer>© Example</footer></body></html>`;

const ATTRIBUTION = page(
  'Officials blame Russian hackers for ministry breach',
  "Government officials said on Tuesday that hackers working for Russia's GRU military intelligence agency breached the foreign ministry's email servers last month, stealing diplomatic cables.\n\nThe officials said they had assessed with high confidence that the group known as APT28 carried out the intrusion, citing forensic evidence gathered by investigators.\n\nThe Kremlin denied any involvement and called the accusation baseless.\n\nThe ministry said its systems had been restored and that it was working with partners to understand the scope of the theft.",
);
const SPORTS = page(
  'Late goal lifts United',
  'United scored late to win the derby.\n\nThe attack was relentless in the second half.\n\nThe manager praised the fans.',
);

function rss(items: { title: string; link: string; description?: string }[]) {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title><link>http://example/</link>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><description>${i.description ?? ''}</description></item>`,
    )
    .join('')}</channel></rss>`;
}

let server: TestServer;
let local: LocalStore;
let http: GuardedHttp;
const clock = new TestClock();

beforeEach(async () => {
  server = await startServer();
  local = await memoryStore();
  http = new GuardedHttp({
    allowedPrivateAddresses: ['127.0.0.1'],
    totalTimeoutMs: 2000,
    maxBytes: 256 * 1024,
  });
});
afterEach(async () => {
  http.close();
  await local.close();
  await server.close();
});

const deps = () => ({
  store: local.store,
  http,
  clock,
  detector: defaultDetector(),
  logger: silentLogger,
});

describe('polling', () => {
  it('uses ETag/Last-Modified: a 304 means nothing new, and the feed state records success', async () => {
    const body = rss([{ title: 'Cyberattack on ministry', link: `${server.url}/a` }]);
    server.routes.set('/feed', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        return res.end();
      }
      res.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Tue, 17 Nov 2026 10:00:00 GMT',
      });
      res.end(body);
    });
    await seedFeeds(
      local.store,
      [{ id: 'f', name: 'F', url: `${server.url}/feed`, enabled: true, prefilter: false }],
      clock,
    );
    const queue = new CollectingQueue();
    const first = await pollFeeds({ ...deps(), queue });
    expect(first.feeds[0]).toMatchObject({ outcome: 'updated', newArticles: 1 });
    expect(queue.jobs).toHaveLength(1);
    const feed = await local.store.getFeed('f');
    expect(feed).toMatchObject({
      etag: '"v1"',
      lastModified: 'Tue, 17 Nov 2026 10:00:00 GMT',
      consecutiveErrors: 0,
    });

    clock.advance(16 * 60_000);
    const second = await pollFeeds({ ...deps(), queue });
    expect(second.feeds[0]!.outcome).toBe('not-modified');
    expect(server.requests.filter((r) => r.path === '/feed')[1]!.headers['if-modified-since']).toBe(
      'Tue, 17 Nov 2026 10:00:00 GMT',
    );
    expect(queue.jobs).toHaveLength(1);
  });

  it('does not poll a feed before it is due, and polls it with force', async () => {
    server.routes.set('/feed', send(rss([]), { 'content-type': 'application/rss+xml' }));
    await seedFeeds(
      local.store,
      [{ id: 'f', name: 'F', url: `${server.url}/feed`, enabled: true, prefilter: false }],
      clock,
    );
    const queue = new CollectingQueue();
    await pollFeeds({ ...deps(), queue });
    clock.advance(60_000);
    expect((await pollFeeds({ ...deps(), queue })).feeds[0]!.outcome).toBe('not-due');
    expect((await pollFeeds({ ...deps(), queue }, { force: true })).feeds[0]!.outcome).toBe(
      'updated',
    );
  });

  it('honours 429 Retry-After and backs off exponentially on errors, then recovers', async () => {
    let mode: 'limit' | 'error' | 'ok' = 'limit';
    server.routes.set('/feed', (_req, res) => {
      if (mode === 'limit') {
        res.writeHead(429, { 'retry-after': '7200' });
        return res.end();
      }
      if (mode === 'error') {
        res.writeHead(500);
        return res.end('oops');
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([]));
    });
    await seedFeeds(
      local.store,
      [{ id: 'f', name: 'F', url: `${server.url}/feed`, enabled: true, prefilter: false }],
      clock,
    );
    const queue = new CollectingQueue();
    const r1 = await pollFeeds({ ...deps(), queue });
    expect(r1.feeds[0]).toMatchObject({ outcome: 'failed' });
    let feed = (await local.store.getFeed('f'))!;
    expect(feed.consecutiveErrors).toBe(1);
    expect(feed.lastError).toMatch(/HTTP 429/);
    expect(Date.parse(feed.nextPollAt!) - clock.now().getTime()).toBe(7200 * 1000);

    // Not before Retry-After, even with force.
    clock.advance(3600_000);
    expect((await pollFeeds({ ...deps(), queue }, { force: true })).feeds[0]!.outcome).toBe(
      'not-due',
    );

    mode = 'error';
    clock.advance(3600_000);
    await pollFeeds({ ...deps(), queue });
    feed = (await local.store.getFeed('f'))!;
    expect(feed.consecutiveErrors).toBe(2);
    expect(Date.parse(feed.nextPollAt!) - clock.now().getTime()).toBe(30 * 60_000); // 15 min × 2
    clock.advance(30 * 60_000);
    await pollFeeds({ ...deps(), queue });
    feed = (await local.store.getFeed('f'))!;
    expect(Date.parse(feed.nextPollAt!) - clock.now().getTime()).toBe(60 * 60_000);

    mode = 'ok';
    clock.advance(60 * 60_000);
    await pollFeeds({ ...deps(), queue });
    feed = (await local.store.getFeed('f'))!;
    expect(feed).toMatchObject({ consecutiveErrors: 0 });
    expect(feed.lastError).toBeUndefined();
  });

  it('records a broken feed and goes on with the others', async () => {
    server.routes.set(
      '/html',
      send('<!doctype html><html><body>not a feed</body></html>', { 'content-type': 'text/html' }),
    );
    server.routes.set(
      '/good',
      send(rss([{ title: 'Hackers breach bank', link: `${server.url}/x` }]), {
        'content-type': 'application/rss+xml',
      }),
    );
    await seedFeeds(
      local.store,
      [
        { id: 'bad', name: 'Bad', url: `${server.url}/html`, enabled: true, prefilter: false },
        { id: 'gone', name: 'Gone', url: `${server.url}/missing`, enabled: true, prefilter: false },
        { id: 'good', name: 'Good', url: `${server.url}/good`, enabled: true, prefilter: false },
      ],
      clock,
    );
    const s = await pollFeeds({ ...deps(), queue: new CollectingQueue() });
    expect(s.failed).toBe(2);
    expect(s.newArticles).toBe(1);
    expect((await local.store.getFeed('bad'))!.lastError).toMatch(/HTML, not a feed/);
    expect((await local.store.getFeed('gone'))!.lastError).toMatch(/HTTP 404/);
  });

  it('dedupes one story across feeds, tracking parameters and reruns', async () => {
    server.routes.set(
      '/f1',
      send(rss([{ title: 'Cyberattack', link: `${server.url}/story?utm_source=a` }]), {
        'content-type': 'application/rss+xml',
      }),
    );
    server.routes.set(
      '/f2',
      send(rss([{ title: 'Cyberattack', link: `${server.url}/story?fbclid=zz#top` }]), {
        'content-type': 'application/rss+xml',
      }),
    );
    await seedFeeds(
      local.store,
      [
        { id: 'f1', name: 'F1', url: `${server.url}/f1`, enabled: true, prefilter: false },
        { id: 'f2', name: 'F2', url: `${server.url}/f2`, enabled: true, prefilter: false },
      ],
      clock,
    );
    const q = new CollectingQueue();
    const s1 = await pollFeeds({ ...deps(), queue: q }, { concurrency: 1 });
    expect(s1.newArticles).toBe(1);
    const s2 = await pollFeeds({ ...deps(), queue: q }, { force: true });
    expect(s2.newArticles).toBe(0);
    expect(q.jobs).toHaveLength(1);
  });

  it('the prefilter skips irrelevant items of a general-news feed without fetching them', async () => {
    server.routes.set(
      '/news',
      send(
        rss([
          {
            title: 'Late goal lifts United',
            link: `${server.url}/sport`,
            description: 'A derby win.',
          },
          {
            title: 'Officials blame hackers for ministry breach',
            link: `${server.url}/cyber`,
            description: 'Email servers were breached.',
          },
        ]),
        { 'content-type': 'application/rss+xml' },
      ),
    );
    server.routes.set('/cyber', send(ATTRIBUTION, { 'content-type': 'text/html; charset=utf-8' }));
    server.routes.set('/sport', send(SPORTS, { 'content-type': 'text/html' }));
    await seedFeeds(
      local.store,
      [{ id: 'news', name: 'News', url: `${server.url}/news`, enabled: true, prefilter: true }],
      clock,
    );
    const s = await runCycle(deps(), { retryDelayMs: 1 });
    expect(s.poll.skippedByPrefilter).toBe(1);
    expect(s.processed).toBe(1);
    expect(server.hits.get('/sport')).toBeUndefined();
    const skipped = await local.store.listArticlesByStatus('skipped');
    expect(skipped[0]!.reason).toMatch(/prefilter/);
  });
});

describe('processing', () => {
  async function feedWith(paths: string[]) {
    server.routes.set(
      '/feed',
      send(rss(paths.map((p) => ({ title: `Cyber story ${p}`, link: `${server.url}${p}` }))), {
        'content-type': 'application/rss+xml',
      }),
    );
    await seedFeeds(
      local.store,
      [{ id: 'f', name: 'F', url: `${server.url}/feed`, enabled: true, prefilter: false }],
      clock,
    );
  }

  it('extracts, detects and stores claims; a rerun changes nothing', async () => {
    server.routes.set('/story', send(ATTRIBUTION, { 'content-type': 'text/html; charset=utf-8' }));
    await feedWith(['/story']);
    const s = await runCycle(deps(), { retryDelayMs: 1 });
    expect(s).toMatchObject({ processed: 1, extracted: 1, attributionStories: 1 });
    expect(s.claims).toBeGreaterThan(0);
    const [article] = await local.store.listArticlesByStatus('extracted');
    expect(article!.title).toBe('Officials blame Russian hackers for ministry breach');
    const claims = await local.store.listClaimsForArticle(article!.id);
    expect(claims.some((c) => c.accused.country === 'RU')).toBe(true);
    clock.advance(20 * 60_000);
    const again = await runCycle(deps(), { retryDelayMs: 1, force: true });
    expect(again.poll.newArticles).toBe(0);
    expect(again.processed).toBe(0);
    expect(await local.store.listClaimsForArticle(article!.id)).toHaveLength(claims.length);
  });

  it('records why a page failed: 404, non-HTML, oversized, refused redirect', async () => {
    server.routes.set('/pdf', send('%PDF-1.4', { 'content-type': 'application/pdf' }));
    server.routes.set('/huge', send(Buffer.alloc(400 * 1024, 97), { 'content-type': 'text/html' }));
    server.routes.set(
      '/meta',
      send('', { location: 'http://169.254.169.254/latest/meta-data/' }, 302),
    );
    await feedWith(['/gone', '/pdf', '/huge', '/meta']);
    const s = await runCycle(deps(), { retryDelayMs: 1 });
    expect(s.failedArticles).toBe(4);
    const failed = await local.store.listArticlesByStatus('failed');
    const reason = (p: string) => failed.find((a) => a.url.endsWith(p))!.reason;
    expect(reason('/gone')).toMatch(/HTTP 404/);
    expect(reason('/pdf')).toMatch(/unsupported content type application\/pdf/);
    expect(reason('/huge')).toMatch(/exceeds/);
    expect(reason('/meta')).toMatch(/refused.*169\.254\.169\.254/);
  });

  it('retries a transient failure and records it after the last attempt', async () => {
    let calls = 0;
    server.routes.set('/flaky', (_req, res) => {
      calls++;
      if (calls < 3) {
        res.writeHead(503);
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(ATTRIBUTION);
    });
    server.routes.set('/down', send('', {}, 503));
    await feedWith(['/flaky', '/down']);
    const s = await runCycle(deps(), { retryDelayMs: 1, maxAttempts: 3 });
    expect(s.extracted).toBe(1);
    expect(s.failedArticles).toBe(1);
    const failed = await local.store.listArticlesByStatus('failed');
    expect(failed[0]).toMatchObject({ attempts: 3 });
    expect(failed[0]!.reason).toMatch(/HTTP 503/);
  });

  it('decodes a page by its declared charset', async () => {
    const html = page('Caf\u00e9 cyberattaque', 'Les autorit\u00e9s ont accus\u00e9 des pirates.');
    server.routes.set(
      '/latin',
      send(Buffer.from(html, 'latin1'), { 'content-type': 'text/html; charset=iso-8859-1' }),
    );
    await feedWith(['/latin']);
    await runCycle(deps(), { retryDelayMs: 1 });
    const [a] = await local.store.listArticlesByStatus('extracted');
    expect(a!.title).toBe('Caf\u00e9 cyberattaque');
    expect(a!.text).toContain('autorit\u00e9s');
  });

  it('marks a second URL whose page has the same rel=canonical as a duplicate', async () => {
    const canonical = `<link rel="canonical" href="${'/canonical-story'}">`;
    server.routes.set(
      '/one',
      send(page('Breach story', 'Hackers breached a bank.', canonical), {
        'content-type': 'text/html',
      }),
    );
    server.routes.set(
      '/two',
      send(page('Breach story', 'Hackers breached a bank.', canonical), {
        'content-type': 'text/html',
      }),
    );
    await feedWith(['/one', '/two']);
    const s = await runCycle(deps(), { retryDelayMs: 1, processConcurrency: 1 });
    expect(s.duplicates).toBe(1);
    expect(s.extracted).toBe(1);
  });

  it('resumes articles left pending by an interrupted run', async () => {
    server.routes.set('/story', send(ATTRIBUTION, { 'content-type': 'text/html' }));
    await feedWith(['/story']);
    // The poll ran, then the process died before any page was processed.
    await pollFeeds({ ...deps(), queue: new CollectingQueue() });
    expect(await local.store.listArticlesByStatus('pending')).toHaveLength(1);
    clock.advance(60_000);
    const s = await runCycle(deps(), { retryDelayMs: 1 });
    expect(s.resumed).toBe(1);
    expect(s.extracted).toBe(1);
    expect(await local.store.listArticlesByStatus('pending')).toHaveLength(0);
  });

  it('is idempotent when a job is delivered twice', async () => {
    server.routes.set('/story', send(ATTRIBUTION, { 'content-type': 'text/html' }));
    await feedWith(['/story']);
    const q = new CollectingQueue();
    await pollFeeds({ ...deps(), queue: q });
    const job = q.jobs[0]!;
    const first = await processArticle(deps(), job);
    const second = await processArticle(deps(), job);
    expect(first.status).toBe('extracted');
    expect(second.status).toBe('unchanged');
    expect(server.hits.get('/story')).toBe(1);
  });
});
