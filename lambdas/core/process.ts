/**
 * Processing one article: fetch the page, extract it, detect claims, store article and claims.
 * Idempotent: a redelivered job for an article already processed by the current detector does
 * nothing; a job for a page whose canonical URL another article owns marks it a duplicate.
 * Permanent failures (404, not HTML, no article) are recorded on the article; transient ones
 * (timeouts, 5xx) are thrown so the queue retries, and recorded as failed on the last attempt.
 */
import type { Detector } from './detect/detector';
import { type ExtractedArticle, extractArticle, ExtractError, textArticle } from './extract';
import { errorMessage, FetchError, HttpStatusError } from './fetch/errors';
import { decodeBytes } from './feeds/charset';
import { claimId } from './claim-keys';
import type { Logger } from './logger';
import type { ArticleJob, Clock, Http, Store } from './ports';
import type { ArticleRecord, StoredClaim } from './records';

export interface ProcessDeps {
  store: Store;
  http: Http;
  clock: Clock;
  detector: Detector;
  logger: Logger;
}

export interface ProcessOptions {
  /** Attempts before a transient failure is recorded as final. @default 3 */
  maxAttempts?: number;
  /** Page byte cap. @default the HTTP client's (5 MB) */
  maxPageBytes?: number;
  /** Re-run detection even when the stored detector version is current. */
  force?: boolean;
}

export type ProcessOutcome =
  | { status: 'extracted'; articleId: string; claims: number; isAttribution: boolean }
  | { status: 'failed'; articleId: string; reason: string }
  | { status: 'duplicate'; articleId: string; duplicateOf: string }
  | { status: 'unchanged'; articleId: string };

/** Thrown for failures worth a retry; the queue redelivers the job. */
export class RetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryableError';
  }
}

const MAX_STORED_TEXT = 100_000;
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
const TEXT_TYPES = /^text\/plain\b/i;

