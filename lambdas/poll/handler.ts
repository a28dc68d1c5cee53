/**
 * The poll Lambda, run by the EventBridge Scheduler schedule: seed the default feeds once,
 * re-enqueue articles whose job was lost, poll the due feeds (core `pollFeeds`) and put new
 * articles on SQS for the process Lambda; then place the claims stored since the last run into
 * incidents (core `syncIncidents`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { errorMessage } from '../core/fetch/errors';
import { type PollSummary, pollFeeds } from '../core/feeds/poll';
import { type SyncSummary, syncIncidents } from '../core/incidents/sync';
import { type FeedConfig, parseFeedsConfig, seedDefaultFeedsOnce } from '../core/feeds/registry';
import { type Clock, type Http, type Queue, type Store, systemClock } from '../core/ports';
import type { ArticleRecord, FeedRecord } from '../core/records';
import {
  type LambdaLogger,
  type MetricsSink,
  powertoolsLogger,
  powertoolsMetrics,
  privateAddressesEnv,
  readEnv,
} from '../adapters/aws-env';
import { DynamoStore } from '../adapters/dynamo-store';
import { GuardedHttp } from '../adapters/guarded-http';
import { METRIC } from '../adapters/metric-names';
import { SqsQueue } from '../adapters/sqs-queue';

/** The schedule's input (lib/constructs/ingestion.ts). */
export const PollEventSchema = z.object({
  kind: z.literal('poll'),
  /** Scheduler's `<aws.scheduler.scheduled-time>`, for the logs. */
  scheduledTime: z.string().optional(),
  /** Poll every enabled feed now (a manual invocation). */
  force: z.boolean().optional(),
});
export type PollEvent = z.infer<typeof PollEventSchema>;

export interface PollHandlerDeps {
  store: Store;
  http: Http;
  queue: Queue;
  clock: Clock;
  logger: LambdaLogger;
  metrics: MetricsSink;
  /** Seeded into an empty store on the first run only. */
  defaultFeeds: FeedConfig[];
  /** Minutes between polls of one feed. @default 15 */
  feedIntervalMinutes?: number;
  /** A pending article untouched this long has lost its job. @default 60 */
  resumeAfterMinutes?: number;
  /** Articles discovered longer ago than this are not resumed again (bounds a crash loop). @default 2 days */
  resumeHorizonHours?: number;
}

export interface PollResult {
  seeded: number;
  resumed: number;
  polled: number;
  notModified: number;
  failed: number;
  /** Feeds whose malformed XML was read leniently (their reasons are logged). */
  recovered: number;
  newArticles: number;
  feedsFailingForADay: string[];
  /** The incident job's counts, or why it did not run. */
  incidents: SyncSummary | { error: string };
}

const HOUR = 3_600_000;

/** Pending articles whose job was lost (the queue message expired or went to the DLQ). */
export function stuckArticles(
  pending: ArticleRecord[],
  now: Date,
  resumeAfterMinutes: number,
  horizonHours: number,
): ArticleRecord[] {
  const cutoff = now.getTime() - resumeAfterMinutes * 60_000;
  const horizon = now.getTime() - horizonHours * HOUR;
  return pending.filter(
    (a) => Date.parse(a.updatedAt) <= cutoff && Date.parse(a.discoveredAt) >= horizon,
  );
}

/** Enabled feeds that keep failing and last succeeded (or were added) more than a day ago. */
export function feedsFailingForADay(feeds: FeedRecord[], now: Date): FeedRecord[] {
  return feeds.filter(
    (f) =>
      f.enabled &&
      f.consecutiveErrors > 0 &&
      Date.parse(f.lastSuccessAt ?? f.createdAt) <= now.getTime() - 24 * HOUR,
  );
}

/**
 * Places the claims stored since the last run into incidents (the process Lambda stored them
 * after the previous poll). A failure is logged and retried by the next run, never lost: the
 * job's watermark only moves past what it wrote.
 */
async function placeIncidents(deps: PollHandlerDeps): Promise<SyncSummary | { error: string }> {
  try {
    return await syncIncidents(deps, { leaseSeconds: 240, budgetMs: 120_000 });
  } catch (e) {
    deps.logger.error('incident sync failed; the next run retries', { error: errorMessage(e) });
    return { error: errorMessage(e) };
  }
}

