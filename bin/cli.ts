/**
 * `attribution-watch`: the local command line. One more caller of the same core the Lambda
 * handlers call — it wires the embedded store, the guarded HTTP client and the outbox mailer.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { extractArticle, textArticle } from '../lambdas/core/extract';
import { defaultDetector } from '../lambdas/core/detect/detector';
import { explanationText } from './explain-format';
import { runCycle, type CycleSummary } from '../lambdas/core/cycle';
import { syncIncidents } from '../lambdas/core/incidents/sync';
import { sendDigest } from '../lambdas/core/digest/send';
import { decodeBytes } from '../lambdas/core/feeds/charset';
import { parseFeed } from '../lambdas/core/feeds/parse';
import {
  newFeedRecord,
  parseFeedsConfig,
  seedDefaultFeedsOnce,
  seedFeeds,
} from '../lambdas/core/feeds/registry';
import { subscriptionRoutes } from '../lambdas/core/api/subscription-routes';
import { claimsToCsv } from '../lambdas/core/export/csv';
import { claimsToStix } from '../lambdas/core/export/stix';
import { ACTIONS } from '../lambdas/core/model';
import {
  type ClaimFilters,
  collectClaims,
  findClaims,
  parseClaimFilters,
  QueryError,
} from '../lambdas/core/query';
import { detectAndStore } from '../lambdas/core/process';
import { systemClock } from '../lambdas/core/ports';
import type { StoredClaim } from '../lambdas/core/records';
import { GuardedHttp } from '../lambdas/adapters/guarded-http';
import { quietSdkNodeWarning } from '../lambdas/adapters/sdk-node-warning';
import { startDemoSite } from './demo-site';
import { table, Progress } from './format';
import {
  consoleLogger,
  localDeps,
  openStore,
  outbox,
  packageRoot,
  StackLookupError,
  type StoreFlags,
} from './local-env';
import { DEFAULT_PORT, localCursorSecret, localTokenSecret, startApiServer } from './server';
import { addDigestSendCommand, addSubscriptionCommands } from './subscription-commands';
import { addIncidentCommands, printRunIncidents } from './incident-commands';
import { incidentsOfArticles } from '../lambdas/core/incident-query';
import type { IncidentSummary } from '../lambdas/core/records';

class UsageError extends Error {}

const VERSION: string = JSON.parse(
  fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'),
).version;

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${name} must be a positive whole number`);
    return n;
  };
}

/** "15m", "1h", "90s", "2h30m" → milliseconds. */
export function parseDuration(v: string): number {
  const re = /(\d+)\s*(ms|s|m|h|d)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(v))) {
    total +=
      Number(m[1]) *
      { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
        m[2] as 'ms' | 's' | 'm' | 'h' | 'd'
      ];
    consumed = re.lastIndex;
  }
  if (consumed !== v.length || total <= 0)
    throw new InvalidArgumentError(`not a duration: ${v} (use e.g. 15m, 1h, 90s)`);
  return total;
}

function storeOptions(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder of the embedded store', '.attribution-watch')
    .addOption(
      new Option(
        '--stack <name>',
        "use a deployed stack's table (its TableName output) on AWS instead of the embedded store",
      ).conflicts(['endpoint', 'table']),
    )
    .option('--endpoint <url>', 'use this DynamoDB endpoint instead of the embedded store')
    .option('--table <name>', 'table name', 'attribution-watch')
    .option(
      '--region <region>',
      'AWS region for --stack and --endpoint (default: AWS_REGION, else the AWS config; us-east-1 for --endpoint)',
    );
}

function readInput(file: string | undefined): string {
  if (!file || file === '-') return fs.readFileSync(0, 'utf8');
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return fs.readFileSync(file, 'utf8');
}

