/**
 * Incident clustering on the labelled corpus (test/corpus/incidents.json): the detector reads
 * every article of both splits in publication order, as a feed would bring them; the clusterer
 * places each claim; each gold member (an article's accused) takes the incident of the claim
 * that names it. Scores are pairwise: of the pairs of members put in one incident, how many are
 * one operation (precision), and of the pairs that are one operation, how many were put in one
 * incident (recall). Pairs within the dev split are reported apart from all pairs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Detector, defaultDetector } from '../lambdas/core/detect/detector';
import { ArticleContext, Clusterer, type ClusterOptions } from '../lambdas/core/incidents/cluster';
import { articleMembers } from '../lambdas/core/incidents/member';
import { toStoredClaims } from '../lambdas/core/process';
import { type Entity, gazetteer } from '../lambdas/core/detect/gazetteer';
import type { Action, DetectResult, Evidence, Party, ResponseKind } from '../lambdas/core/model';
import type { ArticleRecord, IncidentMember, StoredClaim } from '../lambdas/core/records';
import {
  accusedMatches,
  CORPUS_DIR,
  type CorpusArticle,
  type GoldParty,
  loadCorpus,
} from './eval-lib';

interface GoldIncident {
  id: string;
  name: string;
  members: { article: string; accused: string }[];
}

export interface PairScores {
  members: number;
  pairs: number;
  truePairs: number;
  predictedPairs: number;
  tp: number;
  precision: number;
  recall: number;
}

export interface IncidentScores {
  /** Gold members whose claim the detector found, of all gold members. */
  detected: number;
  goldMembers: number;
  dev: PairScores;
  /** Pairs with at least one member from the held-out split (never tuned on). */
  heldOut: PairScores;
  all: PairScores;
  /** Pairs wrongly joined or split, for reading (dev pairs only). */
  joined: string[];
  split: string[];
  predictedIncidents: number;
  mode: 'detector' | 'gold';
}

function articleRecord(a: CorpusArticle): ArticleRecord {
  const published = `${a.published ?? '2020-01-01'}T12:00:00.000Z`;
  return {
    id: a.id,
    url: `https://corpus.invalid/${a.id}`,
    status: 'extracted',
    attempts: 1,
    discoveredAt: published,
    updatedAt: published,
    title: a.title,
    siteName: a.outlet ?? null,
    publishedTime: published,
    text: a.text,
  };
}

/**
 * The party a label's longer name names, as the detector would read it from the text: "Unit
 * 29155 of the GRU" is the GRU, "Foreign Intelligence Service (SVR)" the SVR. A known group wins
 * over an organ, an organ over a country.
 */
function namedIn(name: string): Entity | undefined {
  const rank = { actor: 0, organ: 1, country: 2 } as Record<string, number>;
  const found = gazetteer()
    .scan(name)
    .filter((m) => m.entity.type in rank && m.form === 'name');
  return found.sort((a, b) => rank[a.entity.type]! - rank[b.entity.type]!)[0]?.entity;
}

/** A gold party as the detector would write it (kind from the gazetteer). */
function goldParty(g: GoldParty | null): Party | null {
  if (!g) return null;
  const e =
    gazetteer().resolve(g.actor ?? g.name) ?? gazetteer().resolve(g.name) ?? namedIn(g.name);
  const kind: Party['kind'] =
    e?.type === 'country'
      ? 'state'
      : e?.type === 'organ'
        ? 'agency'
        : e?.type === 'actor'
          ? e.kind
          : e?.type === 'vendor'
            ? 'company'
            : 'unknown';
  return {
    name: g.name,
    kind,
    country: g.country ?? e?.country ?? null,
    ...(e && e.type !== 'country' ? { actor: e.name } : {}),
  };
}

/**
 * The gold claims of an article as a detection: what clustering alone scores on, apart from
 * detection errors. The claim's sentences are those naming its accused.
 */
function goldDetection(a: CorpusArticle): DetectResult {
  const sentences = a.text.split(/(?<=[.!?])\s+/);
  return {
    isCyber: a.label.isCyber,
    isAttribution: a.label.isAttribution,
    score: 1,
    claims: a.label.claims.map((c) => ({
      accuser: goldParty(c.accuser),
      accused: goldParty(c.accused)!,
      target: c.target ? { name: c.target, kind: 'unknown', country: null } : null,
      action: (c.action ?? 'other') as Action,
      evidence: (c.evidence ?? 'unspecified') as Evidence,
      confidence: 1,
      reportedBy: c.reportedBy ?? [],
      sentences: sentences.filter((x) => x.includes(c.accused.name)).slice(0, 3),
      responses: (c.responses ?? []).map((kind) => ({
        kind: kind as ResponseKind,
        by: goldParty(c.accused)!,
        text: '',
      })),
      counterAccusation: c.counterAccusation,
    })),
  };
}

