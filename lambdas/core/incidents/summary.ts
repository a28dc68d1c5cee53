/**
 * An incident from its members: who is accused (the most specific name), what was hit, the
 * strongest evidence so far, and the timeline — first report, each new accuser, evidence, each
 * denial, acknowledgement or counter-accusation — with the articles behind each step. Pure and
 * deterministic: the same members give the same incident, whatever order they were added in.
 */
import { partyKey } from '../claim-keys';
import { gazetteer } from '../detect/gazetteer';
import type { Action, Evidence, Party } from '../model';
import type { IncidentEvent, IncidentMember, IncidentRecord, IncidentSummary } from '../records';
import { accusedKeysOf, targetKeysOf } from './member';

export const MAX_TIMELINE = 200;
const MAX_ENTITIES = 40;
const MAX_ALSO_IN = 10;

const EVIDENCE_RANK: Record<Evidence, number> = { provided: 2, unspecified: 1, 'not-provided': 0 };

const ACTION_LABEL: Record<Action, string> = {
  intrusion: 'intrusion',
  espionage: 'espionage',
  'data-theft': 'data theft',
  ransomware: 'ransomware attack',
  ddos: 'DDoS attacks',
  destructive: 'destructive attack',
  influence: 'influence operation',
  other: 'cyber operation',
};

/** Members in time order (published, then claim id): the order every derivation reads. */
export function byTime(members: IncidentMember[]): IncidentMember[] {
  // Within one article, the order the article makes its claims in (ids are hashes).
  return [...members].sort(
    (a, b) =>
      a.publishedAt.localeCompare(b.publishedAt) ||
      a.articleId.localeCompare(b.articleId) ||
      (a.ordinal ?? 0) - (b.ordinal ?? 0) ||
      a.claimId.localeCompare(b.claimId),
  );
}

/** Counts by key, keeping the first value seen for each key; most frequent first, ties by first seen. */
function tally<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, { item: T; n: number; first: number }>();
  items.forEach((item, i) => {
    const k = key(item);
    const e = seen.get(k);
    if (e) e.n++;
    else seen.set(k, { item, n: 1, first: i });
  });
  return [...seen.values()].sort((a, b) => b.n - a.n || a.first - b.first).map((e) => e.item);
}

const SPECIFICITY: Record<string, number> = {
  'state-linked-group': 3,
  'criminal-group': 3,
  'hacktivist-group': 3,
  agency: 2,
  person: 2,
  company: 1,
  unknown: 1,
  media: 1,
  state: 0,
};

/** The accused an incident is shown under: the most often named of its most specific kind. */
function headlineAccused(members: IncidentMember[]): Party {
  const parties = members
    .filter((m) => !m.counterAccusation)
    .flatMap((m) => [m.accused, ...(m.accused.alsoNamed ?? [])]);
  const pool = parties.length ? parties : members.map((m) => m.accused);
  const best = Math.max(...pool.map((p) => SPECIFICITY[p.kind] ?? 1));
  const chosen = tally(
    pool.filter((p) => (SPECIFICITY[p.kind] ?? 1) === best),
    partyKey,
  )[0]!;
  const { alsoNamed: _drop, ...rest } = chosen;
  const states = tally(
    pool.filter((p) => p.kind === 'state' && partyKey(p) !== partyKey(chosen)),
    partyKey,
  ).map(({ alsoNamed: _a, ...p }) => p);
  return states.length && chosen.kind !== 'state' ? { ...rest, alsoNamed: states } : rest;
}

export function accuserRole(m: IncidentMember): NonNullable<IncidentEvent['role']> {
  const kind = m.accuser?.kind;
  if (!m.accuser) return 'media';
  if (kind === 'state' || kind === 'agency') return 'government';
  // A security company; another company accusing (a victim naming its attacker) is 'other'.
  if (kind === 'company' && gazetteer().get('vendor', m.accuser.actor ?? m.accuser.name))
    return 'vendor';
  if (kind === 'media') return 'media';
  return 'other';
}

function event(
  m: IncidentMember,
  kind: IncidentEvent['kind'],
  by: Party | null,
  text: string,
  role?: IncidentEvent['role'],
): IncidentEvent {
  return {
    kind,
    at: m.publishedAt,
    by,
    ...(role ? { role } : {}),
    claimId: m.claimId,
    articleId: m.articleId,
    articleTitle: m.articleTitle,
    articleUrl: m.articleUrl,
    outlet: m.outlet,
    text,
    alsoIn: [],
  };
}

