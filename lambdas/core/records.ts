/**
 * What the store keeps: feeds with their polling state, articles with their status, and
 * stored claims (a detected claim plus its provenance and index keys).
 */
import type { Action, Claim, Evidence, Party, ResponseKind } from './model';

export interface FeedRecord {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  /** Run the cheap item-level relevance check before fetching pages (off for security press). */
  prefilter: boolean;
  etag?: string;
  lastModified?: string;
  lastPolledAt?: string;
  lastSuccessAt?: string;
  consecutiveErrors: number;
  lastError?: string;
  /**
   * Set when the last successful poll found malformed XML and read the feed leniently: the
   * first thing wrong, e.g. "an unescaped & or an undefined entity (line 4)". Cleared by a poll
   * that parses cleanly, and by a failure (lastError then says why).
   */
  recovered?: string;
  /** ISO time before which the feed is not polled (backoff, Retry-After). */
  nextPollAt?: string;
  createdAt: string;
  /** Counters from the last successful poll. */
  lastItemCount?: number;
  lastNewCount?: number;
}

export const ARTICLE_STATUSES = ['pending', 'extracted', 'failed', 'skipped', 'duplicate'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export interface ArticleRecord {
  /** Stable id: a hash of the canonical item URL. */
  id: string;
  url: string;
  canonicalUrl?: string;
  feedId?: string;
  feedItemTitle?: string;
  status: ArticleStatus;
  /** Why the article failed / was skipped / which article it duplicates. */
  reason?: string;
  attempts: number;
  discoveredAt: string;
  updatedAt: string;
  title?: string;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  excerpt?: string;
  /** Extracted text, kept so that a newer detector can reprocess without refetching. */
  text?: string;
  isCyber?: boolean;
  isAttribution?: boolean;
  score?: number;
  claimCount?: number;
  detectorVersion?: string;
  duplicateOf?: string;
}

/** A claim as stored: the detected claim, its id, provenance and the keys it is indexed by. */
export interface StoredClaim extends Claim {
  id: string;
  articleId: string;
  /** Index of the claim within its article. */
  ordinal: number;
  articleUrl: string;
  articleTitle: string;
  outlet: string | null;
  /** Publication time of the article (or discovery time when the page gives none). */
  publishedAt: string;
  /** When the claim was stored; digests read claims by this time. */
  storedAt: string;
  detectorVersion: string;
  hasDenial: boolean;
}

/** Which index a claim query uses. Each maps to one key condition (docs/data-model.md). */
export type ClaimIndex =
  | { by: 'accused'; value: string }
  | { by: 'accused-country'; value: string }
  | { by: 'accuser'; value: string }
  | { by: 'accuser-country'; value: string }
  | { by: 'day'; value: string }
  // Query indexes (lambdas/core/query-keys.ts), all sorted by published time:
  | { by: 'published'; value: string }
  | { by: 'target'; value: string }
  | { by: 'target-country'; value: string }
  | { by: 'action'; value: string }
  | { by: 'denial'; value: string };

export interface ClaimQuery {
  index: ClaimIndex;
  /** ISO lower bound (inclusive) on the index's time. */
  since?: string;
  /** ISO upper bound (exclusive). */
  until?: string;
  limit?: number;
  /** Order by time: newest first by default. */
  order?: 'newest' | 'oldest';
}

export interface DigestRun {
  /** `<subscriber or channel>#<period>`. */
  key: string;
  /** `sending` is written before the mailer is called: a run left in it may have been sent. */
  status: 'sending' | 'sent';
  claimIds: string[];
  createdAt: string;
  sentAt?: string;
  messageId?: string;
}

// ---------------------------------------------------------------- subscriptions

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed';
export type Cadence = 'daily' | 'weekly';

/** What a subscriber follows; empty lists mean "any". Validated by core/subscriptions/model.ts. */
export interface SubscriberFilters {
  /** ISO 3166-1 alpha-2 codes of accused states (or of the state behind an accused group). */
  accusedCountries: string[];
  /** Slugs of accused actors (`apt28`, `lockbit`). Accused countries and actors are OR-ed. */
  accusedActors: string[];
  /** Accusers: ISO codes or slugs (`US`, `microsoft`). */
  accusers: string[];
  /** Words matched in the target's name (a company, sector or country: "energy", "Ukraine"). */
  targets: string[];
  actions: Claim['action'][];
  /** 0..1. */
  minConfidence: number;
  /** Only claims the accused side denied or answered with a counter-accusation. */
  denialOnly: boolean;
}

export interface Subscriber {
  /** A hash of the normalized address (core/subscriptions/model.ts `subscriberId`). */
  id: string;
  email: string;
  status: SubscriberStatus;
  filters: SubscriberFilters;
  cadence: Cadence;
  /** Local hour (0–23) of delivery in `timeZone`. */
  hour: number;
  /** ISO weekday of weekly delivery: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Send a digest even when nothing new matched. */
  sendEmpty: boolean;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** Random value the pending confirmation link carries; cleared on confirmation. */
  confirmNonce?: string;
  /** Claims stored before this time were covered by an earlier digest (or predate the subscription). */
  watermark?: string;
  /** Next delivery time (UTC ISO); set only while confirmed. Indexed for due listings. */
  nextDueAt?: string;
}

// ---------------------------------------------------------------- incidents

/** One claim as an incident keeps it: enough for the timeline and the article link. */
export interface IncidentMember {
  claimId: string;
  /** The claim's place in its article (the order the article makes its claims in). */
  ordinal?: number;
  articleId: string;
  articleTitle: string;
  articleUrl: string;
  outlet: string | null;
  publishedAt: string;
  accuser: Party | null;
  accused: Party;
  target: Party | null;
  action: Action;
  evidence: Evidence;
  confidence: number;
  counterAccusation: boolean;
  responses: { kind: ResponseKind; by: Party; text: string }[];
  /** The claim's first sentence (at most 300 characters). */
  sentence: string;
  /** Named things the claim's sentences share with others about one operation (lower case). */
  entities: string[];
}

export const INCIDENT_EVENT_KINDS = [
  'first-report',
  'new-accuser',
  'evidence',
  'denial',
  'counter-accusation',
  'acknowledgement',
  'claim-of-responsibility',
] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENT_KINDS)[number];

