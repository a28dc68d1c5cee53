/**
 * `run` and `watch` through the built CLI against a feed and pages on 127.0.0.1: the summary,
 * a rerun that creates nothing new, and the feed state in `feeds list`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { send, startServer, type TestServer } from '../helpers/http-server';

const BIN = path.join(__dirname, '..', '..', 'bin', 'attribution-watch.js');

function cli(
  args: string[],
  opts: { killAfterStdout?: RegExp } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      // Wait a moment first: a watch that exits by itself after one cycle must be caught.
      if (opts.killAfterStdout?.test(out)) setTimeout(() => child.kill('SIGINT'), 500);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const article = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${body
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

let server: TestServer;
let data: string;
let feedsFile: string;

beforeAll(async () => {
  server = await startServer();
  const items = ['/a', '/b'];
  server.routes.set(
    '/feed.xml',
    send(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>${server.url}/</link>${items
        .map(
          (p) =>
            `<item><title>Cyber story ${p}</title><link>${server.url}${p}?utm_source=rss</link></item>`,
        )
        .join('')}</channel></rss>`,
      { 'content-type': 'application/rss+xml', etag: '"1"' },
    ),
  );
  server.routes.set(
    '/a',
    send(
      article(
        'Officials blame Iran for water utility hacks',
        "U.S. officials said hackers working for Iran's Revolutionary Guards breached water utilities in several states.\n\nTehran denied the accusation.\n\nThe utilities said service was not affected.",
      ),
      { 'content-type': 'text/html' },
    ),
  );
  server.routes.set(
    '/b',
    send(
      article(
        'Patch now: router flaw exploited',
        'A vendor urged customers to patch a router vulnerability that attackers are exploiting.\n\nIt did not say who was behind the attacks.',
      ),
      { 'content-type': 'text/html' },
    ),
  );
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-run-'));
  feedsFile = path.join(data, 'feeds.json');
  fs.writeFileSync(
    feedsFile,
    JSON.stringify({
      feeds: [{ id: 'local', name: 'Local', url: `${server.url}/feed.xml`, prefilter: false }],
    }),
  );
});

afterAll(async () => {
  await server.close();
  fs.rmSync(data, { recursive: true, force: true });
});

describe('attribution-watch run', () => {
  it('polls, processes and summarizes; a rerun creates nothing new', async () => {
    const first = await cli([
      'run',
      '--feeds',
      feedsFile,
      '--data',
      data,
      '--allow-private-networks',
      '--json',
    ]);
    expect(first.code).toBe(0);
    const s = JSON.parse(first.out);
    const local = s.poll.feeds.find((f: { feedId: string }) => f.feedId === 'local');
    expect(local).toMatchObject({ outcome: 'updated', newArticles: 2 });
    expect(s).toMatchObject({ processed: 2, extracted: 2, attributionStories: 1 });
    expect(s.claims).toBeGreaterThanOrEqual(1);

    const again = await cli([
      'run',
      '--feeds',
      feedsFile,
      '--data',
      data,
      '--allow-private-networks',
      '--all',
      '--json',
    ]);
    expect(again.code).toBe(0);
    const s2 = JSON.parse(again.out);
    expect(s2.poll.newArticles).toBe(0);
    expect(s2.processed).toBe(0);
  }, 120_000);

  it('shows the feed state in feeds list (only the given feeds: --feeds does not seed the defaults)', async () => {
    const r = await cli(['feeds', 'list', '--json', '--data', data]);
    const feeds = JSON.parse(r.out) as {
      id: string;
      lastSuccessAt?: string;
      consecutiveErrors: number;
      lastError?: string;
      etag?: string;
    }[];
    const local = feeds.find((f) => f.id === 'local')!;
    expect(local.lastSuccessAt).toBeDefined();
    expect(local.etag).toBe('"1"');
    expect(feeds.map((f) => f.id)).toEqual(['local']);
    expect(local.consecutiveErrors).toBe(0);
  });

  it('watch keeps running between cycles and stops cleanly on Ctrl-C', async () => {
    const r = await cli(
      ['watch', '--every', '1h', '--feeds', feedsFile, '--data', data, '--allow-private-networks'],
      { killAfterStdout: /polled \d+/ },
    );
    expect(r.out).toMatch(/polled \d+ \(failed \d+, recovered \d+\), new 0/);
    expect(r.err).toMatch(/stopping after the current cycle/);
    expect(r.code).toBe(0);
  }, 120_000);

  it('ends its summary with the incidents the run produced: none when nothing was found, an update when a later story joins a known one', async () => {
    const first = await cli([
      'run',
      '--feeds',
      feedsFile,
      '--data',
      data,
      '--all',
      '--allow-private-networks',
    ]);
    expect(first.out).toMatch(/\nIncidents: none from this run\.\n/);
    // A later story about the same operation: its denial.
    server.routes.set(
      '/c',
      send(
        article(
          'Iran rejects US claims over water utility hacks',
          'Iran on Friday rejected the U.S. accusation that hackers working for its Revolutionary Guards breached water utilities in several states.\n\nA foreign ministry spokesman called the charge baseless.',
        ),
        { 'content-type': 'text/html' },
      ),
    );
    server.routes.set(
      '/feed.xml',
      send(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>${server.url}/</link><item><title>Cyber story /c</title><link>${server.url}/c</link></item></channel></rss>`,
        { 'content-type': 'application/rss+xml', etag: '"2"' },
      ),
    );
    const r = await cli([
      'run',
      '--feeds',
      feedsFile,
      '--data',
      data,
      '--all',
      '--allow-private-networks',
    ]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^claims joining known incidents +1$/m);
    const tail = r.out.slice(r.out.indexOf('\nIncidents from this run'));
    expect(tail).toMatch(/^\nIncidents from this run \(0 new, 1 updated;/);
    expect(tail).toMatch(/^updated +inc_\S+ +IRGC: .+ 2 +2 +yes \(Iran\)$/m);
  }, 120_000);
});
