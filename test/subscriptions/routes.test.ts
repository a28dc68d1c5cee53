/**
 * The subscription endpoints as the router will call them, on real parts: dynalite in memory,
 * confirmation and digest emails through the SMTP mailer to a real SMTP server on 127.0.0.1.
 */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { SmtpMailer } from '../../lambdas/adapters/smtp-mailer';
import { subscriptionRoutes } from '../../lambdas/core/api/subscription-routes';
import type { ApiRequest, ApiResponse } from '../../lambdas/core/api/types';
import { runDigests } from '../../lambdas/core/digest/subscribers';
import { subscriberId } from '../../lambdas/core/subscriptions/model';
import { signToken } from '../../lambdas/core/subscriptions/tokens';
import { BASE, claim, SECRET, storeClaims } from '../digest/fixtures';
import { startSmtp, type TestSmtp } from '../digest/smtp';
import { memoryStore, TestClock } from '../helpers/store';

let local: LocalStore;
let smtp: TestSmtp;
let mailer: SmtpMailer;
let clock: TestClock;
let call: (
  method: string,
  pathAndQuery: string,
  opts?: { body?: string; type?: string; html?: boolean },
) => Promise<ApiResponse & { json: Record<string, unknown> }>;

beforeEach(async () => {
  local = await memoryStore();
  smtp = await startSmtp();
  mailer = new SmtpMailer({ url: smtp.url });
  clock = new TestClock();
  const routes = subscriptionRoutes({
    store: local.store,
    mailer,
    clock,
    config: { tokenSecret: SECRET, from: 'Attribution Watch <subscribe@example.org>' },
  });
  call = async (method, pathAndQuery, opts = {}) => {
    const u = new URL(pathAndQuery, BASE);
    const route = routes.find((r) => r.method === method && r.pattern === u.pathname);
    if (!route) throw new Error(`no route ${method} ${u.pathname}`);
    const req: ApiRequest = {
      method,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: {
        accept: opts.html ? 'text/html,application/xhtml+xml' : 'application/json',
        ...(opts.type ? { 'content-type': opts.type } : {}),
      },
      body: opts.body,
      baseUrl: BASE,
    };
    const res = await route.handler(req, {});
    const isJson = res.headers?.['content-type']?.startsWith('application/json');
    return { ...res, json: isJson ? JSON.parse(res.body) : {} };
  };
});
afterEach(async () => {
  mailer.close();
  await smtp.close();
  await local.close();
});

const subscribeJson = (body: object) =>
  call('POST', '/subscriptions', { body: JSON.stringify(body), type: 'application/json' });

function linkIn(text: string, path: string): string {
  const m = new RegExp(`https://watch\\.example\\.org/subscriptions/${path}\\?token=[\\w.-]+`).exec(
    text,
  );
  if (!m) throw new Error(`no ${path} link in ${text}`);
  return m[0].slice(BASE.length);
}

const stored = () => local.store.getSubscriber(subscriberId('ada@example.net'));

it('subscribes with double opt-in: one confirmation email, then confirmed by its link', async () => {
  const r = await subscribeJson({
    email: ' Ada@Example.NET ',
    cadence: 'weekly',
    timeZone: 'Europe/Berlin',
    filters: { accused: ['Russia', 'Volt Typhoon'], actions: ['ddos'] },
  });
  expect(r.status).toBe(202);
  expect(r.json.status).toBe('accepted');
  await smtp.waitFor(1);
  const mail = smtp.messages[0]!;
  expect(mail.subject).toBe('Confirm your Attribution Watch subscription');
  expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ada@example.net');
  expect(await stored()).toMatchObject({
    status: 'pending',
    cadence: 'weekly',
    filters: { accusedCountries: ['RU'], accusedActors: ['volt-typhoon'], actions: ['ddos'] },
  });

  const confirm = linkIn(mail.text!, 'confirm');
  expect(String(mail.html)).toContain(`${BASE}${confirm}`);
  const ok = await call('GET', confirm, { html: true });
  expect(ok.status).toBe(200);
  expect(ok.headers?.['content-type']).toMatch(/text\/html/);
  expect(ok.body).toContain('Your subscription is confirmed');
  expect((await stored())!.status).toBe('confirmed');

  // Reused: harmless, nothing changes.
  const before = await stored();
  const again = await call('GET', confirm);
  expect(again.status).toBe(200);
  expect(again.json.status).toBe('already-confirmed');
  expect(await stored()).toEqual(before);
});

