/**
 * Hostile pages through the real cycle: one feed lists them all next to a good article; every
 * page gets a recorded outcome on its article, the good one is still extracted, and time and
 * memory stay within generous bounds. Scripts, event handlers and sub-resources never run: the
 * local server that their requests would reach sees no hit.
 */
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { runCycle, type CycleSummary } from '../../lambdas/core/cycle';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { extractArticle } from '../../lambdas/core/extract';
import { seedFeeds } from '../../lambdas/core/feeds/registry';
import { silentLogger } from '../../lambdas/core/logger';
import type { ArticleRecord } from '../../lambdas/core/records';
import { type Handler, send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { type Measured, measure, recordFigure } from './measure';

const MB = 1024 * 1024;
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const STORY =
  "<p>Government officials said on Tuesday that hackers working for Russia's GRU military intelligence agency breached the foreign ministry's email servers last month.</p><p>The officials said they had assessed with high confidence that the group known as APT28 carried out the intrusion, citing forensic evidence.</p><p>The Kremlin denied any involvement and called the accusation baseless.</p>";
const page = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${body}</article></body></html>`;

/** Every way a page could make the reader's machine send a request, aimed at /beacon/*. */
function scriptedPage(base: string): string {
  const b = (name: string) => `${base}/beacon/${name}`;
  return page(
    'Scripted page',
    `<img src="${b('img')}" onerror="fetch('${b('onerror')}')" onload="fetch('${b('onload')}')">` +
      `<script>fetch('${b('script')}'); new Image().src='${b('script-img')}';</script>` +
      `<script src="${b('script-src')}"></script>` +
      `<script type="module">import '${b('module')}';</script>` +
      `<scr<script>x</script>ipt>fetch('${b('split-tag')}')</script>` +
      `<SCRIPT>fetch('${b('upper')}')</SCRIPT>` +
      `<svg><script>fetch('${b('svg')}')</script><image href="${b('svg-image')}"/></svg>` +
      `<iframe src="${b('iframe')}" onload="fetch('${b('iframe-onload')}')"></iframe>` +
      `<object data="${b('object')}"></object><embed src="${b('embed')}">` +
      `<video poster="${b('poster')}" src="${b('video')}"></video><audio src="${b('audio')}"></audio>` +
      `<details open ontoggle="fetch('${b('ontoggle')}')"><summary>x</summary></details>` +
      `<input autofocus onfocus="fetch('${b('onfocus')}')">` +
      `<a href="javascript:fetch('${b('javascript-href')}')">link</a>` +
      `<div style="background:url(${b('css-inline')})"></div>` +
      STORY,
    `<link rel="stylesheet" href="${b('stylesheet')}"><link rel="preload" href="${b('preload')}" as="script">` +
      `<link rel="icon" href="${b('icon')}"><meta http-equiv="refresh" content="0;url=${b('refresh')}">` +
      `<style>@import url(${b('css-import')}); body{background:url(${b('css-bg')})}</style>` +
      `<base href="${b('base')}/">`,
  ).replace('<body>', `<body onload="fetch('${b('body-onload')}')">`);
}

const streamed =
  (total: number, declareLength: boolean): Handler =>
  (_req, res) => {
    res.writeHead(200, {
      ...HTML,
      ...(declareLength ? { 'content-length': String(total) } : {}),
    });
    const chunk = Buffer.from('<p>filler text for a very large page</p>'.repeat(1000));
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  };

let server: TestServer;
let local: LocalStore;
let http: GuardedHttp;
let run: Measured<CycleSummary>;
const byPath = new Map<string, ArticleRecord>();
const clock = new TestClock();
const cases: Record<string, Handler> = {};
const endless: Handler = (_req, res) => {
  res.writeHead(200, HTML);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const timer = setInterval(() => res.write(chunk), 1);
  res.on('close', () => clearInterval(timer));
};
const slowDrip: Handler = (_req, res) => {
  res.writeHead(200, HTML);
  const timer = setInterval(() => res.write('<p>.'), 100);
  res.on('close', () => clearInterval(timer));
};

beforeAll(async () => {
  server = await startServer();
  Object.assign(cases, {
    '/good': send(page('Officials blame Russian hackers for ministry breach', STORY), HTML),
    '/scripted': send(scriptedPage(server.url), HTML),
    '/huge-declared': streamed(50 * MB, true),
    '/huge-streamed': streamed(50 * MB, false),
    '/endless': endless,
    '/slow-drip': slowDrip,
    '/deep': send(
      page('Deep', `${'<div>'.repeat(100_000)}${STORY}${'</div>'.repeat(100_000)}`),
      HTML,
    ),
    '/deep-formatting': send(page('Deep', `<p>${'<b>'.repeat(300_000)}${STORY}`), HTML),
    // 4.5 MB of elements (under the 5 MB cap): read up to the element cap.
    '/many-elements': send(
      page('Many elements', STORY + '<p>Paragraph of filler text.</p>'.repeat(150_000)),
      HTML,
    ),
    '/pdf': send('%PDF-1.7 ...', { 'content-type': 'application/pdf' }),
    '/image': send(Buffer.from([0x89, 0x50, 0x4e, 0x47]), { 'content-type': 'image/png' }),
    '/json': send('{"title":"x"}', { 'content-type': 'application/json' }),
    '/binary': send(Buffer.alloc(1024, 0), { 'content-type': 'application/octet-stream' }),
    '/redirect-loop': send('', { location: '/redirect-loop' }, 302),
    '/redirect-ping-pong': send('', { location: '/redirect-pong' }, 301),
    '/redirect-pong': send('', { location: '/redirect-ping-pong' }, 301),
  });
  for (const [p, h] of Object.entries(cases)) server.routes.set(p, h);
  const items = Object.keys(cases)
    .filter((p) => p !== '/redirect-pong')
    .map((p) => `<item><title>${p}</title><link>${server.url}${p}</link></item>`)
    .join('');
  server.routes.set(
    '/feed',
    send(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`,
      {
        'content-type': 'application/rss+xml',
      },
    ),
  );
  local = await memoryStore();
  http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'], totalTimeoutMs: 1500 });
  await seedFeeds(
    local.store,
    [{ id: 'f', name: 'F', url: `${server.url}/feed`, enabled: true, prefilter: false }],
    clock,
  );
  run = await measure(() =>
    runCycle(
      { store: local.store, http, clock, detector: defaultDetector(), logger: silentLogger },
      { retryDelayMs: 1, maxAttempts: 2, processConcurrency: 8, processPerHost: 8 },
    ),
  );
  for (const status of ['extracted', 'failed', 'pending', 'duplicate'] as const) {
    for (const a of await local.store.listArticlesByStatus(status))
      byPath.set(new URL(a.url).pathname, a);
  }
  recordFigure('hostile-pages', {
    pages: run.value.processed,
    elapsedMs: run.elapsedMs,
    peakRssDeltaMb: run.peakRssDeltaMb,
  });
}, 90_000);