/** A detector that answers the gold labels of the corpus (clustering measured alone). */
export function goldDetector(articles: CorpusArticle[]): Detector {
  const byText = new Map(articles.map((a) => [a.text, a]));
  return {
    version: 'gold',
    detect: ({ text }) => {
      const a = byText.get(text);
      if (!a) throw new Error('goldDetector: article not in the corpus');
      return goldDetection(a);
    },
  };
}

/** Detects and clusters the corpus in publication order: claim id → incident id, and claims. */
export function clusterCorpus(
  articles: CorpusArticle[],
  detector: Detector = defaultDetector(),
  options: ClusterOptions = {},
): { incidentOf: Map<string, string>; claims: Map<string, StoredClaim[]> } {
  const ordered = [...articles].sort(
    (a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id),
  );
  const clusterer = new Clusterer(options);
  const incidentOf = new Map<string, string>();
  const claims = new Map<string, StoredClaim[]>();
  for (const a of ordered) {
    const record = articleRecord(a);
    const result = detector.detect({ text: a.text, title: a.title });
    const stored = toStoredClaims(record, result, detector.version, [], record.updatedAt);
    claims.set(a.id, stored);
    const context = new ArticleContext();
    // The order the sync job places them in (counter-accusations last).
    const members: IncidentMember[] = clusterer.order(articleMembers(stored, a.text));
    for (const m of members) {
      const { incidentId } = clusterer.place(m, context);
      incidentOf.set(m.claimId, incidentId);
      if (!m.counterAccusation) context.add(incidentId, m);
    }
  }
  return { incidentOf, claims };
}

/** A predicted accused that is the gold one itself: the same name, or the same known actor. */
function sameAccused(gold: GoldParty, p: Party): boolean {
  const norm = (x: string) =>
    x
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  if (norm(gold.name) === norm(p.name)) return true;
  const g = gazetteer();
  const goldEntity = g.resolve(gold.actor ?? gold.name) ?? g.resolve(gold.name);
  const predEntity = p.actor ? g.resolve(p.actor) : g.resolve(p.name);
  return (
    !!goldEntity &&
    !!predEntity &&
    goldEntity.type !== 'country' &&
    goldEntity.type === predEntity.type &&
    goldEntity.name === predEntity.name
  );
}

function pairScores(
  items: { gold: string; pred: string; key: string; split?: string }[],
  keep: (a: { split?: string }, b: { split?: string }) => boolean = () => true,
): PairScores & { fp: [string, string][]; fn: [string, string][] } {
  let tp = 0;
  let truePairs = 0;
  let predictedPairs = 0;
  let pairs = 0;
  const fp: [string, string][] = [];
  const fn: [string, string][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (!keep(a, b)) continue;
      pairs++;
      const g = a.gold === b.gold;
      const p = a.pred === b.pred;
      if (g) truePairs++;
      if (p) predictedPairs++;
      if (g && p) tp++;
      else if (p) fp.push([a.key, b.key]);
      else if (g) fn.push([a.key, b.key]);
    }
  }
  const members = new Set<string>();
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++)
      if (keep(items[i]!, items[j]!)) members.add(items[i]!.key).add(items[j]!.key);
  return {
    members: members.size,
    pairs,
    truePairs,
    predictedPairs,
    tp,
    precision: predictedPairs ? tp / predictedPairs : 1,
    recall: truePairs ? tp / truePairs : 1,
    fp,
    fn,
  };
}

export function loadIncidentLabels(): GoldIncident[] {
  return (
    JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'incidents.json'), 'utf8')) as {
      incidents: GoldIncident[];
    }
  ).incidents;
}

/**
 * Scores clustering on the corpus: with the detector's claims (end to end), or with `gold`
 * claims (the labels as the detection: clustering alone).
 */
