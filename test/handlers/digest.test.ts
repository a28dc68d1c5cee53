/**
 * The digest handler with the schedules' events, against dynalite holding a claim stored by the
 * real pipeline; SES v2 is checked at the SDK boundary (aws-sdk-client-mock).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { SesMailer } from '../../lambdas/adapters/ses-mailer';
import { deriveSigningKeys } from '../../lambdas/adapters/signing-keys';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { silentLogger } from '../../lambdas/core/logger';
import { processArticle } from '../../lambdas/core/process';
import { subscribe } from '../../lambdas/core/subscriptions/service';
import { urlId } from '../../lambdas/core/url';
import { type DigestHandlerDeps, depsFromEnv, makeHandler } from '../../lambdas/digest/handler';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { memoryStore, TestClock } from '../helpers/store';
import { ATTRIBUTION_PAGE, fakeAws, lambdaContext, MetricsRecorder } from './fixtures';

const ses = mockClient(SESv2Client);
let server: TestServer;
let local: LocalStore;
let clock: TestClock;
let metrics: MetricsRecorder;
let deps: DigestHandlerDeps;

const dailyEvent = { kind: 'digest', period: 'daily', scheduledTime: '2026-11-20T07:00:00Z' };

beforeEach(async () => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: '0102019a-ses-message-id' });
  server = await startServer({
    '/story': send(ATTRIBUTION_PAGE, { 'content-type': 'text/html; charset=utf-8' }),
  });
  local = await memoryStore();
  clock = new TestClock();
  const http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'] });
  const url = `${server.url}/story`;
  await processArticle(
    { store: local.store, http, clock, detector: defaultDetector(), logger: silentLogger },
    { articleId: urlId(url), url },
  );
  http.close();
  clock.advance(3_600_000);
  metrics = new MetricsRecorder();
  deps = {
    store: local.store,
    mailer: new SesMailer({ client: new SESv2Client(fakeAws), configurationSetName: 'aw-set' }),
    clock,
    logger: silentLogger,
    metrics,
    from: 'digest@example.org',
    recipients: ['ops@example.org', 'analyst@example.org'],
  };
});
afterEach(async () => {
  await local.close();
  await server.close();
});

it('sends each recipient the new claims once through SES v2', async () => {
  const handler = makeHandler(() => deps);
  const r = await handler(dailyEvent, lambdaContext('digest'));
  expect(r.results.map((x) => x.status)).toEqual(['sent', 'sent']);
  const calls = ses.commandCalls(SendEmailCommand);
  expect(calls).toHaveLength(2);
  const input = calls[0]!.args[0].input;
  expect(input).toMatchObject({
    FromEmailAddress: 'digest@example.org',
    Destination: { ToAddresses: ['ops@example.org'] },
    ConfigurationSetName: 'aw-set',
  });
  expect(input.Content?.Simple?.Subject?.Data).toMatch(/claim/i);
  expect(input.Content?.Simple?.Body?.Html?.Data).toContain('<');
  expect(input.Content?.Simple?.Body?.Text?.Data).toMatch(/Russia|APT28/);
  // The handler's core entry ran the incident job first: the stored claim's incident leads.
  expect(input.Content?.Simple?.Subject?.Data).toMatch(/: 1 new incident · \d+ new claims?:/);
  expect(input.Content?.Simple?.Body?.Text?.Data).toContain('== New incidents (1) ==');
  expect(await local.store.queryIncidents({ index: { by: 'all', value: 'all' } })).toHaveLength(1);
  expect(input.Content?.Simple?.Headers).toEqual([
    expect.objectContaining({ Name: 'X-Attribution-Watch-Digest' }),
  ]);
  expect(metrics.counts.get('DigestsSent')).toBe(2);

  // The same schedule again: nothing new, nothing sent.
  ses.resetHistory();
  clock.advance(60_000);
  const again = await handler(dailyEvent, lambdaContext('digest'));
  expect(again.results.map((x) => x.status)).toEqual(['empty', 'empty']);
  expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
});

it('keeps going past a recipient SES refuses, then fails the run; the retry sends only the rest', async () => {
  let refused = false;
  ses.on(SendEmailCommand).callsFake((input: { Destination: { ToAddresses: string[] } }) => {
    if (!refused && input.Destination.ToAddresses[0] === 'ops@example.org') {
      refused = true;
      throw Object.assign(new Error('Throttling'), { name: 'TooManyRequestsException' });
    }
    return { MessageId: '0102019a-ses-message-id' };
  });
  const handler = makeHandler(() => deps);
  await expect(handler(dailyEvent)).rejects.toThrow(/ops@example.org: Throttling/);
  expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);

  ses.resetHistory();
  const retry = await handler(dailyEvent);
  expect(retry.results).toEqual([
    expect.objectContaining({ to: 'ops@example.org', status: 'sent' }),
    expect.objectContaining({ to: 'analyst@example.org', status: 'empty' }),
  ]);
  expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
});

it('refuses an unknown period', async () => {
  await expect(makeHandler(() => deps)({ kind: 'digest', period: 'monthly' })).rejects.toThrow(
    /digest: unexpected event/,
  );
});

it('sends due subscribers their digests with one-click unsubscribe headers through SES', async () => {
  const cfg = {
    tokenSecret: 'handler-test-secret-0123456789abcdef',
    baseUrl: 'https://watch.example.org',
    from: 'digest@example.org',
  };
  // The claim was stored at 12:00 on the 20th; the subscriber confirms at 13:00.
  await subscribe(
    { store: local.store, mailer: deps.mailer, clock },
    cfg,
    { email: 'sub@example.net', hour: 7, timeZone: 'UTC' },
    { confirmed: true },
  );
  clock.set('2026-11-21T07:00:00Z');
  const handler = makeHandler(() => ({ ...deps, recipients: [], subscriptions: cfg }));
  const r = await handler({ kind: 'digest', period: 'hourly' });
  expect(r.results).toEqual([
    { to: 'sub@example.net', status: 'sent', claims: expect.any(Number) },
  ]);
  const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
  expect(input.Destination?.ToAddresses).toEqual(['sub@example.net']);
  const headers = Object.fromEntries(
    (input.Content?.Simple?.Headers ?? []).map((h) => [h.Name, h.Value]),
  );
  expect(headers['List-Unsubscribe']).toMatch(
    /^<https:\/\/watch\.example\.org\/subscriptions\/unsubscribe\?token=[\w.-]+>$/,
  );
  expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  expect(metrics.counts.get('DigestsSent')).toBe(1);

  // The retry of the same schedule sends nothing more.
  ses.resetHistory();
  expect((await handler({ kind: 'digest', period: 'hourly' })).results).toEqual([]);
  expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
});

describe('the production deps factory', () => {
  const secrets = mockClient(SecretsManagerClient);
  const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:SigningSecret-AbCdEf';
  const MATERIAL = 'd'.repeat(64);
  const env = {
    AWS_REGION: 'eu-west-1',
    TABLE_NAME: 'aw-test',
    SENDER_EMAIL: 'digest@example.org',
    SES_CONFIGURATION_SET: 'aw-set',
    SIGNING_SECRET_ARN: ARN,
    PUBLIC_BASE_URL: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
  };
  beforeEach(() => {
    secrets.reset();
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: MATERIAL });
  });
  afterAll(() => secrets.restore());

  it('reads the signing secret once per cold start and signs links with the derived key', async () => {
    const getDeps = depsFromEnv(env);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    const [a, b] = await Promise.all([getDeps(), getDeps()]);
    expect(a).toBe(b);
    expect(await getDeps()).toBe(a);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(a.subscriptions).toEqual({
      tokenSecret: deriveSigningKeys(MATERIAL).tokenSecret,
      baseUrl: env.PUBLIC_BASE_URL,
      from: 'digest@example.org',
    });
    // No operator recipients configured: subscriber digests only.
    expect(a.recipients).toEqual([]);
  });

  it('leaves subscriber digests off (and the secret unread) without the API URL', async () => {
    const { PUBLIC_BASE_URL: _unused, ...noUrl } = env;
    const d = await depsFromEnv({ ...noUrl, DIGEST_RECIPIENTS: 'ops@example.org' })();
    expect(d.subscriptions).toBeUndefined();
    expect(d.recipients).toEqual(['ops@example.org']);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