afterAll(async () => {
  http.close();
  await local.close();
  await server.close();
});

describe('hostile pages', () => {
  it('processes every page once, within generous time and memory bounds', () => {
    expect(run.value.processed).toBe(Object.keys(cases).length - 1);
    expect(byPath.size).toBe(run.value.processed);
    expect(run.elapsedMs).toBeLessThan(60_000);
    expect(run.peakRssDeltaMb).toBeLessThan(1536);
  });

  it('never runs scripts or event handlers, nor loads sub-resources', () => {
    const beacons = [...server.hits.keys()].filter((p) => p.startsWith('/beacon'));
    expect(beacons).toEqual([]);
    const a = byPath.get('/scripted')!;
    expect(a.status).toBe('extracted');
    expect(a.text).toContain('APT28');
    expect(a.text).not.toMatch(/fetch\(/);
  });

  it('jsdom itself runs no script that survives the script filter', () => {
    const g = globalThis as { __pwned?: boolean };
    extractArticle(
      page(
        'x',
        `<img src="x" onerror="globalThis.__pwned = true"><scr<script></script>ipt>globalThis.__pwned = true</script>${STORY}`,
      ),
      'http://127.0.0.1/x',
    );
    expect(g.__pwned).toBeUndefined();
  });

  it.each([
    ['/huge-declared', /exceeds the \d+-byte cap/],
    ['/huge-streamed', /exceeds the \d+-byte cap/],
    ['/endless', /exceeds the \d+-byte cap/],
    ['/slow-drip', /timed out after 1500 ms/],
    ['/deep', /nests elements more than 256 levels deep/],
    ['/deep-formatting', /nests elements more than 256 levels deep/],
    ['/pdf', /unsupported content type application\/pdf/],
    ['/image', /unsupported content type image\/png/],
    ['/json', /unsupported content type application\/json/],
    ['/binary', /unsupported content type application\/octet-stream/],
    ['/redirect-loop', /more than 5 redirects/],
    ['/redirect-ping-pong', /more than 5 redirects/],
  ])('%s: failed with a clear reason', (p, reason) => {
    const a = byPath.get(p)!;
    expect(a.status).toBe('failed');
    expect(a.reason).toMatch(reason);
  });

  it('reads a page with too many elements up to the element cap', () => {
    const a = byPath.get('/many-elements')!;
    expect(a.status).toBe('extracted');
    expect(a.text).toContain('APT28');
  });

  it('the good article next to them all is extracted with its claims', () => {
    const a = byPath.get('/good')!;
    expect(a).toMatchObject({ status: 'extracted', isAttribution: true });
    expect(a.claimCount).toBeGreaterThan(0);
  });
});
