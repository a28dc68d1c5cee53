/**
 * The API handler with API Gateway HTTP API (payload 2.0) requests, against dynalite holding a
 * claim stored by the real pipeline.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fs from 'node:fs';
import path from 'node:path';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { deriveSigningKeys } from '../../lambdas/adapters/signing-keys';
import {
  type ApiHandlerDeps,
  depsFromEnv,
  makeHandler,
  readWebFiles,
} from '../../lambdas/api/handler';
import { PAGE_HEADERS, WEB_ASSETS } from '../../lambdas/core/api/web';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { seedFeeds } from '../../lambdas/core/feeds/registry';
import { silentLogger } from '../../lambdas/core/logger';
import { processArticle } from '../../lambdas/core/process';
import { urlId } from '../../lambdas/core/url';
import { PROJECT_ROOT } from '../../lib/constructs/watch-function';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { ATTRIBUTION_PAGE, lambdaContext } from './fixtures';

let server: TestServer;
let local: LocalStore;
let deps: ApiHandlerDeps;
const clock = new TestClock();

function request(
  path: string,
  query?: Record<string, string>,
  method = 'GET',
): APIGatewayProxyEventV2 {
  const rawQueryString = new URLSearchParams(query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString,
    headers: { accept: 'application/json', host: 'abc123.execute-api.eu-west-1.amazonaws.com' },
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '20/Nov/2026:12:00:00 +0000',
      timeEpoch: 1763640000000,
    },
    isBase64Encoded: false,
  };
}

async function call(event: APIGatewayProxyEventV2) {
  const r = await makeHandler(() => deps)(event, lambdaContext('api'));
  return { status: r.statusCode, body: JSON.parse(r.body!), headers: r.headers };
}

beforeAll(async () => {
  server = await startServer({
    '/story': send(ATTRIBUTION_PAGE, { 'content-type': 'text/html; charset=utf-8' }),
  });
  local = await memoryStore();
  const http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'] });
  const url = `${server.url}/story`;
  await processArticle(
    { store: local.store, http, clock, detector: defaultDetector(), logger: silentLogger },
    { articleId: urlId(url), url },
  );
  http.close();
  await seedFeeds(
    local.store,
    [
      {
        id: 'local-news',
        name: 'Local news',
        url: `${server.url}/feed.xml`,
        enabled: true,
        prefilter: false,
      },
    ],
    clock,
  );
  deps = { store: local.store, clock, logger: silentLogger };
});
afterAll(async () => {
  await local.close();
  await server.close();
});

it('GET /claims filters by accused country, newest first', async () => {
  const r = await call(request('/claims', { accused: 'Russia', limit: '10' }));
  expect(r.status).toBe(200);
  expect(r.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8' });
  expect(r.body.count).toBeGreaterThan(0);
  expect(r.body.claims[0]).toMatchObject({ accused: { country: 'RU' } });
});

it('GET /claims without filters lists recent claims; an unknown actor finds none', async () => {
  expect((await call(request('/claims'))).body.count).toBeGreaterThan(0);
  const none = await call(request('/claims', { accused: 'Nobody In Particular' }));
  expect(none).toMatchObject({ status: 200, body: { count: 0, claims: [] } });
});

it.each([
  [{ limit: 'ten' }, 'limit'],
  [{ limit: '0' }, 'limit'],
  [{ since: 'yesterday-ish' }, 'since'],
  [{ country: 'Atlantis' }, 'country'],
  [{ acused: 'Russia' }, 'acused'],
])('GET /claims with %j is a 400 naming %s', async (query, name) => {
  const r = await call(request('/claims', query as Record<string, string>));
  expect(r.status).toBe(400);
  expect(r.body.parameter).toBe(name);
  expect(r.body.error).toMatch(new RegExp(`^${name}: `));
});

it('GET /feeds lists the feeds without their cache validators', async () => {
  const r = await call(request('/feeds'));
  expect(r.status).toBe(200);
  expect(r.body.feeds).toEqual([
    expect.objectContaining({ id: 'local-news', enabled: true, consecutiveErrors: 0 }),
  ]);
  expect(r.body.feeds[0]).not.toHaveProperty('etag');
});

it('GET /health answers without touching the table', async () => {
  const r = await makeHandler(() => ({ ...deps, store: undefined as never }))(request('/health'));
  expect(r.statusCode).toBe(200);
});

it('unknown paths are 404, other methods 405', async () => {
  expect((await call(request('/nope'))).status).toBe(404);
  expect((await call(request('/claims', undefined, 'POST'))).status).toBe(405);
});

describe('the web explorer', () => {
  const web = readWebFiles(path.join(PROJECT_ROOT, 'web'));
  const page = (p: string, method = 'GET') =>
    makeHandler(() => ({ ...deps, web }))(request(p, undefined, method));

  it('GET / returns the page under the CSP of the local host', async () => {
    const r = await page('/');
    expect(r.statusCode).toBe(200);
    expect(r.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_HEADERS['content-security-policy'],
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(r.body).toContain('<title>Attribution Watch — explorer</title>');
    expect(r.body).toBe(fs.readFileSync(path.join(PROJECT_ROOT, 'web', 'index.html'), 'utf8'));
    expect(PAGE_HEADERS['content-security-policy']).toMatch(
      /script-src 'self'.*frame-ancestors 'none'/,
    );
  });

  it.each(Object.entries(WEB_ASSETS).map(([p, [file, type]]) => [p, file, type]))(
    'GET %s serves web/%s as %s',
    async (p, file, type) => {
      const r = await page(p);
      expect([r.statusCode, r.headers!['content-type']]).toEqual([200, type]);
      expect(r.body).toBe(fs.readFileSync(path.join(PROJECT_ROOT, 'web', file), 'utf8'));
    },
  );

  it('serves nothing else from the folder, and the API keeps working beside it', async () => {
    expect((await page('/package.json')).statusCode).toBe(404);
    expect((await page('/__proto__')).statusCode).toBe(404);
    expect((await page('/', 'POST')).statusCode).toBe(404);
    const health = await page('/health');
    expect(health.statusCode).toBe(200);
    expect(health.headers).toMatchObject({ 'x-content-type-options': 'nosniff' });
  });

  it('is not served without its files', async () => {
    expect((await makeHandler(() => deps)(request('/'))).statusCode).toBe(404);
  });
});

describe('the production deps factory', () => {
  const secrets = mockClient(SecretsManagerClient);
  const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:SigningSecret-AbCdEf';
  const MATERIAL = 'k'.repeat(64);
  beforeEach(() => {
    secrets.reset();
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: MATERIAL });
  });
  afterAll(() => secrets.restore());

  const env = (extra: Record<string, string> = {}) => ({
    AWS_REGION: 'eu-west-1',
    TABLE_NAME: 'aw-test',
    SIGNING_SECRET_ARN: ARN,
    ...extra,
  });

  it('reads the signing secret once per cold start, not at import, and derives both keys', async () => {
    const getDeps = depsFromEnv(env({ SENDER_EMAIL: 'digest@example.org' }));
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    const handler = makeHandler(getDeps);
    for (let i = 0; i < 3; i++) expect((await handler(request('/health'))).statusCode).toBe(200);
    const [a, b] = await Promise.all([getDeps(), getDeps()]);
    expect(a).toBe(b);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secrets.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({
      SecretId: ARN,
    });
    const keys = deriveSigningKeys(MATERIAL);
    expect(a.cursorSecret).toBe(keys.cursorSecret);
    expect(a.subscriptions?.config).toMatchObject({
      tokenSecret: keys.tokenSecret,
      from: 'digest@example.org',
    });
    expect(keys.tokenSecret).not.toBe(keys.cursorSecret);
    // The explorer's files are read at cold start too.
    expect(a.web?.['/']?.body).toContain('<title>Attribution Watch — explorer</title>');
  });

  it('mounts subscriptions only with a sender', async () => {
    expect((await depsFromEnv(env())()).subscriptions).toBeUndefined();
  });

  it('tries again on the next invocation when the secret cannot be read', async () => {
    secrets.reset();
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ SecretString: MATERIAL });
    const getDeps = depsFromEnv(env());
    await expect(getDeps()).rejects.toThrow('throttled');
    await expect(getDeps()).resolves.toMatchObject({ cursorSecret: expect.any(String) });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('refuses a secret too short to be the generated one', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    await expect(depsFromEnv(env())()).rejects.toThrow(/at least 32/);
  });
});
