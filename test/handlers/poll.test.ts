/**
 * The poll handler with a Scheduler event, against dynalite and a feed on 127.0.0.1; SQS is
 * checked at the SDK boundary (aws-sdk-client-mock).
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { SqsQueue } from '../../lambdas/adapters/sqs-queue';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { silentLogger } from '../../lambdas/core/logger';
import { detectAndStore } from '../../lambdas/core/process';
import { makeHandler, type PollHandlerDeps } from '../../lambdas/poll/handler';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { fakeAws, lambdaContext, MetricsRecorder, rss } from './fixtures';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs';
const sqs = mockClient(SQSClient);
let server: TestServer;
let local: LocalStore;
let http: GuardedHttp;
let clock: TestClock;
let metrics: MetricsRecorder;
let deps: PollHandlerDeps;

/** What EventBridge Scheduler delivers with the stack's input template. */
const scheduledEvent = { kind: 'poll', scheduledTime: '2026-11-20T12:00:00Z' };

beforeEach(async () => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
    Failed: [],
  }));
  server = await startServer();
  local = await memoryStore();
  http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'], totalTimeoutMs: 2000 });
  clock = new TestClock();
  metrics = new MetricsRecorder();
  deps = {
    store: local.store,
    http,
    queue: new SqsQueue({ client: new SQSClient(fakeAws), queueUrl: QUEUE_URL, baseDelayMs: 1 }),
    clock,
    logger: silentLogger,
    metrics,
    defaultFeeds: [
      {
        id: 'local-news',
        name: 'Local news',
        url: `${server.url}/feed.xml`,
        enabled: true,
        prefilter: false,
      },
    ],
  };
});
afterEach(async () => {
  http.close();
  await local.close();
  await server.close();
});

function sentJobs() {
  return sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((c) => c.args[0].input.Entries ?? [])
    .map((e) => JSON.parse(e.MessageBody!) as { articleId: string; url: string; feedId?: string });
}

it('seeds the default feeds, polls them and enqueues new articles on SQS', async () => {
  server.routes.set(
    '/feed.xml',
    send(
      rss([
        { title: 'One', link: `${server.url}/a1` },
        { title: 'Two', link: `${server.url}/a2` },
      ]),
      { 'content-type': 'application/rss+xml' },
    ),
  );
  const result = await makeHandler(() => deps)(scheduledEvent, lambdaContext('poll'));
  expect(result).toMatchObject({ seeded: 1, polled: 1, failed: 0, newArticles: 2, resumed: 0 });
  const calls = sqs.commandCalls(SendMessageBatchCommand);
  expect(calls).toHaveLength(1);
  expect(calls[0]!.args[0].input.QueueUrl).toBe(QUEUE_URL);
  expect(sentJobs().map((j) => j.url)).toEqual([`${server.url}/a1`, `${server.url}/a2`]);
  expect(sentJobs()[0]).toMatchObject({ feedId: 'local-news' });
  expect(metrics.counts.get('FeedsPolled')).toBe(1);
  expect(metrics.counts.get('ArticlesEnqueued')).toBe(2);
  expect(metrics.flushes).toBe(1);
  expect((await local.store.listArticlesByStatus('pending')).length).toBe(2);

  // The next run: nothing due, nothing sent, nothing seeded again.
  sqs.resetHistory();
  const again = await makeHandler(() => deps)(scheduledEvent, lambdaContext('poll'));
  expect(again).toMatchObject({ seeded: 0, polled: 0, newArticles: 0 });
  expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
});

