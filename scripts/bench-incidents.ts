/**
 * Incident clustering benchmark. 10,000 claims in ~3,300 generated articles about 1,200
 * generated operations (groups of eight states, victims, malware and campaign names, three
 * years of reports), placed one article at a time as the sync job does: the claim's entities
 * read from its article (`articleMembers`), then `Clusterer.place` in `Clusterer.order`. Reported: total seconds (goal
 * ≤ 10 s) and ms per article (goal < 5 ms), against the detector on the same articles in the
 * same run; then the whole store-backed job (`syncIncidents` on dynalite) over 1,000 of the
 * articles, I/O included. `scripts/bench.ts` calls {@link benchIncidents}.
 */
import { performance } from 'node:perf_hooks';
import { openLocalStore } from '../lambdas/adapters/local-dynamo';
import { defaultDetector } from '../lambdas/core/detect/detector';
import { ArticleContext, Clusterer } from '../lambdas/core/incidents/cluster';
import { articleMembers } from '../lambdas/core/incidents/member';
import { syncIncidents } from '../lambdas/core/incidents/sync';
import { silentLogger } from '../lambdas/core/logger';
import type { Party } from '../lambdas/core/model';
import { systemClock } from '../lambdas/core/ports';
import type { ArticleRecord, StoredClaim } from '../lambdas/core/records';

export interface IncidentBenchResult {
  claims: number;
  articles: number;
  seconds: number;
  msPerArticle: number;
  detectMsPerArticle: number;
  incidents: number;
  operations: number;
  /** Pairwise agreement with the generated operations (a sanity check, not the quality score). */
  precision: number;
  recall: number;
  store: { articles: number; claims: number; seconds: number; msPerArticle: number };
}

const STATES: [string, string, string][] = [
  ['Russia', 'RU', 'Russian'],
  ['China', 'CN', 'Chinese'],
  ['North Korea', 'KP', 'North Korean'],
  ['Iran', 'IR', 'Iranian'],
  ['Belarus', 'BY', 'Belarusian'],
  ['Vietnam', 'VN', 'Vietnamese'],
  ['Pakistan', 'PK', 'Pakistani'],
  ['India', 'IN', 'Indian'],
];
const SYLLABLES = [
  'kor',
  'vel',
  'man',
  'tris',
  'dor',
  'quil',
  'zen',
  'bar',
  'lum',
  'fex',
  'sor',
  'gal',
];
const ACCUSERS: Party[] = [
  { name: 'United States', kind: 'state', country: 'US' },
  { name: 'United Kingdom', kind: 'state', country: 'GB' },
  { name: 'Mandiant', kind: 'company', country: 'US' },
  { name: 'Microsoft', kind: 'company', country: 'US' },
];

/** A small deterministic PRNG (mulberry32): the same data every run. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function word(r: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
  return w[0]!.toUpperCase() + w.slice(1);
}

interface Generated {
  article: ArticleRecord;
  claims: StoredClaim[];
  operation: number;
}

/** Articles and their claims, in publication order. */
export function generate(claimTarget: number, operations: number): Generated[] {
  const r = rng(20261208);
  const groups = Array.from({ length: 150 }, (_, i) => {
    const [, country] = STATES[i % STATES.length]!;
    return {
      name: `${word(r, 2)} ${['Typhoon', 'Bear', 'Kitten', 'Chollima', 'Spider'][i % 5]}`,
      country,
    };
  });
  const start = Date.parse('2024-01-01T00:00:00Z');
  const ops = Array.from({ length: operations }, (_, i) => ({
    group: groups[Math.floor(r() * groups.length)]!,
    victim: `${word(r, 2)} ${['Shipping', 'Energy', 'Health', 'Telecom', 'Bank'][i % 5]}`,
    malware: word(r, 3),
    start: start + Math.floor(r() * 3 * 365) * 86_400_000,
  }));
  const out: Generated[] = [];
  let claims = 0;
  for (let a = 0; claims < claimTarget; a++) {
    const operation = Math.floor(r() * operations);
    const op = ops[operation]!;
    const [state, country, demonym] = STATES.find((s) => s[1] === op.group.country)!;
    const published = new Date(op.start + Math.floor(r() * 40) * 86_400_000).toISOString();
    const text = [
      `${ACCUSERS[a % ACCUSERS.length]!.name} officials said ${demonym} hackers known as ${op.group.name} broke into ${op.victim} using a tool called ${op.malware}.`,
      `The intrusion at ${op.victim} went unnoticed for weeks, investigators said. ${word(r, 2)} Press first reported the breach.`,
      `${state} denied any role and called the charge groundless.`,
    ].join('\n\n');
    const id = `bench-${a}`;
    const article: ArticleRecord = {
      id,
      url: `https://news.example/${id}`,
      status: 'extracted',
      attempts: 1,
      discoveredAt: published,
      updatedAt: published,
      publishedTime: published,
      title: `${op.group.name} tied to ${op.victim} hack`,
      siteName: 'Bench News',
      text,
    };
    const n = 1 + Math.floor(r() * 5); // 1..5 claims, 3 on average
    const list: StoredClaim[] = [];
    for (let k = 0; k < n && claims < claimTarget; k++, claims++) {
      const accuser = ACCUSERS[(a + k) % ACCUSERS.length]!;
      const accused: Party =
        k % 2 === 0
          ? {
              name: op.group.name,
              kind: 'state-linked-group',
              country,
              actor: op.group.name,
              alsoNamed: [{ name: state, kind: 'state', country }],
            }
          : { name: state, kind: 'state', country };
      list.push({
        id: `c_${a}_${k}`,
        articleId: id,
        ordinal: k,
        articleUrl: article.url,
        articleTitle: article.title!,
        outlet: 'Bench News',
        publishedAt: published,
        storedAt: published,
        detectorVersion: 'bench',
        hasDenial: true,
        accuser,
        accused,
        target: { name: op.victim, kind: 'company', country: null },
        action: 'intrusion',
        evidence: 'unspecified',
        confidence: 0.7,
        reportedBy: [],
        sentences: [text.split('\n\n')[0]!],
        responses: [
          { kind: 'denial', by: { name: state, kind: 'state', country }, text: 'denied' },
        ],
      });
    }
    out.push({ article, claims: list, operation });
  }
  return out.sort((x, y) => x.article.publishedTime!.localeCompare(y.article.publishedTime!));
}