export function evaluateIncidents(
  mode: 'detector' | 'gold' = 'detector',
  options?: ClusterOptions,
  only?: 'dev',
  /** The detector of the `detector` run (the default one unless an experiment wraps it). */
  detectorOf: () => Detector = defaultDetector,
): IncidentScores {
  const dev = loadCorpus('dev');
  const test = only === 'dev' ? [] : loadCorpus('test');
  const detector = mode === 'gold' ? goldDetector([...dev, ...test]) : detectorOf();
  const split = new Map<string, 'dev' | 'test'>([
    ...dev.map((a) => [a.id, 'dev'] as const),
    ...test.map((a) => [a.id, 'test'] as const),
  ]);
  const byId = new Map([...dev, ...test].map((a) => [a.id, a]));
  const { incidentOf, claims } = clusterCorpus([...dev, ...test], detector, options);
  const items: { gold: string; pred: string; key: string; split: 'dev' | 'test' }[] = [];
  let goldMembers = 0;
  for (const inc of loadIncidentLabels()) {
    for (const m of inc.members) {
      goldMembers++;
      const article = byId.get(m.article);
      const goldParty = article?.label.claims.find((c) => c.accused.name === m.accused)
        ?.accused ?? {
        name: m.accused,
      };
      const names = (c: StoredClaim): Party[] => [c.accused, ...(c.accused.alsoNamed ?? [])];
      const counter = !!article?.label.claims.find((g) => g.accused.name === m.accused)
        ?.counterAccusation;
      const articleClaims = claims.get(m.article) ?? [];
      // The claim that names the member itself comes first: accusedMatches also lets a claim
      // against the member's state stand for a named group ("China" for "APT40"), which must
      // not win over the article's own claim against APT40.
      const claim = [
        (c: StoredClaim) =>
          !c.counterAccusation === !counter && names(c).some((p) => sameAccused(goldParty, p)),
        (c: StoredClaim) => names(c).some((p) => sameAccused(goldParty, p)),
        (c: StoredClaim) =>
          !c.counterAccusation === !counter && names(c).some((p) => accusedMatches(goldParty, p)),
        (c: StoredClaim) => names(c).some((p) => accusedMatches(goldParty, p)),
      ].reduce<StoredClaim | undefined>(
        (found, test) => found ?? articleClaims.find(test),
        undefined,
      );
      if (!claim) continue;
      items.push({
        gold: inc.id,
        pred: incidentOf.get(claim.id)!,
        key: `${m.article}:${m.accused}`,
        split: split.get(m.article) ?? 'test',
      });
    }
  }
  const devScores = pairScores(items, (a, b) => a.split === 'dev' && b.split === 'dev');
  const { fp: devFp, fn: devFn, ...devRest } = devScores;
  const {
    fp: _a,
    fn: _b,
    ...heldOut
  } = pairScores(items, (a, b) => a.split === 'test' || b.split === 'test');
  const { fp: _c, fn: _d, ...allRest } = pairScores(items);
  const goldOf = new Map(items.map((i) => [i.key, i.gold]));
  return {
    detected: items.length,
    goldMembers,
    dev: devRest,
    heldOut,
    all: allRest,
    joined: devFp.map(([a, b]) => `${a} + ${b} (${goldOf.get(a)} / ${goldOf.get(b)})`),
    split: devFn.map(([a, b]) => `${a} | ${b} (${goldOf.get(a)})`),
    predictedIncidents: new Set(incidentOf.values()).size,
    mode,
  };
}

export function formatIncidentScores(s: IncidentScores, maxExamples = 20): string {
  const pct = (x: number) => x.toFixed(3);
  const line = (name: string, p: PairScores) =>
    `  ${(name + ' pairs').padEnd(15)} precision ${pct(p.precision)}  recall ${pct(p.recall)}  (${p.members} members, ${p.truePairs} same-operation pairs, ${p.predictedPairs} joined, ${p.tp} right)`;
  const out = [
    `incidents, ${s.mode === 'gold' ? 'clustering the gold claims (clustering alone)' : `clustering the detector's claims (${s.detected}/${s.goldMembers} gold members found)`}: ${s.predictedIncidents} incidents formed`,
    line('dev', s.dev),
    line('held-out', s.heldOut),
    line('all', s.all),
  ];
  if (s.joined.length) {
    out.push(`  joined but different operations (dev, ${s.joined.length}):`);
    for (const e of s.joined.slice(0, maxExamples)) out.push(`    ${e}`);
  }
  if (s.split.length) {
    out.push(`  one operation but split (dev, ${s.split.length}):`);
    for (const e of s.split.slice(0, maxExamples)) out.push(`    ${e}`);
  }
  return out.join('\n');
}
