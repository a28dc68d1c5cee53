/**
 * Polling: for each due feed, a conditional GET; new items become pending articles and jobs
 * on the queue. Politeness and resilience: ETag / Last-Modified, 304, Retry-After on 429/503,
 * exponential backoff on errors, per-host and overall concurrency limits. One feed's failure is
 * recorded on that feed and never stops the run.
 */
import { errorMessage, HttpStatusError, parseRetryAfter } from '../fetch/errors';
import { KeyedLimiter } from '../limiter';
import type { Logger } from '../logger';
import type { ArticleJob, Clock, Http, Queue, Store } from '../ports';
import type { ArticleRecord, FeedRecord } from '../records';
import { hostOf, urlId } from '../url';
import { isRelevantItem } from '../prefilter';
import { DEFAULT_MAX_FEED_BYTES, parseFeed } from './parse';

export interface PollDeps {
  store: Store;
  http: Http;
  queue: Queue;
  clock: Clock;
  logger: Logger;
}

export interface PollOptions {
  /** Minutes between successful polls of one feed. @default 15 */
  intervalMinutes?: number;
  /** Poll every enabled feed now, ignoring the schedule (not the server's Retry-After). */
  force?: boolean;
  /** @default 8 */
  concurrency?: number;
  /** @default 2 */
  perHostConcurrency?: number;
  /** Feed bodies larger than this are refused, before or after decompression. @default 5 MB */
  maxFeedBytes?: number;
  /** Only these feed ids. */
  feedIds?: string[];
  /** Called after each feed (progress bars). */
  onFeedDone?: (result: FeedPollResult) => void;
}

export type FeedPollOutcome = 'updated' | 'not-modified' | 'failed' | 'not-due';

export interface FeedPollResult {
  feedId: string;
  feedName: string;
  outcome: FeedPollOutcome;
  items: number;
  newArticles: number;
  skippedByPrefilter: number;
  error?: string;
  /** Why the feed needed the lenient parse (malformed XML), when it did. */
  recovered?: string;
}

export interface PollSummary {
  feeds: FeedPollResult[];
  polled: number;
  notModified: number;
  failed: number;
  /** Feeds read leniently because their XML is malformed (counted in `polled`). */
  recovered: number;
  notDue: number;
  newArticles: number;
  skippedByPrefilter: number;
  jobs: number;
}

const MAX_BACKOFF_MINUTES = 24 * 60;

/** Minutes to wait after `errors` consecutive failures: interval × 2^(errors-1), capped at a day. */
export function backoffMinutes(errors: number, intervalMinutes: number): number {
  return Math.min(MAX_BACKOFF_MINUTES, intervalMinutes * 2 ** Math.max(0, errors - 1));
}

export function isDue(feed: FeedRecord, now: Date): boolean {
  return feed.enabled && (!feed.nextPollAt || Date.parse(feed.nextPollAt) <= now.getTime());
}

function addMinutes(d: Date, minutes: number): string {
  return new Date(d.getTime() + minutes * 60_000).toISOString();
}

/** Polls the due feeds once. */
export async function pollFeeds(deps: PollDeps, opts: PollOptions = {}): Promise<PollSummary> {
  const interval = opts.intervalMinutes ?? 15;
  const now = deps.clock.now();
  let feeds = (await deps.store.listFeeds()).filter((f) => f.enabled);
  if (opts.feedIds) feeds = feeds.filter((f) => opts.feedIds!.includes(f.id));
  const limiter = new KeyedLimiter(opts.concurrency ?? 8, opts.perHostConcurrency ?? 2);
  const results = await Promise.all(
    feeds.map(async (feed) => {
      const retryAfterPending =
        feed.nextPollAt &&
        feed.consecutiveErrors > 0 &&
        Date.parse(feed.nextPollAt) > now.getTime();
      if (!(opts.force ? !retryAfterPending : isDue(feed, now))) {
        const r: FeedPollResult = {
          feedId: feed.id,
          feedName: feed.name,
          outcome: 'not-due',
          items: 0,
          newArticles: 0,
          skippedByPrefilter: 0,
        };
        return r;
      }
      const r = await limiter.run(hostOf(feed.url), () =>
        pollOne(deps, feed, interval, opts.maxFeedBytes),
      );
      opts.onFeedDone?.(r.result);
      if (r.jobs.length) await deps.queue.enqueue(r.jobs);
      return r.result;
    }),
  );
  const sum = (pick: (r: FeedPollResult) => number) => results.reduce((a, r) => a + pick(r), 0);
  return {
    feeds: results,
    polled: results.filter((r) => r.outcome !== 'not-due').length,
    notModified: results.filter((r) => r.outcome === 'not-modified').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    recovered: results.filter((r) => r.recovered).length,
    notDue: results.filter((r) => r.outcome === 'not-due').length,
    newArticles: sum((r) => r.newArticles),
    skippedByPrefilter: sum((r) => r.skippedByPrefilter),
    jobs: sum((r) => r.newArticles),
  };
}

