/**
 * One local cycle: poll the due feeds, then process every new article (and any left pending by
 * an interrupted earlier run) in-process with per-host and overall limits, then place the new
 * claims into incidents. On AWS the same two
 * core functions run in two Lambdas with SQS between them; here the queue is a list.
 */
import { type PollOptions, pollFeeds, type PollSummary } from './feeds/poll';
import { type SyncSummary, syncIncidents } from './incidents/sync';
import { KeyedLimiter } from './limiter';
import type { ArticleJob, Queue } from './ports';
import {
  processArticle,
  type ProcessDeps,
  type ProcessOptions,
  type ProcessOutcome,
  RetryableError,
} from './process';
import { hostOf } from './url';

export interface CycleOptions extends PollOptions, ProcessOptions {
  /** Overall page-fetch concurrency. @default 4 */
  processConcurrency?: number;
  /** Page fetches per host at once. @default 2 */
  processPerHost?: number;
  /** Wait between retries of a transient failure, per attempt. @default 1000 ms */
  retryDelayMs?: number;
  onArticleDone?: (outcome: ProcessOutcome, done: number, total: number) => void;
  onJobsKnown?: (total: number) => void;
}

export interface CycleSummary {
  poll: PollSummary;
  resumed: number;
  processed: number;
  extracted: number;
  failedArticles: number;
  duplicates: number;
  attributionStories: number;
  claims: number;
  failures: { url: string; reason: string }[];
  /** The incident job run after processing (its claims placed into incidents). */
  incidents: SyncSummary;
}

/** An in-process queue: collects jobs for the cycle to drain. */
export class CollectingQueue implements Queue {
  readonly jobs: ArticleJob[] = [];
  async enqueue(jobs: ArticleJob[]): Promise<void> {
    this.jobs.push(...jobs);
  }
}

/** Processes jobs with limits, retrying transient failures in-process. */
export async function drainJobs(
  deps: ProcessDeps,
  jobs: ArticleJob[],
  opts: CycleOptions = {},
): Promise<ProcessOutcome[]> {
  const limiter = new KeyedLimiter(opts.processConcurrency ?? 4, opts.processPerHost ?? 2);
  const maxAttempts = opts.maxAttempts ?? 3;
  let done = 0;
  return Promise.all(
    jobs.map((job) =>
      limiter.run(hostOf(job.url), async () => {
        let outcome: ProcessOutcome | undefined;
        for (let attempt = 1; !outcome; attempt++) {
          try {
            outcome = await processArticle(deps, job, opts);
          } catch (e) {
            if (!(e instanceof RetryableError) || attempt >= maxAttempts) {
              outcome = {
                status: 'failed',
                articleId: job.articleId,
                reason: (e as Error).message,
              };
            } else {
              await new Promise((r) => setTimeout(r, (opts.retryDelayMs ?? 1000) * attempt));
            }
          }
        }
        done++;
        opts.onArticleDone?.(outcome, done, jobs.length);
        return outcome;
      }),
    ),
  );
}

export async function runCycle(deps: ProcessDeps, opts: CycleOptions = {}): Promise<CycleSummary> {
  // Articles left pending by an interrupted run are resumed first: nothing is lost.
  const pending = await deps.store.listArticlesByStatus('pending');
  const queue = new CollectingQueue();
  const poll = await pollFeeds({ ...deps, queue }, opts);
  const seen = new Set<string>();
  const jobs: ArticleJob[] = [];
  for (const j of [
    ...pending.map((a) => ({ articleId: a.id, url: a.url, feedId: a.feedId })),
    ...queue.jobs,
  ]) {
    if (seen.has(j.articleId)) continue;
    seen.add(j.articleId);
    jobs.push(j);
  }
  opts.onJobsKnown?.(jobs.length);
  const outcomes = await drainJobs(deps, jobs, opts);
  // Incidents last, from what is stored: articles of this run and any a crash left unplaced.
  const incidents = await syncIncidents(deps);
  const urlOf = new Map(jobs.map((j) => [j.articleId, j.url]));
  const extracted = outcomes.filter(
    (o): o is Extract<ProcessOutcome, { status: 'extracted' }> => o.status === 'extracted',
  );
  return {
    poll,
    resumed: pending.length,
    processed: outcomes.length,
    extracted: extracted.length,
    failedArticles: outcomes.filter((o) => o.status === 'failed').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    attributionStories: extracted.filter((o) => o.isAttribution).length,
    claims: extracted.reduce((a, o) => a + o.claims, 0),
    failures: outcomes
      .filter((o): o is Extract<ProcessOutcome, { status: 'failed' }> => o.status === 'failed')
      .map((o) => ({ url: urlOf.get(o.articleId) ?? o.articleId, reason: o.reason })),
    incidents,
  };
}
