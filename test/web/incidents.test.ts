/**
 * Incidents in the web explorer: `serve`'s server over dynalite holding what the real detector
 * and incidents job made of our seed articles, driven by headless Chromium. The list and its
 * filters, an incident page (facts, timeline steps with their articles, "also reported by",
 * the chart of claims over time), links from a step to its claim and from the claim back, and
 * untrusted text (an outlet name with markup) shown as text.
 */
import type { Page } from 'playwright-core';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { type RunningServer, startApiServer } from '../../bin/server';
import { launchChromium, type LaunchedBrowser } from '../helpers/browser';
import { memoryStore, TestClock } from '../helpers/store';
import { INCIDENT_ARTICLES, seedIncidents } from '../api/incident-seed';

jest.setTimeout(60_000);

const HOSTILE_OUTLET = 'Security <img src=x id=injected> Ledger';

let local: LocalStore;
let server: RunningServer;
let browser: LaunchedBrowser;
let page: Page;
let storting: string;
const errors: string[] = [];

beforeAll(async () => {
  local = await memoryStore();
  const clock = new TestClock(Date.parse('2026-09-20T00:00:00Z'));
  await seedIncidents(
    local.store,
    clock,
    INCIDENT_ARTICLES.map((a) => (a.id === 'storting-vendor' ? { ...a, site: HOSTILE_OUTLET } : a)),
  );
  storting = (await local.store.queryIncidents({ index: { by: 'accused', value: 'apt31' } }))[0]!
    .id;
  server = await startApiServer({
    store: local.store,
    port: 0,
    clock,
    cursorSecret: 'web-incident-secret',
  });
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await local?.close();
});

const rowNames = () => page.locator('#incidents tbody tr td:nth-child(2)').allTextContents();

