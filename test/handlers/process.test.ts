/**
 * The process handler with SQS batches as Lambda delivers them, against dynalite and news pages
 * on 127.0.0.1: a poison record or a transient failure fails alone (ReportBatchItemFailures).
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { silentLogger } from '../../lambdas/core/logger';
import { urlId } from '../../lambdas/core/url';
import { makeHandler, type ProcessHandlerDeps } from '../../lambdas/process/handler';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { ATTRIBUTION_PAGE, lambdaContext, MetricsRecorder } from './fixtures';

let server: TestServer;
let local: LocalStore;
let http: GuardedHttp;
let metrics: MetricsRecorder;
let deps: ProcessHandlerDeps;
const detector = defaultDetector();

function record(messageId: string, body: string, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `AQEB${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1763640000000',
      SenderId: 'AROAEXAMPLE:poll',
      ApproximateFirstReceiveTimestamp: '1763640000100',
    },
    messageAttributes: {},
    md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
    awsRegion: 'eu-west-1',
  };
}

const job = (path: string) => {
  const url = `${server.url}${path}`;
  return JSON.stringify({ articleId: urlId(url), url, feedId: 'local-news' });
};

beforeEach(async () => {
  server = await startServer({
    '/story': send(ATTRIBUTION_PAGE, { 'content-type': 'text/html; charset=utf-8' }),
    '/flaky': send('busy', { 'content-type': 'text/plain' }, 503),
  });
  local = await memoryStore();
  http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'], totalTimeoutMs: 5000 });
  metrics = new MetricsRecorder();
  deps = {
    store: local.store,
    http,
    clock: new TestClock(),
    detector,
    logger: silentLogger,
    metrics,
  };
});
afterEach(async () => {
  http.close();
  await local.close();
  await server.close();
});

it('processes the good records and reports only the poison one', async () => {
  const event: SQSEvent = {
    Records: [
      record('11111111-aaaa-4000-8000-000000000001', job('/story')),
      record('22222222-bbbb-4000-8000-000000000002', '{"articleId": "x", "url": '),
    ],
  };
  const res = await makeHandler(() => deps)(event, lambdaContext('process'));
  expect(res).toEqual({
    batchItemFailures: [{ itemIdentifier: '22222222-bbbb-4000-8000-000000000002' }],
  });
  const article = await local.store.getArticle(urlId(`${server.url}/story`));
  expect(article).toMatchObject({ status: 'extracted', isAttribution: true });
  expect(article!.claimCount).toBeGreaterThan(0);
  expect(metrics.counts.get('ArticlesProcessed')).toBe(1);
  expect(metrics.counts.get('ClaimsFound')).toBe(article!.claimCount);
  expect(metrics.flushes).toBe(1);
});

it('rejects a well-formed message that is not a job', async () => {
  const res = await makeHandler(() => deps)(
    {
      Records: [record('m-1', JSON.stringify({ articleId: '../../x', url: 'file:///etc/passwd' }))],
    },
    lambdaContext('process'),
  );
  expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
});

it('hands a transient failure back to the queue, and records it as failed on the last attempt', async () => {
  const handler = makeHandler(() => ({ ...deps, maxAttempts: 2 }));
  const event: SQSEvent = {
    Records: [record('m-flaky', job('/flaky')), record('m-ok', job('/story'))],
  };
  expect(await handler(event, lambdaContext('process'))).toEqual({
    batchItemFailures: [{ itemIdentifier: 'm-flaky' }],
  });
  const id = urlId(`${server.url}/flaky`);
  expect(await local.store.getArticle(id)).toMatchObject({ status: 'pending', attempts: 1 });
  // Redelivered: the second attempt is the last, so the failure is recorded and the message deleted.
  const again = await handler({ Records: [record('m-flaky', job('/flaky'), 2)] }, lambdaContext());
  expect(again).toEqual({ batchItemFailures: [] });
  expect(await local.store.getArticle(id)).toMatchObject({ status: 'failed', attempts: 2 });
  expect(metrics.counts.get('FetchFailures')).toBe(2);
});

it('is idempotent for a redelivered job', async () => {
  const handler = makeHandler(() => deps);
  await handler({ Records: [record('m-1', job('/story'))] }, lambdaContext());
  const res = await handler({ Records: [record('m-1', job('/story'), 2)] }, lambdaContext());
  expect(res).toEqual({ batchItemFailures: [] });
  expect(server.hits.get('/story')).toBe(1);
});
