/**
 * Warm process Lambda memory (`npm run bench -- memory`): the real process handler alone in one
 * warm Node.js process (test/aws's Lambda sandbox, with the environment the synthesized stack
 * gives the function), fed ≥ 1,000 realistic pages (~105 kB each) in SQS batches of the
 * template's BatchSize, the table in a dynalite server in another child process, the pages served
 * by this process. The sandbox's RSS is read after every batch (no forced GC: what Lambda sees),
 * and the heap after a full GC every 100 pages (what is really retained).
 *
 * Goal: after the first 100 pages RSS stays flat (no upward trend) and ≤ 300 MB, against the
 * function's 1,024 MB.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fork } from 'node:child_process';
import nodeHttp from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startDemoSite } from '../bin/demo-site';
import { urlId } from '../lambdas/core/url';
import { lambdaEnvironment, SandboxedFunction } from '../test/aws/lambda';
import { createTableFromTemplate, TEST_CREDENTIALS } from '../test/aws/servers';
import { SqsEventSource } from '../test/aws/sqs';
import { loadTemplate, REGION } from '../test/aws/template';
import { realisticPage } from './bench-pages';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface MemoryResult {
  pages: number;
  batchSize: number;
  memoryMb: number;
  pageKb: number;
  seconds: number;
  extracted: number;
  rssAfterFirstBatchMb: number;
  rssAt100Mb: number;
  rssMaxAfter100Mb: number;
  rssFinalMb: number;
  /** Least-squares slope of RSS over pages 100..N, MB per 1,000 pages. */
  rssSlopeMbPer1000: number;
  heapAfterGcAt100Mb: number;
  heapAfterGcFinalMb: number;
  samples: { pages: number; rssMb: number }[];
}

const MB = 1024 * 1024;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den ? num / den : 0;
}

async function startDynaliteProcess(): Promise<{ endpoint: string; stop(): void }> {
  const child = fork(path.join(__dirname, 'dynalite-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { endpoint: string }) => resolve(m.endpoint));
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
  });
  return { endpoint, stop: () => child.kill('SIGKILL') };
}

export async function benchMemory(pages = Number(process.env.BENCH_MEMORY_PAGES ?? 1050)) {
  const tpl = loadTemplate();
  const spec = tpl.functions.process;
  const store = await startDynaliteProcess();
  const client = new DynamoDBClient({
    endpoint: store.endpoint,
    region: REGION,
    credentials: TEST_CREDENTIALS,
  });
  await createTableFromTemplate(client, tpl);
  client.destroy();

  const site = await startDemoSite(path.join(__dirname, '..', 'demo', 'site'));
  const htmls = await Promise.all(
    site.items.map(async (i, n) =>
      realisticPage(await (await fetch(`${site.url}/articles/${i.slug}.html`)).text(), n),
    ),
  );
  await site.close();
  const server = nodeHttp.createServer((req, res) => {
    const i = Number(/\/p\/(\d+)/.exec(req.url ?? '')?.[1]);
    const html = htmls[i % htmls.length]!;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const nowhere = 'http://127.0.0.1:9';
  const fn = new SandboxedFunction(
    spec,
    path.join(__dirname, '..', 'lambdas', 'process', 'handler.ts'),
    lambdaEnvironment(
      spec,
      { dynamodb: store.endpoint, sesv2: nowhere, secretsManager: nowhere },
      { ALLOWED_PRIVATE_ADDRESSES: '127.0.0.1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    ),
    { exposeGc: true },
  );
  let done = 0;
  const samples: MemoryResult['samples'] = [];
  const heap: { pages: number; mb: number }[] = [];
  const queue = new SqsEventSource(
    tpl.jobs,
    async (event) => {
      const r = await fn.invoke(event);
      done += event.Records.length;
      samples.push({ pages: done, rssMb: (await fn.memory()).rss / MB });
      if (done % 100 < event.Records.length)
        heap.push({ pages: done, mb: (await fn.memory(true)).heapUsed / MB });
      fn.logs.length = 0;
      return r;
    },
    spec.timeoutSeconds,
  );
  for (let i = 0; i < pages; i++) {
    const url = `${base}/p/${i}`;
    queue.send(JSON.stringify({ articleId: urlId(url), url, feedId: 'bench' }));
  }
  const t0 = Date.now();
  await queue.drain({ maxInvocations: pages * 2 });
  const seconds = (Date.now() - t0) / 1000;
  const failures = queue.invocations.reduce((n, i) => n + i.failures.length, 0);
  await fn.close();
  await new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  store.stop();

  const at = (p: number) => samples.find((s) => s.pages >= p)!;
  const after = samples.filter((s) => s.pages >= 100);
  const result: MemoryResult = {
    pages: done,
    batchSize: tpl.jobs.batchSize,
    memoryMb: spec.memoryMb,
    pageKb: Math.round(htmls.reduce((a, h) => a + h.length, 0) / htmls.length / 1024),
    seconds: round(seconds),
    extracted: done - failures,
    rssAfterFirstBatchMb: round(samples[0]!.rssMb),
    rssAt100Mb: round(at(100).rssMb),
    rssMaxAfter100Mb: round(Math.max(...after.map((s) => s.rssMb))),
    rssFinalMb: round(samples.at(-1)!.rssMb),
    rssSlopeMbPer1000: round(slope(after.map((s) => ({ x: s.pages, y: s.rssMb }))) * 1000, 2),
    heapAfterGcAt100Mb: round(heap.find((x) => x.pages >= 100)!.mb),
    heapAfterGcFinalMb: round(heap.at(-1)!.mb),
    samples: samples.map((s) => ({ pages: s.pages, rssMb: round(s.rssMb) })),
  };
  return result;
}

export function printMemory(m: MemoryResult): void {
  console.log(
    `process Lambda alone in one warm process: ${m.pages} pages of ~${m.pageKb} kB in batches of ${m.batchSize}, ${m.seconds} s, ${m.extracted} processed without a batch failure`,
  );
  console.log(
    `  RSS: ${m.rssAfterFirstBatchMb} MB after the first batch, ${m.rssAt100Mb} MB at 100 pages, at most ${m.rssMaxAfter100Mb} MB after, ${m.rssFinalMb} MB at the end (function memory ${m.memoryMb} MB)`,
  );
  console.log(
    `  trend after 100 pages: ${m.rssSlopeMbPer1000 >= 0 ? '+' : ''}${m.rssSlopeMbPer1000} MB per 1,000 pages; heap after a full GC: ${m.heapAfterGcAt100Mb} MB at 100 pages, ${m.heapAfterGcFinalMb} MB at the end`,
  );
  const ok = m.rssMaxAfter100Mb <= 300;
  console.log(`  goal: flat and ≤ 300 MB after the first 100 pages ${ok ? '✓' : '✗'}`);
}

if (require.main === module) {
  benchMemory()
    .then((m) => {
      printMemory(m);
      console.log(
        `  RSS every ~100 pages: ${m.samples
          .filter((_, i) => i % Math.max(1, Math.round(100 / m.batchSize)) === 0)
          .map((s) => `${s.pages}:${s.rssMb}`)
          .join(' ')}`,
      );
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
