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
      { id: 'local-world', name: 'Local world news', url: `${h.news.url}/feeds/world.xml`, prefilter: false },
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
  const confirm = linkIn(mails[0]!.parsed.text ?? '', `${h.tpl.api.endpoint}/subscriptions/confirm`);
  const page = await h.http.request('GET', confirm);
  expect(page.status).toBe(200);
  expect(page.body).toMatch(/confirmed/i);
  const forged = await h.http.request('GET', confirm.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
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
  expect(h.jobs.invocations.every((i) => i.outcome === 'ok' && i.failures.length === 0)).toBe(
    true,
  );
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

function chunks(n: number, size: number): number[] {
  const out: number[] = [];
  for (let left = n; left > 0; left -= size) out.push(Math.min(size, left));
  return out;
}
