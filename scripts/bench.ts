/**
 * `npm run bench`: speed as ratios against baselines measured in the same run.
 *
 * 1. Page pipeline: our fetch (guarded HTTP from a 127.0.0.1 server) + extract + detect + store
 *    (dynalite) per page, against bare `new JSDOM(html)` + `new Readability(doc).parse()` on the
 *    same pages. Goal ≤ 1.15×.
 * 2. Detection per article: median and p95 ms over the corpus, and for ~1,000-word articles.
 *    Goal ≤ 5 ms median for 1,000 words.
 * 3. Lambda bundle sizes and module init time (scripts/bench-bundles.ts).
 * 4. The query API over 100,000 claims and exports of 10,000 (scripts/bench-query.ts).
 * 5. Digests for 10,000 subscribers over 5,000 claims (scripts/bench-digest.ts).
 * 6. Load: the pipeline over ≥ 1,000 articles and the local API under autocannon (scripts/bench-load.ts).
 * 7. Memory: the process Lambda alone in one warm process over ≥ 1,000 pages, the table in a
 *    dynalite child process (scripts/bench-memory.ts).
 * 8. Feed parsing: the strict pass against the lenient one on malformed feeds (scripts/bench-feeds.ts).
 * 9. Incidents: clustering 10,000 claims, against detection on the same articles, and the
 *    store-backed job (scripts/bench-incidents.ts).
 *
 * `npm run bench -- detect pipeline bundles query digest load memory feeds incidents` runs a
 * subset (default: all).
 */
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import fs from 'node:fs';
import nodeHttp from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { GuardedHttp } from '../lambdas/adapters/guarded-http';
import { openLocalStore } from '../lambdas/adapters/local-dynamo';
import { defaultDetector } from '../lambdas/core/detect/detector';
import { silentLogger } from '../lambdas/core/logger';
import { processArticle } from '../lambdas/core/process';
import { systemClock } from '../lambdas/core/ports';
import { urlId } from '../lambdas/core/url';
import { quietSdkNodeWarning } from '../lambdas/adapters/sdk-node-warning';
import { startDemoSite } from '../bin/demo-site';
import { benchBundles, printBundles } from './bench-bundles';
import { benchDigest } from './bench-digest';
import { benchFeeds, printFeeds } from './bench-feeds';
import { benchIncidents } from './bench-incidents';
import { benchLoad, printLoad } from './bench-load';
import { benchQuery } from './bench-query';
import { loadCorpus } from './eval-lib';
import { benchMemory, printMemory } from './bench-memory';
import { realisticPage } from './bench-pages';

quietSdkNodeWarning();

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function pagePipeline(rounds: number, realistic: boolean) {
  const site = await startDemoSite(path.join(__dirname, '..', 'demo', 'site'));
  const store = await openLocalStore({ inMemory: true });
  const http = new GuardedHttp({ allowPrivateNetworks: true });
  const deps = {
    store: store.store,
    http,
    clock: systemClock,
    detector: defaultDetector(),
    logger: silentLogger,
  };
  const urls = site.items.map((i) => `${site.url}/articles/${i.slug}.html`);
  const fetched = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
  const htmls = realistic ? fetched.map((h, i) => realisticPage(h, i)) : fetched;
  // Serve the exact pages the baseline parses.
  const server = http_createServer(htmls);
  const base = await server.listen();
  const pageUrls = htmls.map((_, i) => `${base}/p/${i}`);
  const bare = () => {
    for (let i = 0; i < htmls.length; i++) {
      const dom = new JSDOM(htmls[i]!, { url: pageUrls[i] });
      new Readability(dom.window.document).parse();
      dom.window.close();
    }
  };
  let n = 0;
  const ours = async () => {
    n++;
    // The poll step has already created each article (pending) before the page is processed;
    // what is timed is the processor's work: fetch, extract, detect, store.
    const jobs = pageUrls.map((u) => {
      const url = `${u}?round=${n}`;
      return { articleId: urlId(url), url };
    });
    const now = new Date().toISOString();
    for (const j of jobs)
      await store.store.createArticle({
        id: j.articleId,
        url: j.url,
        status: 'pending',
        attempts: 0,
        discoveredAt: now,
        updatedAt: now,
      });
    const t = performance.now();
    for (const j of jobs) await processArticle(deps, j);
    return performance.now() - t;
  };
  // Warm-up (JIT, connection pool, table creation).
  bare();
  await ours();
  const bareTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Interleave so machine noise hits both sides alike.
    const t = performance.now();
    bare();
    bareTimes.push((performance.now() - t) / htmls.length);
    ourTimes.push((await ours()) / htmls.length);
  }
  http.close();
  await store.close();
  await server.close();
  await site.close();
  const bareMed = quantile(bareTimes, 0.5);
  const ourMed = quantile(ourTimes, 0.5);
  const kb = Math.round(htmls.reduce((a, h) => a + h.length, 0) / htmls.length / 1024);
  return { pages: htmls.length, kb, rounds, bareMed, ourMed, ratio: ourMed / bareMed };
}

