/**
 * Load runs for `npm run bench` (never `npm test`): the pipeline over 1,000+ articles served from
 * local servers on 127.0.0.1 (throughput, peak memory), then the local API under a bounded
 * autocannon run (a fixed request count) on 127.0.0.1: errors, non-2xx answers, latency p50/p99.
 * Only 127.0.0.1 is ever targeted.
 */
import autocannon from 'autocannon';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startApiServer } from '../bin/server';
import { GuardedHttp } from '../lambdas/adapters/guarded-http';
import { openLocalStore } from '../lambdas/adapters/local-dynamo';
import { runCycle } from '../lambdas/core/cycle';
import { defaultDetector } from '../lambdas/core/detect/detector';
import { seedFeeds } from '../lambdas/core/feeds/registry';
import { silentLogger } from '../lambdas/core/logger';
import { systemClock } from '../lambdas/core/ports';

export interface LoadOptions {
  /** Articles served and processed. @default 1200 */
  articles?: number;
  /** Local news sites (distinct host:port, so per-host limits apply as in real runs). @default 4 */
  sites?: number;
  /** Requests per API route in the autocannon run. @default 2000 */
  apiRequests?: number;
  /** Concurrent API connections. @default 10 */
  apiConnections?: number;
}

export interface ApiRouteFigures {
  path: string;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadFigures {
  pipeline: {
    articles: number;
    extracted: number;
    failed: number;
    claims: number;
    seconds: number;
    articlesPerSecond: number;
    peakRssMb: number;
    rssGrowthMb: number;
  };
  api: ApiRouteFigures[];
}

const ACCUSED = [
  ["Russia's GRU military intelligence agency", 'APT28'],
  ["China's Ministry of State Security", 'APT41'],
  ['North Korea', 'the Lazarus Group'],
  ["Iran's Revolutionary Guard", 'APT33'],
];

/** A ~12 kB news page: navigation, the story (every third one without attribution), footer. */
function page(i: number): string {
  const [state, group] = ACCUSED[i % ACCUSED.length]!;
  const attributed = i % 3 !== 0;
  const title = attributed
    ? `Officials blame ${group} for breach number ${i}`
    : `Council approves budget number ${i}`;
  const body = attributed
    ? `<p>Government officials said on Tuesday that hackers working for ${state} breached the email servers of agency number ${i} last month, stealing documents.</p><p>The officials said they had assessed with high confidence that the group known as ${group} carried out the intrusion, citing forensic evidence gathered by investigators.</p><p>A spokesman denied any involvement and called the accusation baseless.</p>`
    : `<p>The city council approved the budget for year ${i} after a long debate.</p><p>The mayor said the plan would fund schools and roads, and the opposition said it was too expensive.</p>`;
  const links = Array.from(
    { length: 80 },
    (_, k) => `<li><a href="/section/${k}">Section headline ${k}</a></li>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><nav><ul>${links}</ul></nav><article><h1>${title}</h1>${body.repeat(3)}</article><footer><ul>${links}</ul></footer></body></html>`;
}

async function startSite(site: number, count: number, offset: number) {
  let base = '';
  const server = http.createServer((req, res) => {
    const m = /^\/story\/(\d+)$/.exec(req.url ?? '');
    if (req.url === '/feed') {
      const items = Array.from(
        { length: count },
        (_, k) =>
          `<item><title>Story ${offset + k}</title><link>${base}/story/${offset + k}</link></item>`,
      ).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Site ${site}</title>${items}</channel></rss>`,
      );
    }
    if (m) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(page(Number(m[1])));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function autocannonRun(url: string, amount: number, connections: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, amount, connections, timeout: 10 }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

/** Runs the load benchmarks and returns their figures (the caller prints and records them). */
export async function benchLoad(opts: LoadOptions = {}): Promise<LoadFigures> {
  const total = opts.articles ?? 1200;
  const siteCount = opts.sites ?? 4;
  const per = Math.ceil(total / siteCount);
  const sites = await Promise.all(
    Array.from({ length: siteCount }, (_, s) => startSite(s, per, s * per)),
  );
  const local = await openLocalStore({ inMemory: true });
  const httpClient = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'] });
  try {
    await seedFeeds(
      local.store,
      sites.map((s, i) => ({
        id: `site-${i}`,
        name: `Site ${i}`,
        url: `${s.base}/feed`,
        enabled: true,
        prefilter: false,
      })),
      systemClock,
    );
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const t0 = performance.now();
    const summary = await runCycle(
      {
        store: local.store,
        http: httpClient,
        clock: systemClock,
        detector: defaultDetector(),
        logger: silentLogger,
      },
      { processConcurrency: 8, processPerHost: 2, retryDelayMs: 100 },
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const pipeline = {
      articles: summary.processed,
      extracted: summary.extracted,
      failed: summary.failedArticles,
      claims: summary.claims,
      seconds: Number(seconds.toFixed(1)),
      articlesPerSecond: Number((summary.processed / seconds).toFixed(1)),
      peakRssMb: Math.round(peak / 1e6),
      rssGrowthMb: Math.round((peak - rss0) / 1e6),
    };

    // The local API over the store the pipeline just filled.
    const api = await startApiServer({
      store: local.store,
      port: 0,
      cursorSecret: 'bench'.repeat(13),
      logger: silentLogger,
    });
    const figures: ApiRouteFigures[] = [];
    try {
      for (const p of ['/health', '/claims?limit=20', '/claims?accused=APT28&limit=20', '/feeds']) {
        const r = await autocannonRun(
          `${api.url}${p}`,
          opts.apiRequests ?? 2000,
          opts.apiConnections ?? 10,
        );
        figures.push({
          path: p,
          requests: r.requests.total,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          rps: Math.round(r.requests.total / Math.max(r.duration, 0.001)),
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          maxMs: r.latency.max,
        });
      }
    } finally {
      await api.close();
    }
    return { pipeline, api: figures };
  } finally {
    httpClient.close();
    await local.close();
    await Promise.all(sites.map((s) => s.close()));
  }
}

/** Prints the figures as the tables docs/benchmarks.md quotes. */
export function printLoad(f: LoadFigures): void {
  const p = f.pipeline;
  console.log(
    `pipeline: ${p.articles} articles (${p.extracted} extracted, ${p.failed} failed, ${p.claims} claims) in ${p.seconds} s = ${p.articlesPerSecond} articles/s; peak RSS ${p.peakRssMb} MB (+${p.rssGrowthMb} MB)`,
  );
  console.log('| route | requests | errors | non-2xx | req/s | p50 | p99 | max |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of f.api)
    console.log(
      `| \`${r.path}\` | ${r.requests} | ${r.errors + r.timeouts} | ${r.non2xx} | ${r.rps} | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.maxMs} ms |`,
    );
}

if (require.main === module) {
  benchLoad()
    .then((f) => {
      printLoad(f);
      console.log(JSON.stringify(f));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
