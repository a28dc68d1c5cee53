/**
 * Names of the custom metrics (CloudWatch EMF, namespace `AttributionWatch`, dimension
 * `service`). The handlers emit them; the stack's alarms and dashboard read them.
 */
export const METRIC = {
  /** Feeds polled this run (not counting feeds not yet due). */
  feedsPolled: 'FeedsPolled',
  /** Feeds whose last success is more than a day old and which are still failing. */
  feedsFailingForADay: 'FeedsFailingForADay',
  /** Feed polls and page fetches that failed. */
  fetchFailures: 'FetchFailures',
  articlesEnqueued: 'ArticlesEnqueued',
  /** Pending articles re-enqueued because their job was lost. */
  articlesResumed: 'ArticlesResumed',
  articlesProcessed: 'ArticlesProcessed',
  claimsFound: 'ClaimsFound',
  digestsSent: 'DigestsSent',
} as const;
