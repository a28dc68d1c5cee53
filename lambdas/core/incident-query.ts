/**
 * Reading incidents: filters (accused, target, month, last seen since) resolved to index values,
 * one of them leading the store query by key conditions and the others filtering; and the
 * incidents behind a set of claims (for digests and run summaries).
 */
import type { Store } from './ports';
import { QueryError, resolveParty } from './query';
import type { IncidentIndex, IncidentRecord, IncidentSummary } from './records';

export interface IncidentFilters {
  /** Actor, alias, country name or ISO code, as the claim query takes them. */
  accused?: string;
  /** Target name (as the claims show it) or country. */
  target?: string;
  /** YYYY-MM: incidents with a claim published that month. */
  month?: string;
  /** Last seen on or after this date. */
  since?: string;
  /** @default 50 */
  limit?: number;
}

export interface IncidentPlan {
  index: IncidentIndex;
  accusedKey?: string;
  targetKey?: string;
  month?: string;
  since?: string;
  limit: number;
}

export const MAX_INCIDENT_LIMIT = 1000;

/** Validates the filters and picks the leading index: accused, else target, else month, else all. */
export function planIncidentQuery(f: IncidentFilters): IncidentPlan {
  const accusedKey = f.accused?.trim() ? resolveParty(f.accused).key : undefined;
  if (f.accused !== undefined && !accusedKey)
    throw new QueryError('accused: needs a name or country');
  const targetKey = f.target?.trim() ? resolveParty(f.target).key : undefined;
  if (f.target !== undefined && !targetKey) throw new QueryError('target: needs a name or country');
  if (f.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(f.month))
    throw new QueryError(`month: not a month: ${JSON.stringify(f.month)} (use YYYY-MM)`);
  let since: string | undefined;
  if (f.since !== undefined) {
    const t = Date.parse(f.since);
    if (Number.isNaN(t)) throw new QueryError(`since: not a date: ${JSON.stringify(f.since)}`);
    since = new Date(t).toISOString();
  }
  const limit = f.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INCIDENT_LIMIT)
    throw new QueryError(`limit: a whole number from 1 to ${MAX_INCIDENT_LIMIT}`);
  const index: IncidentIndex = accusedKey
    ? { by: 'accused', value: accusedKey }
    : targetKey
      ? { by: 'target', value: targetKey }
      : f.month
        ? { by: 'month', value: f.month }
        : { by: 'all', value: 'all' };
  return { index, accusedKey, targetKey, month: f.month, since, limit };
}

/** Does the summary answer every filter of the plan (also the leading one: stale entries)? */
export function matchesIncidentPlan(s: IncidentSummary, p: IncidentPlan): boolean {
  return (
    (!p.accusedKey || s.accusedKeys.includes(p.accusedKey)) &&
    (!p.targetKey || s.targetKeys.includes(p.targetKey)) &&
    (!p.month || s.months.includes(p.month)) &&
    (!p.since || s.lastSeen >= p.since)
  );
}

/** Incidents matching the filters, last seen newest first. */
export async function findIncidents(store: Store, f: IncidentFilters): Promise<IncidentSummary[]> {
  const plan = planIncidentQuery(f);
  // The leading index answers alone when it is the only filter: the store stops at the limit.
  const exact = [plan.accusedKey, plan.targetKey, plan.month].filter(Boolean).length <= 1;
  const rows = await store.queryIncidents({
    index: plan.index,
    since: plan.since,
    // A crash between index writes can leave a stale entry (the next write removes it): read a
    // little more than asked, so dropping one still fills the page.
    limit: exact ? plan.limit + 10 : undefined,
  });
  const seen = new Set<string>();
  const out: IncidentSummary[] = [];
  for (const s of rows) {
    if (seen.has(s.id) || !matchesIncidentPlan(s, plan)) continue;
    seen.add(s.id);
    out.push(s);
    if (out.length === plan.limit) break;
  }
  return out;
}

/** Runs `fn` over `items`, `n` at a time. */
async function each<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * The incidents of claims, read once per article and once per incident however many callers ask
 * (a digest run asks for every subscriber's claims).
 */
export class IncidentLookup {
  private readonly links = new Map<string, Map<string, string>>();
  private readonly incidents = new Map<string, IncidentRecord | null>();

  constructor(private readonly store: Store) {}

  /** Reads the links and incidents of these claims' articles (what is not read yet). */
  async load(claims: { articleId: string }[]): Promise<void> {
    const articles = [...new Set(claims.map((c) => c.articleId))].filter((a) => !this.links.has(a));
    await each(articles, 8, async (a) => {
      this.links.set(a, await this.store.articleIncidents(a));
    });
    const ids = new Set<string>();
    for (const a of articles) for (const id of this.links.get(a)!.values()) ids.add(id);
    await each(
      [...ids].filter((id) => !this.incidents.has(id)),
      8,
      async (id) => {
        this.incidents.set(id, (await this.store.getIncident(id)) ?? null);
      },
    );
  }

  /** The incident id of a loaded claim. */
  incidentIdOf(claim: { id: string; articleId: string }): string | undefined {
    return this.links.get(claim.articleId)?.get(claim.id);
  }

  /** The incident ids of a loaded article's claims. */
  incidentIdsOfArticle(articleId: string): string[] {
    return [...new Set(this.links.get(articleId)?.values() ?? [])];
  }

  incident(id: string): IncidentRecord | undefined {
    return this.incidents.get(id) ?? undefined;
  }

  /** Loaded claims grouped by incident, in the order first met; claims with none are left out. */
  group<C extends { id: string; articleId: string }>(
    claims: C[],
  ): { incident: IncidentRecord; claims: C[] }[] {
    const out = new Map<string, { incident: IncidentRecord; claims: C[] }>();
    for (const c of claims) {
      const id = this.incidentIdOf(c);
      const incident = id ? this.incident(id) : undefined;
      if (!id || !incident) continue;
      let g = out.get(id);
      if (!g) out.set(id, (g = { incident, claims: [] }));
      g.claims.push(c);
    }
    return [...out.values()];
  }
}

/** The incidents behind some articles' claims (a run's articles), newest change first. */
export async function incidentsOfArticles(
  store: Store,
  articleIds: string[],
): Promise<IncidentRecord[]> {
  const lookup = new IncidentLookup(store);
  const unique = [...new Set(articleIds)];
  await lookup.load(unique.map((articleId) => ({ articleId })));
  const ids = new Set<string>();
  for (const a of unique) for (const id of lookup.incidentIdsOfArticle(a)) ids.add(id);
  return [...ids]
    .map((id) => lookup.incident(id))
    .filter((i): i is IncidentRecord => !!i)
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || a.id.localeCompare(b.id));
}