/** The timeline: one step per first occurrence, later articles saying the same listed on it. */
export function timelineOf(members: IncidentMember[]): IncidentEvent[] {
  const ordered = byTime(members);
  const steps = new Map<string, IncidentEvent>();
  const out: IncidentEvent[] = [];
  const record = (key: string, m: IncidentMember, make: () => IncidentEvent) => {
    const existing = steps.get(key);
    if (!existing) {
      const e = make();
      steps.set(key, e);
      out.push(e);
    } else if (
      existing.articleId !== m.articleId &&
      existing.alsoIn.length < MAX_ALSO_IN &&
      !existing.alsoIn.some((a) => a.articleId === m.articleId)
    ) {
      existing.alsoIn.push({ articleId: m.articleId, articleUrl: m.articleUrl, outlet: m.outlet });
    }
  };
  ordered.forEach((m, i) => {
    if (m.counterAccusation) {
      record(`counter|${partyKey(m.accuser)}`, m, () =>
        event(m, 'counter-accusation', m.accuser, m.sentence),
      );
      return;
    }
    const accuserKey = `accuser|${partyKey(m.accuser)}`;
    if (i === 0 || (!steps.has(accuserKey) && steps.size === 0)) {
      steps.set(accuserKey, event(m, 'first-report', m.accuser, m.sentence, accuserRole(m)));
      out.push(steps.get(accuserKey)!);
    } else {
      record(accuserKey, m, () => event(m, 'new-accuser', m.accuser, m.sentence, accuserRole(m)));
    }
    // Evidence once per accuser: a second party publishing its own evidence is a new step.
    if (m.evidence === 'provided')
      record(`evidence|${partyKey(m.accuser)}`, m, () =>
        event(m, 'evidence', m.accuser, m.sentence),
      );
    for (const r of m.responses) {
      record(`${r.kind}|${partyKey(r.by)}`, m, () => event(m, r.kind, r.by, r.text));
    }
  });
  return out.slice(0, MAX_TIMELINE);
}

function nameOf(accused: Party, actions: Action[], targets: Party[], entities: string[]): string {
  const action = ACTION_LABEL[actions[0] ?? 'other'];
  const against = targets[0]?.name ?? (entities[0] ? titleCase(entities[0]) : '');
  return against ? `${accused.name}: ${action} against ${against}` : `${accused.name}: ${action}`;
}

function titleCase(s: string): string {
  return s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** The incident of these members; `createdAt` is kept from the stored incident. */
export function summarize(
  id: string,
  members: IncidentMember[],
  times: { createdAt: string; updatedAt: string },
): IncidentRecord {
  if (members.length === 0) throw new Error(`incident ${id} has no members`);
  const ordered = byTime(members);
  const reports = ordered.filter((m) => !m.counterAccusation);
  const main = reports.length ? reports : ordered;
  const accused = headlineAccused(ordered);
  const actor = new Set<string>();
  const state = new Set<string>();
  for (const m of main) {
    const k = accusedKeysOf(m.accused);
    k.actor.forEach((x) => actor.add(x));
    k.state.forEach((x) => state.add(x));
  }
  const targets = tally(
    main.map((m) => m.target).filter((t): t is Party => !!t),
    partyKey,
  ).map(({ alsoNamed: _a, ...t }) => t);
  const actions = tally(
    main.map((m) => m.action),
    (a) => a,
  );
  const entities = tally(
    main.flatMap((m) => m.entities),
    (e) => e,
  ).slice(0, MAX_ENTITIES);
  const accusers = tally(
    main.map((m) => m.accuser).filter((p): p is Party => !!p),
    partyKey,
  ).map(({ alsoNamed: _a, ...p }) => p);
  const responders = tally(
    ordered.flatMap((m) => m.responses.map((r) => ({ kind: r.kind, by: r.by }))),
    (r) => `${r.kind}|${partyKey(r.by)}`,
  );
  const months = [...new Set(ordered.map((m) => m.publishedAt.slice(0, 7)))].sort();
  const evidence = main
    .map((m) => m.evidence)
    .reduce<Evidence>(
      (best, e) => (EVIDENCE_RANK[e] > EVIDENCE_RANK[best] ? e : best),
      'not-provided',
    );
  const summary: IncidentSummary = {
    id,
    name: nameOf(accused, actions, targets, entities),
    accused,
    accusedKeys: [...actor, ...state].sort(),
    actorKeys: [...actor].sort(),
    targets,
    targetKeys: [...new Set(targets.flatMap((t) => targetKeysOf(t)))].sort(),
    actions,
    entities,
    firstSeen: ordered[0]!.publishedAt,
    lastSeen: ordered[ordered.length - 1]!.publishedAt,
    months,
    claimCount: ordered.length,
    articleCount: new Set(ordered.map((m) => m.articleId)).size,
    accusers,
    evidence,
    confidence: Math.max(...ordered.map((m) => m.confidence)),
    responders,
    createdAt: times.createdAt,
    updatedAt: times.updatedAt,
  };
  return { ...summary, timeline: timelineOf(ordered) };
}
