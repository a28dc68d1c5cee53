/**
 * Subscriber digests end to end on real parts: dynalite (in memory), the SMTP mailer talking to
 * a real SMTP server on 127.0.0.1, messages parsed back with mailparser.
 */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { SmtpMailer } from '../../lambdas/adapters/smtp-mailer';
import { runDigests, type SubscriberDigestConfig } from '../../lambdas/core/digest/subscribers';
import type { Store } from '../../lambdas/core/ports';
import { subscribe } from '../../lambdas/core/subscriptions/service';
import { verifyToken } from '../../lambdas/core/subscriptions/tokens';
import { memoryStore, TestClock } from '../helpers/store';
import { BASE, claim, P, SECRET, storeClaims } from './fixtures';
import { startSmtp, type TestSmtp } from './smtp';

let local: LocalStore;
let smtp: TestSmtp;
let mailer: SmtpMailer;
let clock: TestClock;
const cfg: SubscriberDigestConfig = {
  tokenSecret: SECRET,
  baseUrl: BASE,
  from: 'Attribution Watch <digest@example.org>',
};
const subCfg = { ...cfg, maxConfirmationsPerDay: 3 };

beforeEach(async () => {
  local = await memoryStore();
  smtp = await startSmtp();
  mailer = new SmtpMailer({ url: smtp.url });
  clock = new TestClock('2026-11-20T05:30:00Z' as unknown as number);
  clock.set('2026-11-20T05:30:00Z');
});
afterEach(async () => {
  mailer.close();
  await smtp.close();
  await local.close();
});

const deps = () => ({ store: local.store, mailer, clock });

async function subscriber(email: string, prefs: Record<string, unknown> = {}) {
  const { subscriber } = await subscribe(deps(), subCfg, { email, ...prefs }, { confirmed: true });
  return subscriber;
}

/** Runs the digests at an instant. */
async function runAt(iso: string, store: Store = local.store) {
  clock.set(iso);
  return runDigests({ store, mailer, clock }, cfg);
}

it('sends a complete, escaped digest with RFC 8058 unsubscribe headers', async () => {
  // Confirmed at 05:30 UTC: due daily at 07:00 UTC; the first digest looks back a day.
  await subscriber('reader@example.net', { hour: 7, timeZone: 'UTC' });
  const evil = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes"';
  await storeClaims(local.store, [
    claim({
      storedAt: '2026-11-20T03:00:00Z',
      articleTitle: evil,
      articleUrl: 'javascript:alert(3)',
      accused: { ...P.apt28, name: 'APT28\r\nBcc: victim@example.com' },
      responses: [{ by: P.russia, kind: 'denial', text: 'Moscow called it <b>Russophobia</b>.' }],
    }),
    claim({ storedAt: '2026-11-20T04:00:00Z', accused: P.china, articleId: 'cn1' }),
    claim({ storedAt: '2026-11-20T04:10:00Z', accused: P.china, accuser: P.uk, articleId: 'cn2' }),
  ]);

  // 06:59: not due yet.
  expect(await runAt('2026-11-20T06:59:00Z')).toEqual([]);
  const [r] = await runAt('2026-11-20T07:00:05Z');
  expect(r).toMatchObject({ status: 'sent', claims: 3, period: 'daily#2026-11-20' });
  await smtp.waitFor(1);
  const m = smtp.messages[0]!;

  expect(m.to && 'text' in m.to ? m.to.text : '').toBe('reader@example.net');
  expect(m.subject).toBe(
    'Attribution Watch daily digest: 3 new claims: 2 against China, 1 against Russia',
  );
  expect(m.messageId).toMatch(/^<.+@.+>$/);
  expect(m.date?.toISOString()).toBeDefined();
  const head = smtp.raw[0]!.split(/\r?\n\r?\n/)[0]!;
  expect(head).toMatch(/^Date: /m);
  expect(head).toMatch(/^Message-ID: </im);
  // The CR/LF in the accused name never became a header.
  expect(head).not.toMatch(/^Bcc:/im);
  expect(m.subject).not.toMatch(/[\r\n]/);

  // mailparser folds List-* into `list`; read the header lines themselves.
  const header = (k: string) => m.headerLines.find((h) => h.key === k)?.line;
  expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  const rawLu = header('list-unsubscribe')!;
  const unsubUrl =
    /<(https:\/\/watch\.example\.org\/subscriptions\/unsubscribe\?token=[\w.-]+)>/.exec(
      rawLu.replace(/\r?\n\s+/g, ''),
    )![1]!;
  const token = new URL(unsubUrl).searchParams.get('token')!;
  expect(verifyToken(SECRET, token, 'unsubscribe', clock.now()).ok).toBe(true);

  // Both parts complete: every claim, its story link, the response, the footer links.
  const text = m.text!;
  const html = String(m.html);
  for (const part of [text, html]) {
    expect(part).toContain('3 new claims: 2 against China, 1 against Russia');
    expect(part).toContain('https://news.example.com/cn1');
    expect(part).toContain('https://news.example.com/cn2');
    expect(part).toContain('Russophobia');
    expect(part).toContain('/subscriptions/preferences?token=');
    expect(part).toContain(unsubUrl.replace(/&/g, '&amp;'));
  }
  expect(text).toContain(evil);
  // Escaping: no markup from the article survives, and javascript: is never a link.
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<b>Russophobia');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toMatch(/href="javascript:/i);
  // A visible unsubscribe link, grouped sections, phone and dark-mode friendly markup.
  expect(html).toMatch(
    /<a href="https:\/\/watch\.example\.org\/subscriptions\/unsubscribe\?token=[^"]+"[^>]*>Unsubscribe<\/a>/,
  );
  expect(html).toMatch(/<h2[^>]*>China <span[^>]*>\(2\)<\/span><\/h2>/);
  expect(html).toContain('name="viewport"');
  expect(html).toContain('prefers-color-scheme:dark');
  const links = [...html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!);
  expect(links.every((l) => l.startsWith('https://'))).toBe(true);

  // The same hour again: nothing due, nothing sent.
  expect(await runAt('2026-11-20T07:30:00Z')).toEqual([]);
  expect(smtp.messages).toHaveLength(1);
});