it('lists the incidents, newest first, and filters them by accused, target and month', async () => {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.querySelectorAll('#incidents tbody tr').length === 3);
  const names = await rowNames();
  expect(names[0]).toMatch(/^APT31: /);
  expect(names[1]).toMatch(/^Russia: /);
  expect(names[2]).toMatch(/^APT28: /);
  expect(await page.locator('#incidents-status').textContent()).toMatch(/3 incidents on page 1/);

  const form = page.locator('#incident-filters');
  await form.getByLabel('Incident accused').fill('Russia');
  await form.getByLabel('Incident accused').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#incidents tbody tr').length === 2);
  expect(await rowNames()).toEqual([
    expect.stringMatching(/^Russia/),
    expect.stringMatching(/^APT28/),
  ]);

  await form.getByLabel('Month with a claim').fill('2026-07');
  await form.getByRole('button', { name: 'Show incidents' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#incidents tbody tr').length === 1);
  expect(await rowNames()).toEqual([expect.stringMatching(/^APT28/)]);

  await form.getByRole('button', { name: 'Clear' }).click();
  await form.getByLabel('Incident target').fill('Norway');
  await form.getByRole('button', { name: 'Show incidents' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#incidents tbody tr').length === 1);
  expect(await rowNames()).toEqual([expect.stringMatching(/^APT31/)]);
});

it('shows a refused filter and focuses its field', async () => {
  const form = page.locator('#incident-filters');
  await form.getByLabel('Incident target').fill('!!!');
  await form.getByRole('button', { name: 'Show incidents' }).click();
  await page.locator('#incidents-error').waitFor({ state: 'visible' });
  expect(await page.locator('#incidents-error').textContent()).toMatch(/^target: /);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('i-target');
  await form.getByRole('button', { name: 'Clear' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#incidents tbody tr').length === 3);
});

it('opens an incident with its facts, timeline and chart of claims over time', async () => {
  await page.locator('#incidents tbody a', { hasText: /^APT31: / }).click();
  await page.locator('#incident').waitFor({ state: 'visible' });
  expect(page.url()).toBe(`${server.url}/#incident/${storting}`);
  expect(await page.locator('#incident-heading').textContent()).toBe(
    'APT31: intrusion against parliament email',
  );
  const facts = await page.locator('#incident-facts').textContent();
  expect(facts).toContain('AccusedAPT31 (CN); also named: China');
  expect(facts).toContain('AccusersNorway, Mandiant');
  expect(facts).toContain('Strongest evidenceprovided');
  expect(facts).toContain('Confidence0.65');
  expect(facts).toContain('Answersdenial by China');

  const steps = page.locator('#incident-timeline li');
  expect(await steps.evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.kind))).toEqual([
    'first-report',
    'denial',
    'new-accuser',
    'evidence',
  ]);
  expect(await steps.nth(0).textContent()).toMatch(
    /^First report · 2026-09-02 · Norway \(government\)/,
  );
  expect(await steps.nth(1).textContent()).toMatch(/Denial · 2026-09-03 · China/);
  expect(await steps.nth(1).textContent()).toMatch(/rejected Norway's accusation/);
  expect(await steps.nth(2).textContent()).toMatch(
    /New accuser · 2026-09-10 · Mandiant \(US\) \(vendor\)/,
  );
  // Each step links its article; the first report was also in the denial's article.
  const articleOf = async (i: number) =>
    steps.nth(i).locator('a[target="_blank"]').first().getAttribute('href');
  expect(await articleOf(0)).toBe('https://news.example/storting-first');
  expect(await articleOf(1)).toBe('https://news.example/storting-denial');
  expect(await articleOf(2)).toBe('https://news.example/storting-vendor');
  const also = steps.nth(0).locator('.also');
  expect(await also.textContent()).toBe('Also reported by: Asia Desk');
  expect(await also.locator('a').getAttribute('href')).toBe('https://news.example/storting-denial');

  // One bar per day with a claim (2, 3 and 10 September), none for the days between.
  const bars = page.locator('#incident-svg rect.bar');
  expect(
    await bars.evaluateAll((b) =>
      b.map((r) => [r.getAttribute('data-period'), r.getAttribute('data-count')]),
    ),
  ).toEqual([
    ['2026-09-02', '1'],
    ['2026-09-03', '1'],
    ['2026-09-10', '1'],
  ]);
  expect(await page.locator('#incident-svg > title').textContent()).toBe(
    'Claims per day: 3 claims over 9 days',
  );
  expect(await page.locator('#incident-stix').getAttribute('href')).toMatch(
    new RegExp(`/incidents/${storting}\\?format=stix$`),
  );
});

it('shows an outlet name with markup as text', async () => {
  const vendor = page.locator('#incident-timeline li[data-kind="new-accuser"]');
  expect(await vendor.locator('a').first().textContent()).toBe(HOSTILE_OUTLET);
  expect(await page.locator('#injected').count()).toBe(0);
});

it('links a step to its claim, and the claim back to its incident', async () => {
  await page.locator('#incident-timeline li[data-kind="new-accuser"] a.claim').click();
  await page.locator('#detail').waitFor({ state: 'visible' });
  expect(await page.locator('#detail-heading').textContent()).toBe(
    'Mandiant (US) accuses APT31 (CN)',
  );
  const back = page.locator('#detail-incident');
  expect(await back.getAttribute('href')).toBe(`#incident/${storting}`);
  await page.locator('#incident-close').click();
  await page.locator('#incident').waitFor({ state: 'hidden' });
  await back.click();
  await page.locator('#incident').waitFor({ state: 'visible' });
  expect(await page.locator('#incident-heading').textContent()).toMatch(/^APT31: /);
});

it('opens an incident from a link to it, and says so for an unknown one', async () => {
  await page.goto(`${server.url}/#incident/${storting}`);
  await page.locator('#incident').waitFor({ state: 'visible' });
  expect(await page.locator('#incident-timeline li').count()).toBe(4);
  await page.goto(`${server.url}/#incident/inc_unknownIncident`);
  await page.locator('#incidents-error').waitFor({ state: 'visible' });
  expect(await page.locator('#incidents-error').textContent()).toMatch(/no incident/);
  expect(await page.locator('#incident').isHidden()).toBe(true);
});

it('ran without script errors', () => {
  // The refused filter and the unknown incident are a 400 and a 404 the browser logs.
  expect(errors.filter((e) => !/status of (400|404)/.test(e))).toEqual([]);
});
