/**
 * The incident job: brings the stored incidents up to date with the stored claims. It reads the
 * articles extracted (or reprocessed) since its watermark, oldest update first, and for each
 * article places its new claims, refreshes the ones it already placed and takes out the ones a
 * newer detector no longer finds. One writer at a time (a lease), so two runs never open the
 * same incident twice.
 *
 * Crash-safe by write order: claim → incident links first, then members, then the incident
 * summary, then the removal of stale links, and the watermark last. A rerun after a crash at
 * any point re-reads the same articles, finds the links already written and completes the same
 * incidents: nothing is duplicated or split.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { Clock, Store } from '../ports';
import type { ArticleRecord, IncidentMember, IncidentRecord, StoredClaim } from '../records';
import { ArticleContext, Clusterer, type ClusterOptions } from './cluster';
import { accusedKeysOf, articleMembers } from './member';
import { summarize } from './summary';

export const INCIDENT_WATERMARK = 'incidents';
const LEASE = 'incidents';

export interface IncidentDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

export interface SyncOptions extends ClusterOptions {
  /** Articles read per batch. @default 200 */
  batchSize?: number;
  /** How long the lease is held without renewal. @default 300 s */
  leaseSeconds?: number;
  /** Who holds the lease (logged). @default a random id */
  owner?: string;
  /**
   * Stop starting new batches after this long (a Lambda's time limit); the next run continues
   * from the watermark. @default no limit
   */
  budgetMs?: number;
}

export interface SyncSummary {
  /** Set when another run holds the lease: this one did nothing. */
  skipped?: 'locked';
  /** True when the time budget ran out with articles left for the next run. */
  more?: boolean;
  articles: number;
  claims: number;
  /** Claims placed for the first time, and how many of them opened an incident. */
  placed: number;
  opened: number;
  /** Claims taken out because their article no longer has them. */
  removed: number;
  /** Incidents written (created or changed) and deleted (no claim left). */
  written: number;
  deleted: number;
}

interface Change {
  add: Map<string, IncidentMember>;
  remove: Set<string>;
}

interface ArticleWork {
  article: ArticleRecord;
  claims: StoredClaim[];
  /** The claims as incidents keep them, in the article's order, counter-accusations last. */
  members: IncidentMember[];
  linked: Map<string, string>;
}

function emptySummary(): SyncSummary {
  return { articles: 0, claims: 0, placed: 0, opened: 0, removed: 0, written: 0, deleted: 0 };
}

/** Runs `fn` over `items`, `n` at a time, keeping order in the result. */
async function mapLimit<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** Loads into the clusterer every stored incident a batch's new claims could join. */
async function loadCandidates(
  store: Store,
  clusterer: Clusterer,
  members: IncidentMember[],
  windowDays: number,
): Promise<void> {
  const since = new Map<string, number>();
  for (const m of members) {
    const k = accusedKeysOf(m.accused);
    const t = Date.parse(m.publishedAt) - windowDays * 86_400_000;
    for (const key of [...k.actor, ...k.state]) since.set(key, Math.min(since.get(key) ?? t, t));
  }
  await mapLimit([...since], 8, async ([key, t]) => {
    const found = await store.queryIncidents({
      index: { by: 'accused', value: key },
      since: new Date(Math.max(0, t)).toISOString(),
    });
    for (const s of found) clusterer.know(s);
  });
}

/** Places one article's claims; records the changes to write. */
function placeArticle(
  work: ArticleWork,
  clusterer: Clusterer,
  changes: Map<string, Change>,
  links: { set: [string, string, string][]; drop: [string, string][] },
  summary: SyncSummary,
): void {
  const change = (id: string) => {
    let c = changes.get(id);
    if (!c) changes.set(id, (c = { add: new Map(), remove: new Set() }));
    return c;
  };
  const current = new Set(work.claims.map((c) => c.id));
  for (const [claimId, incidentId] of work.linked) {
    if (current.has(claimId)) continue;
    change(incidentId).remove.add(claimId);
    links.drop.push([work.article.id, claimId]);
    summary.removed++;
  }
  const article = new ArticleContext();
  const note = (id: string, m: IncidentMember) => {
    if (!m.counterAccusation) article.add(id, m);
  };
  const members = work.members;
  members.forEach((m) => {
    const id = work.linked.get(m.claimId);
    if (id) {
      note(id, m);
      clusterer.attach(id, m);
    }
  });
  for (const m of clusterer.order(members)) {
    summary.claims++;
    let id = work.linked.get(m.claimId);
    if (!id) {
      const placement = clusterer.place(m, article);
      id = placement.incidentId;
      links.set.push([work.article.id, m.claimId, id]);
      summary.placed++;
      if (placement.created) summary.opened++;
    }
    note(id, m);
    change(id).add.set(m.claimId, m);
  }
}

