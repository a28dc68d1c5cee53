/**
 * Subscribing, confirming (double opt-in), unsubscribing and managing preferences: the core
 * behind the API routes and the CLI `subscribers` commands.
 *
 * Abuse rules: addresses must be syntactically deliverable; at most `maxConfirmationsPerDay`
 * confirmation (or "already subscribed") emails per address per UTC day; the reply to a
 * subscription request is the same whatever the address's state, so the API never reveals who
 * is subscribed; an unconfirmed address receives nothing but those emails.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, Mailer, Store } from '../ports';
import type { Subscriber } from '../records';
import { alreadySubscribedEmail, confirmationEmail } from './emails';
import {
  applyPreferences,
  newSubscriber,
  normalizeEmail,
  PreferencesSchema,
  type PreferencesInput,
  SubscribeSchema,
  subscriberId,
} from './model';
import { nextDueAt } from './schedule';
import { signToken, type TokenPurpose, verifyToken } from './tokens';

export interface SubscriptionDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
}

export interface SubscriptionConfig {
  /** HMAC secret of the links (≥ 32 bytes); passed in, never read from the environment here. */
  tokenSecret: string;
  /** Sender of confirmation emails and digests. */
  from: string;
  /** Public base URL of the API, e.g. "https://watch.example.org" (links in emails). */
  baseUrl: string;
  /** @default 3 */
  maxConfirmationsPerDay?: number;
}

export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

const DAY = 86_400_000;

/** A link to one of the subscription endpoints with a fresh signed token. */
export function subscriptionLink(
  cfg: Pick<SubscriptionConfig, 'tokenSecret' | 'baseUrl'>,
  purpose: TokenPurpose,
  s: Pick<Subscriber, 'id' | 'confirmNonce'>,
  now: Date,
): string {
  const path = { confirm: 'confirm', unsubscribe: 'unsubscribe', preferences: 'preferences' }[
    purpose
  ];
  const token = signToken(cfg.tokenSecret, purpose, s.id, now, {
    nonce: purpose === 'confirm' ? s.confirmNonce : undefined,
  });
  return `${cfg.baseUrl.replace(/\/+$/, '')}/subscriptions/${path}?token=${token}`;
}

function zodMessage(e: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = e.issues[0];
  return i ? `${i.path.map(String).join('.') || 'body'}: ${i.message}` : 'invalid input';
}

/** Validates a subscription request; throws {@link InvalidInputError} with a one-line reason. */
export function parseSubscribe(input: unknown): { email: string; prefs: PreferencesInput } {
  const r = SubscribeSchema.safeParse(input);
  if (!r.success) throw new InvalidInputError(zodMessage(r.error));
  const email = normalizeEmail(r.data.email);
  if (!email) throw new InvalidInputError('email: not a valid email address');
  const { email: _e, ...prefs } = r.data;
  return { email, prefs };
}

export function parsePreferences(input: unknown): PreferencesInput {
  const r = PreferencesSchema.safeParse(input);
  if (!r.success) throw new InvalidInputError(zodMessage(r.error));
  return r.data;
}

/** What a subscription request did. Callers facing the public must not reveal it. */
export type SubscribeOutcome =
  'confirmation-sent' | 'already-subscribed-notice-sent' | 'rate-limited' | 'confirmed';

async function takeEmailQuota(
  deps: SubscriptionDeps,
  cfg: SubscriptionConfig,
  id: string,
): Promise<boolean> {
  const day = deps.clock.now().toISOString().slice(0, 10);
  return deps.store.takeQuota(`confirm#${id}`, day, cfg.maxConfirmationsPerDay ?? 3);
}

/**
 * Subscribes an address: creates (or renews) a pending subscription and sends the confirmation
 * email. A confirmed subscriber's preferences are not changed by a request anyone could make;
 * they get a notice with their preferences link instead. `confirmed: true` is the operator's
 * shortcut (CLI) and sends nothing.
 */