function printSummary(s: CycleSummary): void {
  const rows: (string | number)[][] = [
    ['feeds polled', s.poll.polled],
    ['  not modified', s.poll.notModified],
    ['  failed', s.poll.failed],
    ['  recovered (malformed XML)', s.poll.recovered],
    ['feeds not due', s.poll.notDue],
    ['new articles', s.poll.newArticles],
    ['skipped by prefilter', s.poll.skippedByPrefilter],
    ['resumed from last run', s.resumed],
    ['articles processed', s.processed],
    ['  failed', s.failedArticles],
    ['  duplicates', s.duplicates],
    ['attribution stories', s.attributionStories],
    ['claims', s.claims],
    ['incidents opened', s.incidents.opened],
    ['claims joining known incidents', s.incidents.placed - s.incidents.opened],
  ];
  console.log(table(rows, ['cycle', 'count']));
  const failedFeeds = s.poll.feeds.filter((f) => f.outcome === 'failed');
  if (failedFeeds.length) {
    console.log(`\nFailed feeds (they back off and retry; see \`feeds list\`):`);
    for (const f of failedFeeds) console.log(`  ${f.feedId}: ${f.error}`);
  }
  const recoveredFeeds = s.poll.feeds.filter((f) => f.recovered);
  if (recoveredFeeds.length) {
    console.log(
      `\nRecovered feeds (malformed XML, items read leniently; the publisher should fix them):`,
    );
    for (const f of recoveredFeeds) console.log(`  ${f.feedId}: ${f.items} items; ${f.recovered}`);
  }
  if (s.failures.length) {
    console.log(`\nFailed articles:`);
    for (const f of s.failures.slice(0, 20)) console.log(`  ${f.url}: ${f.reason}`);
    if (s.failures.length > 20) console.log(`  … and ${s.failures.length - 20} more`);
  }
}

function claimRows(claims: StoredClaim[]): string {
  return table(
    claims.map((c) => [
      c.publishedAt.slice(0, 10),
      c.accuser?.name ?? '—',
      c.accused.actor && c.accused.actor !== c.accused.name
        ? `${c.accused.name}`
        : `${c.accused.name}${c.accused.country && c.accused.kind !== 'state' ? ` (${c.accused.country})` : ''}`,
      c.target?.name ?? '—',
      c.action,
      c.evidence,
      c.responses.map((r) => r.kind).join(', ') || '—',
      c.articleTitle,
    ]),
    ['published', 'accuser', 'accused', 'target', 'action', 'evidence', 'responses', 'article'],
  );
}

