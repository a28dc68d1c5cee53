/**
 * Per-subscriber digests. For each due subscriber: the claims stored since their watermark
 * (read from the `day` index by key conditions, once per run for everyone) that match their
 * filters, rendered with their unsubscribe and preferences links, and sent exactly once per
 * subscriber and period:
 *
 * 1. the period is the local date of the subscriber's due time (`daily#2026-11-20`); its run
 *    record `sub#<id>#<period>` is created conditionally (`sending`) before the mailer is called;
 * 2. after the mailer accepted the message the record is completed (`sent`) and the subscriber's
 *    watermark and next due time move on;
 * 3. a mailer error deletes the record (not sent: the retry sends); a record found `sending` or
 *    `sent` is never sent again — a crash between send and completion costs at most that
 *    digest, never a duplicate.
 */
import { IncidentLookup } from '../incident-query';
import type { SyncOptions } from '../incidents/sync';
import type { Logger } from '../logger';
import type { Clock, Mailer, Store } from '../ports';
import type { StoredClaim, Subscriber } from '../records';
import { describeFilters, matchesFilters, subscriberId } from '../subscriptions/model';
import { nextDueAt, periodOf } from '../subscriptions/schedule';
import { type SubscriptionConfig, subscriptionLink } from '../subscriptions/service';
import { type DigestIncidents, digestIncidents, syncBeforeDigest } from './incidents';
import { type RenderCache, type RenderedDigest, renderDigest } from './render';
import { sendOnce } from './once';
import { claimsStoredBetween } from './send';

export interface SubscriberDigestDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  /** Where the incident job before the digests logs. */
  logger?: Logger;
}

export interface SubscriberDigestConfig extends Pick<
  SubscriptionConfig,
  'tokenSecret' | 'from' | 'baseUrl'
> {
  /** Also offer `mailto:` unsubscription in List-Unsubscribe (an address that handles it). */
  unsubscribeMailto?: string;
  /** @default 'Attribution Watch' */
  title?: string;
  /** Claims written out per digest. @default 50 */
  maxClaims?: number;
  /** Due partitions read besides the current hour's, to catch up after missed runs. @default 23 */
  catchUpHours?: number;
  /** Longest look-back of one digest, whatever the watermark says. @default 14 days */
  maxLookbackDays?: number;
}

export type SubscriberDigestStatus =
  'sent' | 'empty' | 'already-sent' | 'dry-run' | 'not-confirmed' | 'error';

export interface SubscriberDigestOutcome {
  subscriberId: string;
  email: string;
  status: SubscriberDigestStatus;
  period: string;
  claims: number;
  since: string;
  until: string;
  messageId?: string;
  error?: string;
  /** New incidents and updated ones listed in the digest. */
  incidents?: { new: number; updated: number };
  digest?: RenderedDigest;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Confirmed subscribers due now: the current UTC hour's partition and the catch-up ones. */
export async function dueSubscribers(
  store: Store,
  now: Date,
  catchUpHours = 23,
): Promise<Subscriber[]> {
  const out = new Map<string, Subscriber>();
  const hours = Math.min(23, Math.max(0, catchUpHours));
  for (let i = 0; i <= hours; i++) {
    const h = new Date(now.getTime() - i * HOUR).getUTCHours();
    for (const s of await store.listDueSubscribers(h, now.toISOString())) out.set(s.id, s);
  }
  return [...out.values()].sort((a, b) => (a.nextDueAt ?? '').localeCompare(b.nextDueAt ?? ''));
}

/** Claims of one run, read once from the day index and sliced per subscriber. */
export class ClaimWindow {
  private loaded?: { since: string; claims: StoredClaim[] };

  constructor(
    private readonly store: Store,
    private readonly until: string,
  ) {}

  /** Preloads [since, until) for a whole run. */
  async load(since: string): Promise<void> {
    if (this.loaded && this.loaded.since <= since) return;
    const claims = await claimsStoredBetween(this.store, since, this.until);
    claims.sort((a, b) => a.storedAt.localeCompare(b.storedAt));
    this.loaded = { since, claims };
  }

