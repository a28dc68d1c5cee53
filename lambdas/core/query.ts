/**
 * The claim query model: filters resolved to one index key condition (docs/data-model.md),
 * the remaining filters applied to that index's rows. Used by the CLI `query` and the API.
 */
import { slug } from './claim-keys';
import { gazetteer } from './detect/gazetteer';
import type { ClaimIndex, StoredClaim } from './records';
import type { Store } from './ports';

export interface ClaimFilters {
  /** Actor (any alias), country name or ISO code. */
  accused?: string;
  /** Accuser name, agency, company or country. */
  accuser?: string;
  /** Country (name or code) on either side. */
  country?: string;
  /** ISO date or time, inclusive. */
  since?: string;
  until?: string;
  limit?: number;
}

export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Resolves a user's party filter to an index: a country code or a canonical name slug. */
export function resolveParty(value: string): { country?: string; key: string } {
  const v = value.trim();
  const g = gazetteer();
  if (/^[A-Za-z]{2}$/.test(v) && g.country(v.toUpperCase()))
    return { country: v.toUpperCase(), key: v.toUpperCase() };
  const e = g.resolve(v);
  if (e?.type === 'country' && e.country) return { country: e.country, key: e.country };
  if (e) return { key: slug(e.name) };
  return { key: slug(v) };
}

function isoBound(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new QueryError(`${name}: not a date: ${JSON.stringify(value)}`);
  return new Date(t).toISOString();
}

function matchesParty(
  p: { name: string; country: string | null; actor?: string } | null,
  want: { country?: string; key: string },
): boolean {
  if (!p) return false;
  if (want.country) return p.country === want.country;
  return slug(p.actor ?? p.name) === want.key || slug(p.name) === want.key;
}

const DAY = 86_400_000;

/** Runs a claim query, newest first. */
export async function findClaims(store: Store, f: ClaimFilters, now: Date): Promise<StoredClaim[]> {
  const since = isoBound(f.since, 'since');
  const until = isoBound(f.until, 'until');
  const limit = Math.min(Math.max(1, f.limit ?? 100), 1000);
  const accused = f.accused ? resolveParty(f.accused) : undefined;
  const accuser = f.accuser ? resolveParty(f.accuser) : undefined;
  const country = f.country ? resolveParty(f.country) : undefined;
  if (country && !country.country)
    throw new QueryError(`country: unknown country ${JSON.stringify(f.country)}`);

  const matches = (c: StoredClaim) =>
    (!accused || matchesParty(c.accused, accused)) &&
    (!accuser || matchesParty(c.accuser, accuser)) &&
    (!country || c.accused.country === country.country || c.accuser?.country === country.country) &&
    (!since || c.publishedAt >= since) &&
    (!until || c.publishedAt < until);

  const indexes: ClaimIndex[] = [];
  if (accused)
    indexes.push(
      accused.country
        ? { by: 'accused-country', value: accused.country }
        : { by: 'accused', value: accused.key },
    );
  else if (accuser)
    indexes.push(
      accuser.country
        ? { by: 'accuser-country', value: accuser.country }
        : { by: 'accuser', value: accuser.key },
    );
  else if (country)
    indexes.push(
      { by: 'accused-country', value: country.country! },
      { by: 'accuser-country', value: country.country! },
    );

  const found = new Map<string, StoredClaim>();
  if (indexes.length) {
    for (const index of indexes) {
      // Over-read: rows the extra filters drop must not shorten the page.
      for (const c of await store.queryClaims({ index, since, until, limit: limit * 4 }))
        if (matches(c)) found.set(c.id, c);
    }
  } else {
    // No party filter: walk the day index back from `until` (default: the last 30 days).
    const end = until ? Date.parse(until) : now.getTime();
    const start = since ? Date.parse(since) : end - 30 * DAY;
    for (let t = end; t >= start - DAY && found.size < limit; t -= DAY) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const c of await store.queryClaims({ index: { by: 'day', value: day } }))
        if (matches(c)) found.set(c.id, c);
    }
  }
  return [...found.values()]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id))
    .slice(0, limit);
}
