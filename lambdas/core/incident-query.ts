/**
 * The incident query model behind GET /incidents and `incidents list`: one leading filter picks the incident index
 * read with a key condition (accused, else target, else month, else `all`), newest last-seen
 * first; the other filters are applied to the summaries as they stream in. Pages end with a
 * signed cursor (the index position of the last summary read), bound to the filters it was
 * issued for and to this listing, so a /claims cursor is refused here. Also the incidents behind
 * a set of claims (for digests and run summaries).
 */
import { z } from 'zod';
import type { Store } from './ports';
import {
  decodeCursor,
  encodeCursor,
  isoBound,
  QueryError,
  resolveParty,
  zodQueryError,
} from './query';
import type { IncidentIndex, IncidentRecord, IncidentSummary } from './records';

export const INCIDENT_MAX_LIMIT = 200;
export const INCIDENT_DEFAULT_LIMIT = 50;
/** Summaries one page may read before it returns early (with a cursor). */
export const INCIDENT_READ_BUDGET = 5000;

export interface IncidentFilters {
  /** Accused actor (any alias), country name or ISO code. */
  accused?: string;
  /** Target: organisation, sector or country. */
  target?: string;
  /** YYYY-MM: incidents with a claim published in that month. */
  month?: string;
  /** ISO date or time, inclusive, on the last-seen time. */
  since?: string;
  /** ISO date or time, exclusive, on the last-seen time. */
  until?: string;
  limit?: number;
  cursor?: string;
}

const party = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const date = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date (use ISO 8601, e.g. 2026-03-01)');

