/**
 * The claim query model, shared by the API (GET /claims), the CLI `query` and the exports.
 *
 * A query picks ONE leading filter and reads the claim index that holds exactly the claims it
 * selects (docs/data-model.md, "Query plans"): a `Query` on a key condition, newest first, never
 * a Scan. The other filters are applied to the rows of that index as they stream in. Pages end
 * with an opaque cursor: the index position of the last row read, HMAC-signed with a secret the
 * caller passes in (the core never reads configuration from the environment), bound to the
 * filters it was issued for.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { slug } from './claim-keys';
import { gazetteer } from './detect/gazetteer';
import { ACTIONS, type Action } from './model';
import type { Store } from './ports';
import { publishedMonth } from './query-keys';
import type { ClaimIndex, StoredClaim } from './records';

export interface ClaimFilters {
  /** Actor (any alias), country name or ISO code. */
  accused?: string;
  /** Accuser name, agency, company or country. */
  accuser?: string;
  /** Country (name or code) on either side. */
  country?: string;
  /** Target: organisation, sector name or country. */
  target?: string;
  action?: Action;
  /** ISO date or time, inclusive (published time). */
  since?: string;
  /** ISO date or time, exclusive (published time). */
  until?: string;
  /** true: only claims the accused denied; false: only claims without a denial. */
  hasDenial?: boolean;
  /** 0..1. */
  minConfidence?: number;
  /** Words that must all occur in the claim's sentences or its article's title. */
  q?: string;
  limit?: number;
  /** Opaque cursor from a previous page of the same query. */
  cursor?: string;
}

/** A user error in a query: `parameter` names the offending parameter. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly parameter: string = message.split(':')[0] ?? 'query',
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** Largest page a single request returns. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 50;
/** Rows one page may read from the store before it returns early (with a cursor). */
export const DEFAULT_READ_BUDGET = 5000;
/** Without `since`, listings that walk the month index go back this many months. */
export const DEFAULT_LOOKBACK_MONTHS = 120;

const party = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const date = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date (use ISO 8601, e.g. 2026-03-01)');

/** Query parameters of GET /claims (strings, as they arrive in a URL). Unknown ones are refused. */
export const ClaimQueryParams = z
  .object({
    accused: party.optional(),
    accuser: party.optional(),
    country: party.optional(),
    target: party.optional(),
    action: z.enum(ACTIONS, { message: `one of ${ACTIONS.join(', ')}` }).optional(),
    since: date.optional(),
    until: date.optional(),
    hasDenial: z
      .enum(['true', 'false'], { message: 'true or false' })
      .transform((v) => v === 'true')
      .optional(),
    minConfidence: z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, 'a number from 0 to 1')
      .transform(Number)
      .optional(),
    q: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').optional(),
    limit: z
      .string()
      .regex(/^\d+$/, `a whole number from 1 to ${MAX_LIMIT}`)
      .transform(Number)
      .pipe(z.number().int().min(1, 'at least 1').max(MAX_LIMIT, `at most ${MAX_LIMIT}`))
      .optional(),
    cursor: z.string().max(2000, 'too long').optional(),
  })
  .strict();

export const CLAIM_QUERY_PARAMETERS = Object.keys(ClaimQueryParams.shape);

/** First issue of a zod error as a {@link QueryError} naming the parameter. */
export function zodQueryError(error: z.ZodError, known: string[]): QueryError {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0]!;
    return new QueryError(`${name}: unknown parameter (use ${known.join(', ')})`, name);
  }
  const name = String(issue.path[0] ?? 'query');
  return new QueryError(`${name}: ${issue.message}`, name);
}