export async function subscribe(
  deps: SubscriptionDeps,
  cfg: SubscriptionConfig,
  input: unknown,
  opts: { confirmed?: boolean } = {},
): Promise<{ outcome: SubscribeOutcome; subscriber: Subscriber }> {
  const { email, prefs } = parseSubscribe(input);
  const now = deps.clock.now();
  const id = subscriberId(email);
  const existing = await deps.store.getSubscriber(id);

  if (opts.confirmed) {
    const base: Subscriber = existing
      ? applyPreferences(existing, prefs, now)
      : { ...newSubscriber(email, prefs, now), status: 'pending' };
    const s = confirmed(base, now);
    await deps.store.putSubscriber(s);
    return { outcome: 'confirmed', subscriber: s };
  }

  if (existing?.status === 'confirmed') {
    if (!(await takeEmailQuota(deps, cfg, id)))
      return { outcome: 'rate-limited', subscriber: existing };
    await deps.mailer.send(
      alreadySubscribedEmail(
        existing,
        cfg.from,
        subscriptionLink(cfg, 'preferences', existing, now),
      ),
    );
    return { outcome: 'already-subscribed-notice-sent', subscriber: existing };
  }

  const pending: Subscriber = existing
    ? {
        ...applyPreferences(existing, prefs, now),
        status: 'pending',
        confirmNonce: existing.status === 'pending' ? existing.confirmNonce : undefined,
        nextDueAt: undefined,
      }
    : { ...newSubscriber(email, prefs, now), status: 'pending' };
  pending.confirmNonce ??= randomBytes(12).toString('base64url');
  await deps.store.putSubscriber(pending);
  if (!(await takeEmailQuota(deps, cfg, id)))
    return { outcome: 'rate-limited', subscriber: pending };
  await deps.mailer.send(
    confirmationEmail(pending, cfg.from, subscriptionLink(cfg, 'confirm', pending, now)),
  );
  return { outcome: 'confirmation-sent', subscriber: pending };
}

/** The subscriber made confirmed: scheduled, and the first digest looks back one period. */
function confirmed(s: Subscriber, now: Date): Subscriber {
  const back = s.cadence === 'weekly' ? 7 * DAY : DAY;
  return {
    ...s,
    status: 'confirmed',
    confirmedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    unsubscribedAt: undefined,
    confirmNonce: undefined,
    watermark: new Date(now.getTime() - back).toISOString(),
    nextDueAt: nextDueAt(s, now),
  };
}

export type LinkOutcome =
  | {
      ok: true;
      status:
        | 'confirmed'
        | 'already-confirmed'
        | 'unsubscribed'
        | 'already-unsubscribed'
        | 'updated'
        | 'shown';
      subscriber: Subscriber;
    }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' | 'unsubscribed'; message: string };

const REFUSED = {
  invalid: 'This link is not valid. Nothing was changed.',
  expired: 'This link has expired. Nothing was changed.',
  used: 'This link was already used or replaced by a newer one. Nothing was changed.',
  unsubscribed:
    'This address is unsubscribed, so there are no preferences to change. Subscribe again to receive digests.',
} as const;

function refused(reason: keyof typeof REFUSED): LinkOutcome {
  return { ok: false, reason, message: REFUSED[reason] };
}

async function fromToken(
  deps: SubscriptionDeps,
  cfg: SubscriptionConfig,
  token: string | undefined,
  purpose: TokenPurpose,
): Promise<{ subscriber: Subscriber; nonce?: string } | LinkOutcome> {
  const check = verifyToken(cfg.tokenSecret, token, purpose, deps.clock.now());
  if (!check.ok) return refused(check.reason === 'expired' ? 'expired' : 'invalid');
  const subscriber = await deps.store.getSubscriber(check.payload.s);
  // A removed subscriber's link is simply invalid: nothing tells whether the address existed.
  if (!subscriber) return refused('invalid');
  return { subscriber, nonce: check.payload.n };
}

