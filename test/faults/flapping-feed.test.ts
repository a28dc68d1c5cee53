/**
 * A feed flapping between 200, 500 and timeouts: each failure is counted and backs the feed off
 * exponentially (15, 30, 60 minutes), a success resets it, and the state is what the user sees
 * in `attribution-watch feeds list --json` (the built CLI reads the same data folder).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import { openLocalStore } from '../../lambdas/adapters/local-dynamo';
import { CollectingQueue } from '../../lambdas/core/cycle';
import { pollFeeds } from '../../lambdas/core/feeds/poll';
import { seedFeeds } from '../../lambdas/core/feeds/registry';
import { silentLogger } from '../../lambdas/core/logger';
import type { FeedRecord } from '../../lambdas/core/records';
import { startServer, type TestServer } from '../helpers/http-server';
import { TestClock } from '../helpers/store';

const ROOT = path.join(__dirname, '..', '..');
type Mode = 'ok' | 'error' | 'timeout';

let server: TestServer;
let mode: Mode = 'ok';
let data: string;

beforeAll(async () => {
  server = await startServer({
    '/feed': (_req, res) => {
      if (mode === 'timeout') return; // never answers
      if (mode === 'error') {
        res.writeHead(500);
        return void res.end('upstream down');
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Hackers breach bank</title><link>${server.url}/a</link></item></channel></rss>`,
      );
    },
  });
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-flap-'));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(data, { recursive: true, force: true });
});

async function feedsList(): Promise<FeedRecord[]> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'attribution-watch.js'), 'feeds', 'list', '--json', '--data', data],
    { cwd: ROOT },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  expect(await new Promise((r) => child.once('exit', r))).toBe(0);
  return JSON.parse(out) as FeedRecord[];
}

it('backs off on 500s and timeouts, recovers on a 200, and shows it in feeds list', async () => {
  const clock = new TestClock();
  const http = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'], totalTimeoutMs: 300 });
  const steps: [Mode, number, RegExp | undefined, number][] = [
    // mode, consecutive errors after the poll, last error, minutes to the next poll
    ['ok', 0, undefined, 15],
    ['error', 1, /HTTP 500/, 15],
    ['timeout', 2, /timed out after 300 ms/, 30],
    ['error', 3, /HTTP 500/, 60],
    ['timeout', 4, /timed out/, 120],
  ];
  const poll = async (m: Mode) => {
    mode = m;
    const local = await openLocalStore({ dataDir: data });
    try {
      if (m === 'ok' && !(await local.store.getFeed('flap')))
        await seedFeeds(
          local.store,
          [
            {
              id: 'flap',
              name: 'Flap',
              url: `${server.url}/feed`,
              enabled: true,
              prefilter: false,
            },
          ],
          clock,
        );
      await pollFeeds({
        store: local.store,
        http,
        queue: new CollectingQueue(),
        clock,
        logger: silentLogger,
      });
      return (await local.store.getFeed('flap'))!;
    } finally {
      await local.close();
    }
  };
  try {
    for (const [m, errors, lastError, wait] of steps) {
      const f = await poll(m);
      expect([m, f.consecutiveErrors]).toEqual([m, errors]);
      if (lastError) expect(f.lastError).toMatch(lastError);
      expect(Date.parse(f.nextPollAt!) - clock.now().getTime()).toBe(wait * 60_000);
      // Not polled again before it is due.
      clock.advance(wait * 60_000 - 1000);
      const early = await poll(m);
      expect(early.lastPolledAt).toBe(f.lastPolledAt);
      clock.advance(1000);
    }
    const failing = (await feedsList()).find((f) => f.id === 'flap')!;
    expect(failing).toMatchObject({ consecutiveErrors: 4 });
    expect(failing.lastError).toMatch(/timed out/);
    expect(failing.lastSuccessAt).toBeDefined();

    const recovered = await poll('ok');
    expect(recovered).toMatchObject({ consecutiveErrors: 0 });
    const listed = (await feedsList()).find((f) => f.id === 'flap')!;
    expect(listed).toMatchObject({
      consecutiveErrors: 0,
      lastSuccessAt: clock.now().toISOString(),
    });
    expect(listed.lastError).toBeUndefined();
  } finally {
    http.close();
  }
}, 60_000);