/** Query parameters of GET /incidents (strings, as they arrive in a URL). */
export const IncidentQueryParams = z
  .object({
    accused: party.optional(),
    target: party.optional(),
    month: z
      .string()
      .trim()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM, e.g. 2026-03')
      .optional(),
    since: date.optional(),
    until: date.optional(),
    limit: z
      .string()
      .regex(/^\d+$/, `a whole number from 1 to ${INCIDENT_MAX_LIMIT}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, 'at least 1')
          .max(INCIDENT_MAX_LIMIT, `at most ${INCIDENT_MAX_LIMIT}`),
      )
      .optional(),
    cursor: z.string().max(2000, 'too long').optional(),
  })
  .strict();

export const INCIDENT_QUERY_PARAMETERS = Object.keys(IncidentQueryParams.shape);

/** Validates URL-style parameters; throws {@link QueryError} naming the bad one. */
export function parseIncidentFilters(
  params: Record<string, string | undefined>,
  alsoKnown: string[] = [],
): IncidentFilters {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  const r = IncidentQueryParams.safeParse(defined);
  if (!r.success) throw zodQueryError(r.error, [...INCIDENT_QUERY_PARAMETERS, ...alsoKnown]);
  return r.data;
}

export interface IncidentPlan {
  index: IncidentIndex;
  /** Which filter leads. */
  leading: 'accused' | 'target' | 'month' | 'none';
  since?: string;
  until?: string;
  matches: (s: IncidentSummary) => boolean;
  /** The index alone answers every filter. */
  exact: boolean;
}

/** The index value of a party filter: an ISO code or a canonical-name slug. */
function partyValue(value: string, name: string): string {
  const key = resolveParty(value).key;
  if (!key) throw new QueryError(`${name}: needs at least one letter or digit`, name);
  return key;
}

/** Chooses the leading index and the row filter of an incident query. */
export function planIncidentQuery(f: IncidentFilters): IncidentPlan {
  const since = isoBound(f.since, 'since');
  const until = isoBound(f.until, 'until');
  if (since && until && since >= until) throw new QueryError('until: must be after since');
  const accused = f.accused ? partyValue(f.accused, 'accused') : undefined;
  const target = f.target ? partyValue(f.target, 'target') : undefined;
  const matches = (s: IncidentSummary) =>
    (!accused || s.accusedKeys.includes(accused)) &&
    (!target || s.targetKeys.includes(target)) &&
    (!f.month || s.months.includes(f.month)) &&
    (!since || s.lastSeen >= since) &&
    (!until || s.lastSeen < until);
  const active = [accused, target, f.month].filter((v) => v !== undefined).length;
  const plan = (leading: IncidentPlan['leading'], index: IncidentIndex): IncidentPlan => ({
    index,
    leading,
    since,
    until,
    matches,
    exact: active <= 1,
  });
  if (accused) return plan('accused', { by: 'accused', value: accused });
  if (target) return plan('target', { by: 'target', value: target });
  if (f.month) return plan('month', { by: 'month', value: f.month });
  return plan('none', { by: 'all', value: 'all' });
}

/** The index sort key of a summary: `<lastSeen>#<id>`. */
const position = (s: IncidentSummary) => `${s.lastSeen}#${s.id}`;

/** What a cursor is bound to: the filters and this listing. */
const cursorScope = (f: IncidentFilters) => ({ ...f, listing: 'incidents' });

export interface IncidentPage {
  incidents: IncidentSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Summaries read from the store for this page. */
  read: number;
}

/** Runs one page of an incident query, newest last-seen first (then incident id). */
export async function queryIncidentPage(
  store: Store,
  f: IncidentFilters,
  opts: { cursorSecret: string | Uint8Array; readBudget?: number },
): Promise<IncidentPage> {
  const limit = Math.min(Math.max(1, f.limit ?? INCIDENT_DEFAULT_LIMIT), INCIDENT_MAX_LIMIT);
  const plan = planIncidentQuery(f);
  let upper = plan.until;
  if (f.cursor) {
    const p = decodeCursor(opts.cursorSecret, cursorScope(f), f.cursor);
    if (!upper || p < upper) upper = p;
  }
  const budget = Math.max(limit + 1, opts.readBudget ?? INCIDENT_READ_BUDGET);
  const chunk = plan.exact ? limit + 1 : Math.max(100, (limit + 1) * 4);
  const out: IncidentSummary[] = [];
  const seen = new Set<string>();
  let read = 0;
  let last: string | undefined;
  let more = false;
  let done = false;
  while (!done && !more) {
    // `until` is an exclusive bound on the index sort key: a position resumes right after it.
    const rows = await store.queryIncidents({
      index: plan.index,
      since: plan.since,
      until: upper,
      limit: chunk,
    });
    read += rows.length;
    // BETWEEN is inclusive, so one row equal to the bound may have been read and dropped.
    if (rows.length < chunk - 1) done = true;
    for (const s of rows) {
      const matching = plan.matches(s) && !seen.has(s.id);
      if (matching && out.length === limit) {
        more = true;
        break;
      }
      last = position(s);
      upper = last;
      // An index entry left by an interrupted write can repeat an incident: keep the newest.
      if (!matching) continue;
      seen.add(s.id);
      out.push(s);
    }
    if (!more && !done && read >= budget) more = true;
  }
  return {
    incidents: out,
    nextCursor: more && last ? encodeCursor(opts.cursorSecret, cursorScope(f), last) : null,
    read,
  };
}

/** At most this many incidents in one `incidents list` (no paging on the command line). */
export const MAX_INCIDENT_LIMIT = 1000;

/**
 * Incidents matching the filters, last seen newest first, without paging (the command line).
 * Validation and the plan are those of GET /incidents.
 */
export async function findIncidents(
  store: Store,
  f: Omit<IncidentFilters, 'limit' | 'cursor'> & { limit?: number },
): Promise<IncidentSummary[]> {
  const limit = f.limit ?? INCIDENT_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INCIDENT_LIMIT)
    throw new QueryError(`limit: a whole number from 1 to ${MAX_INCIDENT_LIMIT}`, 'limit');
  const plan = planIncidentQuery(
    parseIncidentFilters({
      accused: f.accused,
      target: f.target,
      month: f.month,
      since: f.since,
      until: f.until,
    }),
  );
  const rows = await store.queryIncidents({
    index: plan.index,
    since: plan.since,
    until: plan.until,
    // The leading index answers alone when it is the only filter: the store stops near the
    // limit (a little more, so that dropping a stale entry still fills the list).
    limit: plan.exact ? limit + 10 : undefined,
  });
  const seen = new Set<string>();
  const out: IncidentSummary[] = [];
  for (const s of rows) {
    if (seen.has(s.id) || !plan.matches(s)) continue;
    seen.add(s.id);
    out.push(s);
    if (out.length === limit) break;
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
