/**
 * Detection quality on the labelled corpus (test/corpus): story, accused, accuser, target,
 * denial and counter-accusation scores per split, with the confusion examples. Used by
 * `npm run eval` and by the tests that enforce floors on the held-out split.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Detector, defaultDetector } from '../lambdas/core/detect/detector';
import { gazetteer } from '../lambdas/core/detect/gazetteer';
import type { Claim, DetectResult, Party } from '../lambdas/core/model';

export interface GoldParty {
  name: string;
  country?: string | null;
  actor?: string | null;
}
export interface GoldClaim {
  accuser: GoldParty | null;
  accused: GoldParty;
  target?: string | null;
  action?: string;
  evidence?: string;
  responses?: string[];
  reportedBy?: string[];
  counterAccusation?: boolean;
}
export interface CorpusArticle {
  id: string;
  title: string;
  text: string;
  outlet?: string;
  published?: string;
  shape?: string;
  label: { isCyber: boolean; isAttribution: boolean; claims: GoldClaim[] };
}

export const CORPUS_DIR = path.join(__dirname, '..', 'test', 'corpus');

export function loadCorpus(split: 'dev' | 'test'): CorpusArticle[] {
  const dir = path.join(CORPUS_DIR, split);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CorpusArticle);
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The gazetteer entity a gold name stands for; a gold name written with its short form in
 * parentheses ("Foreign Intelligence Service (SVR)") is either part.
 */
function entityName(name: string | null | undefined): string | undefined {
  return resolveGold(name)?.name;
}

