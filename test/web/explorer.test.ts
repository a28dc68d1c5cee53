/**
 * The web explorer end to end: `serve`'s server over dynalite, driven by a real headless Chromium
 * (the system's, else the npm package's: test/helpers/browser.ts) through playwright-core. Load,
 * filter, page, open a claim, see the charts, subscribe.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { OutboxMailer } from '../../lambdas/adapters/outbox-mailer';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { subscriptionRoutes } from '../../lambdas/core/api/subscription-routes';
import { type RunningServer, startApiServer } from '../../bin/server';
import { launchChromium, type LaunchedBrowser } from '../helpers/browser';
import { memoryStore, TestClock } from '../helpers/store';
import { seedClaims } from '../api/seed';

jest.setTimeout(60_000);

let local: LocalStore;
let server: RunningServer;
let browser: LaunchedBrowser;
let page: Page;
let outboxDir: string;
const errors: string[] = [];

beforeAll(async () => {
  local = await memoryStore();
  await seedClaims(local.store, 80);
  outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-web-outbox-'));
  const clock = new TestClock(Date.parse('2026-11-20T12:00:00Z'));
  server = await startApiServer({
    store: local.store,
    port: 0,
    clock,
    cursorSecret: 'web-test-secret',
    routes: [
      subscriptionRoutes({
        store: local.store,
        clock,
        mailer: new OutboxMailer(outboxDir),
        config: { tokenSecret: 'x'.repeat(64), from: 'Attribution Watch <digest@localhost>' },
      }),
    ],
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
  fs.rmSync(outboxDir, { recursive: true, force: true });
});

const rows = () => page.locator('#claims tbody tr');

it('loads the newest claims and both charts', async () => {
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.querySelectorAll('#claims tbody tr').length > 0);
  expect(await rows().count()).toBe(25);
  await expect(page.locator('#claims-status').textContent()).resolves.toMatch(
    /25 claims on page 1/,
  );
  await page.locator('#matrix-svg').waitFor();
  await page.locator('#time-svg').waitFor();
  expect(await page.locator('#matrix-svg g.cell').count()).toBeGreaterThan(0);
  expect(await page.locator('#matrix-svg title').first().textContent()).toMatch(/Who accuses whom/);
  expect(await page.locator('#time-svg rect').count()).toBeGreaterThan(5);
});

it('filters with the keyboard and pages forward and back', async () => {
  await page.getByLabel('Accused', { exact: true }).fill('Russia');
  await page.getByLabel('Accused', { exact: true }).press('Enter');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#claims tbody tr td:nth-child(3)')].every(
      (td) => td.textContent === 'Russia' || td.textContent === 'APT28 (RU)',
    ),
  );
  const firstPage = await rows().allTextContents();
  expect(firstPage.length).toBeGreaterThan(0);
  expect(page.url()).toBe(`${server.url}/`);
  // Only claims against Russia: 80 claims, 2 of every 6 → 26 or 27, so two pages.
  await expect(page.locator('#next').isEnabled()).resolves.toBe(true);
  await page.locator('#next').click();
  await page.waitForFunction(() => document.getElementById('page-no')!.textContent === 'Page 2');
  const second = await rows().allTextContents();
  expect(second.length).toBeGreaterThan(0);
  expect(second[0]).not.toBe(firstPage[0]);
  await page.locator('#prev').click();
  await page.waitForFunction(() => document.getElementById('page-no')!.textContent === 'Page 1');
  expect(await page.locator('#export-csv').getAttribute('href')).toContain('accused=Russia');
});

it('lets the browser refuse out-of-range input, and shows a refusal from the API', async () => {
  // The number field's own range check stops the form: no request is made.
  await page.getByLabel('Minimum confidence (0–1)').fill('5');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  expect(await page.locator('#f-min').evaluate((e: HTMLInputElement) => e.validity.valid)).toBe(
    false,
  );
  await page.getByLabel('Minimum confidence (0–1)').fill('');
  // The API refuses a period that ends before it starts, and the page says which field.
  await page.getByLabel('Published since').fill('2026-10-01');
  await page.getByLabel('Published before').fill('2026-09-01');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('#query-error').waitFor({ state: 'visible' });
  expect(await page.locator('#query-error').textContent()).toMatch(/^until: /);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-until');
  await page.getByLabel('Published since').fill('');
  await page.getByLabel('Published before').fill('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('#query-error').waitFor({ state: 'hidden' });
});

it('opens a claim with its source sentences and article link, and returns focus', async () => {
  const open = page.locator('#claims tbody button.open').first();
  await open.focus();
  await page.keyboard.press('Enter');
  await page.locator('#detail').waitFor({ state: 'visible' });
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
  expect(await page.locator('#detail-heading').textContent()).toMatch(/accuses (Russia|APT28)/);
  const sentences = await page.locator('#detail-sentences li').allTextContents();
  expect(sentences.join(' ')).toMatch(/carried out/);
  const link = page.locator('#detail-links a').first();
  expect(await link.getAttribute('href')).toMatch(/^https:\/\/news\.example\/story\//);
  expect(await page.locator('#detail-links a').nth(1).getAttribute('href')).toMatch(/\/articles\//);
  await page.keyboard.press('Escape');
  await page.locator('#detail').waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => document.activeElement?.classList.contains('open'))).toBe(true);
});

it('sends the subscribe form and shows the answer', async () => {
  await page.getByLabel('Email address').fill('analyst@example.com');
  await page.getByLabel('Accused countries (ISO codes, comma-separated)').fill('RU, CN');
  await page.getByLabel('How often').selectOption('weekly');
  const [request, response] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/subscriptions') && r.method() === 'POST'),
    page.waitForResponse((r) => r.url().endsWith('/subscriptions')),
    page.getByRole('button', { name: 'Subscribe' }).click(),
  ]);
  expect(request.postDataJSON()).toMatchObject({
    email: 'analyst@example.com',
    cadence: 'weekly',
    filters: { accused: ['RU', 'CN'] },
  });
  const status = response.status();
  // 202 with the subscription routes mounted (they are here); a host without them answers 404.
  expect([202, 404]).toContain(status);
  await page.waitForFunction(
    () => !/Sending/.test(document.getElementById('subscribe-status')!.textContent!),
  );
  const shown = await page.locator('#subscribe-status').textContent();
  if (status === 202) expect(shown).toMatch(/confirmation link/);
  else expect(shown).toMatch(/HTTP 404/);
});

it('ran without script errors', () => {
  // The refused filter is a 400 the browser logs as a failed resource load; nothing else.
  expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
});
