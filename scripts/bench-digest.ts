/**
 * Digest rendering benchmark: 10,000 subscribers with varied filters over 5,000 claims, on one
 * core (one process, no workers): filter matching, grouping, HTML and text rendering, signed
 * links, and the incidents of each digest's claims (new ones and updates, from 42 incidents of
 * ~120 claims each, half of them older than the window) — everything `runDigests` does per
 * subscriber except the store and mailer round trips.
 * Goal ≤ 60 s. `scripts/bench.ts` calls {@link benchDigest}.
 */
import { performance } from 'node:perf_hooks';
import { claimId } from '../lambdas/core/claim-keys';
import { digestIncidents } from '../lambdas/core/digest/incidents';
import type { RenderCache } from '../lambdas/core/digest/render';
import { IncidentLookup } from '../lambdas/core/incident-query';
import { incidentIdFor, toMember } from '../lambdas/core/incidents/member';
import { summarize } from '../lambdas/core/incidents/summary';
import { ClaimWindow, renderSubscriberDigest } from '../lambdas/core/digest/subscribers';
import type { Action, Party } from '../lambdas/core/model';
import type { Store } from '../lambdas/core/ports';
import type { IncidentRecord, StoredClaim, Subscriber } from '../lambdas/core/records';
import {
  matchesFilters,
  normalizeFilters,
  subscriberId,
} from '../lambdas/core/subscriptions/model';

export interface DigestBenchResult {
  subscribers: number;
  claims: number;
  seconds: number;
  digestsWithClaims: number;
  meanClaimsPerDigest: number;
  meanIncidentsPerDigest: number;
}

/** Incidents over the claims (one per actor and action), half first written before `since`. */
async function syntheticIncidents(claims: StoredClaim[], since: number): Promise<IncidentLookup> {
  const groups = new Map<string, StoredClaim[]>();
  for (const c of claims) {
    const k = `${c.accused.actor}|${c.action}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const incidents = new Map<string, IncidentRecord>();
  const links = new Map<string, Map<string, string>>();
  let n = 0;
  for (const list of groups.values()) {
    const id = incidentIdFor(list[0]!.id);
    const createdAt = new Date(since + (n++ % 2 ? -86_400_000 : 3_600_000)).toISOString();
    incidents.set(
      id,
      summarize(
        id,
        list.map((c) => toMember(c)),
        {
          createdAt,
          updatedAt: new Date(since + 3_600_000).toISOString(),
        },
      ),
    );
    for (const c of list) {
      const m = links.get(c.articleId) ?? new Map<string, string>();
      m.set(c.id, id);
      links.set(c.articleId, m);
    }
  }
  // The run's reads (one per article and per incident) as the store answers them.
  const lookup = new IncidentLookup({
    articleIncidents: async (a: string) => links.get(a) ?? new Map(),
    getIncident: async (id: string) => incidents.get(id),
  } as unknown as Store);
  await lookup.load(claims);
  return lookup;
}

const COUNTRIES = ['RU', 'CN', 'KP', 'IR', 'US', 'GB', 'IL', 'UA'];
const ACTORS = [
  'APT28',
  'APT29',
  'Volt Typhoon',
  'Lazarus Group',
  'LockBit',
  'Sandworm',
  'Charming Kitten',
];
const ACTIONS: Action[] = [
  'intrusion',
  'espionage',
  'data-theft',
  'ransomware',
  'ddos',
  'destructive',
];

function syntheticClaims(n: number, since: number): StoredClaim[] {
  const out: StoredClaim[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRIES[i % COUNTRIES.length]!;
    const actor = ACTORS[i % ACTORS.length]!;
    const accused: Party = { name: actor, kind: 'state-linked-group', country, actor };
    const accuser: Party = {
      name: i % 3 ? 'Microsoft' : 'FBI',
      kind: i % 3 ? 'company' : 'agency',
      country: 'US',
    };
    const articleId = `a${Math.floor(i / 2)}`;
    const storedAt = new Date(since + i * 17_000).toISOString();
    out.push({
      id: claimId(articleId, accuser, accused),
      articleId,
      ordinal: i % 2,
      accuser,
      accused,
      target: i % 4 ? { name: 'European energy companies', kind: 'company', country: null } : null,
      action: ACTIONS[i % ACTIONS.length]!,
      evidence: i % 2 ? 'provided' : 'unspecified',
      confidence: (i % 10) / 10,
      reportedBy: ['Reuters', 'The Record'],
      sentences: [
        `${accuser.name} said ${actor} <b>& friends</b> were behind the ${i}th intrusion.`,
      ],
      responses:
        i % 5
          ? []
          : [
              {
                by: { name: 'Russia', kind: 'state', country: 'RU' },
                kind: 'denial',
                text: 'Baseless.',
              },
            ],
      articleUrl: `https://news.example.com/story/${articleId}?ref=rss&x=<y>`,
      articleTitle: `Story ${articleId}: "${actor}" blamed <again>`,
      outlet: 'Example News',
      publishedAt: storedAt,
      storedAt,
      detectorVersion: 'bench',
      hasDenial: i % 5 === 0,
    });
  }
  return out;
}