it('answers the same whatever the address state, and sends at most 3 emails a day', async () => {
  const replies: string[] = [];
  for (let i = 0; i < 5; i++)
    replies.push((await subscribeJson({ email: 'ada@example.net' })).body);
  await call('GET', linkIn((await waitMail(1)).text!, 'confirm'));
  replies.push((await subscribeJson({ email: 'ada@example.net' })).body); // confirmed now
  replies.push((await subscribeJson({ email: 'new@example.net' })).body);
  expect(new Set(replies).size).toBe(1);
  await smtp.waitFor(4);
  await new Promise((r) => setTimeout(r, 200));
  // ada: 3 confirmations, then the limit (also for the "already subscribed" notice); new: 1.
  const to = smtp.messages.map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
  expect(to.filter((x) => x === 'ada@example.net')).toHaveLength(3);
  expect(to.filter((x) => x === 'new@example.net')).toHaveLength(1);

  // The next day the confirmed address gets a notice with its preferences link, nothing changed.
  clock.advance(86_400_000);
  const before = await stored();
  await subscribeJson({ email: 'ada@example.net', cadence: 'weekly' });
  const notice = await waitMail(5);
  expect(notice.subject).toBe('You are already subscribed to Attribution Watch');
  expect(notice.text).toContain('/subscriptions/preferences?token=');
  expect(await stored()).toEqual(before);
});

async function waitMail(n: number) {
  await smtp.waitFor(n);
  return smtp.messages[n - 1]!;
}

it('refuses invalid input with one clear message', async () => {
  for (const [body, msg] of [
    [{ email: 'not an address' }, /email: not a valid email address/],
    [{ email: 'a@b' }, /email/],
    [{ email: 'x@example.net', timeZone: 'Mars/Olympus' }, /timeZone: unknown time zone/],
    [{ email: 'x@example.net', hour: 25 }, /hour/],
    [{ email: 'x@example.net', filters: { actions: ['hugging'] } }, /filters\.actions/],
    [{ email: 'x@example.net', admin: true }, /admin|Unrecognized/i],
  ] as const) {
    const r = await subscribeJson(body);
    expect(r.status).toBe(400);
    expect(String(r.json.message)).toMatch(msg);
  }
  expect(
    (await call('POST', '/subscriptions', { body: '{oops', type: 'application/json' })).status,
  ).toBe(400);
  expect(smtp.messages).toHaveLength(0);
});

it('refuses forged, expired and misused tokens and changes nothing', async () => {
  await subscribeJson({ email: 'ada@example.net' });
  const confirm = linkIn((await waitMail(1)).text!, 'confirm');
  const token = new URL(confirm, BASE).searchParams.get('token')!;
  const before = await stored();

  const [data, sig] = token.split('.') as [string, string];
  const payload = JSON.parse(Buffer.from(data, 'base64url').toString());
  const tampered = Buffer.from(JSON.stringify({ ...payload, e: payload.e + 9e6 })).toString(
    'base64url',
  );
  const forged = [
    `${tampered}.${sig}`,
    `${data}.${sig.slice(0, -2)}xx`,
    signToken('another-secret-of-at-least-32-bytes!!', 'confirm', payload.s, clock.now(), {
      nonce: payload.n,
    }),
    'garbage',
    '',
  ];
  for (const t of forged) {
    const r = await call('GET', `/subscriptions/confirm?token=${encodeURIComponent(t)}`);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      error: 'invalid-token',
      message: 'This link is not valid. Nothing was changed.',
    });
  }
  // The confirmation link used to unsubscribe, or for preferences: wrong purpose.
  expect((await call('POST', `/subscriptions/unsubscribe?token=${token}`)).status).toBe(400);
  expect((await call('GET', `/subscriptions/preferences?token=${token}`)).status).toBe(400);

  // Expired after two days; the page says so.
  clock.advance(2 * 86_400_000 + 1000);
  const expired = await call('GET', confirm, { html: true });
  expect(expired.status).toBe(410);
  expect(expired.body).toContain('This link has expired. Nothing was changed.');
  expect(await stored()).toEqual(before);
});