/** Validates URL-style parameters into filters; throws {@link QueryError} naming the bad one. */
export function parseClaimFilters(
  params: Record<string, string | undefined>,
  /** Other parameters the caller accepts, for the "unknown parameter" message. */
  alsoKnown: string[] = [],
): ClaimFilters {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  const r = ClaimQueryParams.safeParse(defined);
  if (!r.success) throw zodQueryError(r.error, [...CLAIM_QUERY_PARAMETERS, ...alsoKnown]);
  return r.data;
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

export function isoBound(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new QueryError(`${name}: not a date: ${JSON.stringify(value)}`);
  return new Date(t).toISOString();
}

function matchesParty(
  p: {
    name: string;
    country: string | null;
    actor?: string;
    sponsor?: string;
    alsoNamed?: { name: string; country: string | null; actor?: string }[];
  } | null,
  want: { country?: string; key: string },
): boolean {
  if (!p) return false;
  const also = p.alsoNamed ?? [];
  if (want.country)
    return p.country === want.country || also.some((a) => a.country === want.country);
  return (
    slug(p.actor ?? p.name) === want.key ||
    slug(p.name) === want.key ||
    (!!p.sponsor && slug(p.sponsor) === want.key) ||
    also.some((a) => slug(a.actor ?? a.name) === want.key)
  );
}

/** Lower-case words of a free-text query (letters and digits in any script). */
function words(q: string): string[] {
  return q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How a query is served: the index partitions read (merged newest first) and the row filter. */
export interface QueryPlan {
  /** Each source is one index, or (`published`) a run of month partitions read in turn. */
  sources: ClaimIndex[][];
  /** Which filter leads (for docs, logs and the benchmark). */
  leading: string;
  matches: (c: StoredClaim) => boolean;
  since?: string;
  until?: string;
  /** True when the index alone answers every filter (no row is read only to be dropped). */
  exact: boolean;
}

/** Months `YYYY-MM` from the month of `untilIso` back to the month of `sinceIso`, newest first. */
function monthsBack(untilIso: string, sinceIso: string): string[] {
  const out: string[] = [];
  let y = Number(untilIso.slice(0, 4));
  let m = Number(untilIso.slice(5, 7));
  const stop = publishedMonth(sinceIso);
  for (let i = 0; i < 12 * 200; i++) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month < stop) break;
    out.push(month);
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

/** Chooses the leading index for a set of filters. */
export function planQuery(f: ClaimFilters, now: Date): QueryPlan {
  const since = isoBound(f.since, 'since');
  const until = isoBound(f.until, 'until');
  if (since && until && since >= until) throw new QueryError('until: must be after since');
  const accused = f.accused ? resolveParty(f.accused) : undefined;
  const accuser = f.accuser ? resolveParty(f.accuser) : undefined;
  const target = f.target ? resolveParty(f.target) : undefined;
  const country = f.country ? resolveParty(f.country) : undefined;
  if (country && !country.country)
    throw new QueryError(`country: unknown country ${JSON.stringify(f.country)}`);
  const qWords = f.q ? words(f.q) : [];
  if (f.q && !qWords.length) throw new QueryError('q: needs at least one letter or digit');

  const matches = (c: StoredClaim) =>
    (!accused || matchesParty(c.accused, accused)) &&
    (!accuser || matchesParty(c.accuser, accuser)) &&
    (!target || matchesParty(c.target, target)) &&
    (!country || c.accused.country === country.country || c.accuser?.country === country.country) &&
    (!f.action || c.action === f.action) &&
    (f.hasDenial === undefined || c.hasDenial === f.hasDenial) &&
    (f.minConfidence === undefined || c.confidence >= f.minConfidence) &&
    (!since || c.publishedAt >= since) &&
    (!until || c.publishedAt < until) &&
    (!qWords.length ||
      ((text) => qWords.every((w) => text.includes(w)))(
        `${c.articleTitle}\n${c.sentences.join('\n')}`.toLowerCase(),
      ));

  // Filters present; the plan is exact when the leading index answers the only one.
  const active = [
    f.accused,
    f.accuser,
    f.target,
    f.country,
    f.action,
    f.hasDenial,
    f.minConfidence,
    f.q,
  ].filter((v) => v !== undefined).length;
  const plan = (leading: string, sources: ClaimIndex[][], usedFilters: number): QueryPlan => ({
    sources,
    leading,
    matches,
    since,
    until,
    exact: active === usedFilters,
  });
  const partyIndex = (
    side: 'accused' | 'accuser' | 'target',
    p: { country?: string; key: string },
  ): ClaimIndex =>
    p.country ? { by: `${side}-country`, value: p.country } : { by: side, value: p.key };

  if (accused) return plan('accused', [[partyIndex('accused', accused)]], 1);
  if (accuser) return plan('accuser', [[partyIndex('accuser', accuser)]], 1);
  if (target) return plan('target', [[partyIndex('target', target)]], 1);
  if (f.hasDenial === true) return plan('hasDenial', [[{ by: 'denial', value: 'yes' }]], 1);
  if (f.action) return plan('action', [[{ by: 'action', value: f.action }]], 1);
  if (country)
    return plan(
      'country',
      [
        [{ by: 'accused-country', value: country.country! }],
        [{ by: 'accuser-country', value: country.country! }],
      ],
      1,
    );
  // No indexed filter: the published-month index, month by month, newest first.
  const end = until ?? now.toISOString();
  const start =
    since ??
    new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - DEFAULT_LOOKBACK_MONTHS + 1, 1),
    ).toISOString();
  const months = monthsBack(end, start).map((m): ClaimIndex => ({ by: 'published', value: m }));
  return plan('none', [months], 0);
}

