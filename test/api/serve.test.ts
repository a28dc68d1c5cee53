/** `serve`'s host: a real HTTP server on 127.0.0.1 over dynalite, reached with fetch. */
import http from 'node:http';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { type RunningServer, startApiServer } from '../../bin/server';
import { memoryStore, TestClock } from '../helpers/store';
import { seedClaims } from './seed';

let local: LocalStore;
let server: RunningServer;

beforeAll(async () => {
  local = await memoryStore();
  await seedClaims(local.store, 40);
  server = await startApiServer({
    store: local.store,
    port: 0,
    clock: new TestClock(Date.parse('2026-11-20T12:00:00Z')),
    cursorSecret: 'serve-test-secret',
  });
});
afterAll(async () => {
  await server.close();
  await local.close();
});

it('listens on 127.0.0.1 and serves the explorer with a strict content security policy', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const r = await fetch(`${server.url}/`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/html/);
  expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await r.text()).toContain('<script src="/app.js" defer></script>');
  expect((await fetch(`${server.url}/app.js`)).headers.get('content-type')).toMatch(/javascript/);
});

it('serves the API: claims, paging, CSV and STIX exports, errors as JSON', async () => {
  const page = await (await fetch(`${server.url}/claims?accused=RU&limit=3`)).json();
  expect(page.count).toBe(3);
  const next = await fetch(`${server.url}/claims?accused=RU&limit=3&cursor=${page.nextCursor}`);
  const second = await next.json();
  expect(second.claims[0].id).not.toBe(page.claims[0].id);
  const csv = await fetch(`${server.url}/claims?accused=RU&format=csv`);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(csv.headers.get('content-disposition')).toContain('claims.csv');
  expect((await csv.text()).split('\r\n')[0]).toMatch(/^id,published_at,/);
  const stix = await (await fetch(`${server.url}/claims?format=stix`)).json();
  expect(stix.type).toBe('bundle');
  const bad = await fetch(`${server.url}/claims?limit=0`);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ parameter: 'limit' });
  expect((await fetch(`${server.url}/claims`, { method: 'PUT' })).status).toBe(405);
  expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
});

it('refuses requests for another host name (DNS rebinding)', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.get(
      `${server.url}/claims`,
      { headers: { host: `evil.example:${server.port}` } },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on('error', reject);
  });
  expect(status).toBe(421);
});

it('refuses oversized bodies', async () => {
  const r = await fetch(`${server.url}/subscriptions`, {
    method: 'POST',
    body: 'x'.repeat(70_000),
  });
  expect(r.status).toBe(413);
});