function pairwise(labels: [number, string][]): { precision: number; recall: number } {
  const byGold = new Map<number, Map<string, number>>();
  const goldSize = new Map<number, number>();
  const predSize = new Map<string, number>();
  for (const [g, p] of labels) {
    const m = byGold.get(g) ?? new Map<string, number>();
    m.set(p, (m.get(p) ?? 0) + 1);
    byGold.set(g, m);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
  }
  const pairs = (n: number) => (n * (n - 1)) / 2;
  let tp = 0;
  for (const m of byGold.values()) for (const c of m.values()) tp += pairs(c);
  const t = [...goldSize.values()].reduce((a, n) => a + pairs(n), 0);
  const p = [...predSize.values()].reduce((a, n) => a + pairs(n), 0);
  return { precision: p ? tp / p : 1, recall: t ? tp / t : 1 };
}

async function storeBacked(data: Generated[]) {
  const local = await openLocalStore({ inMemory: true });
  try {
    for (const g of data) {
      await local.store.replaceClaims(g.article.id, g.claims, []);
      await local.store.putArticle(g.article);
    }
    const t0 = performance.now();
    await syncIncidents({ store: local.store, clock: systemClock, logger: silentLogger });
    const seconds = (performance.now() - t0) / 1000;
    return {
      articles: data.length,
      claims: data.reduce((a, g) => a + g.claims.length, 0),
      seconds,
      msPerArticle: (seconds * 1000) / data.length,
    };
  } finally {
    await local.close();
  }
}

export async function benchIncidents(): Promise<IncidentBenchResult> {
  const operations = 1200;
  const data = generate(10_000, operations);
  const clusterer = new Clusterer();
  const labels: [number, string][] = [];
  const t0 = performance.now();
  for (const g of data) {
    const context = new ArticleContext();
    // As the sync job places them: those that match a known incident first.
    for (const m of clusterer.order(articleMembers(g.claims, g.article.text))) {
      const { incidentId } = clusterer.place(m, context);
      context.add(incidentId, m);
      labels.push([g.operation, incidentId]);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const detector = defaultDetector();
  const sample = data.slice(0, 1000);
  const d0 = performance.now();
  for (const g of sample) detector.detect({ text: g.article.text!, title: g.article.title });
  const detectMsPerArticle = (performance.now() - d0) / sample.length;
  const quality = pairwise(labels);
  const store = await storeBacked(data.slice(0, 1000));
  const result: IncidentBenchResult = {
    claims: labels.length,
    articles: data.length,
    seconds,
    msPerArticle: (seconds * 1000) / data.length,
    detectMsPerArticle,
    incidents: new Set(labels.map(([, p]) => p)).size,
    operations: new Set(data.map((g) => g.operation)).size,
    ...quality,
    store,
  };
  console.log(
    `${result.claims} claims in ${result.articles} articles about ${result.operations} operations → ${result.incidents} incidents`,
  );
  console.log(
    `  clustering (entities + placement): ${seconds.toFixed(2)} s, ${result.msPerArticle.toFixed(2)} ms per article  (goal ≤ 10 s, < 5 ms)`,
  );
  console.log(
    `  baseline, the detector on the same articles: ${detectMsPerArticle.toFixed(2)} ms per article; clustering is ${(result.msPerArticle / detectMsPerArticle).toFixed(2)}× detection`,
  );
  console.log(
    `  agreement with the generated operations: pairwise precision ${quality.precision.toFixed(3)}, recall ${quality.recall.toFixed(3)}`,
  );
  console.log(
    `  store-backed job (syncIncidents on dynalite, I/O included): ${store.claims} claims in ${store.articles} articles, ${store.seconds.toFixed(2)} s, ${store.msPerArticle.toFixed(2)} ms per article`,
  );
  return result;
}
