/**
 * The serverless flow end to end, on the synthesized stack: a Scheduler event runs the poll
 * Lambda over a feed on 127.0.0.1, its SQS sends are delivered by the event source mapping to the
 * process Lambda (its own process), the claims land in the table created from the template, the
 * digest Lambda sends through the SES server, and the API Lambda answers HTTP API events for
 * claims, exports and subscriptions — every function with real SDK v3 clients and the
 * environment the stack gives it.
 */
import { newFeedRecord } from '../../lambdas/core/feeds/registry';
import { systemClock } from '../../lambdas/core/ports';
import { startHarness, type Harness } from './harness';
import { logEntries } from './lambda';
import { publishStories, type Story } from './news';

let h: Harness;
let stories: Story[];
const READER = 'reader@example.com';

beforeAll(async () => {
  h = await startHarness();
  stories = publishStories(h.news, 'world', 7);
  // An operator adds the first feed (docs/deploy.md: `feeds add … --stack`).
  await h.store.createFeed(
    newFeedRecord(
      {
        id: 'local-world',
        name: 'Local world news',
        url: `${h.news.url}/feeds/world.xml`,
        prefilter: false,
      },
      systemClock,
    ),
  );
}, 60_000);
afterAll(() => h?.close());

/** The link in an email's text part that starts with this URL prefix. */
function linkIn(text: string, prefix: string): string {
  const m = new RegExp(`${prefix.replace(/[.?/]/g, '\\$&')}[^\\s>)"]+`).exec(text);
  if (!m) throw new Error(`no ${prefix} link in:\n${text}`);
  return m[0];
}

it('subscribes through the API: one confirmation email whose signed link confirms', async () => {
  const r = await h.http.request('POST', '/subscriptions', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: READER, cadence: 'daily', hour: 7, timeZone: 'UTC' }),
  });
  expect(r.status).toBe(202);
  const mails = (await h.ses.emails()).filter((m) => m.to.includes(READER));
  expect(mails).toHaveLength(1);
  const confirm = linkIn(
    mails[0]!.parsed.text ?? '',
    `${h.tpl.api.endpoint}/subscriptions/confirm`,
  );
  const page = await h.http.request('GET', confirm);
  expect(page.status).toBe(200);
  expect(page.body).toMatch(/confirmed/i);
  const forged = await h.http.request(
    'GET',
    confirm.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
  );
  expect(forged.status).toBe(400);
});

it('polls on the schedule and processes every article once, all claims stored', async () => {
  const result = (await h.poll.invoke(h.scheduled('poll'))) as { newArticles: number };
  expect(result).toMatchObject({ polled: 1, failed: 0, newArticles: stories.length });
  // The sends went to the stack's queue, ten at most per call.
  expect(h.sends.calls.every((c) => c.QueueUrl === h.tpl.jobs.queue.url)).toBe(true);
  expect(h.jobs.queue).toHaveLength(stories.length);

  await h.jobs.drain();
  expect(h.jobs.deadLetters).toHaveLength(0);
  expect(h.jobs.invocations.map((i) => i.messageIds.length)).toEqual(
    chunks(stories.length, h.tpl.jobs.batchSize),
  );
  expect(h.jobs.invocations.every((i) => i.outcome === 'ok' && i.failures.length === 0)).toBe(true);
  for (const s of stories) {
    const a = await h.store.getArticle(s.articleId);
    expect(a).toMatchObject({ status: 'extracted', url: s.url, claimCount: s.claimIds.length });
    const claims = await h.store.listClaimsForArticle(s.articleId);
    expect(claims.map((c) => c.id).sort()).toEqual([...s.claimIds].sort());
  }
  const total = stories.reduce((n, s) => n + s.claimIds.length, 0);
  expect(total).toBeGreaterThan(0);
  // One warm process served every batch; its logs carry the Powertools context.
  expect(h.process.coldStarts).toBe(1);
  expect(logEntries(h.process.logs, 'ERROR')).toEqual([]);
});