it('gives each subscriber only the claims their filters follow', async () => {
  await subscriber('russia@example.net', { filters: { accused: ['Russia'] } });
  await subscriber('fancy@example.net', { filters: { accused: 'Fancy Bear' } });
  await subscriber('denials@example.net', { filters: { denialOnly: true } });
  await subscriber('ddos-sure@example.net', { filters: { actions: ['ddos'], minConfidence: 0.9 } });
  await subscriber('microsoft@example.net', {
    filters: { accusers: ['Microsoft'], targets: ['energy'] },
  });
  await storeClaims(local.store, [
    claim({ storedAt: '2026-11-20T01:00:00Z', accused: P.apt28, articleId: 'a1' }),
    claim({
      storedAt: '2026-11-20T01:00:00Z',
      accused: P.russia,
      articleId: 'a2',
      action: 'ddos',
      confidence: 0.95,
    }),
    claim({
      storedAt: '2026-11-20T01:00:00Z',
      accused: P.china,
      articleId: 'a3',
      responses: [{ by: P.china, kind: 'denial', text: 'Groundless.' }],
    }),
    claim({
      storedAt: '2026-11-20T01:00:00Z',
      accused: P.voltTyphoon,
      accuser: P.microsoft,
      target: P.ukraineEnergy,
      articleId: 'a4',
      action: 'ddos',
      confidence: 0.5,
    }),
  ]);
  const results = await runAt('2026-11-20T07:00:00Z');
  const by = Object.fromEntries(results.map((r) => [r.email, r.claims]));
  expect(by).toEqual({
    'russia@example.net': 2,
    'fancy@example.net': 1,
    'denials@example.net': 1,
    'ddos-sure@example.net': 1,
    'microsoft@example.net': 1,
  });
  await smtp.waitFor(5);
  const to = (addr: string) =>
    smtp.messages.find((m) => (m.to && 'text' in m.to ? m.to.text : '') === addr)!;
  expect(to('fancy@example.net').text).toContain('https://news.example.com/a1');
  expect(to('fancy@example.net').text).not.toContain('https://news.example.com/a2');
  expect(to('denials@example.net').text).toContain('Denied by China: "Groundless."');
  expect(to('microsoft@example.net').text).toContain('Microsoft -> Volt Typhoon (China)');
});

it('sends no empty digest unless asked, and still moves on', async () => {
  await subscriber('quiet@example.net');
  await subscriber('always@example.net', { sendEmpty: true });
  const results = await runAt('2026-11-20T07:00:00Z');
  expect(results.map((r) => [r.email, r.status])).toEqual(
    expect.arrayContaining([
      ['quiet@example.net', 'empty'],
      ['always@example.net', 'sent'],
    ]),
  );
  await smtp.waitFor(1);
  expect(smtp.messages).toHaveLength(1);
  expect(smtp.messages[0]!.text).toContain('No new attribution claims matched');
  // The next day the quiet subscriber is due again.
  const next = await runAt('2026-11-21T07:00:00Z');
  expect(next.map((r) => r.email).sort()).toEqual(['always@example.net', 'quiet@example.net']);
});

