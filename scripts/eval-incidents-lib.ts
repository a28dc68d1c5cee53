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
import { Clusterer, sameArticleKeys } from '../lambdas/core/incidents/cluster';
import { toMember } from '../lambdas/core/incidents/member';
import { toStoredClaims } from '../lambdas/core/process';
import type { Party } from '../lambdas/core/model';
import type { ArticleRecord, IncidentMember, StoredClaim } from '../lambdas/core/records';
import { accusedMatches, CORPUS_DIR, type CorpusArticle, loadCorpus } from './eval-lib';

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
  all: PairScores;
  /** Pairs wrongly joined or split, for reading (dev pairs only). */
  joined: string[];
  split: string[];
  predictedIncidents: number;
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

/** Detects and clusters the corpus in publication order: claim id → incident id, and claims. */
export function clusterCorpus(
  articles: CorpusArticle[],
  detector: Detector = defaultDetector(),
): { incidentOf: Map<string, string>; claims: Map<string, StoredClaim[]> } {
  const ordered = [...articles].sort(
    (a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id),
  );
  const clusterer = new Clusterer();
  const incidentOf = new Map<string, string>();
  const claims = new Map<string, StoredClaim[]>();
  for (const a of ordered) {
    const record = articleRecord(a);
    const result = detector.detect({ text: a.text, title: a.title });
    const stored = toStoredClaims(record, result, detector.version, [], record.updatedAt);
    claims.set(a.id, stored);
    const sameArticle = new Map<string, Set<string>>();
    const members: IncidentMember[] = [...stored]
      .sort((x, y) => Number(!!x.counterAccusation) - Number(!!y.counterAccusation))
      .map((c) => toMember(c));
    for (const m of members) {
      const { incidentId } = clusterer.place(m, sameArticle);
      incidentOf.set(m.claimId, incidentId);
      const keys = sameArticle.get(incidentId) ?? new Set<string>();
      if (!m.counterAccusation) sameArticleKeys(m).forEach((k) => keys.add(k));
      sameArticle.set(incidentId, keys);
    }
  }
  return { incidentOf, claims };
}

function pairScores(
  items: { gold: string; pred: string; key: string }[],
): PairScores & { fp: [string, string][]; fn: [string, string][] } {
  let tp = 0;
  let truePairs = 0;
  let predictedPairs = 0;
  const fp: [string, string][] = [];
  const fn: [string, string][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      const g = a.gold === b.gold;
      const p = a.pred === b.pred;
      if (g) truePairs++;
      if (p) predictedPairs++;
      if (g && p) tp++;
      else if (p) fp.push([a.key, b.key]);
      else if (g) fn.push([a.key, b.key]);
    }
  }
  const n = items.length;
  return {
    members: n,
    pairs: (n * (n - 1)) / 2,
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

export function evaluateIncidents(detector?: Detector): IncidentScores {
  const dev = loadCorpus('dev');
  const test = loadCorpus('test');
  const split = new Map<string, 'dev' | 'test'>([
    ...dev.map((a) => [a.id, 'dev'] as const),
    ...test.map((a) => [a.id, 'test'] as const),
  ]);
  const byId = new Map([...dev, ...test].map((a) => [a.id, a]));
  const { incidentOf, claims } = clusterCorpus([...dev, ...test], detector);
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
      const claim =
        (claims.get(m.article) ?? []).find(
          (c) =>
            !c.counterAccusation ===
              !article?.label.claims.find((g) => g.accused.name === m.accused)?.counterAccusation &&
            names(c).some((p) => accusedMatches(goldParty, p)),
        ) ??
        (claims.get(m.article) ?? []).find((c) =>
          names(c).some((p) => accusedMatches(goldParty, p)),
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
  const devScores = pairScores(items.filter((i) => i.split === 'dev'));
  const allScores = pairScores(items);
  const { fp: devFp, fn: devFn, ...devRest } = devScores;
  const { fp: _a, fn: _b, ...allRest } = allScores;
  const goldOf = new Map(items.map((i) => [i.key, i.gold]));
  return {
    detected: items.length,
    goldMembers,
    dev: devRest,
    all: allRest,
    joined: devFp.map(([a, b]) => `${a} + ${b} (${goldOf.get(a)} / ${goldOf.get(b)})`),
    split: devFn.map(([a, b]) => `${a} | ${b} (${goldOf.get(a)})`),
    predictedIncidents: new Set(incidentOf.values()).size,
  };
}

export function formatIncidentScores(s: IncidentScores, maxExamples = 20): string {
  const pct = (x: number) => x.toFixed(3);
  const line = (name: string, p: PairScores) =>
    `  ${name.padEnd(10)} precision ${pct(p.precision)}  recall ${pct(p.recall)}  (${p.members} members, ${p.truePairs} same-operation pairs, ${p.predictedPairs} joined, ${p.tp} right)`;
  const out = [
    `incidents (pairwise, ${s.detected}/${s.goldMembers} gold members found by the detector, ${s.predictedIncidents} incidents formed)`,
    line('dev pairs', s.dev),
    line('all pairs', s.all),
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
