/**
 * Ports: the only ways the core reaches the outside world. Adapters implement them
 * (DynamoDB store, SQS or in-process queue, SES/SMTP/outbox mailer, the guarded HTTP client),
 * and Lambda handlers and the CLI wire them up. The core never imports an adapter.
 */
import type {
  ArticleRecord,
  ArticleStatus,
  ClaimQuery,
  DigestRun,
  FeedRecord,
  IncidentMember,
  IncidentQuery,
  IncidentRecord,
  IncidentSummary,
  StoredClaim,
  Subscriber,
} from './records';

/** Current time, injectable so tests and replays are deterministic. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
  /** Overrides the client's default byte cap for this request. */
  maxBytes?: number;
}

export interface HttpResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Decompressed body bytes (empty for 304). */
  body: Buffer;
  /** Redirect hops followed, in order. */
  redirects: string[];
}

/**
 * One HTTP client for feeds and pages. Implementations enforce timeouts, byte caps,
 * redirect limits and the SSRF policy, and throw {@link FetchError} on refusal or failure.
 */
export interface Http {
  get(req: HttpRequest): Promise<HttpResponse>;
}

/** A unit of work for the page processor: fetch, extract, detect and store one article. */
export interface ArticleJob {
  articleId: string;
  url: string;
  feedId?: string;
}

/** Hands article jobs to the processor: SQS on AWS, an in-process queue locally. */
export interface Queue {
  enqueue(jobs: ArticleJob[]): Promise<void>;
}

export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Sends one message; resolves to a provider message id. */
  send(message: MailMessage): Promise<string>;
}

/** Result of a conditional create. */
export type CreateResult = 'created' | 'exists';

/** Everything the core stores. Each method is served by a key condition, never a Scan. */
export interface Store {
  // feeds
  putFeed(feed: FeedRecord): Promise<void>;
  createFeed(feed: FeedRecord): Promise<CreateResult>;
  getFeed(id: string): Promise<FeedRecord | undefined>;
  listFeeds(): Promise<FeedRecord[]>;
  deleteFeed(id: string): Promise<boolean>;

  // articles
  /** Creates the article if no article has this id yet (the id derives from the canonical URL). */
  createArticle(article: ArticleRecord): Promise<CreateResult>;
  getArticle(id: string): Promise<ArticleRecord | undefined>;
  /** Which of these article ids exist already (one batched read, for polling). */
  existingArticleIds(ids: string[]): Promise<Set<string>>;
  putArticle(article: ArticleRecord): Promise<void>;
  listArticlesByStatus(status: ArticleStatus, limit?: number): Promise<ArticleRecord[]>;
  /**
   * Articles in a status updated after the cursor `<updatedAt>#<id>` (exclusive), oldest update
   * first, each with its cursor.
   */
  listArticlesUpdatedSince(
    status: ArticleStatus,
    after: string,
    limit?: number,
  ): Promise<{ article: ArticleRecord; cursor: string }[]>;
  /**
   * Claims a canonical URL for an article. Returns the id of the article that owns it:
   * `articleId` itself when this call (or an earlier one for the same article) won.
   */
  claimCanonicalUrl(canonicalUrl: string, articleId: string): Promise<string>;

  // claims
  /**
   * Replaces the article's stored claims with these (idempotent; stale ones are removed).
   * `previous`, when the caller has just read them, saves a read.
   */
  replaceClaims(articleId: string, claims: StoredClaim[], previous?: StoredClaim[]): Promise<void>;
  listClaimsForArticle(articleId: string): Promise<StoredClaim[]>;
  /** One claim by id (GSI1 `CLAIMID#<id>`), or undefined. */
  getClaim(id: string): Promise<StoredClaim | undefined>;
  queryClaims(query: ClaimQuery): Promise<StoredClaim[]>;

  // incidents
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  /**
   * Writes the incident and its index entries (accused keys, target keys, months), removing the
   * entries `previous` had that it no longer has.
   */
  putIncident(incident: IncidentRecord, previous?: IncidentRecord): Promise<void>;
  /** Removes the incident, its members and its index entries. */
  deleteIncident(incident: IncidentRecord): Promise<void>;
  listIncidentMembers(incidentId: string): Promise<IncidentMember[]>;
  putIncidentMembers(incidentId: string, members: IncidentMember[]): Promise<void>;
  deleteIncidentMembers(incidentId: string, claimIds: string[]): Promise<void>;
  /** Incident ids of an article's claims (claim id → incident id). */
  articleIncidents(articleId: string): Promise<Map<string, string>>;
  setClaimIncidents(
    articleId: string,
    entries: [claimId: string, incidentId: string][],
  ): Promise<void>;
  deleteClaimIncidents(articleId: string, claimIds: string[]): Promise<void>;
  /** Incidents of an index (summaries, no timeline), last seen newest first. */
  queryIncidents(query: IncidentQuery): Promise<IncidentSummary[]>;
  /**
   * Takes a named lease until `until` (ISO) for `owner`: true when free, expired or already the
   * owner's. One writer at a time for jobs that must not run twice at once.
   */
  takeLease(name: string, owner: string, until: string, now: string): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;

  // digests
  getDigestRun(key: string): Promise<DigestRun | undefined>;
  /** Creates the run record if absent; returns the record now stored. */
  beginDigestRun(run: DigestRun): Promise<{ run: DigestRun; created: boolean }>;
  completeDigestRun(key: string, sentAt: string, messageId: string): Promise<void>;
  getWatermark(name: string): Promise<string | undefined>;
  setWatermark(name: string, value: string): Promise<void>;
  /** Deletes a run still `sending` after the mailer refused it, so a retry sends it. */
  abandonDigestRun(key: string): Promise<void>;

  // subscribers
  getSubscriber(id: string): Promise<Subscriber | undefined>;
  createSubscriber(subscriber: Subscriber): Promise<CreateResult>;
  /** Writes the whole record (indexed for due listings only while confirmed with a due time). */
  putSubscriber(subscriber: Subscriber): Promise<void>;
  deleteSubscriber(id: string): Promise<boolean>;
  listSubscribers(): Promise<Subscriber[]>;
  /** Confirmed subscribers whose next delivery falls in this UTC hour (0–23) and is ≤ `dueBy`. */
  listDueSubscribers(utcHour: number, dueBy: string): Promise<Subscriber[]>;
  /** After a digest: moves the watermark and the next due time, only while still confirmed. */
  advanceSubscriber(id: string, watermark: string, nextDueAt: string): Promise<void>;
  /** Takes one of `max` uses of a counter for `window` (e.g. a day); false when none is left. */
  takeQuota(name: string, window: string, max: number): Promise<boolean>;
}