async function pollOne(
  deps: PollDeps,
  feed: FeedRecord,
  interval: number,
  maxFeedBytes?: number,
): Promise<{ result: FeedPollResult; jobs: ArticleJob[] }> {
  const { store, http, clock, logger } = deps;
  const started = clock.now();
  const base: FeedPollResult = {
    feedId: feed.id,
    feedName: feed.name,
    outcome: 'failed',
    items: 0,
    newArticles: 0,
    skippedByPrefilter: 0,
  };
  try {
    const headers: Record<string, string> = {
      accept:
        'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
    };
    if (feed.etag) headers['if-none-match'] = feed.etag;
    if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
    const res = await http.get({ url: feed.url, headers, maxBytes: maxFeedBytes });
    if (res.status === 304) {
      await store.putFeed({
        ...feed,
        lastPolledAt: started.toISOString(),
        lastSuccessAt: started.toISOString(),
        consecutiveErrors: 0,
        lastError: undefined,
        nextPollAt: addMinutes(started, interval),
      });
      return { result: { ...base, outcome: 'not-modified' }, jobs: [] };
    }
    if (res.status < 200 || res.status >= 300) {
      throw new HttpStatusError(
        res.status,
        feed.url,
        parseRetryAfter(res.headers['retry-after'], started),
      );
    }
    const parsed = await parseFeed(res.body, res.headers['content-type'], res.url, {
      maxBytes: maxFeedBytes ?? DEFAULT_MAX_FEED_BYTES,
    });
    const ids = parsed.items.map((i) => urlId(i.url));
    const existing = await store.existingArticleIds(ids);
    const jobs: ArticleJob[] = [];
    let skipped = 0;
    const seen = new Set<string>();
    for (const item of parsed.items) {
      const id = urlId(item.url);
      if (existing.has(id) || seen.has(id)) continue;
      seen.add(id);
      const relevant = !feed.prefilter || isRelevantItem(item);
      const nowIso = clock.now().toISOString();
      const article: ArticleRecord = {
        id,
        url: item.url,
        feedId: feed.id,
        feedItemTitle: item.title,
        status: relevant ? 'pending' : 'skipped',
        reason: relevant ? undefined : 'prefilter: the feed item shows no cyber or attribution cue',
        attempts: 0,
        discoveredAt: nowIso,
        updatedAt: nowIso,
        publishedTime: item.publishedAt ?? null,
      };
      const created = await store.createArticle(article);
      if (created === 'exists') continue;
      if (relevant) jobs.push({ articleId: id, url: item.url, feedId: feed.id });
      else skipped++;
    }
    await store.putFeed({
      ...feed,
      etag: res.headers.etag ?? undefined,
      lastModified: res.headers['last-modified'] ?? undefined,
      lastPolledAt: started.toISOString(),
      lastSuccessAt: started.toISOString(),
      consecutiveErrors: 0,
      lastError: undefined,
      recovered: parsed.recovered,
      nextPollAt: addMinutes(started, interval),
      lastItemCount: parsed.items.length,
      lastNewCount: jobs.length,
    });
    logger.info('feed polled', {
      feed: feed.id,
      items: parsed.items.length,
      new: jobs.length,
      skipped,
      noLink: parsed.skipped - parsed.truncated,
      overItemCap: parsed.truncated,
      ...(parsed.recovered ? { recovered: parsed.recovered } : {}),
    });
    return {
      result: {
        ...base,
        outcome: 'updated',
        items: parsed.items.length,
        newArticles: jobs.length,
        skippedByPrefilter: skipped,
        ...(parsed.recovered ? { recovered: parsed.recovered } : {}),
      },
      jobs,
    };
  } catch (e) {
    const errors = feed.consecutiveErrors + 1;
    let waitMinutes = backoffMinutes(errors, interval);
    if (e instanceof HttpStatusError && e.retryAfterSeconds !== undefined) {
      waitMinutes = Math.min(MAX_BACKOFF_MINUTES, Math.max(waitMinutes, e.retryAfterSeconds / 60));
    }
    const message = errorMessage(e).slice(0, 500);
    await store.putFeed({
      ...feed,
      lastPolledAt: started.toISOString(),
      consecutiveErrors: errors,
      lastError: message,
      recovered: undefined,
      nextPollAt: addMinutes(started, waitMinutes),
    });
    logger.warn('feed failed', {
      feed: feed.id,
      error: message,
      consecutiveErrors: errors,
      retryInMinutes: Math.round(waitMinutes),
    });
    return { result: { ...base, error: message }, jobs: [] };
  }
}
