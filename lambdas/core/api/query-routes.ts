/**
 * The read side of the API: GET /claims (filters, cursors, exports), /claims/{id},
 * /articles/{id}, /actors, /stats, /feeds, /health and the incidents (incident-routes.ts). Every parameter is validated with zod;
 * a bad one is a 400 that names it, an unknown id a 404.
 */
import { z } from 'zod';
import { partyKey } from '../claim-keys';
import { EXPORT_FORMATS, exportClaims } from '../export';
import type { Clock, Store } from '../ports';
import {
  claimsInPeriod,
  parseClaimFilters,
  queryClaimPage,
  statsPeriod,
  zodQueryError,
} from '../query';
import type { ArticleRecord, FeedRecord, StoredClaim } from '../records';
import { incidentRoutes } from './incident-routes';
import { HttpError, json } from './router';
import type { ApiRequest, ApiResponse, Route } from './types';

export interface QueryRouteDeps {
  store: Store;
  clock: Clock;
  /** HMAC key of /claims cursors; the host supplies it (env, secret store, data folder). */
  cursorSecret: string | Uint8Array;
}

const CLAIM_ID = /^c_[A-Za-z0-9_-]{1,64}$/;
const ARTICLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What a feed looks like from outside: its polling state, not its cache validators. */
export function publicFeed(f: FeedRecord) {
  return {
    id: f.id,
    name: f.name,
    url: f.url,
    enabled: f.enabled,
    prefilter: f.prefilter,
    lastPolledAt: f.lastPolledAt ?? null,
    lastSuccessAt: f.lastSuccessAt ?? null,
    consecutiveErrors: f.consecutiveErrors,
    lastError: f.lastError ?? null,
    recovered: f.recovered ?? null,
    nextPollAt: f.nextPollAt ?? null,
  };
}

/** An article without its stored text (which can be 100 kB) and internal bookkeeping. */
export function publicArticle(a: ArticleRecord) {
  return {
    id: a.id,
    url: a.url,
    canonicalUrl: a.canonicalUrl ?? null,
    title: a.title ?? a.feedItemTitle ?? null,
    byline: a.byline ?? null,
    siteName: a.siteName ?? null,
    publishedTime: a.publishedTime ?? null,
    lang: a.lang ?? null,
    excerpt: a.excerpt ?? null,
    status: a.status,
    reason: a.reason ?? null,
    isAttribution: a.isAttribution ?? null,
    score: a.score ?? null,
    claimCount: a.claimCount ?? 0,
    detectorVersion: a.detectorVersion ?? null,
    discoveredAt: a.discoveredAt,
    updatedAt: a.updatedAt,
  };
}

function strictParams<T extends z.ZodRawShape>(shape: T, req: ApiRequest) {
  const schema = z.object(shape).strict();
  const defined = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined));
  const r = schema.safeParse(defined);
  if (!r.success) throw zodQueryError(r.error, Object.keys(shape));
  return r.data;
}

function pathId(value: string | undefined, re: RegExp, what: string): string {
  if (!value || !re.test(value)) throw new HttpError(400, `id: not ${what} id`, 'id');
  return value;
}

const periodShape = {
  since: z.string().optional(),
  until: z.string().optional(),
};

