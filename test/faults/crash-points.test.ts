/**
 * Crash consistency, exhaustively: a run is frozen after its k-th store write, for every k (a
 * Lambda timing out mid-batch, a process killed between two writes), then the batch is
 * redelivered — or the local cycle rerun — against the same table. Whatever k, the end state is
 * the uninterrupted run's: every article extracted once, every claim stored once under its
 * article and once per index.
 */
import type { SQSRecord } from 'aws-lambda';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { runCycle } from '../../lambdas/core/cycle';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { seedFeeds } from '../../lambdas/core/feeds/registry';
import { silentLogger } from '../../lambdas/core/logger';
import type { Store } from '../../lambdas/core/ports';
import { ARTICLE_STATUSES } from '../../lambdas/core/records';
import { urlId } from '../../lambdas/core/url';
import { makeHandler } from '../../lambdas/process/handler';
import { lambdaContext, MetricsRecorder } from '../handlers/fixtures';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { story } from './news';

const PAGES = 3;
const READS = /^(get|list|query|existing)/;

/**
 * A store that lets `budget` writes through, then freezes: every later call never settles, as
 * in a process that died or a Lambda that hit its timeout. `writes` counts what got through.
 */
function freezingStore(store: Store, budget: number) {
  const state = { writes: 0, frozen: false };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (state.frozen) return new Promise(() => {});
        if (!READS.test(String(prop))) {
          if (state.writes >= budget) {
            state.frozen = true;
            return new Promise(() => {});
          }
          state.writes++;
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, state };
}

async function settleOrFreeze(p: Promise<unknown>, state: { frozen: boolean }) {
  await Promise.race([
    p.catch(() => undefined),
    new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (state.frozen) {
          clearInterval(t);
          resolve();
        }
      }, 5);
    }),
  ]);
}

async function endState(store: Store) {
  const articles = [];
  for (const s of ARTICLE_STATUSES) articles.push(...(await store.listArticlesByStatus(s)));
  const claims: string[] = [];
  const indexed: string[] = [];
  for (const a of articles) {
    const cs = await store.listClaimsForArticle(a.id);
    claims.push(...cs.map((c) => c.id));
    for (const c of cs) {
      for (const by of ['accused', 'accused-country'] as const) {
        const value = by === 'accused' ? null : c.accused.country;
        if (!value) continue;
        indexed.push(
          ...(await store.queryClaims({ index: { by, value } }))
            .filter((x) => x.id === c.id)
            .map((x) => `${by}:${x.id}`),
        );
      }
    }
  }
  const days = [...new Set(articles.map((a) => a.updatedAt.slice(0, 10)))];
  for (const day of days)
    indexed.push(
      ...(await store.queryClaims({ index: { by: 'day', value: day } })).map((c) => `day:${c.id}`),
    );
  return {
    articles: articles.map((a) => `${a.id}:${a.status}`).sort(),
    claims: claims.sort(),
    indexed: indexed.sort(),
  };
}

let server: TestServer;
let http: GuardedHttp;
const detector = defaultDetector();

beforeAll(async () => {
  server = await startServer();
  const items: string[] = [];
  for (let i = 0; i < PAGES; i++) {
    server.routes.set(`/s/${i}`, send(story(i), { 'content-type': 'text/html; charset=utf-8' }));
    items.push(`<item><title>Story ${i}</title><link>${server.url}/s/${i}</link></item>`);
  }
  server.routes.set(
    '/feed',
    send(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items.join('')}</channel></rss>`,
      {
        'content-type': 'application/rss+xml',
      },
    ),
  );
  http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'], totalTimeoutMs: 5000 });
});
afterAll(async () => {
  http.close();
  await server.close();
});

describe('the process Lambda, timed out mid-batch and redelivered', () => {
  const record = (i: number, receiveCount: number): SQSRecord => {
    const url = `${server.url}/s/${i}`;
    return {
      messageId: `m-${i}`,
      receiptHandle: `r-${i}`,
      body: JSON.stringify({ articleId: urlId(url), url, feedId: 'f' }),
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: '1763640000000',
        SenderId: 'poll',
        ApproximateFirstReceiveTimestamp: '1763640000100',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
      awsRegion: 'eu-west-1',
    };
  };
  const batch = (n: number) => ({ Records: Array.from({ length: PAGES }, (_, i) => record(i, n)) });
  const deps = (store: Store) => ({
    store,
    http,
    clock: new TestClock(),
    detector,
    logger: silentLogger,
    metrics: new MetricsRecorder(),
  });

  it('ends in the same state whichever write the timeout interrupts', async () => {
    const ref: LocalStore = await memoryStore();
    const counting = freezingStore(ref.store, Infinity);
    await makeHandler(() => deps(counting.store))(batch(1), lambdaContext('process'));
    const expected = await endState(ref.store);
    await ref.close();
    expect(expected.claims.length).toBeGreaterThanOrEqual(PAGES);
    const total = counting.state.writes;
    expect(total).toBeGreaterThanOrEqual(PAGES * 3);

    for (let k = 0; k < total; k++) {
      const local = await memoryStore();
      try {
        const frozen = freezingStore(local.store, k);
        await settleOrFreeze(
          makeHandler(() => deps(frozen.store))(batch(1), lambdaContext('process')),
          frozen.state,
        );
        expect([k, frozen.state.frozen]).toEqual([k, true]);
        const res = await makeHandler(() => deps(local.store))(batch(2), lambdaContext('process'));
        expect([k, res.batchItemFailures]).toEqual([k, []]);
        expect([k, await endState(local.store)]).toEqual([k, expected]);
      } finally {
        await local.close();
      }
    }
  }, 90_000);
});

describe('the local cycle, killed between two writes and rerun', () => {
  const seed = (store: Store, clock: TestClock) =>
    seedFeeds(
      store,
      [{ id: 'f', name: 'F', url: `${server.url}/feed`, enabled: true, prefilter: false }],
      clock,
    );
  const cycle = (store: Store, clock: TestClock) =>
    runCycle(
      { store, http, clock, detector, logger: silentLogger },
      { force: true, retryDelayMs: 1 },
    );

  it('ends in the same state whichever write the kill interrupts', async () => {
    const ref = await memoryStore();
    const clock = new TestClock();
    await seed(ref.store, clock);
    const counting = freezingStore(ref.store, Infinity);
    await cycle(counting.store, clock);
    const expected = await endState(ref.store);
    await ref.close();
    const total = counting.state.writes;

    for (let k = 0; k < total; k++) {
      const local = await memoryStore();
      try {
        const c = new TestClock();
        await seed(local.store, c);
        const frozen = freezingStore(local.store, k);
        await settleOrFreeze(cycle(frozen.store, c), frozen.state);
        c.advance(60_000);
        const rerun = await cycle(local.store, c);
        expect([k, rerun.failedArticles]).toEqual([k, 0]);
        expect([k, await endState(local.store)]).toEqual([k, expected]);
      } finally {
        await local.close();
      }
    }
  }, 90_000);
});