/** GET /subscriptions/confirm: double opt-in. Reuse is harmless; a stale link changes nothing. */
export async function confirmByToken(
  deps: SubscriptionDeps,
  cfg: SubscriptionConfig,
  token: string | undefined,
): Promise<LinkOutcome> {
  const r = await fromToken(deps, cfg, token, 'confirm');
  if ('ok' in r) return r;
  const s = r.subscriber;
  if (s.status === 'confirmed') return { ok: true, status: 'already-confirmed', subscriber: s };
  // Unsubscribed since, or a newer confirmation replaced this one: an old link must not
  // subscribe the address again.
  if (s.status !== 'pending' || !s.confirmNonce || s.confirmNonce !== r.nonce)
    return refused('used');
  const c = confirmed(s, deps.clock.now());
  await deps.store.putSubscriber(c);
  return { ok: true, status: 'confirmed', subscriber: c };
}

/** POST /subscriptions/unsubscribe (one-click) and the button of the GET page. Idempotent. */
export async function unsubscribeByToken(
  deps: SubscriptionDeps,
  cfg: SubscriptionConfig,
  token: string | undefined,
): Promise<LinkOutcome> {
  const r = await fromToken(deps, cfg, token, 'unsubscribe');
  if ('ok' in r) return r;
  const s = r.subscriber;
  if (s.status === 'unsubscribed')
    return { ok: true, status: 'already-unsubscribed', subscriber: s };
  const now = deps.clock.now().toISOString();
  const u: Subscriber = {
    ...s,
    status: 'unsubscribed',
    unsubscribedAt: now,
    updatedAt: now,
    confirmNonce: undefined,
    nextDueAt: undefined,
  };
  await deps.store.putSubscriber(u);
  return { ok: true, status: 'unsubscribed', subscriber: u };
}

/** Checks an unsubscribe link without acting on it (the GET page shows a button). */
export async function checkUnsubscribeToken(
  deps: SubscriptionDeps,
  cfg: SubscriptionConfig,
  token: string | undefined,
): Promise<LinkOutcome> {
  const r = await fromToken(deps, cfg, token, 'unsubscribe');
  if ('ok' in r) return r;
  return { ok: true, status: 'shown', subscriber: r.subscriber };
}

/** GET / POST /subscriptions/preferences: show, or validate and apply an update. */
export async function preferencesByToken(
  deps: SubscriptionDeps,
  cfg: SubscriptionConfig,
  token: string | undefined,
  update?: unknown,
): Promise<LinkOutcome> {
  const r = await fromToken(deps, cfg, token, 'preferences');
  if ('ok' in r) return r;
  const s = r.subscriber;
  if (update === undefined) return { ok: true, status: 'shown', subscriber: s };
  const prefs = parsePreferences(update);
  if (s.status === 'unsubscribed') return refused('unsubscribed');
  const now = deps.clock.now();
  const u = applyPreferences(s, prefs, now);
  if (u.status === 'confirmed') u.nextDueAt = nextDueAt(u, now);
  await deps.store.putSubscriber(u);
  return { ok: true, status: 'updated', subscriber: u };
}

/** The operator's confirmation (CLI `subscribers confirm`). */
export async function confirmSubscriber(
  deps: Pick<SubscriptionDeps, 'store' | 'clock'>,
  email: string,
): Promise<Subscriber | undefined> {
  const s = await deps.store.getSubscriber(subscriberId(email));
  if (!s) return undefined;
  if (s.status === 'confirmed') return s;
  const c = confirmed(s, deps.clock.now());
  await deps.store.putSubscriber(c);
  return c;
}

/** What a subscriber may see of their own record (never listed publicly). */
export function publicView(s: Subscriber) {
  return {
    email: s.email,
    status: s.status,
    cadence: s.cadence,
    hour: s.hour,
    weekday: s.weekday,
    timeZone: s.timeZone,
    sendEmpty: s.sendEmpty,
    filters: s.filters,
    nextDigestAt: s.status === 'confirmed' ? s.nextDueAt : undefined,
  };
}