async function withStore<T>(
  flags: StoreFlags,
  fn: (local: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
): Promise<T> {
  const local = await openStore(flags);
  try {
    return await fn(local);
  } finally {
    await local.close();
  }
}

type RunFlags = StoreFlags & {
  all?: boolean;
  feeds?: string;
  json?: boolean;
  allowPrivateNetworks?: boolean;
  verbose?: boolean;
  concurrency?: number;
  interval?: number;
};

/** A cycle's summary and the incidents its articles are in (new or changed by it). */
interface RunResult {
  summary: CycleSummary;
  startedAt: string;
  incidents: IncidentSummary[];
}

/** The incidents of a run's extracted articles, as summaries (no timeline). */
async function runIncidents(
  store: Parameters<typeof incidentsOfArticles>[0],
  articleIds: string[],
): Promise<IncidentSummary[]> {
  return (await incidentsOfArticles(store, articleIds)).map(({ timeline: _t, ...s }) => s);
}

async function runOnce(flags: RunFlags): Promise<RunResult> {
  return withStore(flags, async (local) => {
    const startedAt = new Date().toISOString();
    const extracted: string[] = [];
    const deps = localDeps(local, flags);
    const configs = parseFeedsConfig(
      fs.readFileSync(flags.feeds ?? path.join(packageRoot(), 'feeds.json'), 'utf8'),
      flags.feeds ?? 'feeds.json',
    );
    if (flags.feeds) await seedFeeds(local.store, configs, systemClock);
    else await seedDefaultFeedsOnce(local.store, configs, systemClock);
    const feedBar = new Progress('feeds   ');
    const pageBar = new Progress('articles');
    const feedCount = (await local.store.listFeeds()).filter((f) => f.enabled).length;
    feedBar.setTotal(feedCount);
    try {
      const summary = await runCycle(deps, {
        force: flags.all,
        intervalMinutes: flags.interval,
        concurrency: flags.concurrency,
        onFeedDone: () => feedBar.tick(),
        onJobsKnown: (n) => {
          feedBar.finish();
          pageBar.setTotal(n);
        },
        onArticleDone: (o) => {
          if (o.status === 'extracted' && o.claims > 0) extracted.push(o.articleId);
          pageBar.tick();
        },
      });
      pageBar.finish();
      return { summary, startedAt, incidents: await runIncidents(local.store, extracted) };
    } finally {
      deps.http.close();
    }
  });
}

function buildProgram(): Command {
  const program = new Command();
  program
    .name('attribution-watch')
    .description(
      'Find cyber attribution claims in the news: who blames whom, for what, on what evidence, and how the accused answered.',
    )
    .version(VERSION)
    .exitOverride();

  // ------------------------------------------------------------- run
  storeOptions(
    program
      .command('run')
      .description(
        'Run one cycle: poll the due feeds, fetch new articles, detect and store claims, place them into incidents; ends with the incidents the run opened or updated. Seeds the default feeds (feeds.json) on first use.',
      )
      .option(
        '--all',
        'poll every enabled feed now, ignoring the schedule (feeds backing off after errors still wait)',
      )
      .option(
        '--feeds <file>',
        'use the feeds of this feeds.json-style file (added to the store) instead of seeding the defaults',
      )
      .option(
        '--interval <minutes>',
        'minutes between polls of one feed',
        positiveInt('--interval'),
        15,
      )
      .option('--concurrency <n>', 'feeds fetched at once', positiveInt('--concurrency'), 8)
      .option(
        '--allow-private-networks',
        'allow fetching from loopback/private addresses (off by default: SSRF guard)',
      )
      .option('--json', 'print the summary as JSON')
      .option('-v, --verbose', 'log each feed and article'),
  ).action(async (flags: RunFlags) => {
    const { summary, startedAt, incidents } = await runOnce(flags);
    if (flags.json) console.log(JSON.stringify(summary, null, 2));
    else {
      printSummary(summary);
      printRunIncidents(incidents, startedAt);
    }
  });

  // ------------------------------------------------------------- watch
  storeOptions(
    program
      .command('watch')
      .description(
        'Run a cycle now and then every --every interval until interrupted (Ctrl-C stops after the current cycle).',
      )
      .option(
        '--every <duration>',
        'interval between cycles, e.g. 15m, 1h',
        parseDuration,
        15 * 60_000,
      )
      .option(
        '--feeds <file>',
        'use the feeds of this feeds.json-style file (added to the store) instead of seeding the defaults',
      )
      .option('--allow-private-networks', 'allow fetching from loopback/private addresses')
      .option('-v, --verbose', 'log each feed and article'),
  ).action(async (flags: RunFlags & { every: number }) => {
    let stop = false;
    let wake: (() => void) | undefined;
    process.on('SIGINT', () => {
      stop = true;
      wake?.();
      process.stderr.write('\nstopping after the current cycle…\n');
    });
    while (!stop) {
      const started = new Date();
      const { summary: s, incidents } = await runOnce(flags);
      console.log(
        `${started.toISOString()}  polled ${s.poll.polled} (failed ${s.poll.failed}, recovered ${s.poll.recovered}), new ${s.poll.newArticles}, processed ${s.processed}, stories ${s.attributionStories}, claims ${s.claims}, incidents ${s.incidents.opened} new / ${incidents.length} touched`,
      );
      if (stop) break;
      // The timer keeps the process alive between cycles; Ctrl-C clears it and ends the loop.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, flags.every);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  });

  // ------------------------------------------------------------- demo
  program
    .command('demo')
    .description(
      'Offline demo: serve the bundled sample news site on 127.0.0.1, run the pipeline against it in its own data folder, print the claims, write the digest and end with the incidents the run produced.',
    )
    .option('--data <dir>', 'data folder (default: a new temporary folder)')
    .option('--json', 'print the summary and claims as JSON')
    .action(async (flags: { data?: string; json?: boolean }) => {
      const data = path.resolve(
        flags.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'attribution-watch-demo-')),
      );
      const site = await startDemoSite(path.join(packageRoot(), 'demo', 'site'));
      try {
        await withStore({ data }, async (local) => {
          const deps = localDeps(local, { allowPrivateNetworks: true });
          try {
            await seedFeeds(
              local.store,
              [
                {
                  id: 'demo',
                  name: 'The Daily Ledger (demo)',
                  url: site.feedUrl,
                  enabled: true,
                  prefilter: true,
                },
              ],
              systemClock,
            );
            const startedAt = new Date().toISOString();
            const extracted: string[] = [];
            const summary = await runCycle(deps, {
              force: true,
              retryDelayMs: 100,
              onArticleDone: (o) => {
                if (o.status === 'extracted' && o.claims > 0) extracted.push(o.articleId);
              },
            });
            const claims = await findClaims(
              local.store,
              { since: '2000-01-01', limit: 1000 },
              new Date(),
            );
            const digest = await sendDigest(
              { store: local.store, mailer: outbox(undefined, data), clock: systemClock },
              {
                to: 'analyst@example.com',
                from: 'Attribution Watch <digest@localhost>',
                firstLookbackDays: 1,
              },
            );
            const incidents = await runIncidents(local.store, extracted);
            if (flags.json) {
              console.log(
                JSON.stringify(
                  {
                    data,
                    summary,
                    claims,
                    incidents,
                    digest: {
                      status: digest.status,
                      claims: digest.claims,
                      messageId: digest.messageId,
                    },
                  },
                  null,
                  2,
                ),
              );
              return;
            }
            printSummary(summary);
            console.log(`\nClaims (${claims.length}):\n${claimRows(claims)}`);
            console.log(
              `\nDigest: ${digest.status} (${digest.claims} claims, ${digest.incidents.new} new incidents) → ${path.join(data, 'outbox')}`,
            );
            printRunIncidents(incidents, startedAt);
            console.log(
              `\nData folder: ${data}\nTry: npx attribution-watch query --data ${data} --accused China\n     npx attribution-watch incidents list --data ${data}${incidents[0] ? `\n     npx attribution-watch incidents show ${incidents[0].id} --data ${data}` : ''}`,
            );
          } finally {
            deps.http.close();
          }
        });
      } finally {
        await site.close();
      }
    });

  // ------------------------------------------------------------- detect
  program
    .command('detect')
    .description(
      'Detect attribution claims in one article (plain text, or HTML with --html) and print JSON. With --jsonl, read lines {"id","text"} or {"id","html"} and print one result per line.',
    )
    .argument('[file]', 'input file, or - for standard input', '-')
    .option('--html', 'the input is an HTML page: extract the article first')
    .option('--title <title>', 'article title (improves detection)')
    .option('--jsonl', 'read and write JSON lines')
    .option(
      '--explain',
      'show which stage and pattern produced each mention, role, claim and response: as text, or with --json / --jsonl as an "explain" field',
    )
    .option('--json', 'with --explain: print JSON (the result with its "explain" field)')
    .action(
      async (
        file: string,
        flags: {
          html?: boolean;
          jsonl?: boolean;
          title?: string;
          explain?: boolean;
          json?: boolean;
        },
      ) => {
        const detector = defaultDetector();
        const options = { explain: !!flags.explain };
        const one = (input: { id?: string; text?: string; html?: string; title?: string }) => {
          if (input.html !== undefined || (flags.html && input.text !== undefined)) {
            const a = extractArticle(input.html ?? input.text ?? '', 'http://localhost/');
            return detector.detect(
              { id: input.id, text: a.text, title: input.title ?? a.title },
              options,
            );
          }
          return detector.detect(
            { id: input.id, text: input.text ?? '', title: input.title },
            options,
          );
        };
        if (flags.jsonl) {
          const rl = readline.createInterface({
            input: file === '-' ? process.stdin : fs.createReadStream(file),
            crlfDelay: Infinity,
          });
          let n = 0;
          for await (const line of rl) {
            n++;
            if (!line.trim()) continue;
            let obj: { id?: unknown; text?: unknown; html?: unknown; title?: unknown };
            try {
              obj = JSON.parse(line);
            } catch {
              throw new UsageError(`line ${n}: not JSON`);
            }
            if (typeof obj.text !== 'string' && typeof obj.html !== 'string')
              throw new UsageError(`line ${n}: needs a "text" or "html" string`);
            console.log(
              JSON.stringify(
                one({
                  id: obj.id === undefined ? undefined : String(obj.id),
                  text: obj.text as string | undefined,
                  html: obj.html as string | undefined,
                  title: typeof obj.title === 'string' ? obj.title : undefined,
                }),
              ),
            );
          }
          return;
        }
        const raw = readInput(file);
        const result = flags.html
          ? one({ html: raw, title: flags.title })
          : one({ text: raw, title: flags.title });
        console.log(
          flags.explain && !flags.json ? explanationText(result) : JSON.stringify(result, null, 2),
        );
      },
    );

  // ------------------------------------------------------------- extract
  program
    .command('extract')
    .description(
      'Extract the article from a URL or an HTML file with Readability (scripts never run) and print it.',
    )
    .argument('<source>', 'http(s) URL or HTML file')
    .option(
      '--json',
      'print JSON: title, byline, siteName, publishedTime, lang, canonicalUrl, text',
    )
    .option('--allow-private-networks', 'allow fetching from loopback/private addresses')
    .action(async (source: string, flags: { json?: boolean; allowPrivateNetworks?: boolean }) => {
      let html: string;
      let url = 'http://localhost/';
      if (/^https?:\/\//i.test(source)) {
        const client = new GuardedHttp({ allowPrivateNetworks: flags.allowPrivateNetworks });
        try {
          const res = await client.get({ url: source, headers: { accept: 'text/html,*/*;q=0.5' } });
          if (res.status < 200 || res.status >= 300)
            throw new Error(`HTTP ${res.status} from ${source}`);
          html = decodeBytes(res.body, res.headers['content-type']).text;
          url = res.url;
        } finally {
          client.close();
        }
      } else {
        if (!fs.existsSync(source)) throw new UsageError(`no such file or URL: ${source}`);
        html = decodeBytes(fs.readFileSync(source)).text;
      }
      const a = /\.txt$/i.test(source) ? textArticle(html) : extractArticle(html, url);
      if (flags.json) {
        const { title, byline, siteName, publishedTime, lang, canonicalUrl, text } = a;
        console.log(
          JSON.stringify(
            { title, byline, siteName, publishedTime, lang, canonicalUrl, text },
            null,
            2,
          ),
        );
      } else {
        console.log(
          `${a.title}\n${[a.byline, a.siteName, a.publishedTime].filter(Boolean).join(' · ')}\n\n${a.text}`,
        );
      }
    });

  // ------------------------------------------------------------- feeds
  const feeds = program
    .command('feeds')
    .description('Manage the feed registry: list, add, remove, check.');
  storeOptions(
    feeds
      .command('list')
      .description(
        'List feeds with their polling state (errors, backoff, last success) and, for a feed whose malformed XML was read leniently, "recovered: <what was wrong>".',
      )
      .option('--json', 'print JSON'),
  ).action(async (flags: StoreFlags & { json?: boolean }) => {
    await withStore(flags, async (local) => {
      const list = await local.store.listFeeds();
      if (flags.json) return void console.log(JSON.stringify(list, null, 2));
      if (!list.length)
        return void console.log(
          'No feeds yet. `attribution-watch run` seeds the defaults from feeds.json; `feeds add URL` adds one.',
        );
      console.log(
        table(
          list.map((f) => [
            f.id,
            f.enabled ? 'yes' : 'no',
            f.prefilter ? 'on' : 'off',
            f.lastSuccessAt?.slice(0, 16) ?? '—',
            f.consecutiveErrors,
            f.nextPollAt?.slice(0, 16) ?? 'now',
            f.lastError ?? (f.recovered ? `recovered: ${f.recovered}` : ''),
            f.url,
          ]),
          [
            'id',
            'enabled',
            'prefilter',
            'last success',
            'errors',
            'next poll',
            'last error / recovered',
            'url',
          ],
        ),
      );
    });
  });
  storeOptions(
    feeds
      .command('add')
      .description('Add a feed.')
      .argument('<url>', 'feed URL (RSS, Atom or RDF)')
      .option('--name <name>', 'display name')
      .option('--id <id>', 'feed id (default: from the URL)')
      .option('--no-prefilter', 'fetch every item (for security trade press)'),
  ).action(
    async (url: string, flags: StoreFlags & { name?: string; id?: string; prefilter: boolean }) => {
      let record;
      try {
        record = newFeedRecord(
          { url, name: flags.name, id: flags.id, prefilter: flags.prefilter },
          systemClock,
        );
      } catch (e) {
        throw new UsageError(`not a usable feed URL: ${url} (${(e as Error).message})`);
      }
      await withStore(flags, async (local) => {
        const r = await local.store.createFeed(record);
        console.log(
          r === 'created'
            ? `added ${record.id} (${record.url})`
            : `feed ${record.id} already exists`,
        );
      });
    },
  );
  storeOptions(
    feeds
      .command('remove')
      .description('Remove a feed (its articles and claims stay).')
      .argument('<id>', 'feed id (see feeds list)'),
  ).action(async (id: string, flags: StoreFlags) => {
    await withStore(flags, async (local) => {
      const ok = await local.store.deleteFeed(id);
      if (!ok) throw new UsageError(`no feed with id ${id}`);
      console.log(`removed ${id}`);
    });
  });
  feeds
    .command('check')
    .description(
      'Fetch (or read) and parse a feed without storing anything; print its items. Gzip files (.xml.gz) are read too; a feed whose malformed XML was read leniently says "recovered" and why.',
    )
    .argument('<source>', 'feed URL or file')
    .option('--json', 'print JSON: the feed and its items')
    .option('--allow-private-networks', 'allow fetching from loopback/private addresses')
    .action(async (source: string, flags: { json?: boolean; allowPrivateNetworks?: boolean }) => {
      let bytes: Buffer;
      let type: string | undefined;
      let base = 'http://localhost/';
      if (/^https?:\/\//i.test(source)) {
        const client = new GuardedHttp({ allowPrivateNetworks: flags.allowPrivateNetworks });
        try {
          const res = await client.get({ url: source });
          if (res.status < 200 || res.status >= 300)
            throw new Error(`HTTP ${res.status} from ${source}`);
          bytes = res.body;
          type = res.headers['content-type'];
          base = res.url;
        } finally {
          client.close();
        }
      } else {
        if (!fs.existsSync(source)) throw new UsageError(`no such file or URL: ${source}`);
        bytes = fs.readFileSync(source);
      }
      const feed = await parseFeed(bytes, type, base);
      if (flags.json) return void console.log(JSON.stringify(feed, null, 2));
      console.log(
        `${feed.title || '(untitled feed)'} — ${feed.items.length} items${feed.skipped ? `, ${feed.skipped} without a usable link` : ''}`,
      );
      if (feed.recovered)
        console.log(`recovered: malformed XML, items read leniently — ${feed.recovered}`);
      console.log(
        table(
          feed.items.map((i) => [i.publishedAt?.slice(0, 10) ?? '—', i.title, i.url]),
          ['published', 'title', 'url'],
        ),
      );
    });

  // ------------------------------------------------------------- query
  storeOptions(
    program
      .command('query')
      .description(
        'Query stored claims, newest first (the same filters as GET /claims). Example: query --accused Russia --since 2026-03-01 --has-denial',
      )
      .option(
        '--accused <party>',
        'accused actor (any alias, e.g. "Fancy Bear"), country name or code',
      )
      .option('--accuser <party>', 'accuser: agency, company or country')
      .option('--country <country>', 'country on either side (name or ISO code)')
      .option('--target <party>', 'target: organisation, sector or country')
      .option('--action <action>', `one of ${ACTIONS.join(', ')}`)
      .option('--since <date>', 'published on or after this date')
      .option('--until <date>', 'published before this date')
      .option('--has-denial', 'only claims the accused denied')
      .option('--no-denial', 'only claims without a denial')
      .option('--min-confidence <x>', 'confidence at least this (0 to 1)')
      .option('-q, --words <words>', 'words in the source sentences or the article title')
      .option('--limit <n>', 'at most this many claims', positiveInt('--limit'), 50)
      .option('--json', 'print JSON (an array of claims)')
      .option('--csv', 'print CSV')
      .option('--stix', 'print a STIX 2.1 bundle'),
  ).action(
    async (
      flags: StoreFlags & {
        accused?: string;
        accuser?: string;
        country?: string;
        target?: string;
        action?: string;
        since?: string;
        until?: string;
        hasDenial?: boolean;
        denial?: boolean;
        minConfidence?: string;
        words?: string;
        limit: number;
        json?: boolean;
        csv?: boolean;
        stix?: boolean;
      },
    ) => {
      if ([flags.json, flags.csv, flags.stix].filter(Boolean).length > 1)
        throw new UsageError('choose one of --json, --csv, --stix');
      let filters: ClaimFilters;
      try {
        // The same validation as the API's query parameters.
        filters = parseClaimFilters({
          accused: flags.accused,
          accuser: flags.accuser,
          country: flags.country,
          target: flags.target,
          action: flags.action,
          since: flags.since,
          until: flags.until,
          hasDenial: flags.hasDenial ? 'true' : flags.denial === false ? 'false' : undefined,
          minConfidence: flags.minConfidence,
          q: flags.words,
        });
      } catch (e) {
        if (e instanceof QueryError) throw new UsageError(e.message);
        throw e;
      }
      await withStore(flags, async (local) => {
        let claims: StoredClaim[];
        try {
          claims = await collectClaims(local.store, filters, new Date(), flags.limit);
        } catch (e) {
          if (e instanceof QueryError) throw new UsageError(e.message);
          throw e;
        }
        if (flags.json) return void console.log(JSON.stringify(claims, null, 2));
        if (flags.csv) return void process.stdout.write(claimsToCsv(claims));
        if (flags.stix) return void console.log(JSON.stringify(claimsToStix(claims), null, 2));
        console.log(claims.length ? claimRows(claims) : 'No claims match.');
      });
    },
  );

  // ------------------------------------------------------------- serve
  storeOptions(
    program
      .command('serve')
      .description(
        'Serve the API and the web explorer on 127.0.0.1 (subscriptions write to the outbox folder).',
      )
      .option('--port <n>', 'port', positiveInt('--port'), DEFAULT_PORT)
      .option(
        '--from <email>',
        'sender of confirmation emails',
        'Attribution Watch <digest@localhost>',
      )
      .option('--outbox <dir>', 'outbox folder (default: <data>/outbox)'),
  ).action(async (flags: StoreFlags & { port: number; from: string; outbox?: string }) => {
    const data = path.resolve(flags.data ?? '.attribution-watch');
    const local = await openStore(flags);
    const deps = { store: local.store, clock: systemClock };
    const server = await startApiServer({
      ...deps,
      port: flags.port,
      cursorSecret: localCursorSecret(data),
      logger: consoleLogger(false),
      routes: [
        subscriptionRoutes({
          ...deps,
          mailer: outbox(flags.outbox, data),
          config: { tokenSecret: localTokenSecret(data), from: flags.from },
        }),
      ],
    }).catch(async (e) => {
      await local.close();
      throw e;
    });
    console.log(`Attribution Watch explorer: ${server.url}/  (Ctrl-C stops)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await local.close();
  });

  // ------------------------------------------------------------- digest
  const helpers = { storeOptions, withStore, usageError: (m: string) => new UsageError(m) };
  addSubscriptionCommands(program, helpers);
  addIncidentCommands(program, helpers);
  const digestCommand = storeOptions(
    program
      .command('digest')
      .description(
        "Write the digest of claims stored since the last digest as an .eml file in the outbox folder: new incidents first, then updates to known ones, then the claims (the incident job runs first). `digest send` sends the subscribers' digests.",
      )
      .option('--to <email>', 'recipient', 'you@localhost')
      .option('--from <email>', 'sender', 'Attribution Watch <digest@localhost>')
      .option('--outbox <dir>', 'outbox folder (default: <data>/outbox)')
      .option(
        '--dry-run',
        'print the digest text; write nothing (the incident job does not run) and keep the watermark',
      )
      .option('--send-empty', 'write a digest even when there are no new claims'),
  ).action(
    async (
      flags: StoreFlags & {
        to: string;
        from: string;
        outbox?: string;
        dryRun?: boolean;
        sendEmpty?: boolean;
      },
    ) => {
      await withStore(flags, async (local) => {
        const r = await sendDigest(
          { store: local.store, mailer: outbox(flags.outbox, flags.data), clock: systemClock },
          flags,
        );
        if (flags.dryRun)
          return void console.log(`Subject: ${r.digest.subject}\n\n${r.digest.text}`);
        const where = path.resolve(
          flags.outbox ?? path.join(flags.data ?? '.attribution-watch', 'outbox'),
        );
        console.log(
          r.status === 'sent'
            ? `digest written: ${r.claims} claims, ${r.incidents.new} new incidents, ${r.incidents.updated} updated → ${where}`
            : r.status === 'empty'
              ? 'no new claims since the last digest; nothing written (use --send-empty to write one anyway)'
              : `digest for this period was already sent (${r.messageId})`,
        );
      });
    },
  );
  addDigestSendCommand(digestCommand, helpers);

  // ------------------------------------------------------------- reprocess
  storeOptions(
    program
      .command('reprocess')
      .description(
        'Run the current detector again over stored articles (no refetch); claims are replaced, never duplicated.',
      )
      .option('--since <date>', 'only articles updated since this date')
      .option('--all', 'also articles already processed by the current detector version'),
  ).action(async (flags: StoreFlags & { since?: string; all?: boolean }) => {
    const since = flags.since ? Date.parse(flags.since) : 0;
    if (Number.isNaN(since)) throw new UsageError(`--since: not a date: ${flags.since}`);
    await withStore(flags, async (local) => {
      const deps = localDeps(local, {});
      try {
        const articles = (await local.store.listArticlesByStatus('extracted', 1_000_000)).filter(
          (a) =>
            Date.parse(a.updatedAt) >= since &&
            (flags.all || a.detectorVersion !== deps.detector.version),
        );
        let claims = 0;
        for (const a of articles) claims += (await detectAndStore(deps, a)).claimCount ?? 0;
        // Reprocessed claims keep their incidents; new ones are placed, vanished ones taken out.
        const inc = await syncIncidents(deps);
        console.log(
          `reprocessed ${articles.length} articles with ${deps.detector.version}: ${claims} claims; incidents: ${inc.opened} opened, ${inc.placed - inc.opened} claims joined, ${inc.removed} taken out`,
        );
      } finally {
        deps.http.close();
      }
    });
  });

  program.addOption(new Option('--no-color', 'plain output').hideHelp());
  return program;
}

export async function main(argv: string[]): Promise<number> {
  quietSdkNodeWarning();
  const program = buildProgram();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      return 2;
    }
    if (e instanceof UsageError || e instanceof StackLookupError) {
      process.stderr.write(`attribution-watch: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`attribution-watch: ${(e as Error).message}\n`);
    return 1;
  }
}

if (
  require.main === module ||
  process.argv[1]?.endsWith('attribution-watch.js') ||
  process.argv[1]?.endsWith('attribution-watch')
) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
