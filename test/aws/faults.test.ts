/**
 * Faults of the serverless flow, on the synthesized stack: a process Lambda that dies halfway
 * through a batch, messages delivered again (visibility timeout, at-least-once duplicates),
 * transient page failures, a poison page that ends in the dead-letter queue and trips its alarm,
 * digest runs repeated for the same period (concurrently, and after SES refused) and repeated
 * subscription requests. Each ends with zero duplicated or lost articles, claims and emails.
 */
import { newFeedRecord } from '../../lambdas/core/feeds/registry';
import { systemClock } from '../../lambdas/core/ports';
import { urlId } from '../../lambdas/core/url';
import { page, rss } from '../handlers/fixtures';
import { startHarness, type Harness } from './harness';
import { emfMetrics, logEntries } from './lambda';
import { html, publishStories, type Story } from './news';
import { breaches } from './template';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(() => h?.close());

async function addFeed(id: string, path: string): Promise<void> {
  await h.store.createFeed(
    newFeedRecord({ id, name: id, url: `${h.news.url}${path}`, prefilter: false }, systemClock),
  );
}

async function pollNow(): Promise<void> {
  await h.poll.invoke({ ...(h.scheduled('poll') as object), force: true });
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 800; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every story stored once with exactly the reference claims, and the API lists each once. */
async function expectExactlyOnce(stories: Story[]): Promise<void> {
  for (const s of stories) {
    expect(await h.store.getArticle(s.articleId)).toMatchObject({
      status: 'extracted',
      claimCount: s.claimIds.length,
    });
    const claims = await h.store.listClaimsForArticle(s.articleId);
    expect(claims.map((c) => c.id).sort()).toEqual([...s.claimIds].sort());
  }
  const listed = (await h.http.request('GET', '/claims?limit=1000')).json<{
    claims: { id: string; articleId: string }[];
  }>().claims;
  const mine = new Set(stories.map((s) => s.articleId));
  const ids = listed.filter((c) => mine.has(c.articleId)).map((c) => c.id);
  expect(ids.sort()).toEqual(stories.flatMap((s) => s.claimIds).sort());
}

describe('the process Lambda', () => {
  let crash: Story[];

  it('dies halfway through a batch: the whole batch comes back after the visibility timeout and only unfinished work is redone', async () => {
    const { batchSize } = h.tpl.jobs;
    expect(batchSize).toBeGreaterThan(1); // a batch to die in the middle of
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    crash = publishStories(h.news, 'crash', batchSize, (p) =>
      p.endsWith('-0') ? undefined : held,
    );
    await addFeed('crash', '/feeds/crash.xml');
    await pollNow();
    expect(h.jobs.queue).toHaveLength(batchSize);

    const first = h.jobs.pollOnce();
    // The first article is stored while the others' pages are still loading: the process dies.
    await until(
      async () => (await h.store.getArticle(crash[0]!.articleId))?.status === 'extracted',
      'the first article',
    );
    const cold = h.process.coldStarts;
    h.process.crash();
    const inv = (await first)!;
    expect(inv).toMatchObject({ outcome: 'error', error: 'Runtime exited with signal SIGKILL' });
    expect(inv.messageIds).toHaveLength(batchSize);
    release();

    await h.jobs.drain();
    const again = h.jobs.invocations.at(-1)!;
    expect(again.at - inv.at).toBe(h.tpl.jobs.queue.visibilityTimeoutSeconds * 1000);
    expect(again.messageIds.sort()).toEqual([...inv.messageIds].sort());
    expect(h.process.coldStarts).toBe(cold + 1); // a new execution environment
    expect(h.jobs.deadLetters).toHaveLength(0);
    await expectExactlyOnce(crash);
    // The finished article was not fetched again; the interrupted ones were.
    expect(h.news.hits.get(crash[0]!.path)).toBe(1);
    for (const s of crash.slice(1)) expect(h.news.hits.get(s.path)).toBe(2);
  });

  it('receives a processed message twice more (at-least-once delivery): nothing is fetched or stored again', async () => {
    const s = crash[1]!;
    const messageId = [...h.jobs.sent.values()].find(
      (m) => JSON.parse(m.body).articleId === s.articleId,
    )!.messageId;
    const before = await h.store.getArticle(s.articleId);
    for (let i = 0; i < 2; i++) {
      h.jobs.duplicate(messageId);
      await h.jobs.drain();
    }
    expect(h.jobs.sent.get(messageId)!.receiveCount).toBe(4);
    expect(await h.store.getArticle(s.articleId)).toEqual(before);
    expect(h.news.hits.get(s.path)).toBe(2);
    await expectExactlyOnce(crash);
  });

  it('retries a page that fails transiently after each visibility timeout, alone, and stores it once', async () => {
    const stories = publishStories(h.news, 'flaky', h.tpl.jobs.batchSize);
    const flaky = stories[0]!;
    const good = h.news.routes.get(flaky.path)!;
    let calls = 0;
    h.news.routes.set(flaky.path, (req, res) => {
      if (++calls <= 2) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
        return res.end('busy');
      }
      good(req, res);
    });
    await addFeed('flaky', '/feeds/flaky.xml');
    await pollNow();
    const from = h.jobs.invocations.length;
    await h.jobs.drain();
    const invs = h.jobs.invocations.slice(from);
    const vt = h.tpl.jobs.queue.visibilityTimeoutSeconds * 1000;
    // First the whole batch, then the failed record alone, once per visibility timeout.
    expect(invs.map((i) => i.messageIds.length)).toEqual([stories.length, 1, 1]);
    expect(invs.map((i) => i.at - invs[0]!.at)).toEqual([0, vt, 2 * vt]);
    expect(invs.map((i) => i.failures.length)).toEqual([1, 1, 0]);
    expect(await h.store.getArticle(flaky.articleId)).toMatchObject({ attempts: 3 });
    for (const s of stories.slice(1)) expect(h.news.hits.get(s.path)).toBe(1);
    await expectExactlyOnce(stories);
  });

  it('records a page that never recovers as failed on its last attempt, before the dead-letter queue', async () => {
    const path = '/news/down';
    h.news.routes.set(path, (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('down');
    });
    h.news.routes.set('/feeds/down.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([{ title: 'Down', link: `${h.news.url}${path}` }]));
    });
    await addFeed('down', '/feeds/down.xml');
    const logsFrom = h.process.logs.length;
    await pollNow();
    await h.jobs.drain();
    const id = urlId(`${h.news.url}${path}`);
    const m = [...h.jobs.sent.values()].find((x) => JSON.parse(x.body).articleId === id)!;
    const maxAttempts = Number(h.tpl.functions.process.environment.MAX_ATTEMPTS);
    // The Lambda gives up one delivery before SQS would: the failure is recorded, not lost.
    expect(maxAttempts).toBeLessThan(h.tpl.jobs.queue.redrive!.maxReceiveCount);
    expect(m.receiveCount).toBe(maxAttempts);
    expect(h.jobs.deadLetters).toHaveLength(0);
    expect(await h.store.getArticle(id)).toMatchObject({
      status: 'failed',
      attempts: maxAttempts,
      reason: expect.stringMatching(/503/),
    });
    expect(emfMetrics(h.process.logs.slice(logsFrom)).get('FetchFailures')).toBe(maxAttempts);
  });

  it('sends a poison page that always throws to the dead-letter queue after maxReceiveCount deliveries, and its alarm fires', async () => {
    // A page the store cannot take: its title alone is over DynamoDB's 400 KB item limit.
    const title = `Hackers ${'x'.repeat(420 * 1024)}`;
    const stories = publishStories(h.news, 'poison', h.tpl.jobs.batchSize - 1);
    const path = '/news/poison';
    h.news.routes.set(path, (_req, res) => {
      res.writeHead(200, html());
      res.end(page(title, 'Officials said Russia was behind the attack.'));
    });
    h.news.routes.set('/feeds/poison.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        rss([
          { title: 'Poison', link: `${h.news.url}${path}` },
          ...stories.map((s) => ({ title: s.title, link: s.url })),
        ]),
      );
    });
    await addFeed('poison', '/feeds/poison.xml');
    const logsFrom = h.process.logs.length;
    await pollNow();
    await h.jobs.drain();

    const id = urlId(`${h.news.url}${path}`);
    const { maxReceiveCount } = h.tpl.jobs.queue.redrive!;
    expect(h.jobs.deadLetters.map((m) => JSON.parse(m.body).articleId)).toEqual([id]);
    const dead = h.jobs.deadLetters[0]!;
    expect(dead.receiveCount).toBe(maxReceiveCount);
    // Nothing lost: the job is intact in the DLQ (redrive it after the fix) and the article is
    // still there, pending, for the poll Lambda's resume.
    expect(JSON.parse(dead.body)).toEqual({
      articleId: id,
      url: `${h.news.url}${path}`,
      feedId: 'poison',
    });
    expect(await h.store.getArticle(id)).toMatchObject({ status: 'pending' });
    expect(await h.store.listClaimsForArticle(id)).toEqual([]);
    // Every delivery logged the reason where the operator looks.
    const errors = logEntries(h.process.logs.slice(logsFrom), 'ERROR').filter(
      (e) => e.article === id,
    );
    expect(errors).toHaveLength(maxReceiveCount);
    expect(String(errors[0]!.error)).toMatch(/size/i);
    // The stack's alarm on this dead-letter queue is in ALARM for SQS's depth metric.
    const alarm = h.tpl.alarms.find(
      (a) =>
        a.namespace === 'AWS/SQS' &&
        a.metricName === 'ApproximateNumberOfMessagesVisible' &&
        a.dimensions.QueueName === h.tpl.jobs.queue.redrive!.deadLetterQueue.name,
    );
    expect(alarm).toBeDefined();
    expect(breaches(alarm!, 0)).toBe(false);
    expect(breaches(alarm!, h.jobs.deadLetterDepth)).toBe(true);
    // The rest of its batches were stored once.
    await expectExactlyOnce(stories);
  });
});