// ---------------------------------------------------------------- cursors

/** Filters a cursor is bound to: claim filters, or another listing's (e.g. incidents). */
type CursorFilters = object;

function filtersDigest(f: CursorFilters): string {
  const r = f as Record<string, unknown>;
  const keys = Object.keys(r)
    .filter((k) => k !== 'cursor' && k !== 'limit' && r[k] !== undefined)
    .sort();
  const canon = JSON.stringify(keys.map((k) => [k, r[k]]));
  return createHash('sha256').update(canon).digest('base64url').slice(0, 16);
}

function sign(secret: string | Uint8Array, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** An opaque, signed cursor: `<base64url(JSON position)>.<base64url(HMAC-SHA256)>`. */
export function encodeCursor(secret: string | Uint8Array, f: CursorFilters, position: string) {
  const payload = Buffer.from(
    JSON.stringify({ v: 1, f: filtersDigest(f), p: position }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** The position a cursor carries; throws a `cursor` {@link QueryError} when it was tampered with. */
export function decodeCursor(
  secret: string | Uint8Array,
  f: CursorFilters,
  cursor: string,
): string {
  const bad = () => new QueryError('cursor: invalid, or issued for another query', 'cursor');
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined) throw bad();
  const want = sign(secret, payload);
  const got = Buffer.from(mac, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw bad();
  let body: { v?: unknown; f?: unknown; p?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (body.v !== 1 || body.f !== filtersDigest(f) || typeof body.p !== 'string') throw bad();
  return body.p;
}

// ---------------------------------------------------------------- reading

interface Row {
  sk: string;
  claim: StoredClaim;
}

const rowKey = (c: StoredClaim) => `${c.publishedAt}#${c.id}`;

/** Reads one source (an index, or consecutive month partitions) newest first, in chunks. */
class SourceReader {
  private buffer: Row[] = [];
  private part = 0;
  private position: string | undefined;
  private done = false;
  /** The last read found nothing (a month walk is crossing empty months). */
  private lastEmpty = false;

  constructor(
    private readonly store: Store,
    private readonly parts: ClaimIndex[],
    private readonly since: string | undefined,
    /** Exclusive upper bound on the index sort key. */
    private readonly upper: string | undefined,
    private readonly chunk: number,
    private readonly onRead: (n: number) => void,
  ) {
    // A month walk resumes in the cursor's month.
    if (upper && parts[0]?.by === 'published') {
      const month = publishedMonth(upper);
      while (this.part < parts.length - 1 && parts[this.part]!.value > month) this.part++;
    }
    this.position = upper;
  }

  async peek(): Promise<Row | undefined> {
    while (!this.buffer.length && !this.done) await this.fill();
    return this.buffer[0];
  }

  shift(): Row | undefined {
    return this.buffer.shift();
  }

  private async fill(): Promise<void> {
    if (this.part >= this.parts.length) {
      this.done = true;
      return;
    }
    // At the start of a partition of a month walk, read the next months at once: most of a
    // long walk is empty months.
    const width = this.lastEmpty && this.parts[this.part]!.by === 'published' ? MONTH_PREFETCH : 1;
    const batch = this.parts.slice(this.part, this.part + width);
    const results = await Promise.all(
      batch.map((index, i) =>
        this.store.queryClaims({
          index,
          since: this.since,
          until: i === 0 ? this.position : this.upper,
          limit: this.chunk,
        }),
      ),
    );
    this.lastEmpty = results.every((rows) => !rows.length);
    for (const rows of results) {
      this.onRead(rows.length);
      for (const c of rows) this.buffer.push({ sk: rowKey(c), claim: c });
      // BETWEEN is inclusive, so one row equal to the bound may have been read and dropped.
      if (rows.length < this.chunk - 1) {
        this.part++;
        this.position = this.upper;
      } else {
        // This partition has more: go on inside it; later months of the batch are dropped.
        this.position = rowKey(rows[rows.length - 1]!);
        break;
      }
    }
  }
}

/** Month partitions read at once when a month walk moves on. */
const MONTH_PREFETCH = 12;

export interface QueryOptions {
  now: Date;
  /** HMAC key for cursors (any length; 32 random bytes recommended). */
  cursorSecret: string | Uint8Array;
  /** Rows one page may read before returning early with a cursor. */
  readBudget?: number;
}

export interface ClaimPage {
  claims: StoredClaim[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Rows read from the store for this page. */
  read: number;
}

/** Runs one page of a claim query, newest first (published time, then claim id). */
export async function queryClaimPage(
  store: Store,
  f: ClaimFilters,
  opts: QueryOptions,
): Promise<ClaimPage> {
  const limit = Math.min(Math.max(1, f.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const plan = planQuery(f, opts.now);
  let upper = plan.until;
  if (f.cursor) {
    const position = decodeCursor(opts.cursorSecret, f, f.cursor);
    if (!upper || position < upper) upper = position;
  }
  const budget = Math.max(limit + 1, opts.readBudget ?? DEFAULT_READ_BUDGET);
  const chunk = Math.min(MAX_LIMIT, plan.exact ? limit + 1 : Math.max(100, (limit + 1) * 4));
  let read = 0;
  const readers = plan.sources.map(
    (parts) => new SourceReader(store, parts, plan.since, upper, chunk, (n) => (read += n)),
  );

  const out: StoredClaim[] = [];
  let last: string | undefined;
  let lastId: string | undefined;
  let more = false;
  for (;;) {
    let best: { reader: SourceReader; row: Row } | undefined;
    for (const reader of readers) {
      const row = await reader.peek();
      if (row && (!best || row.sk > best.row.sk)) best = { reader, row };
    }
    if (!best) break;
    if (out.length === limit && plan.matches(best.row.claim) && best.row.claim.id !== lastId) {
      more = true;
      break;
    }
    best.reader.shift();
    // The same claim can come from two sources (the `country` plan): same key, adjacent.
    if (best.row.claim.id === lastId && best.row.sk === last) continue;
    last = best.row.sk;
    lastId = best.row.claim.id;
    if (plan.matches(best.row.claim)) out.push(best.row.claim);
    if (read >= budget) {
      // Out of budget: return what matched so far and where to go on from.
      more = true;
      break;
    }
  }
  return {
    claims: out,
    nextCursor: more && last ? encodeCursor(opts.cursorSecret, f, last) : null,
    read,
  };
}

/**
 * Every claim of a query up to `max`, following cursors (for the CLI and exports). Uses a
 * throwaway cursor secret: the cursors never leave this call.
 */
export async function collectClaims(
  store: Store,
  f: ClaimFilters,
  now: Date,
  max: number,
): Promise<StoredClaim[]> {
  const secret = randomBytes(32);
  const out: StoredClaim[] = [];
  let cursor = f.cursor;
  do {
    const page = await queryClaimPage(
      store,
      { ...f, cursor, limit: Math.min(MAX_LIMIT, max - out.length) },
      { now, cursorSecret: secret, readBudget: Number.MAX_SAFE_INTEGER },
    );
    out.push(...page.claims);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}

/** Runs a claim query, newest first: the first `limit` (default 100) claims. */
export async function findClaims(store: Store, f: ClaimFilters, now: Date): Promise<StoredClaim[]> {
  return collectClaims(store, { ...f, cursor: undefined }, now, Math.max(1, f.limit ?? 100));
}

// ---------------------------------------------------------------- aggregates

/** Longest period /stats and /actors aggregate over, and the default one. */
export const MAX_STATS_DAYS = 366;
export const DEFAULT_STATS_DAYS = 90;
/** Claims one aggregate reads at most; beyond it the answer says `truncated`. */
export const STATS_READ_CAP = 50_000;

const DAY = 86_400_000;

/** Resolves an aggregate period: defaults to the last 90 days, at most 366 days. */
export function statsPeriod(
  sinceRaw: string | undefined,
  untilRaw: string | undefined,
  now: Date,
): { since: string; until: string } {
  const until = isoBound(untilRaw, 'until') ?? now.toISOString();
  const since =
    isoBound(sinceRaw, 'since') ??
    new Date(Date.parse(until) - DEFAULT_STATS_DAYS * DAY).toISOString();
  if (since >= until) throw new QueryError('until: must be after since');
  if (Date.parse(until) - Date.parse(since) > MAX_STATS_DAYS * DAY)
    throw new QueryError(`since: the period may span at most ${MAX_STATS_DAYS} days`);
  return { since, until };
}

/** The claims published in a period, read from the month index (at most {@link STATS_READ_CAP}). */
export async function claimsInPeriod(
  store: Store,
  period: { since: string; until: string },
  now: Date,
): Promise<{ claims: StoredClaim[]; truncated: boolean }> {
  const claims = await collectClaims(
    store,
    { since: period.since, until: period.until },
    now,
    STATS_READ_CAP + 1,
  );
  const truncated = claims.length > STATS_READ_CAP;
  return { claims: truncated ? claims.slice(0, STATS_READ_CAP) : claims, truncated };
}