/** A step of an incident's timeline, with the article behind it. */
export interface IncidentEvent {
  kind: IncidentEventKind;
  at: string;
  /** Who acted: the accuser for reports and new accusers, the one answering for responses. */
  by: Party | null;
  /** For a new accuser: government, vendor, media or other. */
  role?: 'government' | 'vendor' | 'media' | 'other';
  claimId: string;
  articleId: string;
  articleTitle: string;
  articleUrl: string;
  outlet: string | null;
  text: string;
  /** Later articles that reported the same step (at most 10). */
  alsoIn: { articleId: string; articleUrl: string; outlet: string | null }[];
}

/** An incident as its index entries keep it: everything but the timeline. */
export interface IncidentSummary {
  /** Stable: `inc_` + a hash of the claim that opened it. */
  id: string;
  name: string;
  /** The most specific accused party seen (a group over its state). */
  accused: Party;
  /** Every accused key seen (actor slugs and ISO codes): the accused index. */
  accusedKeys: string[];
  /** The keys of those that are groups, organs or people, not states. */
  actorKeys: string[];
  targets: Party[];
  /** Target keys (slugs and ISO codes): the target index. */
  targetKeys: string[];
  actions: Action[];
  /** Named things the claims share (malware, victims, campaign names), most frequent first. */
  entities: string[];
  /** Earliest and latest publication time of a claim. */
  firstSeen: string;
  lastSeen: string;
  /** Months (YYYY-MM) with a claim: the period index. */
  months: string[];
  claimCount: number;
  articleCount: number;
  accusers: Party[];
  /** The strongest evidence reported so far (provided > unspecified > not-provided). */
  evidence: Evidence;
  /** The highest confidence of its claims. */
  confidence: number;
  /** Those who answered (denied, acknowledged, claimed it). */
  responders: { kind: ResponseKind; by: Party }[];
  createdAt: string;
  updatedAt: string;
}

/** One operation, every outlet: the claims about it merged, with their timeline. */
export interface IncidentRecord extends IncidentSummary {
  /** In time order; at most 200 steps. */
  timeline: IncidentEvent[];
}

/** Which index an incident query reads. */
export type IncidentIndex =
  | { by: 'all'; value: 'all' }
  | { by: 'accused'; value: string }
  | { by: 'target'; value: string }
  | { by: 'month'; value: string };

export interface IncidentQuery {
  index: IncidentIndex;
  /** Bounds on the last-seen time (ISO; since inclusive, until exclusive). */
  since?: string;
  until?: string;
  limit?: number;
}