describe('digests and subscriptions', () => {
  const readers = ['ana@example.com', 'bo@example.com'];

  async function subscribeAndConfirm(email: string): Promise<void> {
    const r = await h.http.request('POST', '/subscriptions', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, cadence: 'daily', hour: 6, timeZone: 'UTC' }),
    });
    expect(r.status).toBe(202);
    const mail = (await h.ses.emails()).filter((m) => m.to.includes(email)).at(-1)!;
    const link = new RegExp(`${h.tpl.api.endpoint}/subscriptions/confirm\\?token=[^\\s>)"]+`).exec(
      mail.parsed.text ?? '',
    )![0];
    expect((await h.http.request('GET', link)).status).toBe(200);
  }

  it('sends each confirmation email once per request, at most three a day per address, answering alike', async () => {
    const email = 'curious@example.com';
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const r = await h.http.request('POST', '/subscriptions', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      answers.push([r.status, r.body]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect((await h.ses.emails()).filter((m) => m.to.includes(email))).toHaveLength(3);
  });

  it('sends one digest per subscriber and period: after SES refused, and when the run is repeated concurrently', async () => {
    for (const r of readers) await subscribeAndConfirm(r);
    const subs = (await h.store.listSubscribers()).filter((s) => readers.includes(s.email));
    const due = new Date(Math.max(...subs.map((s) => Date.parse(s.nextDueAt!))) + 60_000);
    const event = h.scheduled('digest:hourly', due);
    const digestsTo = async (to: string) =>
      (await h.ses.emails()).filter((m) => m.to.includes(to) && m.header('List-Unsubscribe'));

    await atTime(due, async () => {
      // SES unreachable: the run fails (the Scheduler retries it) and nothing is marked sent.
      await h.ses.pause();
      await expect(h.digest.invoke(event)).rejects.toThrow(/digest failed for/);
      await h.ses.resume();
      for (const r of readers) expect(await digestsTo(r)).toHaveLength(0);
      // The retry and a duplicate of it at the same time, then one more.
      const runs = await Promise.all([h.digest.invoke(event), h.digest.invoke(event)]);
      await h.digest.invoke(event);
      const statuses = runs.flatMap((x) =>
        (x as { results: { status: string }[] }).results.map((r) => r.status),
      );
      expect(statuses.filter((s) => s === 'sent')).toHaveLength(readers.length);
    });
    for (const r of readers) expect(await digestsTo(r)).toHaveLength(1);
    for (const s of subs) {
      const period = `daily#${s.nextDueAt!.slice(0, 10)}`;
      expect(await h.store.getDigestRun(`sub#${s.id}#${period}`)).toMatchObject({
        status: 'sent',
      });
    }
    expect(emfMetrics(h.digest.logs).get('DigestsSent')).toBe(readers.length);
  });

  it('sends the operator digest once when the daily run is delivered twice at the same time', async () => {
    const ops = h.tpl.functions.digest.environment.DIGEST_RECIPIENTS!;
    const before = (await h.ses.emails()).filter((m) => m.to.includes(ops)).length;
    const event = h.scheduled('digest:daily');
    await Promise.all([h.digest.invoke(event), h.digest.invoke(event)]);
    await h.digest.invoke(event);
    expect((await h.ses.emails()).filter((m) => m.to.includes(ops))).toHaveLength(before + 1);
  });
});

/** Runs with the test process's clock (Date only) set to `at`; I/O timers stay real. */
async function atTime<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}
