/**
 * The process killed mid-run: the built CLI runs a cycle against a news site on 127.0.0.1, is
 * killed with SIGKILL partway through, and run again. The rerun completes the work: every article
 * is stored once and extracted, and every claim is stored once under its article and once in
 * the day index — the same articles and claims as an uninterrupted run. (`npm run build` first;
 * `npm test` does it.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../../lambdas/adapters/local-dynamo';
import { ARTICLE_STATUSES } from '../../lambdas/core/records';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { story } from './news';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'attribution-watch.js');
const ARTICLES = 36;
let server: TestServer;
let tmp: string;
let feedsFile: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'bin', 'cli.js')))
    throw new Error('run `npm run build` first: this suite spawns the built CLI');
  server = await startServer();
  const items: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const p = `/news/story-${i}`;
    // Slow enough that a kill lands mid-run.
    server.routes.set(p, (_req, res) => {
      setTimeout(
        () => send(story(i), { 'content-type': 'text/html; charset=utf-8' })(_req, res),
        120,
      );
    });
    items.push(`<item><title>Story ${i}</title><link>${server.url}${p}</link></item>`);
  }
  server.routes.set(
    '/feed',
    send(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>${items.join('')}</channel></rss>`,
      {
        'content-type': 'application/rss+xml',
      },
    ),
  );
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-kill-'));
  feedsFile = path.join(tmp, 'feeds.json');
  fs.writeFileSync(
    feedsFile,
    JSON.stringify({
      feeds: [{ id: 'local', name: 'Local', url: `${server.url}/feed`, prefilter: false }],
    }),
  );
});

afterAll(async () => {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const runArgs = (data: string) => [
  'run',
  '--feeds',
  feedsFile,
  '--data',
  data,
  '--allow-private-networks',
  '--all',
  '--json',
];

/** Runs a cycle to the end (async: the news site lives in this process). */
async function runToEnd(data: string) {
  const child = spawn(process.execPath, [BIN, ...runArgs(data)], { cwd: ROOT });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(0);
  return JSON.parse(out) as { processed: number; resumed: number; claims: number };
}

/** Starts a run and kills it with SIGKILL once `after` pages have been served. */
async function runAndKill(data: string, after: number): Promise<number> {
  const child = spawn(process.execPath, [BIN, ...runArgs(data)], { cwd: ROOT, stdio: 'ignore' });
  const pages = () =>
    [...server.hits.entries()]
      .filter(([p]) => p.startsWith('/news/'))
      .reduce((a, [, n]) => a + n, 0);
  const start = pages();
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (pages() - start >= after) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 5);
    child.once('exit', (_code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error('the run finished before it could be killed'));
    });
  });
  return pages() - start;
}

/** Everything stored, read back in-process after the CLI has exited. */
async function snapshot(data: string) {
  const local = await openLocalStore({ dataDir: data });
  try {
    const articles = [];
    for (const s of ARTICLE_STATUSES)
      articles.push(...(await local.store.listArticlesByStatus(s, 10_000)));
    const claims: string[] = [];
    for (const a of articles)
      claims.push(...(await local.store.listClaimsForArticle(a.id)).map((c) => c.id));
    const days = new Set(articles.map((a) => a.updatedAt.slice(0, 10)));
    const indexed: string[] = [];
    for (const day of days)
      indexed.push(
        ...(await local.store.queryClaims({ index: { by: 'day', value: day } })).map((c) => c.id),
      );
    return {
      articleIds: articles.map((a) => a.id).sort(),
      statuses: [...new Set(articles.map((a) => a.status))],
      claims: claims.sort(),
      indexed: indexed.sort(),
    };
  } finally {
    await local.close();
  }
}

it('a run killed with SIGKILL and run again stores every article and claim exactly once', async () => {
  const reference = path.join(tmp, 'reference');
  await runToEnd(reference);
  const expected = await snapshot(reference);
  expect(expected.articleIds).toHaveLength(ARTICLES);
  expect(expected.claims.length).toBeGreaterThanOrEqual(ARTICLES);

  const data = path.join(tmp, 'killed');
  const served = await runAndKill(data, 10);
  expect(served).toBeLessThan(ARTICLES);
  const interrupted = await snapshot(data);
  expect(interrupted.statuses).toContain('pending');

  const rerun = await runToEnd(data);
  expect(rerun.resumed).toBeGreaterThan(0);
  const after = await snapshot(data);
  expect(after.statuses).toEqual(['extracted']);
  expect(after.articleIds).toEqual(expected.articleIds);
  expect(after.claims).toEqual(expected.claims);
  expect(new Set(after.claims).size).toBe(after.claims.length);
  expect(after.indexed).toEqual(after.claims);
}, 120_000);
