/**
 * `npm run bench`: speed as ratios against baselines measured in the same run.
 *
 * 1. Page pipeline: our fetch (guarded HTTP from a 127.0.0.1 server) + extract + detect + store
 *    (dynalite) per page, against bare `new JSDOM(html)` + `new Readability(doc).parse()` on the
 *    same pages. Goal ≤ 1.15×.
 * 2. Detection per article: median and p95 ms over the corpus, and for ~1,000-word articles.
 *    Goal ≤ 5 ms median for 1,000 words.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import fs from 'node:fs';
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
import { startDemoSite } from '../bin/demo-site';
import { loadCorpus } from './eval-lib';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function pagePipeline(rounds: number) {
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
  const htmls = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
  const quiet = new VirtualConsole();
  const bare = () => {
    for (let i = 0; i < htmls.length; i++) {
      const dom = new JSDOM(htmls[i]!, { url: urls[i] });
      new Readability(dom.window.document).parse();
      dom.window.close();
    }
  };
  void quiet;
  let n = 0;
  const ours = async () => {
    n++;
    for (const u of urls) {
      // A fresh article id per round so every page is fetched, extracted, detected and stored.
      const url = `${u}?round=${n}`;
      await processArticle(deps, { articleId: urlId(url), url });
    }
  };
  // Warm-up (JIT, connection pool, table creation).
  bare();
  await ours();
  const bareTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Interleave so machine noise hits both sides alike.
    let t = performance.now();
    bare();
    bareTimes.push((performance.now() - t) / htmls.length);
    t = performance.now();
    await ours();
    ourTimes.push((performance.now() - t) / htmls.length);
  }
  http.close();
  await store.close();
  await site.close();
  const bareMed = quantile(bareTimes, 0.5);
  const ourMed = quantile(ourTimes, 0.5);
  return { pages: htmls.length, rounds, bareMed, ourMed, ratio: ourMed / bareMed };
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

  const d = detection();
  console.log('## Detection (one core)');
  console.log(
    `corpus (${d.corpusArticles} articles): median ${ms(d.corpusMedian)}, p95 ${ms(d.corpusP95)}`,
  );
  console.log(
    `~${d.longWords}-word articles: median ${ms(d.longMedian)}, p95 ${ms(d.longP95)}  (goal: median ≤ 5 ms)\n`,
  );

  const p = await pagePipeline(Number(process.env.BENCH_ROUNDS ?? 15));
  console.log('## Page pipeline vs bare jsdom + Readability (same pages, same run)');
  console.log(`${p.pages} demo pages × ${p.rounds} rounds, median per page:`);
  console.log(`  bare new JSDOM(html) + Readability.parse(): ${ms(p.bareMed)}`);
  console.log(`  ours: fetch + extract + detect + store:      ${ms(p.ourMed)}`);
  console.log(`  ratio: ${p.ratio.toFixed(3)}×  (goal ≤ 1.15×)`);
  const outFile = path.join(__dirname, '..', 'docs', 'bench-latest.json');
  fs.writeFileSync(
    outFile,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: cpu,
        node: process.version,
        detection: d,
        pipeline: p,
      },
      null,
      2,
    ) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