function syntheticSubscribers(n: number, now: Date): Subscriber[] {
  const out: Subscriber[] = [];
  for (let i = 0; i < n; i++) {
    const email = `reader${i}@example.org`;
    const kind = i % 5;
    const filters = normalizeFilters(
      kind === 0
        ? {}
        : kind === 1
          ? { accused: [COUNTRIES[i % COUNTRIES.length]!] }
          : kind === 2
            ? { accused: [ACTORS[i % ACTORS.length]!], minConfidence: 0.3 }
            : kind === 3
              ? { actions: [ACTIONS[i % ACTIONS.length]!], denialOnly: i % 2 === 0 }
              : { accusers: ['Microsoft'], targets: ['energy'] },
    );
    out.push({
      id: subscriberId(email),
      email,
      status: 'confirmed',
      filters,
      cadence: i % 7 ? 'daily' : 'weekly',
      hour: i % 24,
      weekday: 1,
      timeZone: 'UTC',
      sendEmpty: false,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      watermark: new Date(now.getTime() - (i % 7 ? 1 : 7) * 86_400_000).toISOString(),
    });
  }
  return out;
}

export async function benchDigest(
  subscribers = 10_000,
  claims = 5_000,
): Promise<DigestBenchResult> {
  const now = new Date('2026-11-20T07:00:00Z');
  // Claims stored over the last day: every daily and weekly digest reads all of them.
  const since = now.getTime() - 86_400_000;
  const all = syntheticClaims(claims, since);
  const subs = syntheticSubscribers(subscribers, now);
  // The run's claims as ClaimWindow holds them after its one read of the day index.
  const store = { queryClaims: async () => [] } as unknown as Store;
  const window = new ClaimWindow(store, now.toISOString());
  (window as unknown as { loaded: { since: string; claims: StoredClaim[] } }).loaded = {
    since: new Date(now.getTime() - 7 * 86_400_000).toISOString(),
    claims: all,
  };
  const cfg = {
    tokenSecret: 'bench-secret-0123456789abcdef012345',
    baseUrl: 'https://watch.example.org',
    from: 'd@example.org',
  };
  const lookup = await syntheticIncidents(all, since);
  const cache: RenderCache = new Map();
  let withClaims = 0;
  let total = 0;
  let incidentsShown = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const s of subs) {
    const mine = (await window.between(s.watermark!)).filter((c) => matchesFilters(c, s.filters));
    if (!mine.length && !s.sendEmpty) continue;
    const incidents = digestIncidents(lookup, mine, s.watermark!);
    incidentsShown += incidents.fresh.length + incidents.updates.length;
    const { digest } = renderSubscriberDigest(
      s,
      mine,
      cfg,
      { since: s.watermark!, until: now.toISOString(), now },
      cache,
      incidents,
    );
    bytes += digest.html.length + digest.text.length;
    withClaims++;
    total += mine.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (bytes === 0) throw new Error('nothing rendered');
  const r = {
    subscribers,
    claims,
    seconds,
    digestsWithClaims: withClaims,
    meanClaimsPerDigest: withClaims ? total / withClaims : 0,
    meanIncidentsPerDigest: withClaims ? incidentsShown / withClaims : 0,
  };
  console.log(
    `digests: ${subscribers} subscribers × ${claims} claims rendered in ${seconds.toFixed(1)} s on one core ` +
      `(${withClaims} digests, ${r.meanClaimsPerDigest.toFixed(0)} matching claims and ${r.meanIncidentsPerDigest.toFixed(1)} incidents each on average; goal ≤ 60 s ${seconds <= 60 ? '✓' : '✗'})`,
  );
  return r;
}

if (require.main === module) void benchDigest();