function resolveGold(name: string | null | undefined) {
  if (!name) return undefined;
  const g = gazetteer();
  const whole = g.resolve(name);
  if (whole) return whole;
  // "the National Cyber Security Centre", "United Kingdom's National Cyber Security Centre":
  // the body itself, as the gazetteer names it.
  const bare = /^(?:the\s+)?(?:(?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*['’]s\s+)?(.+)$/.exec(name)![1]!;
  if (bare !== name) {
    const e = g.resolve(bare);
    if (e) return e;
  }
  const paren = /^(.+?)\s*\(([^)]+)\)\s*$/.exec(name);
  return paren ? (g.resolve(paren[1]!) ?? g.resolve(paren[2]!)) : undefined;
}

/** Whether a predicted accused matches a gold accused: same actor, same country, or same name. */
export function accusedMatches(gold: GoldParty, p: Party): boolean {
  const goldActor = entityName(gold.actor ?? undefined) ?? entityName(gold.name);
  const predActor = p.actor ?? entityName(p.name);
  if (goldActor && predActor && goldActor === predActor) return true;
  if (gold.country && p.country && gold.country.toUpperCase() === p.country.toUpperCase()) {
    // A named actor in the gold label is matched by that actor, or by its country when the
    // prediction names no actor.
    if (!gold.actor || !p.actor) return true;
  }
  return norm(gold.name) === norm(p.name);
}

const GOVERNMENT_BODY =
  /\b(officials?|government|authorities|administration|ministry|ministries|department|prosecutors?|police|bureau|agency|agencies|intelligence|court|justice|security service|cabinet|president|prime minister|minister|secretary|embassy|white house|kremlin|state department|treasury|military|army|parliament|senate|congress|regulator|foreign office)\b/i;

/**
 * Whether a predicted accuser matches a gold accuser: the same entity, or — for governments —
 * the same state: a gold "U.S. Justice Department" or "U.S. officials" is matched by a predicted
 * United States or by a U.S. agency, since both say the U.S. government made the attribution.
 * Companies and researchers must match by name.
 */
export function accuserMatches(gold: GoldParty, p: Party): boolean {
  const g = gazetteer();
  const ge = resolveGold(gold.name);
  const pe = g.resolve(p.name);
  if (ge && pe && ge.type === pe.type && ge.name === pe.name) return true;
  // A gold accuser written as several ("FBI and CISA", "NSA, FBI and CISA") is matched by any.
  if (!ge && pe && /,|\band\b/.test(gold.name)) {
    const parts = gold.name.split(/\s*,\s*(?:and\s+)?|\s+and\s+/);
    if (parts.some((x) => resolveGold(x)?.name === pe.name)) return true;
  }
  const goldIsGovernment =
    !!gold.country &&
    (ge?.type === 'country' || ge?.type === 'organ' || (!ge && GOVERNMENT_BODY.test(gold.name)));
  // An official (a minister, a spokesperson) speaks for the government.
  const predIsGovernment = p.kind === 'state' || p.kind === 'agency' || p.kind === 'person';
  if (goldIsGovernment && predIsGovernment && p.country === gold.country) return true;
  const a = norm(gold.name);
  const b = norm(p.name);
  return a === b || (a.length > 3 && b.length > 3 && (a.includes(b) || b.includes(a)));
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

/**
 * One-to-one matching in two passes: exact matches first (the same actor or name), then the
 * looser ones (the same country), so a gold "China" does not take the prediction meant for a
 * gold "APT31".
 */
function match<G, P>(
  gold: G[],
  pred: P[],
  eq: (g: G, p: P) => boolean,
  exact?: (g: G, p: P) => boolean,
) {
  const used = new Set<number>();
  const pairs: [G, P][] = [];
  const pending: G[] = [];
  for (const g of gold) {
    const i = exact ? pred.findIndex((p, k) => !used.has(k) && exact(g, p)) : -1;
    if (i >= 0) {
      used.add(i);
      pairs.push([g, pred[i]!]);
    } else pending.push(g);
  }
  const missed: G[] = [];
  for (const g of pending) {
    const i = pred.findIndex((p, k) => !used.has(k) && eq(g, p));
    if (i >= 0) {
      used.add(i);
      pairs.push([g, pred[i]!]);
    } else missed.push(g);
  }
  return { pairs, missed, extra: pred.filter((_, k) => !used.has(k)) };
}

/** The same actor, or the same name: an exact accused match. */
function accusedExact(gold: GoldParty, p: Party): boolean {
  const goldActor = entityName(gold.actor ?? undefined) ?? entityName(gold.name);
  const predActor = p.actor ?? entityName(p.name);
  if (goldActor && predActor) return goldActor === predActor;
  return norm(gold.name) === norm(p.name);
}

/**
 * A claim against a group with its sponsor ("APT29", sponsor SVR) also accuses the sponsor, as
 * `/claims?accused=SVR` finds it, and so does one with the state it also names ("APT41",
 * alsoNamed China: one accusation, one claim): a gold accused still missed that is exactly such
 * a sponsor or state is matched by it. One no gold claim names is detail of the group's claim
 * (like its country), not a false positive.
 */
export function withSponsors(
  m: { pairs: [GoldParty, Party][]; missed: GoldParty[]; extra: Party[] },
  claims: Claim[],
) {
  const sponsors = uniqueBy(
    [
      ...claims
        .filter((c) => c.accused.sponsor)
        .map((c): Party => ({
          name: c.accused.sponsor!,
          kind: 'agency',
          country: c.accused.country,
        })),
      ...claims.flatMap((c) => c.accused.alsoNamed ?? []),
    ],
    (p) => p.name,
  );
  const missed: GoldParty[] = [];
  for (const g of m.missed) {
    const s = sponsors.find((p) => accusedExact(g, p));
    if (s) m.pairs.push([g, s]);
    else missed.push(g);
  }
  return { ...m, missed };
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface SplitScores {
  split: string;
  articles: number;
  story: ReturnType<typeof prf> & Counts;
  accused: ReturnType<typeof prf> & Counts;
  accuser: ReturnType<typeof prf> & Counts;
  targetRecall: number;
  /** Of the gold claims whose accused was found, the share whose evidence label matches. */
  evidenceAccuracy: number;
  denial: ReturnType<typeof prf> & Counts;
  counterRecall: number;
  confusions: string[];
}

export function evaluate(
  split: 'dev' | 'test',
  detector: Detector = defaultDetector(),
  only?: (id: string) => boolean,
): SplitScores {
  const corpus = loadCorpus(split).filter((a) => !only || only(a.id));
  const story: Counts = { tp: 0, fp: 0, fn: 0 };
  const accused: Counts = { tp: 0, fp: 0, fn: 0 };
  const accuser: Counts = { tp: 0, fp: 0, fn: 0 };
  const denial: Counts = { tp: 0, fp: 0, fn: 0 };
  let targetsGold = 0;
  let targetsFound = 0;
  let counterGold = 0;
  let counterFound = 0;
  let evidenceSeen = 0;
  let evidenceSame = 0;
  const confusions: string[] = [];

  for (const a of corpus) {
    const r: DetectResult = detector.detect({ id: a.id, text: a.text, title: a.title });
    const gold = a.label.claims;
    if (r.isAttribution && a.label.isAttribution) story.tp++;
    else if (r.isAttribution) {
      story.fp++;
      confusions.push(
        `FP story ${a.id}: ${r.claims.map((c) => `${c.accuser?.name ?? '∅'}→${c.accused.name}`).join('; ')}`,
      );
    } else if (a.label.isAttribution) {
      story.fn++;
      confusions.push(
        `FN story ${a.id}: missed ${gold.map((c) => `${c.accuser?.name ?? '∅'}→${c.accused.name}`).join('; ')}`,
      );
    }

    // One entry per entity: "Labyrinth Chollima" and "Lazarus Group" are one actor.
    const entityKey = (p: GoldParty) =>
      (entityName(p.actor ?? undefined) ?? entityName(p.name) ?? norm(p.actor ?? p.name)) +
      (p.country ?? '');
    const goldAccused = uniqueBy(
      gold.map((c) => c.accused),
      entityKey,
    );
    // The states a claim also names ("APT41", alsoNamed China) are predictions too, but one no
    // gold claim names is detail of the group's claim, not a false positive.
    const alsoNamed = new Set(r.claims.flatMap((c) => c.accused.alsoNamed ?? []));
    const predAccused = uniqueBy(
      [...r.claims.map((c) => c.accused), ...alsoNamed],
      (p) => (p.actor ?? p.name) + (p.country ?? ''),
    );
    const am = withSponsors(
      match(goldAccused, predAccused, accusedMatches, accusedExact),
      r.claims,
    );
    // A prediction that matches a gold accused already matched (APT28 and Russia for one gold
    // "APT28 of Russia") is not a false positive.
    const extraAccused = am.extra.filter(
      (p) => !alsoNamed.has(p) && !goldAccused.some((g) => accusedMatches(g, p)),
    );
    accused.tp += am.pairs.length;
    accused.fn += am.missed.length;
    accused.fp += extraAccused.length;
    if (am.missed.length || extraAccused.length) {
      confusions.push(
        `accused ${a.id}: missed [${am.missed.map((p) => p.actor ?? p.name).join(', ')}] extra [${extraAccused.map((p) => p.actor ?? p.name).join(', ')}]`,
      );
    }

    const goldAccusers = uniqueBy(
      gold.map((c) => c.accuser).filter((p): p is GoldParty => !!p),
      (p) => norm(p.name),
    );
    const predAccusers = uniqueBy(
      r.claims.map((c) => c.accuser).filter((p): p is Party => !!p),
      (p) => p.name,
    );
    const um = match(goldAccusers, predAccusers, accuserMatches);
    const extraAccusers = um.extra.filter((p) => !goldAccusers.some((g) => accuserMatches(g, p)));
    accuser.tp += um.pairs.length;
    accuser.fn += um.missed.length;
    accuser.fp += extraAccusers.length;
    if (um.missed.length || extraAccusers.length) {
      confusions.push(
        `accuser ${a.id}: missed [${um.missed.map((p) => p.name).join(', ')}] extra [${extraAccusers.map((p) => p.name).join(', ')}]`,
      );
    }

    const claimFor = (g: GoldClaim): Claim | undefined =>
      r.claims.find((c) => accusedMatches(g.accused, c.accused));
    for (const g of gold) {
      // The claim by the same accuser against the same accused, else any against the accused.
      const found =
        r.claims.find(
          (c) =>
            accusedMatches(g.accused, c.accused) &&
            !!g.accuser &&
            !!c.accuser &&
            accuserMatches(g.accuser, c.accuser),
        ) ?? claimFor(g);
      if (found && g.evidence) {
        evidenceSeen++;
        if (found.evidence === g.evidence) evidenceSame++;
      }
      if (g.target) {
        targetsGold++;
        const words = norm(g.target)
          .split(' ')
          .filter((w) => w.length > 3);
        const c = r.claims.find(
          (c) =>
            accusedMatches(g.accused, c.accused) &&
            c.target &&
            words.some((w) => norm(c.target!.name).includes(w)),
        );
        if (c) targetsFound++;
      }
      if (g.counterAccusation) {
        counterGold++;
        const c = r.claims.find(
          (c) =>
            accusedMatches(g.accused, c.accused) &&
            (!g.accuser || (c.accuser && accuserMatches(g.accuser, c.accuser))),
        );
        if (c) counterFound++;
        else confusions.push(`counter ${a.id}: missed ${g.accuser?.name ?? '∅'}→${g.accused.name}`);
      }
    }
    const goldDenied = uniqueBy(
      gold.filter((g) => g.responses?.includes('denial')).map((g) => g.accused),
      entityKey,
    );
    const denied = r.claims.filter((c) => c.responses.some((x) => x.kind === 'denial'));
    const deniedAlso = new Set(denied.flatMap((c) => c.accused.alsoNamed ?? []));
    const predDenied = uniqueBy(
      [...denied.map((c) => c.accused), ...deniedAlso],
      (p) => (p.actor ?? p.name) + (p.country ?? ''),
    );
    const dm = withSponsors(match(goldDenied, predDenied, accusedMatches, accusedExact), denied);
    const extraDenied = dm.extra.filter(
      (p) => !deniedAlso.has(p) && !goldDenied.some((g) => accusedMatches(g, p)),
    );
    denial.tp += dm.pairs.length;
    denial.fn += dm.missed.length;
    denial.fp += extraDenied.length;
    if (dm.missed.length || extraDenied.length) {
      confusions.push(
        `denial ${a.id}: missed [${dm.missed.map((p) => p.name).join(', ')}] extra [${extraDenied.map((p) => p.name).join(', ')}]`,
      );
    }
    void claimFor;
  }
  return {
    split,
    articles: corpus.length,
    story: { ...story, ...prf(story) },
    accused: { ...accused, ...prf(accused) },
    accuser: { ...accuser, ...prf(accuser) },
    targetRecall: targetsGold ? targetsFound / targetsGold : 1,
    evidenceAccuracy: evidenceSeen ? evidenceSame / evidenceSeen : 1,
    denial: { ...denial, ...prf(denial) },
    counterRecall: counterGold ? counterFound / counterGold : 1,
    confusions,
  };
}

export function formatScores(s: SplitScores, maxConfusions = 40): string {
  const f = (x: number) => x.toFixed(3);
  const row = (name: string, c: ReturnType<typeof prf> & Counts) =>
    `  ${name.padEnd(18)} P ${f(c.precision)}  R ${f(c.recall)}  F1 ${f(c.f1)}   (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
  return [
    `split ${s.split} — ${s.articles} articles`,
    row('story', s.story),
    row('accused', s.accused),
    row('accuser', s.accuser),
    row('denial', s.denial),
    `  ${'target recall'.padEnd(18)} ${f(s.targetRecall)}`,
    `  ${'counter recall'.padEnd(18)} ${f(s.counterRecall)}`,
    `  ${'evidence accuracy'.padEnd(18)} ${f(s.evidenceAccuracy)}`,
    `  confusions (${s.confusions.length}):`,
    ...s.confusions.slice(0, maxConfusions).map((c) => `    ${c}`),
    ...(s.confusions.length > maxConfusions
      ? [`    … ${s.confusions.length - maxConfusions} more`]
      : []),
  ].join('\n');
}
