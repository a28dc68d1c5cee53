/**
 * Incidents in digests, on real parts: articles detected and stored in dynalite (in memory)
 * by the real pipeline, the incident job run by the digest entries themselves, the SMTP mailer
 * talking to a real SMTP server on 127.0.0.1, messages parsed back with mailparser. A digest
 * lists new incidents first, then updates to known ones in plain words, then the claims; a
 * subscriber's filters decide which incidents they see.
 */
import type { ParsedMail } from 'mailparser';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { SmtpMailer } from '../../lambdas/adapters/smtp-mailer';
import { sendDigest } from '../../lambdas/core/digest/send';
import { runDigests, type SubscriberDigestConfig } from '../../lambdas/core/digest/subscribers';
import { silentLogger } from '../../lambdas/core/logger';
import { subscribe } from '../../lambdas/core/subscriptions/service';
import {
  EXCHANGE_THEFT,
  POLICE_DENIAL,
  POLICE_GOVERNMENT,
  POLICE_VENDOR,
  type Story,
  storeStories,
} from '../helpers/incident-stories';
import { memoryStore, TestClock } from '../helpers/store';
import { BASE, SECRET } from './fixtures';
import { startSmtp, type TestSmtp } from './smtp';

let local: LocalStore;
let smtp: TestSmtp;
let mailer: SmtpMailer;
const clock = new TestClock();
const cfg: SubscriberDigestConfig = {
  tokenSecret: SECRET,
  baseUrl: BASE,
  from: 'Attribution Watch <digest@example.org>',
};

beforeEach(async () => {
  local = await memoryStore();
  smtp = await startSmtp();
  mailer = new SmtpMailer({ url: smtp.url });
  clock.set('2026-11-17T05:00:00Z');
});
afterEach(async () => {
  mailer.close();
  await smtp.close();
  await local.close();
});

const deps = () => ({ store: local.store, mailer, clock, logger: silentLogger });

async function store(...stories: Story[]) {
  await storeStories(local.store, clock, stories);
}

async function subscriber(email: string, filters: Record<string, unknown> = {}) {
  await subscribe(
    { store: local.store, mailer, clock },
    { ...cfg, maxConfirmationsPerDay: 3 },
    { email, hour: 7, timeZone: 'UTC', filters },
    { confirmed: true },
  );
}

function mailTo(email: string): ParsedMail {
  const m = smtp.messages.find((x) => x.to && 'text' in x.to && x.to.text === email);
  if (!m) throw new Error(`no message to ${email}`);
  return m;
}

/** Day one: the operation is reported (a digest sends it as new); day two brings its denial. */
async function twoDays(subscribers: [string, Record<string, unknown>?][]) {
  for (const [email, filters] of subscribers) await subscriber(email, filters);
  clock.set('2026-11-17T16:00:00Z');
  await store(POLICE_GOVERNMENT, POLICE_VENDOR);
  clock.set('2026-11-18T07:00:00Z');
  const first = await runDigests(deps(), cfg);
  await smtp.waitFor(first.filter((r) => r.status === 'sent').length);
  const firstMessages = smtp.messages.splice(0);
  clock.set('2026-11-19T12:00:00Z');
  // Stored, never synced by hand: the digest run places them into incidents itself.
  await store(POLICE_DENIAL, EXCHANGE_THEFT);
  clock.set('2026-11-20T07:00:00Z');
  const second = await runDigests(deps(), cfg);
  await smtp.waitFor(second.filter((r) => r.status === 'sent').length);
  return { first, firstMessages, second };
}

it('a first digest introduces the incident its claims opened', async () => {
  const { first, firstMessages } = await twoDays([['reader@example.net']]);
  expect(first).toEqual([
    expect.objectContaining({ status: 'sent', incidents: { new: 1, updated: 0 } }),
  ]);
  const m = firstMessages[0]!;
  expect(m.subject).toMatch(/^Attribution Watch daily digest: 1 new incident · 2 new claims/);
  const text = m.text!;
  expect(text).toContain('== New incidents (1) ==\n* Laundry Bear: ');
  expect(text).toContain('Accused: Laundry Bear (Russia); also named: Russia');
  expect(text).toContain('Accused by: Netherlands, Microsoft');
  expect(text).toContain('Targets: Dutch national police');
  expect(text).toContain('Strongest evidence: provided');
  expect(text).toContain('2 claims in 2 articles, first reported 17 Nov');
  expect(text).not.toContain('Updates to known incidents');
});