/** The query routes, mounted by the core router. `deps` may be a getter (resolved per request). */
export function queryRoutes(deps: QueryRouteDeps | (() => QueryRouteDeps)): Route[] {
  const d = typeof deps === 'function' ? deps : () => deps;

  const claims = async (req: ApiRequest): Promise<ApiResponse> => {
    const { format: formatRaw, ...rest } = req.query;
    const format = z.enum(EXPORT_FORMATS).optional().safeParse(formatRaw);
    if (!format.success)
      throw new HttpError(400, `format: one of ${EXPORT_FORMATS.join(', ')}`, 'format');
    const filters = parseClaimFilters(rest, ['format']);
    const { store, clock, cursorSecret } = d();
    const page = await queryClaimPage(store, filters, { now: clock.now(), cursorSecret });
    const file = exportClaims(format.data ?? 'json', page.claims, page.nextCursor);
    const headers: Record<string, string> = {
      'content-type': file.contentType,
      'cache-control': 'public, max-age=60',
    };
    if (format.data && format.data !== 'json')
      headers['content-disposition'] = `attachment; filename="${file.filename}"`;
    if (page.nextCursor) {
      headers['x-next-cursor'] = page.nextCursor;
      const next = new URLSearchParams(
        Object.entries({ ...req.query, cursor: page.nextCursor }).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      );
      headers.link = `<${req.baseUrl}/claims?${next.toString()}>; rel="next"`;
    }
    return { status: 200, headers, body: file.body };
  };

  const claim = async (req: ApiRequest, params: Record<string, string>) => {
    strictParams({}, req);
    const id = pathId(params.id, CLAIM_ID, 'a claim');
    const { store } = d();
    const found = await store.getClaim(id);
    if (!found) throw new HttpError(404, `no claim with id ${id}`, 'id');
    // The incident the claim is in (null until the incidents job has placed it).
    const incidentId = (await store.articleIncidents(found.articleId)).get(id) ?? null;
    return json(
      200,
      {
        claim: found,
        incidentId,
        links: {
          article: `${req.baseUrl}/articles/${found.articleId}`,
          ...(incidentId ? { incident: `${req.baseUrl}/incidents/${incidentId}` } : {}),
        },
      },
      60,
    );
  };

  const article = async (req: ApiRequest, params: Record<string, string>) => {
    strictParams({}, req);
    const id = pathId(params.id, ARTICLE_ID, 'an article');
    const { store } = d();
    const a = await store.getArticle(id);
    if (!a) throw new HttpError(404, `no article with id ${id}`, 'id');
    const claims = await store.listClaimsForArticle(id);
    return json(200, { article: publicArticle(a), claims }, 60);
  };

  const actors = async (req: ApiRequest) => {
    const p = strictParams(periodShape, req);
    const { store, clock } = d();
    const period = statsPeriod(p.since, p.until, clock.now());
    const { claims, truncated } = await claimsInPeriod(store, period, clock.now());
    return json(200, { ...period, claims: claims.length, truncated, ...countActors(claims) }, 300);
  };

  const stats = async (req: ApiRequest) => {
    const p = strictParams(periodShape, req);
    const { store, clock } = d();
    const period = statsPeriod(p.since, p.until, clock.now());
    const { claims, truncated } = await claimsInPeriod(store, period, clock.now());
    return json(
      200,
      { ...period, claims: claims.length, truncated, ...claimStats(claims, period) },
      300,
    );
  };

  return [
    { method: 'GET', pattern: '/health', handler: async () => json(200, { status: 'ok' }) },
    {
      method: 'GET',
      pattern: '/feeds',
      handler: async (req) => {
        strictParams({}, req);
        const feeds = await d().store.listFeeds();
        return json(200, { count: feeds.length, feeds: feeds.map(publicFeed) }, 60);
      },
    },
    { method: 'GET', pattern: '/claims', handler: claims },
    { method: 'GET', pattern: '/claims/:id', handler: claim },
    { method: 'GET', pattern: '/articles/:id', handler: article },
    { method: 'GET', pattern: '/actors', handler: actors },
    { method: 'GET', pattern: '/stats', handler: stats },
    ...incidentRoutes(() => d()),
  ];
}

interface ActorCount {
  key: string;
  name: string;
  kind: string;
  country: string | null;
  accused: number;
  accuser: number;
}

/** Claim counts per actor and per country, as accused and as accuser, most named first. */
export function countActors(claims: StoredClaim[]) {
  const actors = new Map<string, ActorCount>();
  const countries = new Map<string, { code: string; accused: number; accuser: number }>();
  const bump = (p: StoredClaim['accused'] | null, side: 'accused' | 'accuser') => {
    if (!p) return;
    const key = partyKey(p);
    const a = actors.get(key) ?? {
      key,
      name: p.actor ?? p.name,
      kind: p.kind,
      country: p.country,
      accused: 0,
      accuser: 0,
    };
    a[side]++;
    actors.set(key, a);
    if (p.country) {
      const c = countries.get(p.country) ?? { code: p.country, accused: 0, accuser: 0 };
      c[side]++;
      countries.set(p.country, c);
    }
  };
  for (const c of claims) {
    bump(c.accused, 'accused');
    bump(c.accuser, 'accuser');
  }
  const byTotal = <T extends { accused: number; accuser: number }>(a: T, b: T) =>
    b.accused + b.accuser - (a.accused + a.accuser);
  return {
    actors: [...actors.values()].sort((a, b) => byTotal(a, b) || a.key.localeCompare(b.key)),
    countries: [...countries.values()].sort(
      (a, b) => byTotal(a, b) || a.code.localeCompare(b.code),
    ),
  };
}

/** Monday (UTC) of the week an ISO time falls in, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

/** Accuser-country × accused-country matrix and claims per week (every week of the period). */
export function claimStats(claims: StoredClaim[], period: { since: string; until: string }) {
  const cells = new Map<string, number>();
  const weeks = new Map<string, number>();
  for (let t = Date.parse(weekOf(period.since)); t < Date.parse(period.until); t += 7 * 86_400_000)
    weeks.set(new Date(t).toISOString().slice(0, 10), 0);
  let withoutCountries = 0;
  for (const c of claims) {
    const w = weekOf(c.publishedAt);
    weeks.set(w, (weeks.get(w) ?? 0) + 1);
    const from = c.accuser?.country;
    const to = c.accused.country;
    if (!from || !to) {
      withoutCountries++;
      continue;
    }
    const k = `${from}>${to}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
  }
  const matrix = [...cells.entries()]
    .map(([k, count]) => {
      const [accuser, accused] = k.split('>') as [string, string];
      return { accuser, accused, count };
    })
    .sort((a, b) => b.count - a.count || a.accuser.localeCompare(b.accuser));
  return {
    matrix: {
      accusers: [...new Set(matrix.map((m) => m.accuser))].sort(),
      accused: [...new Set(matrix.map((m) => m.accused))].sort(),
      cells: matrix,
      withoutCountries,
    },
    weeks: [...weeks.entries()].sort().map(([week, count]) => ({ week, count })),
  };
}