it('sends in batches of ten and retries the entries SQS failed', async () => {
  const items = Array.from({ length: 13 }, (_, i) => ({
    title: `Item ${i}`,
    link: `${server.url}/p${i}`,
  }));
  server.routes.set('/feed.xml', send(rss(items), { 'content-type': 'application/rss+xml' }));
  let first = true;
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => {
    const failOne = first;
    first = false;
    return {
      Successful: input.Entries.slice(failOne ? 1 : 0).map((e) => ({ Id: e.Id, MessageId: 'm' })),
      Failed: failOne
        ? [{ Id: input.Entries[0]!.Id, Code: 'InternalError', SenderFault: false, Message: 'x' }]
        : [],
    };
  });
  await makeHandler(() => deps)(scheduledEvent);
  const sizes = sqs
    .commandCalls(SendMessageBatchCommand)
    .map((c) => c.args[0].input.Entries!.length);
  expect(sizes).toEqual([10, 1, 3]);
  expect(new Set(sentJobs().map((j) => j.url)).size).toBe(13);
});

it('re-enqueues articles stuck in pending for more than an hour', async () => {
  server.routes.set('/feed.xml', send(rss([]), { 'content-type': 'application/rss+xml' }));
  const twoHoursAgo = new Date(clock.now().getTime() - 2 * 3_600_000).toISOString();
  const tenMinutesAgo = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
  for (const [id, at] of [
    ['stuck', twoHoursAgo],
    ['fresh', tenMinutesAgo],
  ] as const) {
    await local.store.createArticle({
      id,
      url: `${server.url}/${id}`,
      status: 'pending',
      attempts: 0,
      discoveredAt: at,
      updatedAt: at,
    });
  }
  const result = await makeHandler(() => deps)(scheduledEvent);
  expect(result.resumed).toBe(1);
  expect(sentJobs()).toEqual([{ articleId: 'stuck', url: `${server.url}/stuck` }]);
  expect(metrics.counts.get('ArticlesResumed')).toBe(1);
});

it('counts failing feeds and reports those failing for a day', async () => {
  server.routes.set('/feed.xml', send('down', {}, 503));
  const handler = makeHandler(() => deps);
  const r1 = await handler(scheduledEvent);
  expect(r1).toMatchObject({ failed: 1, feedsFailingForADay: [] });
  expect(metrics.counts.get('FetchFailures')).toBe(1);
  clock.advance(25 * 3_600_000);
  const r2 = await handler(scheduledEvent);
  expect(r2.feedsFailingForADay).toEqual(['local-news']);
  expect(metrics.counts.get('FeedsFailingForADay')).toBe(1);
});

it('refuses an event that is not the schedule’s', async () => {
  await expect(makeHandler(() => deps)({ 'detail-type': 'something else' })).rejects.toThrow(
    /poll: unexpected event/,
  );
});

it('places the claims the process Lambda stored since its last run into incidents', async () => {
  server.routes.set('/feed.xml', send(rss([]), { 'content-type': 'application/rss+xml' }));
  const text =
    "Britain's National Cyber Security Centre said hackers working for Russia's GRU breached the email servers of a defence contractor.\n\nThe Kremlin rejected the accusation as baseless.";
  await detectAndStore(
    { store: local.store, http, clock, detector: defaultDetector(), logger: silentLogger },
    {
      id: 'stored-by-process',
      url: `${server.url}/a`,
      status: 'pending',
      attempts: 1,
      discoveredAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
      title: 'NCSC blames the GRU',
      text,
    },
  );
  const result = await makeHandler(() => deps)(scheduledEvent);
  expect(result.incidents).toMatchObject({ articles: 1, placed: 1, opened: 1 });
  expect((await local.store.articleIncidents('stored-by-process')).size).toBe(1);
  // The next run has nothing new to place.
  const again = await makeHandler(() => deps)(scheduledEvent);
  expect(again.incidents).toMatchObject({ articles: 0, placed: 0 });
});

it('reports a failing incident job and still polls (the next run retries it)', async () => {
  server.routes.set('/feed.xml', send(rss([]), { 'content-type': 'application/rss+xml' }));
  const broken = Object.create(local.store) as typeof local.store;
  broken.takeLease = async () => {
    throw new Error('throttled');
  };
  const result = await makeHandler(() => ({ ...deps, store: broken }))(scheduledEvent);
  expect(result.polled).toBe(1);
  expect(result.incidents).toEqual({ error: 'throttled' });
});