export function makeHandler(getDeps: () => PollHandlerDeps) {
  return async (event: unknown, context?: Context): Promise<PollResult> => {
    const deps = getDeps();
    const { store, clock, logger, metrics } = deps;
    if (context) logger.addContext?.(context);
    const parsed = PollEventSchema.safeParse(event);
    if (!parsed.success) {
      throw new Error(`poll: unexpected event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    try {
      // An empty list (no bundled feeds) must not mark the store as seeded.
      const seeded = deps.defaultFeeds.length
        ? await seedDefaultFeedsOnce(store, deps.defaultFeeds, clock)
        : 0;
      if (seeded) logger.info('default feeds seeded', { feeds: seeded });

      const now = clock.now();
      const stuck = stuckArticles(
        await store.listArticlesByStatus('pending'),
        now,
        deps.resumeAfterMinutes ?? 60,
        deps.resumeHorizonHours ?? 48,
      );
      if (stuck.length) {
        await deps.queue.enqueue(
          stuck.map((a) => ({ articleId: a.id, url: a.url, feedId: a.feedId })),
        );
        logger.warn('pending articles re-enqueued', { articles: stuck.length });
      }

      const summary: PollSummary = await pollFeeds(deps, {
        intervalMinutes: deps.feedIntervalMinutes ?? 15,
        force: parsed.data.force,
      });
      const failing = feedsFailingForADay(await store.listFeeds(), clock.now());
      if (failing.length) {
        logger.warn('feeds failing for more than a day', {
          feeds: failing.map((f) => ({
            id: f.id,
            errors: f.consecutiveErrors,
            error: f.lastError,
          })),
        });
      }
      const recovered = summary.feeds.filter((f) => f.recovered);
      if (recovered.length) {
        logger.warn('feeds read leniently (malformed XML)', {
          feeds: recovered.map((f) => ({ id: f.feedId, items: f.items, reason: f.recovered })),
        });
      }
      const incidents = await placeIncidents(deps);
      metrics.count(METRIC.feedsPolled, summary.polled);
      metrics.count(METRIC.fetchFailures, summary.failed);
      metrics.count(METRIC.articlesEnqueued, summary.jobs);
      metrics.count(METRIC.articlesResumed, stuck.length);
      metrics.count(METRIC.feedsFailingForADay, failing.length);
      const result: PollResult = {
        seeded,
        resumed: stuck.length,
        polled: summary.polled,
        notModified: summary.notModified,
        failed: summary.failed,
        recovered: summary.recovered,
        newArticles: summary.newArticles,
        feedsFailingForADay: failing.map((f) => f.id),
        incidents,
      };
      logger.info('poll done', { ...result, scheduledTime: parsed.data.scheduledTime });
      return result;
    } finally {
      metrics.flush();
    }
  };
}

/**
 * The default feed list, inlined at bundle time from the configured feeds file (esbuild
 * `define`, lib/constructs/ingestion.ts). Absent outside a bundle.
 */
declare const AW_DEFAULT_FEEDS: string | undefined;

let deps: PollHandlerDeps | undefined;

/** Built on the first invocation (not at import), so tests can import this module freely. */
function defaultDeps(): PollHandlerDeps {
  if (deps) return deps;
  const env = readEnv({
    TABLE_NAME: z.string().min(1),
    QUEUE_URL: z.url(),
    FEED_INTERVAL_MINUTES: z.coerce.number().int().positive().default(15),
    ALLOWED_PRIVATE_ADDRESSES: privateAddressesEnv,
  });
  deps = {
    store: new DynamoStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
    http: new GuardedHttp({ allowedPrivateAddresses: env.ALLOWED_PRIVATE_ADDRESSES }),
    queue: new SqsQueue({ client: new SQSClient({}), queueUrl: env.QUEUE_URL }),
    clock: systemClock,
    logger: powertoolsLogger(),
    metrics: powertoolsMetrics(),
    defaultFeeds:
      typeof AW_DEFAULT_FEEDS === 'string'
        ? parseFeedsConfig(AW_DEFAULT_FEEDS, 'bundled feeds list')
        : [],
    feedIntervalMinutes: env.FEED_INTERVAL_MINUTES,
  };
  return deps;
}

export const handler = makeHandler(defaultDeps);