  async between(since: string): Promise<StoredClaim[]> {
    await this.load(since);
    const all = this.loaded!.claims;
    // Binary search on storedAt: 10,000 subscribers × 5,000 claims stays cheap.
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.storedAt < since) lo = mid + 1;
      else hi = mid;
    }
    return all.slice(lo);
  }
}

function sinceOf(s: Subscriber, now: Date, cfg: SubscriberDigestConfig): string {
  const floor = new Date(now.getTime() - (cfg.maxLookbackDays ?? 14) * DAY).toISOString();
  const w = s.watermark ?? s.confirmedAt ?? now.toISOString();
  return w < floor ? floor : w;
}

/** Renders one subscriber's digest for [since, until): no I/O. */
export function renderSubscriberDigest(
  s: Subscriber,
  claims: StoredClaim[],
  cfg: SubscriberDigestConfig,
  period: { since: string; until: string; now: Date },
  cache?: RenderCache,
  incidents?: DigestIncidents,
): { digest: RenderedDigest; headers: Record<string, string>; unsubscribeUrl: string } {
  const unsubscribeUrl = subscriptionLink(cfg, 'unsubscribe', s, period.now);
  const preferencesUrl = subscriptionLink(cfg, 'preferences', s, period.now);
  const digest = renderDigest(claims, {
    since: period.since,
    until: period.until,
    title: `${cfg.title ?? 'Attribution Watch'} ${s.cadence} digest`,
    unsubscribeUrl,
    preferencesUrl,
    filtersLabel: describeFilters(s.filters),
    maxClaims: cfg.maxClaims,
    cache,
    incidents,
  });
  const headers: Record<string, string> = {
    // RFC 2369 + RFC 8058: mail clients show an unsubscribe button that POSTs to the URL.
    'List-Unsubscribe': [
      `<${unsubscribeUrl}>`,
      ...(cfg.unsubscribeMailto ? [`<mailto:${cfg.unsubscribeMailto}?subject=unsubscribe>`] : []),
    ].join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': 'Attribution Watch digest <digest.attribution-watch>',
    'X-Attribution-Watch-Digest': `sub#${s.id}`,
  };
  return { digest, headers, unsubscribeUrl };
}

/**
 * Sends one subscriber's due digest. With `force`, sends the next one now even before it is
 * due (CLI `digest send --subscriber`); the period is still that of the next due time, so the
 * scheduled run does not send it again.
 */