function sameContent(a: IncidentRecord, b: IncidentRecord): boolean {
  const strip = ({ createdAt: _c, updatedAt: _u, ...rest }: IncidentRecord) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Writes one incident's changes in crash-safe order (links were written before). */
async function writeIncident(
  store: Store,
  id: string,
  change: Change,
  now: string,
  summary: SyncSummary,
): Promise<void> {
  const [existing, stored] = await Promise.all([
    store.getIncident(id),
    store.listIncidentMembers(id),
  ]);
  const before = new Map(stored.map((m) => [m.claimId, m]));
  const members = new Map(before);
  for (const claimId of change.remove) members.delete(claimId);
  for (const [claimId, m] of change.add) members.set(claimId, m);
  const changedMembers = [...change.add.values()].filter(
    (m) => JSON.stringify(m) !== JSON.stringify(before.get(m.claimId)),
  );
  const removed = [...change.remove].filter((c) => !change.add.has(c));
  if (members.size === 0) {
    await store.deleteIncidentMembers(
      id,
      stored.map((m) => m.claimId),
    );
    if (existing) await store.deleteIncident(existing);
    summary.deleted++;
    return;
  }
  if (changedMembers.length) await store.putIncidentMembers(id, changedMembers);
  if (removed.length) await store.deleteIncidentMembers(id, removed);
  const next = summarize(id, [...members.values()], {
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
  if (existing && sameContent(existing, next)) return;
  await store.putIncident(next, existing);
  summary.written++;
}

/** Brings incidents up to date with the claims stored since the last run. */
export async function syncIncidents(
  deps: IncidentDeps,
  opts: SyncOptions = {},
): Promise<SyncSummary> {
  const { store, clock, logger } = deps;
  const summary = emptySummary();
  const owner = opts.owner ?? randomUUID();
  const leaseMs = (opts.leaseSeconds ?? 300) * 1000;
  const lease = () =>
    store.takeLease(
      LEASE,
      owner,
      new Date(clock.now().getTime() + leaseMs).toISOString(),
      clock.now().toISOString(),
    );
  if (!(await lease())) {
    logger.info('incident sync skipped: another run holds the lease', { owner });
    return { ...summary, skipped: 'locked' };
  }
  const windowDays = opts.windowDays ?? 180;
  try {
    let cursor = (await store.getWatermark(INCIDENT_WATERMARK)) ?? '';
    const started = clock.now().getTime();
    for (;;) {
      if (opts.budgetMs !== undefined && clock.now().getTime() - started > opts.budgetMs) {
        summary.more = true;
        break;
      }
      const rows = await store.listArticlesUpdatedSince('extracted', cursor, opts.batchSize ?? 200);
      if (rows.length === 0) break;
      const work = await mapLimit(rows, 8, async ({ article }) => {
        const [claims, linked] = await Promise.all([
          store.listClaimsForArticle(article.id),
          store.articleIncidents(article.id),
        ]);
        // Claims it answers first: a counter-accusation joins the incident of the claim it
        // counters.
        const ordered = [...claims].sort(
          (a, b) =>
            Number(!!a.counterAccusation) - Number(!!b.counterAccusation) || a.ordinal - b.ordinal,
        );
        const members = articleMembers(ordered, article.text);
        return { article, claims, members, linked } satisfies ArticleWork;
      });
      const clusterer = new Clusterer(opts);
      const fresh = work.flatMap((w) => w.members.filter((m) => !w.linked.has(m.claimId)));
      if (fresh.length) await loadCandidates(store, clusterer, fresh, windowDays);
      const changes = new Map<string, Change>();
      const links = { set: [] as [string, string, string][], drop: [] as [string, string][] };
      for (const w of work) {
        summary.articles++;
        placeArticle(w, clusterer, changes, links, summary);
      }
      const now = clock.now().toISOString();
      const byArticle = new Map<string, [string, string][]>();
      for (const [articleId, claimId, incidentId] of links.set) {
        byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), [claimId, incidentId]]);
      }
      await mapLimit([...byArticle], 8, ([a, entries]) => store.setClaimIncidents(a, entries));
      await mapLimit([...changes], 8, ([id, c]) => writeIncident(store, id, c, now, summary));
      const drops = new Map<string, string[]>();
      for (const [a, c] of links.drop) drops.set(a, [...(drops.get(a) ?? []), c]);
      await mapLimit([...drops], 8, ([a, ids]) => store.deleteClaimIncidents(a, ids));
      cursor = rows[rows.length - 1]!.cursor;
      await store.setWatermark(INCIDENT_WATERMARK, cursor);
      if (!(await lease())) throw new Error('incident sync lost its lease');
    }
  } finally {
    await store.releaseLease(LEASE, owner);
  }
  if (summary.placed || summary.removed) logger.info('incidents synced', { ...summary });
  return summary;
}