it('an old confirmation link cannot resubscribe an address that unsubscribed', async () => {
  await subscribeJson({ email: 'ada@example.net' });
  const confirm = linkIn((await waitMail(1)).text!, 'confirm');
  await call('GET', confirm);
  const s = (await stored())!;
  const unsub = `/subscriptions/unsubscribe?token=${signToken(SECRET, 'unsubscribe', s.id, clock.now())}`;
  expect((await call('POST', unsub)).status).toBe(200);
  const r = await call('GET', confirm);
  expect(r.status).toBe(409);
  expect(r.json.error).toBe('used-token');
  expect((await stored())!.status).toBe('unsubscribed');
});

it('unsubscribes in one click from the digest headers; GET only shows the button', async () => {
  await subscribeJson({ email: 'ada@example.net' });
  await call('GET', linkIn((await waitMail(1)).text!, 'confirm'));
  await storeClaims(local.store, [claim({ storedAt: clock.now().toISOString() })]);
  clock.advance(86_400_000);
  const [r] = await runDigests(
    { store: local.store, mailer, clock },
    { tokenSecret: SECRET, baseUrl: BASE, from: 'digest@example.org' },
  );
  expect(r!.status).toBe('sent');
  const digest = await waitMail(2);
  const lu = digest.headerLines
    .find((h) => h.key === 'list-unsubscribe')!
    .line.replace(/\r?\n\s+/g, '');
  const url = /<(https:[^>]+)>/.exec(lu)![1]!.slice(BASE.length);

  // A link scanner's GET changes nothing.
  const page = await call('GET', url, { html: true });
  expect(page.status).toBe(200);
  expect(page.body).toMatch(/<form method="post" action="unsubscribe\?token=[^"]+"><button/);
  expect(page.headers?.['referrer-policy']).toBe('no-referrer');
  expect((await stored())!.status).toBe('confirmed');

  // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click.
  const one = await call('POST', url, {
    body: 'List-Unsubscribe=One-Click',
    type: 'application/x-www-form-urlencoded',
  });
  expect(one.status).toBe(200);
  expect(one.json.status).toBe('unsubscribed');
  expect((await stored())!.status).toBe('unsubscribed');
  expect((await stored())!.nextDueAt).toBeUndefined();
  // Reused: still fine, still unsubscribed.
  expect((await call('POST', url)).json.message).toMatch(/already unsubscribed/);
  // And no digest reaches it any more.
  clock.advance(2 * 86_400_000);
  expect(
    await runDigests(
      { store: local.store, mailer, clock },
      { tokenSecret: SECRET, baseUrl: BASE, from: 'd@example.org' },
    ),
  ).toEqual([]);
});

it('shows and updates preferences (JSON and the HTML form)', async () => {
  await subscribeJson({ email: 'ada@example.net' });
  await call('GET', linkIn((await waitMail(1)).text!, 'confirm'));
  const id = (await stored())!.id;
  const prefs = `/subscriptions/preferences?token=${signToken(SECRET, 'preferences', id, clock.now())}`;

  const shown = await call('GET', prefs);
  expect(shown.json.subscription).toMatchObject({
    email: 'ada@example.net',
    cadence: 'daily',
    hour: 7,
  });
  const form = await call('GET', prefs, { html: true });
  expect(form.body).toContain('<form method="post" action="preferences?token=');

  const upd = await call('POST', prefs, {
    type: 'application/x-www-form-urlencoded',
    body: 'cadence=weekly&weekday=3&hour=18&timeZone=America%2FNew_York&accused=China&actions=&actions=espionage&minConfidence=0.5&denialOnly=false&denialOnly=true&sendEmpty=false',
    html: true,
  });
  expect(upd.status).toBe(200);
  expect(upd.body).toContain('Saved.');
  expect(await stored()).toMatchObject({
    cadence: 'weekly',
    weekday: 3,
    hour: 18,
    timeZone: 'America/New_York',
    sendEmpty: false,
    filters: {
      accusedCountries: ['CN'],
      actions: ['espionage'],
      minConfidence: 0.5,
      denialOnly: true,
    },
  });
  // Wednesday 18:00 New York (EST) is Wednesday 23:00 UTC.
  expect((await stored())!.nextDueAt).toBe('2026-11-25T23:00:00.000Z');

  const bad = await call('POST', prefs, {
    type: 'application/json',
    body: '{"timeZone":"Nowhere/Land"}',
  });
  expect(bad.status).toBe(400);
  expect((await stored())!.timeZone).toBe('America/New_York');
});
