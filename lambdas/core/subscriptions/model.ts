/**
 * The subscriber model: input validation (zod), address normalization, filter normalization
 * through the gazetteer ("Fancy Bear" → `apt28`, "Russia" → `RU`) and claim matching.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { slug } from '../claim-keys';
import { ACTIONS } from '../model';
import { resolveParty } from '../query';
import type { StoredClaim, Subscriber, SubscriberFilters } from '../records';

/** RFC 5321 limits and a conservative syntax: local@domain.tld, no spaces, quotes or brackets. */
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Lower-cased, trimmed address, or undefined when the syntax is not a deliverable address. */
export function normalizeEmail(input: string): string | undefined {
  const e = input.trim().toLowerCase();
  if (e.length > 254 || !ADDRESS.test(e)) return undefined;
  const local = e.split('@')[0]!;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  return e;
}

/** Stable subscriber id: a hash of the normalized address (keys never carry the address). */
export function subscriberId(email: string): string {
  return `s_${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22)}`;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')))
  .transform((v) => [...new Set(v.map((x) => x.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(100)).max(50));

/** Filters as people type them; {@link normalizeFilters} resolves them. */
export const FiltersInputSchema = z
  .object({
    /** Countries, actors or aliases accused: "Russia", "APT28", "Volt Typhoon". */
    accused: list.optional(),
    accusers: list.optional(),
    targets: list.optional(),
    actions: z
      .union([z.enum(ACTIONS), z.array(z.enum(ACTIONS)), z.string()])
      .transform((v) => (Array.isArray(v) ? v : String(v).split(',')))
      .transform((v) => [...new Set(v.map((x) => x.trim()).filter(Boolean))])
      .pipe(z.array(z.enum(ACTIONS)))
      .optional(),
    minConfidence: z.coerce.number().min(0).max(1).optional(),
    denialOnly: z
      .union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0', ''])])
      .transform((v) => v === true || v === 'true' || v === 'on' || v === '1')
      .optional(),
  })
  .strict();

/** Delivery preferences and filters (a subscription request or a preferences update). */
export const PreferencesSchema = z
  .object({
    cadence: z.enum(['daily', 'weekly']).optional(),
    hour: z.coerce.number().int().min(0).max(23).optional(),
    weekday: z.coerce.number().int().min(1).max(7).optional(),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, { message: 'unknown time zone (use an IANA name, e.g. Europe/Berlin)' })
      .optional(),
    sendEmpty: z
      .union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0', ''])])
      .transform((v) => v === true || v === 'true' || v === 'on' || v === '1')
      .optional(),
    filters: FiltersInputSchema.optional(),
  })
  .strict();

export const SubscribeSchema = PreferencesSchema.extend({
  email: z.string().max(254),
}).strict();

export type FiltersInput = z.infer<typeof FiltersInputSchema>;
export type PreferencesInput = z.infer<typeof PreferencesSchema>;
export type SubscribeInput = z.infer<typeof SubscribeSchema>;

export const EMPTY_FILTERS: SubscriberFilters = {
  accusedCountries: [],
  accusedActors: [],
  accusers: [],
  targets: [],
  actions: [],
  minConfidence: 0,
  denialOnly: false,
};

/** Resolves typed filters into index values; `base` supplies what the input leaves out. */
export function normalizeFilters(
  input: FiltersInput | undefined,
  base: SubscriberFilters = EMPTY_FILTERS,
): SubscriberFilters {
  if (!input) return base;
  const out: SubscriberFilters = { ...base };
  if (input.accused) {
    out.accusedCountries = [];
    out.accusedActors = [];
    for (const v of input.accused) {
      const p = resolveParty(v);
      if (p.country) out.accusedCountries.push(p.country);
      else if (p.key) out.accusedActors.push(p.key);
    }
  }
  if (input.accusers) out.accusers = input.accusers.map((v) => resolveParty(v).key).filter(Boolean);
  if (input.targets) out.targets = input.targets.map((t) => t.toLowerCase());
  if (input.actions) out.actions = input.actions;
  if (input.minConfidence !== undefined) out.minConfidence = input.minConfidence;
  if (input.denialOnly !== undefined) out.denialOnly = input.denialOnly;
  for (const k of ['accusedCountries', 'accusedActors', 'accusers', 'targets'] as const)
    out[k] = [...new Set(out[k])];
  return out;
}

interface ClaimKeys {
  accusedCountries: string[];
  accused: string[];
  accuser: string[];
  target: string;
  disputed: boolean;
}
/**
 * The keys an accused is known by: its actor, its name, the organ sponsoring it and the parties
 * the claim also names (the state behind a group).
 */
function accusedSlugs(p: StoredClaim['accused']): string[] {
  const keys = [slug(p.actor ?? p.name), slug(p.name)];
  if (p.sponsor) keys.push(slug(p.sponsor));
  for (const a of p.alsoNamed ?? []) keys.push(slug(a.actor ?? a.name));
  return keys;
}

/** The states an accused belongs to: its own and those of the parties the claim also names. */
function accusedCountriesOf(p: StoredClaim['accused']): string[] {
  return [p.country, ...(p.alsoNamed ?? []).map((a) => a.country)]
    .filter((c): c is string => !!c)
    .map((c) => c.toUpperCase());
}
// Slugs are costly next to a comparison; one run matches each claim against many subscribers.
const keyCache = new WeakMap<StoredClaim, ClaimKeys>();

function keysOf(c: StoredClaim): ClaimKeys {
  let k = keyCache.get(c);
  if (!k) {
    const a = c.accuser;
    k = {
      accusedCountries: accusedCountriesOf(c.accused),
      accused: accusedSlugs(c.accused),
      accuser: a ? [a.country?.toUpperCase() ?? '', slug(a.actor ?? a.name), slug(a.name)] : [],
      target: c.target ? `${c.target.name} ${c.target.country ?? ''}`.toLowerCase() : '',
      disputed: c.responses.some((r) => r.kind === 'denial' || r.kind === 'counter-accusation'),
    };
    keyCache.set(c, k);
  }
  return k;
}

/** Whether a stored claim is one the subscriber follows. Empty lists match everything. */
export function matchesFilters(c: StoredClaim, f: SubscriberFilters): boolean {
  if (c.confidence < f.minConfidence) return false;
  if (f.actions.length && !f.actions.includes(c.action)) return false;
  const k = keysOf(c);
  if (f.denialOnly && !k.disputed) return false;
  if (f.accusedCountries.length || f.accusedActors.length) {
    if (
      !k.accusedCountries.some((x) => f.accusedCountries.includes(x)) &&
      !k.accused.some((x) => f.accusedActors.includes(x))
    )
      return false;
  }
  if (f.accusers.length && !k.accuser.some((x) => x && f.accusers.includes(x))) return false;
  if (f.targets.length && !f.targets.some((w) => k.target.includes(w))) return false;
  return true;
}

/** The same rule, spelled out without the cache (kept for reading and for tests). */
export function matchesFiltersUncached(c: StoredClaim, f: SubscriberFilters): boolean {
  if (c.confidence < f.minConfidence) return false;
  if (f.actions.length && !f.actions.includes(c.action)) return false;
  if (
    f.denialOnly &&
    !c.responses.some((r) => r.kind === 'denial' || r.kind === 'counter-accusation')
  )
    return false;
  if (f.accusedCountries.length || f.accusedActors.length) {
    const countries = accusedCountriesOf(c.accused);
    const keys = accusedSlugs(c.accused);
    if (
      !countries.some((x) => f.accusedCountries.includes(x)) &&
      !keys.some((k) => f.accusedActors.includes(k))
    )
      return false;
  }
  if (f.accusers.length) {
    const a = c.accuser;
    if (!a) return false;
    const keys = [a.country?.toUpperCase(), slug(a.actor ?? a.name), slug(a.name)];
    if (!keys.some((k) => k && f.accusers.includes(k))) return false;
  }
  if (f.targets.length) {
    const t = c.target ? `${c.target.name} ${c.target.country ?? ''}`.toLowerCase() : '';
    if (!f.targets.some((w) => t.includes(w))) return false;
  }
  return true;
}

/** A one-line description of the filters, for emails and pages. */
export function describeFilters(f: SubscriberFilters): string {
  const parts: string[] = [];
  const accused = [...f.accusedCountries, ...f.accusedActors];
  if (accused.length) parts.push(`accused: ${accused.join(', ')}`);
  if (f.accusers.length) parts.push(`accusers: ${f.accusers.join(', ')}`);
  if (f.targets.length) parts.push(`targets: ${f.targets.join(', ')}`);
  if (f.actions.length) parts.push(`actions: ${f.actions.join(', ')}`);
  if (f.minConfidence > 0) parts.push(`confidence ≥ ${f.minConfidence}`);
  if (f.denialOnly) parts.push('only denied or disputed claims');
  return parts.length ? parts.join('; ') : 'every claim';
}

/** Defaults of a new subscription (daily at 07:00 UTC, every claim, no empty digests). */
export function newSubscriber(
  email: string,
  prefs: PreferencesInput,
  now: Date,
): Omit<Subscriber, 'status'> {
  const at = now.toISOString();
  return {
    id: subscriberId(email),
    email,
    filters: normalizeFilters(prefs.filters),
    cadence: prefs.cadence ?? 'daily',
    hour: prefs.hour ?? 7,
    weekday: prefs.weekday ?? 1,
    timeZone: prefs.timeZone ?? 'UTC',
    sendEmpty: prefs.sendEmpty ?? false,
    createdAt: at,
    updatedAt: at,
  };
}

/** Applies a preferences update to a subscriber (filters given replace the named ones). */
export function applyPreferences(s: Subscriber, prefs: PreferencesInput, now: Date): Subscriber {
  return {
    ...s,
    filters: normalizeFilters(prefs.filters, s.filters),
    cadence: prefs.cadence ?? s.cadence,
    hour: prefs.hour ?? s.hour,
    weekday: prefs.weekday ?? s.weekday,
    timeZone: prefs.timeZone ?? s.timeZone,
    sendEmpty: prefs.sendEmpty ?? s.sendEmpty,
    updatedAt: now.toISOString(),
  };
}