export async function sendSubscriberDigest(
  deps: SubscriberDigestDeps,
  cfg: SubscriberDigestConfig,
  subscriber: Subscriber,
  opts: {
    dryRun?: boolean;
    window?: ClaimWindow;
    cache?: RenderCache;
    /** The run's incident reads, shared by its subscribers. */
    incidents?: IncidentLookup;
  } = {},
): Promise<SubscriberDigestOutcome> {
  const now = deps.clock.now();
  const until = now.toISOString();
  // Read again, consistently: the due index may lag behind an unsubscription.
  const s = (await deps.store.getSubscriber(subscriber.id)) ?? subscriber;
  const dueAt = s.nextDueAt ?? until;
  const period = periodOf(s, dueAt);
  const key = `sub#${s.id}#${period}`;
  const since = sinceOf(s, now, cfg);
  const base = { subscriberId: s.id, email: s.email, period, since, until };
  if (s.status !== 'confirmed') return { ...base, status: 'not-confirmed', claims: 0 };
  const next = nextDueAt(s, new Date(Math.max(now.getTime(), Date.parse(dueAt))));

  if (!opts.dryRun) {
    const existing = await deps.store.getDigestRun(key);
    if (existing) {
      await deps.store.advanceSubscriber(s.id, existing.createdAt, next);
      return {
        ...base,
        status: 'already-sent',
        claims: existing.claimIds.length,
        messageId: existing.messageId,
      };
    }
  }
  const window = opts.window ?? new ClaimWindow(deps.store, until);
  const claims = (await window.between(since)).filter(
    (c) => c.storedAt < until && matchesFilters(c, s.filters),
  );
  // Only the incidents of the claims this subscriber gets: their filters hold for incidents too.
  const lookup = opts.incidents ?? new IncidentLookup(deps.store);
  await lookup.load(claims);
  const found = digestIncidents(lookup, claims, since);
  const incidents = { new: found.fresh.length, updated: found.updates.length };
  const { digest, headers } = renderSubscriberDigest(
    s,
    claims,
    cfg,
    { since, until, now },
    opts.cache,
    found,
  );
  if (opts.dryRun) return { ...base, status: 'dry-run', claims: claims.length, incidents, digest };
  if (claims.length === 0 && !s.sendEmpty) {
    await deps.store.advanceSubscriber(s.id, until, next);
    return { ...base, status: 'empty', claims: 0, incidents, digest };
  }
  const sent = await sendOnce(
    deps,
    { key, claimIds: claims.map((c) => c.id), createdAt: until },
    {
      to: s.email,
      from: cfg.from,
      subject: digest.subject,
      text: digest.text,
      html: digest.html,
      headers,
    },
  );
  if (sent.status === 'already-sent') {
    await deps.store.advanceSubscriber(s.id, sent.run.createdAt, next);
    return {
      ...base,
      status: 'already-sent',
      claims: sent.run.claimIds.length,
      messageId: sent.run.messageId,
    };
  }
  const messageId = sent.messageId;
  await deps.store.advanceSubscriber(s.id, until, next);
  return { ...base, status: 'sent', claims: claims.length, messageId, incidents, digest };
}

export interface RunDigestsOptions {
  dryRun?: boolean;
  /** Only this address, due or not (its next digest, sent now). */
  subscriber?: string;
  /** Called after each subscriber (progress, logging, metrics). */
  onResult?: (r: SubscriberDigestOutcome) => void;
  /**
   * The incident job runs first, so digests show the incidents of their claims; its options (a
   * Lambda's time budget), or false to skip it. A dry run never runs it (it writes nothing).
   */
  incidentSync?: SyncOptions | false;
}

/**
 * Sends the digests of every due subscriber (or of one). One subscriber's failure does not stop
 * the others; it is reported as `error` and retried by the next run.
 */
export async function runDigests(
  deps: SubscriberDigestDeps,
  cfg: SubscriberDigestConfig,
  opts: RunDigestsOptions = {},
): Promise<SubscriberDigestOutcome[]> {
  if (!opts.dryRun) await syncBeforeDigest(deps, opts.incidentSync);
  const now = deps.clock.now();
  let subs: Subscriber[];
  if (opts.subscriber) {
    const s = await deps.store.getSubscriber(subscriberId(opts.subscriber));
    subs = s ? [s] : [];
  } else {
    subs = await dueSubscribers(deps.store, now, cfg.catchUpHours);
  }
  const window = new ClaimWindow(deps.store, now.toISOString());
  if (subs.length) await window.load(subs.map((s) => sinceOf(s, now, cfg)).sort()[0]!);
  const cache: RenderCache = new Map();
  const incidents = new IncidentLookup(deps.store);
  const out: SubscriberDigestOutcome[] = [];
  for (const s of subs) {
    let r: SubscriberDigestOutcome;
    try {
      r = await sendSubscriberDigest(deps, cfg, s, {
        dryRun: opts.dryRun,
        window,
        cache,
        incidents,
      });
    } catch (e) {
      r = {
        subscriberId: s.id,
        email: s.email,
        status: 'error',
        period: '',
        claims: 0,
        since: '',
        until: now.toISOString(),
        error: (e as Error)?.message ?? String(e),
      };
    }
    out.push(r);
    opts.onResult?.(r);
  }
  return out;
}