it('answers /claims, its exports and lookups as HTTP API v2 events, cursors across invocations', async () => {
  const all = stories.flatMap((s) => s.claimIds).sort();
  const r = await h.http.request('GET', '/claims?limit=1000');
  expect(r.status).toBe(200);
  const body = r.json<{ claims: { id: string; articleId: string }[] }>();
  expect(body.claims.map((c) => c.id).sort()).toEqual(all);

  // Paging: the cursor is signed with the key derived from the stack's secret.
  const ids: string[] = [];
  let next: string | undefined = '/claims?limit=2';
  for (let i = 0; next && i < 100; i++) {
    const p = await h.http.request('GET', next);
    expect(p.status).toBe(200);
    ids.push(...p.json<{ claims: { id: string }[] }>().claims.map((c) => c.id));
    const cursor: string | undefined = p.headers['x-next-cursor'];
    next = cursor ? `/claims?limit=2&cursor=${encodeURIComponent(cursor)}` : undefined;
  }
  expect(ids.sort()).toEqual(all);
  expect(h.secrets.calls).toEqual([h.tpl.secret.arn]); // one GetSecretValue per cold start

  const csv = await h.http.request('GET', '/claims?format=csv&limit=1000');
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.body.trim().split(/\r?\n/)).toHaveLength(all.length + 1);
  const stix = await h.http.request('GET', '/claims?format=stix&limit=1000');
  const bundle = stix.json<{ type: string; objects: { type: string }[] }>();
  expect(bundle.type).toBe('bundle');
  expect(bundle.objects.filter((o) => o.type === 'relationship').length).toBeGreaterThanOrEqual(
    all.length,
  );

  const one = await h.http.request('GET', `/claims/${encodeURIComponent(all[0]!)}`);
  expect(one.status).toBe(200);
  const story = stories.find((s) => s.claimIds.length)!;
  const article = await h.http.request('GET', `/articles/${story.articleId}`);
  expect(article.json<{ claims: unknown[] }>().claims).toHaveLength(story.claimIds.length);
  expect((await h.http.request('GET', '/claims?limit=5000')).status).toBe(400);
  // A path with no route is API Gateway's own 404, the Lambda is not invoked.
  expect(await h.http.request('GET', '/nope')).toMatchObject({ status: 404 });
  expect((await h.http.request('GET', '/')).headers['content-type']).toMatch(/text\/html/);
});

it('sends the due digest through SES with one-click unsubscribe links that work', async () => {
  const before = (await h.ses.emails()).length;
  const sub = (await h.store.listSubscribers()).find((s) => s.email === READER)!;
  expect(sub.status).toBe('confirmed');
  const due = new Date(Date.parse(sub.nextDueAt!) + 5 * 60_000);
  await atTime(due, async () => {
    const r = (await h.digest.invoke(h.scheduled('digest:hourly', due))) as {
      results: { to: string; status: string }[];
    };
    expect(r.results).toEqual([expect.objectContaining({ to: READER, status: 'sent' })]);
  });
  const mails = (await h.ses.emails()).slice(before);
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail.to).toEqual([READER]);
  expect(mail.from).toBe(h.tpl.functions.digest.environment.SENDER_EMAIL);
  expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  const unsubscribe = /^<([^>]+)>/.exec(mail.header('List-Unsubscribe') ?? '')?.[1];
  expect(unsubscribe).toMatch(
    new RegExp(`^${h.tpl.api.endpoint}/subscriptions/unsubscribe\\?token=`),
  );
  // Every story with claims is in it.
  for (const s of stories.filter((x) => x.claimIds.length))
    expect(mail.parsed.text).toContain(s.title);
  expect(mail.parsed.html).toBeTruthy();

  const prefs = linkIn(mail.parsed.text ?? '', `${h.tpl.api.endpoint}/subscriptions/preferences`);
  expect((await h.http.request('GET', prefs)).status).toBe(200);
  // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the URL.
  const click = await h.http.request('POST', unsubscribe!, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(click.status).toBe(200);
  expect((await h.store.listSubscribers()).find((s) => s.email === READER)!.status).toBe(
    'unsubscribed',
  );
});

it('sends the operator digest on the daily schedule', async () => {
  const before = (await h.ses.emails()).length;
  await h.digest.invoke(h.scheduled('digest:daily'));
  const mails = (await h.ses.emails()).slice(before);
  expect(mails.map((m) => m.to)).toEqual([[h.tpl.functions.digest.environment.DIGEST_RECIPIENTS]]);
  for (const s of stories.filter((x) => x.claimIds.length))
    expect(mails[0]!.parsed.text).toContain(s.title);
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

function chunks(n: number, size: number): number[] {
  const out: number[] = [];
  for (let left = n; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}