/** Builds stored claims from a detection, keeping the first-stored time of claims seen before. */
export function toStoredClaims(
  article: ArticleRecord,
  result: ReturnType<Detector['detect']>,
  detectorVersion: string,
  previous: StoredClaim[],
  now: string,
): StoredClaim[] {
  const before = new Map(previous.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const out: StoredClaim[] = [];
  result.claims.forEach((c, ordinal) => {
    const id = claimId(article.id, c.accuser, c.accused);
    if (seen.has(id)) return;
    seen.add(id);
    out.push({
      ...c,
      id,
      articleId: article.id,
      ordinal,
      articleUrl: article.canonicalUrl ?? article.url,
      articleTitle: article.title ?? article.feedItemTitle ?? '',
      outlet: article.siteName ?? null,
      publishedAt: article.publishedTime ?? article.discoveredAt,
      storedAt: before.get(id)?.storedAt ?? now,
      detectorVersion,
      hasDenial: c.responses.some((r) => r.kind === 'denial'),
    });
  });
  return out;
}

/** Runs detection on an article's stored text and replaces its claims. */
export async function detectAndStore(
  deps: ProcessDeps,
  article: ArticleRecord,
): Promise<ArticleRecord> {
  const now = deps.clock.now().toISOString();
  const result = deps.detector.detect({ text: article.text ?? '', title: article.title });
  const previous = await deps.store.listClaimsForArticle(article.id);
  const claims = toStoredClaims(article, result, deps.detector.version, previous, now);
  // Claims first, then the article's status: a crash in between leaves the article pending, and
  // the rerun replaces the same claim ids.
  await deps.store.replaceClaims(article.id, claims, previous);
  const done: ArticleRecord = {
    ...article,
    status: 'extracted',
    reason: undefined,
    updatedAt: now,
    isCyber: result.isCyber,
    isAttribution: result.isAttribution,
    score: result.score,
    claimCount: claims.length,
    detectorVersion: deps.detector.version,
  };
  await deps.store.putArticle(done);
  return done;
}

/** Processes one job. */
export async function processArticle(
  deps: ProcessDeps,
  job: ArticleJob,
  opts: ProcessOptions = {},
): Promise<ProcessOutcome> {
  const { store, http, clock, logger } = deps;
  const maxAttempts = opts.maxAttempts ?? 3;
  let article = await store.getArticle(job.articleId);
  const nowIso = clock.now().toISOString();
  if (!article) {
    article = {
      id: job.articleId,
      url: job.url,
      feedId: job.feedId,
      status: 'pending',
      attempts: 0,
      discoveredAt: nowIso,
      updatedAt: nowIso,
    };
    await store.createArticle(article);
  }
  if (article.status === 'duplicate')
    return { status: 'duplicate', articleId: article.id, duplicateOf: article.duplicateOf ?? '' };
  if (
    !opts.force &&
    article.status === 'extracted' &&
    article.detectorVersion === deps.detector.version
  ) {
    return { status: 'unchanged', articleId: article.id };
  }
  if (
    !opts.force &&
    (article.status === 'skipped' ||
      (article.status === 'failed' && article.attempts >= maxAttempts))
  ) {
    return { status: 'failed', articleId: article.id, reason: article.reason ?? article.status };
  }

  const attempts = article.attempts + 1;
  const fail = async (reason: string): Promise<ProcessOutcome> => {
    await store.putArticle({
      ...article!,
      status: 'failed',
      reason: reason.slice(0, 500),
      attempts,
      updatedAt: clock.now().toISOString(),
    });
    logger.warn('article failed', { article: article!.id, url: article!.url, reason });
    return { status: 'failed', articleId: article!.id, reason };
  };

  let extracted: ExtractedArticle;
  let finalUrl: string;
  try {
    const res = await http.get({
      url: article.url,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5' },
      maxBytes: opts.maxPageBytes,
    });
    if (res.status < 200 || res.status >= 300) throw new HttpStatusError(res.status, article.url);
    finalUrl = res.url;
    const type = res.headers['content-type'] ?? 'text/html';
    if (!HTML_TYPES.test(type) && !TEXT_TYPES.test(type)) {
      return await fail(`unsupported content type ${type.split(';')[0]}`);
    }
    const { text } = decodeBytes(res.body, type);
    extracted = TEXT_TYPES.test(type) ? textArticle(text) : extractArticle(text, res.url);
  } catch (e) {
    const transient = (e instanceof FetchError || e instanceof HttpStatusError) && e.transient;
    const reason = errorMessage(e);
    if (transient && attempts < maxAttempts) {
      await store.putArticle({
        ...article,
        attempts,
        reason: `retrying: ${reason}`.slice(0, 500),
        updatedAt: clock.now().toISOString(),
      });
      throw new RetryableError(reason);
    }
    if (e instanceof ExtractError || e instanceof FetchError || e instanceof HttpStatusError)
      return await fail(reason);
    return await fail(`unexpected: ${reason}`);
  }

  if (extracted.truncatedAtElements) {
    logger.warn('page cut at the element cap', {
      article: article.id,
      url: article.url,
      elements: extracted.truncatedAtElements,
    });
  }
  // One article per canonical URL: the page's rel=canonical wins over the feed link.
  const canonical = extracted.canonicalUrl ?? finalUrl;
  const owner = await store.claimCanonicalUrl(canonical, article.id);
  if (owner !== article.id) {
    await store.putArticle({
      ...article,
      status: 'duplicate',
      duplicateOf: owner,
      canonicalUrl: canonical,
      attempts,
      reason: `same canonical URL as article ${owner}`,
      updatedAt: clock.now().toISOString(),
    });
    return { status: 'duplicate', articleId: article.id, duplicateOf: owner };
  }
  const withText: ArticleRecord = {
    ...article,
    attempts,
    canonicalUrl: canonical,
    title: extracted.title || article.feedItemTitle,
    byline: extracted.byline,
    siteName: extracted.siteName,
    publishedTime: extracted.publishedTime ?? article.publishedTime ?? null,
    lang: extracted.lang,
    excerpt: extracted.excerpt.slice(0, 500),
    text: extracted.text.slice(0, MAX_STORED_TEXT),
  };
  const done = await detectAndStore(deps, withText);
  return {
    status: 'extracted',
    articleId: done.id,
    claims: done.claimCount ?? 0,
    isAttribution: !!done.isAttribution,
  };
}