it('a later digest lists the new incident first, then the update in plain words, then the claims (text and HTML)', async () => {
  const { second } = await twoDays([['reader@example.net']]);
  expect(second).toEqual([
    expect.objectContaining({ status: 'sent', claims: 2, incidents: { new: 1, updated: 1 } }),
  ]);
  const m = mailTo('reader@example.net');
  expect(m.subject).toMatch(
    /^Attribution Watch daily digest: 1 new incident, 1 updated · 2 new claims/,
  );
  const text = m.text!;
  const newAt = text.indexOf('== New incidents (1) ==');
  const updAt = text.indexOf('== Updates to known incidents (1) ==');
  const claimsAt = text.indexOf('== Claims (2) ==');
  expect(newAt).toBeGreaterThan(0);
  expect(updAt).toBeGreaterThan(newAt);
  expect(claimsAt).toBeGreaterThan(updAt);
  const fresh = text.slice(newAt, updAt);
  expect(fresh).toContain('* Lazarus Group: ');
  expect(fresh).toContain('Accused: Lazarus Group (North Korea)');
  expect(fresh).toContain('Accused by: FBI');
  expect(fresh).toContain('Strongest evidence: unspecified');
  expect(fresh).not.toContain('Laundry Bear');
  const update = text.slice(updAt, claimsAt);
  expect(update).toMatch(/\* Laundry Bear: .+ \(known since 17 Nov\)/);
  expect(update).toContain('  - Russia denied (Wire & <Post>, 19 Nov)');
  // Only the steps the period's claims brought: not the first report or Microsoft's evidence.
  expect(update).not.toContain('Microsoft');
  expect(update).not.toContain('first reported');
  // The claims follow as before, with their stories.
  expect(text.slice(claimsAt)).toContain('https://news.example/police-denial');
  expect(text.slice(claimsAt)).toContain('https://news.example/exchange-theft');

  const html = String(m.html);
  const hNew = html.indexOf('>New incidents <');
  const hUpd = html.indexOf('>Updates to known incidents <');
  const hClaims = html.indexOf('>Claims <');
  expect(hNew).toBeGreaterThan(0);
  expect(hUpd).toBeGreaterThan(hNew);
  expect(hClaims).toBeGreaterThan(hUpd);
  expect(html.slice(hNew, hUpd)).toContain('<strong>Accused by:</strong> FBI');
  expect(html.slice(hUpd, hClaims)).toContain(
    '<li>Russia denied (Wire &amp; &lt;Post&gt;, 19 Nov) &middot; <a href="https://news.example/police-denial"',
  );
  expect(html).not.toContain('<Post>');
});

it('gives each subscriber only the incidents of the claims they get', async () => {
  const { second } = await twoDays([
    ['korea@example.net', { accused: 'North Korea' }],
    ['russia@example.net', { accused: 'Russia' }],
    ['denials@example.net', { denialOnly: true }],
  ]);
  const by = Object.fromEntries(second.map((r) => [r.email, r]));
  expect(by['korea@example.net']).toMatchObject({ claims: 1, incidents: { new: 1, updated: 0 } });
  expect(by['russia@example.net']).toMatchObject({ claims: 1, incidents: { new: 0, updated: 1 } });
  expect(by['denials@example.net']).toMatchObject({ claims: 1, incidents: { new: 0, updated: 1 } });

  const korea = mailTo('korea@example.net');
  for (const part of [korea.text!, String(korea.html)]) {
    expect(part).toContain('New incidents');
    expect(part).toContain('Lazarus Group');
    expect(part).not.toContain('Laundry Bear');
    expect(part).not.toContain('Updates to known incidents');
  }
  const russia = mailTo('russia@example.net');
  for (const part of [russia.text!, String(russia.html)]) {
    expect(part).toContain('Updates to known incidents');
    expect(part).toContain('Russia denied');
    expect(part).not.toContain('Lazarus');
    expect(part).not.toContain('New incidents');
  }
  expect(russia.subject).toMatch(/: 1 incident update · 1 new claim:/);
});

it('the operator digest (CLI `digest`, the demo) runs the incident job first and lists what it placed', async () => {
  clock.set('2026-11-19T12:00:00Z');
  await store(POLICE_GOVERNMENT, POLICE_VENDOR, POLICE_DENIAL);
  expect(await local.store.queryIncidents({ index: { by: 'all', value: 'all' } })).toEqual([]);
  clock.advance(1000);
  const r = await sendDigest(deps(), {
    to: 'ops@example.org',
    from: 'Attribution Watch <digest@example.org>',
  });
  expect(r).toMatchObject({ status: 'sent', claims: 3, incidents: { new: 1, updated: 0 } });
  await smtp.waitFor(1);
  const text = smtp.messages[0]!.text!;
  expect(text).toContain('== New incidents (1) ==\n* Laundry Bear: ');
  expect(text).toContain('3 claims in 3 articles, first reported 17 Nov · denied by Russia');
  // A dry run writes nothing, also no incidents: the next article stays unplaced.
  clock.advance(3_600_000);
  await store(EXCHANGE_THEFT);
  clock.advance(1000);
  const dry = await sendDigest(deps(), {
    to: 'ops@example.org',
    from: 'x@example.org',
    dryRun: true,
  });
  expect(dry).toMatchObject({ status: 'dry-run', claims: 1, incidents: { new: 0, updated: 0 } });
  expect(await local.store.queryIncidents({ index: { by: 'accused', value: 'KP' } })).toEqual([]);
});
