/**
 * The lenient-parsing fixtures through the built CLI against a real HTTP server on 127.0.0.1:
 * `feeds check` prints each feed's items (and "recovered" for malformed ones), and a full `run`
 * polls them all, stores the articles a reader expects, fetches their pages, shows the
 * recovered feeds in the summary and in `feeds list`, keeps the one-line error for the feed with
 * nothing to recover, and a rerun stores nothing twice.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../../lambdas/adapters/local-dynamo';
import type { FeedRecord } from '../../lambdas/core/records';
import { send, startServer, type TestServer } from '../helpers/http-server';
import { fixtureBytes, LENIENT_CASES, pathOf } from '../helpers/lenient-fixtures';

const BIN = path.join(__dirname, '..', '..', 'bin', 'attribution-watch.js');

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const idOf = (file: string) => file.replace(/\.xml(\.gz)?$/, '').replace(/[^a-z0-9]+/g, '-');
const page = (title: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${'The agency said the intrusion was detected early and contained within hours. '.repeat(4)}</p></article></body></html>`;

let server: TestServer;
let data: string;
let feedsFile: string;

beforeAll(async () => {
  server = await startServer();
  for (const c of LENIENT_CASES) {
    server.routes.set(
      `/feeds/${c.file}`,
      send(fixtureBytes(c.file), { 'content-type': c.contentType }),
    );
    for (const [title, link] of c.items) {
      server.routes.set(
        new URL(link, server.url).pathname,
        send(page(title), { 'content-type': 'text/html; charset=utf-8' }),
      );
    }
  }
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lenient-'));
  feedsFile = path.join(data, 'feeds.json');
  fs.writeFileSync(
    feedsFile,
    JSON.stringify({
      feeds: LENIENT_CASES.map((c) => ({
        id: idOf(c.file),
        name: c.file,
        url: `${server.url}/feeds/${c.file}`,
        prefilter: false,
      })),
    }),
  );
});

afterAll(async () => {
  await server.close();
  fs.rmSync(data, { recursive: true, force: true });
});

describe('feeds check', () => {
  it.each(LENIENT_CASES.map((c) => [c.file, c] as const))(
    '%s',
    async (file, c) => {
      const r = await cli([
        'feeds',
        'check',
        `${server.url}/feeds/${file}`,
        '--allow-private-networks',
        '--json',
      ]);
      if (c.error) {
        expect(r.code).toBe(1);
        expect(r.err.trim()).toContain(c.error);
        expect(r.err.trim().split('\n')).toHaveLength(1);
        return;
      }
      expect(r.code).toBe(0);
      const feed = JSON.parse(r.out) as {
        items: { title: string; url: string }[];
        recovered?: string;
      };
      expect(feed.items.map((i) => [i.title, pathOf(i.url)])).toEqual(c.items);
      expect(feed.recovered ?? null).toEqual(
        c.recovered ? expect.stringContaining(c.recovered) : null,
      );
    },
    30_000,
  );

  it('says "recovered" and why in its text output', async () => {
    const r = await cli([
      'feeds',
      'check',
      `${server.url}/feeds/unescaped-amp.xml`,
      '--allow-private-networks',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Search & Signal — 2 items\nrecovered: malformed XML, items read leniently — an unescaped & or an undefined entity \(line 4\)\n/,
    );
  }, 30_000);
});

describe('run over the fixtures', () => {
  let summary: {
    poll: {
      recovered: number;
      failed: number;
      feeds: {
        feedId: string;
        outcome: string;
        items: number;
        recovered?: string;
        error?: string;
      }[];
    };
    processed: number;
  };
  let text: string;

  beforeAll(async () => {
    const r = await cli(['run', '--feeds', feedsFile, '--data', data, '--allow-private-networks']);
    expect(r.code).toBe(0);
    text = r.out;
    const j = await cli([
      'run',
      '--feeds',
      feedsFile,
      '--data',
      data,
      '--allow-private-networks',
      '--all',
      '--json',
    ]);
    expect(j.code).toBe(0);
    summary = JSON.parse(j.out);
  }, 180_000);

  it('the summary counts and names the recovered feeds and the failed one', () => {
    const recovered = LENIENT_CASES.filter((c) => c.recovered);
    expect(text).toMatch(new RegExp(`recovered \\(malformed XML\\)\\s+${recovered.length}\\b`));
    expect(text).toContain('Recovered feeds (malformed XML, items read leniently');
    for (const c of recovered) {
      expect(text).toMatch(
        new RegExp(
          `\\n  ${idOf(c.file)}: ${c.items.length} items; [^\\n]*${c.recovered!.replace(/[()&]/g, '\\$&')}`,
        ),
      );
    }
    expect(text).toMatch(
      /Failed feeds[^\n]*\n {2}nothing-to-recover: not a parsable RSS\/Atom\/RDF feed: truncated/,
    );
  });

  it('stores the articles a reader expects from each feed, and a rerun adds none', async () => {
    // The rerun (--all --json) polled every feed again: nothing new, the same recovered state.
    expect(summary.poll.recovered).toBe(LENIENT_CASES.filter((c) => c.recovered).length);
    // The feed with nothing to recover backs off after its failure: not polled again yet.
    expect(summary.poll.failed).toBe(0);
    expect(summary.processed).toBe(0);
    for (const c of LENIENT_CASES) {
      const f = summary.poll.feeds.find((x) => x.feedId === idOf(c.file))!;
      if (c.error) expect(f).toMatchObject({ outcome: 'not-due' });
      else expect(f).toMatchObject({ outcome: 'updated', items: c.items.length, newArticles: 0 });
    }
    const local = await openLocalStore({ dataDir: data });
    try {
      const articles = [
        ...(await local.store.listArticlesByStatus('extracted', 1000)),
        ...(await local.store.listArticlesByStatus('failed', 1000)),
        ...(await local.store.listArticlesByStatus('pending', 1000)),
      ];
      for (const c of LENIENT_CASES) {
        const stored = articles
          .filter((a) => a.feedId === idOf(c.file))
          .map((a) => [a.feedItemTitle, pathOf(a.url)])
          .sort();
        expect([c.file, stored]).toEqual([c.file, [...c.items].sort()]);
      }
      // Every page was fetched and extracted.
      expect(articles.every((a) => a.status === 'extracted')).toBe(true);
    } finally {
      await local.close();
    }
  }, 60_000);

  it('feeds list shows "recovered" and why, and the error of the feed with nothing to recover', async () => {
    const list = JSON.parse(
      (await cli(['feeds', 'list', '--json', '--data', data])).out,
    ) as FeedRecord[];
    for (const c of LENIENT_CASES) {
      const f = list.find((x) => x.id === idOf(c.file))!;
      if (c.recovered) expect(f.recovered).toContain(c.recovered);
      else expect(f.recovered).toBeUndefined();
      if (c.error) expect(f).toMatchObject({ consecutiveErrors: 1, lastError: c.error });
      else expect(f).toMatchObject({ consecutiveErrors: 0, lastItemCount: c.items.length });
    }
    const table = (await cli(['feeds', 'list', '--data', data])).out;
    expect(table).toMatch(/last error \/ recovered/);
    expect(table).toMatch(
      /\nunescaped-amp\s.*recovered: an unescaped & or an undefined entity \(line 4\)/,
    );
    expect(table).toMatch(/\nrss-no-version\s+yes\s+off\s+\S+\s+0\s+\S+\s+http/);
  }, 30_000);
});