/** A tiny server for the benchmark's pages on 127.0.0.1. */
function http_createServer(pages: string[]) {
  const server = nodeHttp.createServer((req, res) => {
    const i = Number(/\/p\/(\d+)/.exec(req.url ?? '')?.[1]);
    const page = pages[i];
    if (page === undefined) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  return {
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`),
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function detection() {
  const detector = defaultDetector();
  const corpus = [...loadCorpus('dev'), ...loadCorpus('test')];
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    for (const a of corpus) {
      const t = performance.now();
      detector.detect({ text: a.text, title: a.title });
      if (r > 0) times.push(performance.now() - t);
    }
  }
  // ~1,000-word articles: attribution stories joined until they reach 1,000 words.
  const long: string[] = [];
  const stories = corpus.filter((a) => a.label.isAttribution);
  for (let i = 0; i < stories.length; i++) {
    let text = '';
    for (let k = 0; text.split(/\s+/).length < 1000; k++)
      text += `${stories[(i + k) % stories.length]!.text}\n\n`;
    long.push(text);
  }
  const longTimes: number[] = [];
  for (let r = 0; r < 5; r++) {
    for (const t0 of long) {
      const t = performance.now();
      detector.detect({ text: t0 });
      if (r > 0) longTimes.push(performance.now() - t);
    }
  }
  const words = Math.round(long.reduce((a, t) => a + t.split(/\s+/).length, 0) / long.length);
  return {
    corpusArticles: corpus.length,
    corpusMedian: quantile(times, 0.5),
    corpusP95: quantile(times, 0.95),
    longWords: words,
    longMedian: quantile(longTimes, 0.5),
    longP95: quantile(longTimes, 0.95),
  };
}

async function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`# Attribution Watch benchmark — ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}\n`,
  );

  const wanted = new Set(process.argv.slice(2));
  const run = (part: string) => wanted.size === 0 || wanted.has(part);
  const results: Record<string, unknown> = {};

  if (run('detect')) {
    const d = detection();
    results.detection = d;
    console.log('## Detection (one core)');
    console.log(
      `corpus (${d.corpusArticles} articles): median ${ms(d.corpusMedian)}, p95 ${ms(d.corpusP95)}`,
    );
    console.log(
      `~${d.longWords}-word articles: median ${ms(d.longMedian)}, p95 ${ms(d.longP95)}  (goal: median ≤ 5 ms)\n`,
    );
  }

  if (run('pipeline')) {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
    const pipelines = [await pagePipeline(rounds, false), await pagePipeline(rounds, true)];
    results.pipeline = pipelines;
    console.log('## Page pipeline vs bare jsdom + Readability (same pages, same run)');
    for (const [label, p] of [
      ['demo pages as written', pipelines[0]!],
      ['demo articles in realistic page boilerplate', pipelines[1]!],
    ] as const) {
      console.log(
        `${label}: ${p.pages} pages of ~${p.kb} kB × ${p.rounds} rounds, median per page:`,
      );
      console.log(`  bare new JSDOM(html) + Readability.parse(): ${ms(p.bareMed)}`);
      console.log(`  ours: fetch + extract + detect + store:      ${ms(p.ourMed)}`);
      console.log(`  ratio: ${p.ratio.toFixed(3)}×  (goal ≤ 1.15×)`);
    }
    console.log('');
  }

  if (run('bundles')) {
    const bundles = await benchBundles();
    results.bundles = bundles;
    printBundles(bundles);
    console.log('');
  }

  if (run('query')) {
    console.log('## Query API and exports');
    results.query = await benchQuery();
    console.log('');
  }

  if (run('digest')) {
    console.log('## Digests');
    results.digest = await benchDigest();
    console.log('');
  }

  if (run('feeds')) {
    const feeds = await benchFeeds();
    results.feeds = feeds;
    printFeeds(feeds);
    console.log('');
  }

  if (run('incidents')) {
    console.log('## Incidents');
    const incidents = await benchIncidents();
    results.incidents = incidents;
    console.log('');
  }

  if (run('load')) {
    console.log('## Load');
    const load = await benchLoad();
    results.load = load;
    printLoad(load);
  }

  if (run('memory')) {
    console.log('## Warm process Lambda memory');
    const memory = await benchMemory();
    results.memory = { ...memory, samples: undefined };
    printMemory(memory);
    console.log('');
  }

  const outFile = path.join(__dirname, '..', 'docs', 'bench-latest.json');
  fs.writeFileSync(
    outFile,
    JSON.stringify(
      { date: new Date().toISOString(), machine: cpu, node: process.version, ...results },
      null,
      2,
    ) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