it('delivers at the local hour in each time zone, following daylight saving', async () => {
  clock.set('2026-11-19T12:00:00Z');
  await subscriber('berlin@example.net', { hour: 7, timeZone: 'Europe/Berlin', sendEmpty: true });
  await subscriber('ny@example.net', { hour: 7, timeZone: 'America/New_York', sendEmpty: true });
  await subscriber('weekly@example.net', {
    cadence: 'weekly',
    weekday: 1,
    hour: 9,
    timeZone: 'Asia/Tokyo',
    sendEmpty: true,
  });
  const emails = (rs: { email: string; status: string }[]) =>
    rs.filter((r) => r.status === 'sent').map((r) => r.email);

  expect(emails(await runAt('2026-11-20T05:00:00Z'))).toEqual([]);
  expect(emails(await runAt('2026-11-20T06:00:00Z'))).toEqual(['berlin@example.net']); // CET = UTC+1
  expect(emails(await runAt('2026-11-20T11:00:00Z'))).toEqual([]);
  expect(emails(await runAt('2026-11-20T12:00:00Z'))).toEqual(['ny@example.net']); // EST = UTC-5
  // Monday 09:00 in Tokyo is Monday 00:00 UTC. Runs missed on the 21st and 22nd are caught up
  // in one digest each (not one per missed day).
  expect(emails(await runAt('2026-11-22T23:00:00Z'))).toEqual([
    'berlin@example.net',
    'ny@example.net',
  ]);
  expect(emails(await runAt('2026-11-23T00:00:00Z'))).toEqual(['weekly@example.net']);
  const s = await local.store.listSubscribers();
  expect(s.find((x) => x.email === 'weekly@example.net')!.nextDueAt).toBe(
    '2026-11-30T00:00:00.000Z',
  );

  // Summer time: Berlin 07:00 is 05:00 UTC.
  clock.set('2027-06-01T12:00:00Z');
  const summer = await subscriber('summer@example.net', { hour: 7, timeZone: 'Europe/Berlin' });
  expect(summer.nextDueAt).toBe('2027-06-02T05:00:00.000Z');
});

it('sends exactly once when the process fails between sending and completing', async () => {
  await subscriber('once@example.net');
  await storeClaims(local.store, [claim({ storedAt: '2026-11-20T02:00:00Z', accused: P.lockbit })]);
  let fail = true;
  const flaky: Store = Object.create(local.store, {
    completeDigestRun: {
      value: async (...args: Parameters<Store['completeDigestRun']>) => {
        if (fail) {
          fail = false;
          throw new Error('injected: crash after send');
        }
        return local.store.completeDigestRun(...args);
      },
    },
  });
  const first = await runAt('2026-11-20T07:00:00Z', flaky);
  expect(first).toEqual([
    expect.objectContaining({ status: 'error', error: 'injected: crash after send' }),
  ]);
  await smtp.waitFor(1);

  // The retry (same hour, and an hour later) never sends the period again.
  expect((await runAt('2026-11-20T07:05:00Z', flaky))[0]).toMatchObject({ status: 'already-sent' });
  expect(await runAt('2026-11-20T08:00:00Z', flaky)).toEqual([]);
  expect(smtp.messages).toHaveLength(1);

  // The next period carries on with only the new claims.
  await storeClaims(local.store, [claim({ storedAt: '2026-11-20T20:00:00Z', accused: P.china })]);
  const next = await runAt('2026-11-21T07:00:00Z', flaky);
  expect(next[0]).toMatchObject({ status: 'sent', claims: 1 });
  await smtp.waitFor(2);
  expect(smtp.messages).toHaveLength(2);
});

it('retries a digest the mail server refused, once', async () => {
  await subscriber('retry@example.net');
  await storeClaims(local.store, [claim({ storedAt: '2026-11-20T02:00:00Z' })]);
  const down = new SmtpMailer({ url: 'smtp://127.0.0.1:1', timeoutMs: 2000 });
  clock.set('2026-11-20T07:00:00Z');
  const r = await runDigests({ store: local.store, mailer: down, clock }, cfg);
  expect(r[0]).toMatchObject({ status: 'error' });
  down.close();
  const again = await runAt('2026-11-20T07:10:00Z');
  expect(again[0]).toMatchObject({ status: 'sent', claims: 1 });
  expect((await runAt('2026-11-20T07:20:00Z')).length).toBe(0);
  await smtp.waitFor(1);
  expect(smtp.messages).toHaveLength(1);
});

it('never sends a digest to an unconfirmed or unsubscribed address', async () => {
  clock.set('2026-11-20T05:00:00Z');
  await subscribe(deps(), subCfg, { email: 'pending@example.net', sendEmpty: true });
  await smtp.waitFor(1); // the confirmation email, and nothing else
  const results = await runAt('2026-11-21T07:00:00Z');
  expect(results).toEqual([]);
  const forced = await runDigests({ store: local.store, mailer, clock }, cfg, {
    subscriber: 'pending@example.net',
  });
  expect(forced[0]).toMatchObject({ status: 'not-confirmed' });
  expect(smtp.messages).toHaveLength(1);
  expect(smtp.messages[0]!.subject).toMatch(/Confirm/);
});
