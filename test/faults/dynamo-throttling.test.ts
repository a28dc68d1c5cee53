/**
 * DynamoDB throttling and transient errors: a proxy on 127.0.0.1 in front of dynalite answers
 * the first N requests with ProvisionedThroughputExceededException (or a 500, or a reset
 * connection). The AWS SDK's standard retry strategy retries them with exponential backoff and
 * jitter — the store needs no retry loop of its own — and surfaces the error once its attempts
 * (6 for the local store, the SDK default of 3 on Lambda) are exhausted.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { startDynalite } from '../../lambdas/adapters/local-dynamo';
import { CollectingQueue } from '../../lambdas/core/cycle';
import { pollFeeds } from '../../lambdas/core/feeds/poll';
import { newFeedRecord } from '../../lambdas/core/feeds/registry';
import { silentLogger } from '../../lambdas/core/logger';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { recordFigure } from '../security/measure';

type Fault = 'throttle' | 'server-error' | 'reset';

/** A fault-injecting proxy: the next `failures` requests fail with `fault`, the rest pass. */
class FaultProxy {
  failures = 0;
  fault: Fault = 'throttle';
  requests = 0;
  failed = 0;
  private server!: Server;
  url = '';
  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    const target = new URL(this.target);
    this.server = http.createServer((req, res) => {
      this.requests++;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.failures > 0) {
          this.failures--;
          this.failed++;
          if (this.fault === 'reset') return void req.socket.destroy();
          const [status, type] =
            this.fault === 'throttle'
              ? [400, 'ProvisionedThroughputExceededException']
              : [500, 'InternalServerError'];
          res.writeHead(status, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-requestid': 'fault',
          });
          return void res.end(
            JSON.stringify({
              __type: `com.amazonaws.dynamodb.v20120810#${type}`,
              message: `injected ${type}`,
            }),
          );
        }
        const up = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (upRes) => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.on('error', () => res.destroy());
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
}

let dynalite: { endpoint: string; server: Server };
let proxy: FaultProxy;
const clients: DynamoDBClient[] = [];
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A store as the CLI wires it (maxAttempts 6), or as the Lambdas do (SDK default, 3). */
function store(maxAttempts?: number): DynamoStore {
  const client = new DynamoDBClient({
    endpoint: proxy.url,
    region: 'us-east-1',
    credentials,
    ...(maxAttempts ? { maxAttempts } : {}),
  });
  clients.push(client);
  return new DynamoStore({ client, tableName: 'throttled' });
}

beforeAll(async () => {
  dynalite = await startDynalite();
  proxy = new FaultProxy(dynalite.endpoint);
  await proxy.start();
  await store(6).ensureTable();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await proxy.close();
  await new Promise((r) => dynalite.server.close(r));
});
beforeEach(() => {
  proxy.requests = 0;
  proxy.failed = 0;
  proxy.failures = 0;
  proxy.fault = 'throttle';
});

const clock = new TestClock();
const feed = (id: string) => ({
  ...newFeedRecord({ id, url: `https://example.com/${id}` }, clock),
});

describe('DynamoDB faults', () => {
  it.each<[Fault, number]>([
    ['throttle', 3],
    ['server-error', 3],
    ['reset', 2],
  ])('retries %s (%s times) with backoff and succeeds', async (fault, n) => {
    const s = store(6);
    proxy.fault = fault;
    proxy.failures = n;
    const t0 = performance.now();
    await s.putFeed(feed(`f-${fault}`));
    const elapsed = Math.round(performance.now() - t0);
    expect(proxy.failed).toBe(n);
    expect(proxy.requests).toBe(n + 1);
    expect((await s.getFeed(`f-${fault}`))?.id).toBe(`f-${fault}`);
    recordFigure('dynamo-retry', { fault, failures: n, elapsedMs: elapsed });
  });

  it('surfaces throttling once the attempts are exhausted', async () => {
    const s = store(3);
    proxy.failures = 100;
    const e = (await s.putFeed(feed('f-exhausted')).catch((x: unknown) => x)) as {
      name: string;
      $metadata: { attempts?: number; totalRetryDelay?: number };
    };
    expect(e.name).toBe('ProvisionedThroughputExceededException');
    expect(e.$metadata.attempts).toBe(3);
    expect(proxy.requests).toBe(3);
    expect(e.$metadata.totalRetryDelay).toBeGreaterThan(0);
    recordFigure('dynamo-retry', {
      fault: 'throttle-exhausted',
      attempts: 3,
      totalRetryDelayMs: e.$metadata.totalRetryDelay,
    });
  });

  it('the Lambdas use the SDK default attempts, the local store 6', async () => {
    const s = store();
    const defaultAttempts = await clients[clients.length - 1]!.config.maxAttempts();
    proxy.failures = 100;
    const e = (await s.getFeed('x').catch((x: unknown) => x)) as {
      name: string;
      $metadata: { attempts?: number };
    };
    expect(e.name).toBe('ProvisionedThroughputExceededException');
    expect(e.$metadata.attempts).toBe(defaultAttempts);
    const local = await memoryStore();
    try {
      expect(await local.client.config.maxAttempts()).toBe(6);
    } finally {
      await local.close();
    }
    recordFigure('dynamo-retry', { sdkDefaultAttempts: defaultAttempts, localAttempts: 6 });
  });

  describe('through the poller', () => {
    let site: TestServer;
    let guarded: GuardedHttp;
    beforeAll(async () => {
      site = await startServer({
        '/feed': send(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Hackers breach bank</title><link>https://example.com/a</link></item></channel></rss>`,
          { 'content-type': 'application/rss+xml' },
        ),
      });
      guarded = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'] });
    });
    afterAll(async () => {
      guarded.close();
      await site.close();
    });

    it('a poll completes through intermittent throttling', async () => {
      const s = store(6);
      await s.createFeed({
        ...newFeedRecord({ id: 'polled', url: `${site.url}/feed`, prefilter: false }, clock),
      });
      proxy.failures = 2;
      const r = await pollFeeds(
        { store: s, http: guarded, queue: new CollectingQueue(), clock, logger: silentLogger },
        { feedIds: ['polled'] },
      );
      expect(r.feeds[0]).toMatchObject({ outcome: 'updated', newArticles: 1 });
      expect(proxy.failed).toBe(2);
    });

    it('a poll under exhausted throttling fails loudly instead of losing work', async () => {
      const s = store(2);
      proxy.failures = 1000;
      await expect(
        pollFeeds(
          { store: s, http: guarded, queue: new CollectingQueue(), clock, logger: silentLogger },
          { feedIds: ['polled'], force: true },
        ),
      ).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    });
  });
});
