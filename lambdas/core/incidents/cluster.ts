/**
 * Clustering claims into incidents, incrementally: each new claim joins the known incident that
 * best matches it, or opens a new one. Pure and in memory; the sync job (sync.ts) loads the
 * candidate incidents from the store and writes back what changed.
 *
 * The rule (docs/incidents.md): a claim can join an incident only when they accuse the same
 * party — the same group (actor key) or the same state — within a time window, with actions
 * that can be one operation. It then needs enough signs of the same operation: the same article,
 * a shared named thing (malware, victim organisation, campaign name), the same target, closeness
 * in time. A match on a state alone needs more of them than a match on a group, because one
 * state runs many operations at once.
 */
import { partyKey, slug } from '../claim-keys';
import type { Action, Party } from '../model';
import type { IncidentMember, IncidentSummary } from '../records';
import { accusedKeysOf, incidentIdFor, isBroadTarget, isGroupKey, targetKeysOf } from './member';

const DAY = 86_400_000;

export interface ClusterOptions {
  /** How far from an incident's first or last report a claim may be and still join. @default 180 */
  windowDays?: number;
  /**
   * The window for a claim that shares a named thing or a specific target with the incident: an
   * indictment years later is about the same operation. @default 1500
   */
  namedWindowDays?: number;
  /** Reports this close in time are a sign of one operation. @default 14 */
  nearDays?: number;
  /** Weights of the signs of one operation, and the scores a match needs. */
  weights?: Partial<typeof DEFAULT_WEIGHTS>;
}

export const DEFAULT_WEIGHTS = {
  sameArticle: 3,
  /**
   * The same article, when the incident is an older one that another of its claims joined and
   * this claim names no group that claim names: a story about a new operation often recalls an
   * older one by the same state.
   */
  sameArticleOlder: 0,
  entity: 1.5,
  entityCap: 2,
  specificTarget: 2,
  broadTarget: 1,
  near: 1.5,
  /** Taken off when both name known groups and the groups differ (APT31 and APT40, both Chinese). */
  actorConflict: 2,
  /**
   * Needed on a group match, on a match on a state organ (the SVR, or APT29 which the gazetteer
   * ties to it) and on a match on the state alone.
   */
  actorNeeds: 2.5,
  organNeeds: 2,
  stateNeeds: 3,
};

/** What matching reads of an incident: its keys, kept current as claims join. */
export interface IncidentView {
  id: string;
  actorKeys: Set<string>;
  /** The actor keys that name hacking groups (accusedKeysOf's `groups`). */
  groupKeys: Set<string>;
  stateKeys: Set<string>;
  specificTargets: Set<string>;
  /** The specific targets written as one-word names ("Treasury"). */
  nameTargets: Set<string>;
  broadTargets: Set<string>;
  entities: Set<string>;
  actions: Set<Action>;
  firstSeen: number;
  lastSeen: number;
  /** The accusers' keys: a counter-accusation joins the incident it answers. */
  accuserKeys: Set<string>;
}

export interface Placement {
  incidentId: string;
  created: boolean;
  /** Why it joined (for --explain style output and tests). */
  reason: string;
}

/** Actions that cannot be one operation (a DDoS wave is not a data theft). */
function compatible(a: Action, b: Set<Action>): boolean {
  if (b.has(a) || a === 'other' || b.has('other')) return true;
  const family = (x: Action) =>
    x === 'ddos' ? 'ddos' : x === 'influence' ? 'influence' : 'access';
  const fa = family(a);
  for (const x of b) {
    const fx = family(x);
    if (fx === fa) return true;
    // Hack-and-leak: an intrusion or theft feeding an influence operation.
    if ((fa === 'influence' && fx === 'access') || (fa === 'access' && fx === 'influence'))
      return true;
  }
  return false;
}

const TARGET_STOP = new Set(['the', 'and', 'its', 'for', 'with', 'including', 'other', 'others']);

function targetWords(key: string): Set<string> {
  return new Set(
    key
      .split('-')
      .filter((w) => w.length >= 3 && !TARGET_STOP.has(w))
      // A plural is the same victim ("government computers" / "government computer systems").
      .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)),
  );
}

/**
 * Whether two specific targets are one victim: the same key, or most of their words in common
 * ("Trump presidential campaign" and "Donald Trump's presidential campaign").
 */
function sameTarget(a: string[], b: Set<string>): boolean {
  for (const x of a) {
    if (b.has(x)) return true;
    const wx = targetWords(x);
    if (wx.size === 0) continue;
    for (const y of b) {
      const wy = targetWords(y);
      let common = 0;
      for (const w of wx) if (wy.has(w)) common++;
      if (common >= 2 && common / (wx.size + wy.size - common) >= 0.5) return true;
    }
  }
  return false;
}

/** The key of a target written as one capitalized word (a name: "Treasury", "Maersk"). */
function oneWordName(name: string | undefined): string | undefined {
  return name && /^\p{Lu}[\p{L}\p{N}]{3,}$/u.test(name.trim()) ? slug(name) : undefined;
}

/**
 * A one-word name that starts another target's name is the same victim: "Treasury" and
 * "Treasury sanctions office", "Maersk" and "Maersk offices". Only a name, so that "government"
 * is not "government networks".
 */
function namePartOf(names: Iterable<string>, targets: Iterable<string>): boolean {
  for (const n of names) for (const t of targets) if (t.startsWith(`${n}-`)) return true;
  return false;
}

function overlap<T>(a: Iterable<T>, b: Set<T>): T[] {
  const out: T[] = [];
  for (const x of a) if (b.has(x)) out.push(x);
  return out;
}

export interface MemberKeys {
  actor: string[];
  groups: string[];
  state: string[];
  specificTargets: string[];
  broadTargets: string[];
  accuser: string | null;
  time: number;
  /** The specific target's key when it is written as a one-word name. */
  nameTarget: string[];
}

function keysOf(m: IncidentMember): MemberKeys {
  const accused = accusedKeysOf(m.accused);
  const targets = targetKeysOf(m.target);
  const broad = isBroadTarget(m.target);
  return {
    actor: accused.actor,
    groups: accused.groups,
    state: accused.state,
    specificTargets: broad ? [] : targets.slice(0, 1),
    broadTargets: broad ? targets : targets.slice(1),
    accuser: m.accuser ? partyKey(m.accuser) : null,
    time: Date.parse(m.publishedAt),
    nameTarget: [broad ? undefined : oneWordName(m.target?.name)].filter((x): x is string => !!x),
  };
}

/** A view of a stored incident summary. */
export function viewOf(s: IncidentSummary): IncidentView {
  const actor = new Set(s.actorKeys);
  const specific = new Set<string>();
  const broad = new Set<string>();
  const names = new Set<string>();
  for (const t of s.targets) {
    const keys = targetKeysOf(t);
    if (isBroadTarget(t)) keys.forEach((k) => broad.add(k));
    else {
      specific.add(keys[0]!);
      keys.slice(1).forEach((k) => broad.add(k));
      const name = oneWordName(t.name);
      if (name) names.add(name);
    }
  }
  // A summary keeps its keys, not the kind of each party: the groups are those the gazetteer
  // knows and the incident's own accused when it is one.
  const main = accusedKeysOf(s.accused).groups;
  return {
    id: s.id,
    actorKeys: actor,
    groupKeys: new Set(s.actorKeys.filter((k) => isGroupKey(k) || main.includes(k))),
    stateKeys: new Set(s.accusedKeys.filter((k) => !actor.has(k))),
    specificTargets: specific,
    nameTargets: names,
    broadTargets: broad,
    entities: new Set(s.entities),
    actions: new Set(s.actions),
    firstSeen: Date.parse(s.firstSeen),
    lastSeen: Date.parse(s.lastSeen),
    accuserKeys: new Set(s.accusers.map((a) => partyKey(a))),
  };
}

export class Clusterer {
  private readonly views = new Map<string, IncidentView>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly window: number;
  private readonly namedWindow: number;
  private readonly near: number;
  private readonly w: typeof DEFAULT_WEIGHTS;

  constructor(opts: ClusterOptions = {}) {
    this.window = (opts.windowDays ?? 180) * DAY;
    this.namedWindow = (opts.namedWindowDays ?? 1500) * DAY;
    this.near = (opts.nearDays ?? 14) * DAY;
    this.w = { ...DEFAULT_WEIGHTS, ...opts.weights };
  }

  /** Makes a stored incident a candidate (no-op when already known: in-run changes win). */
  know(summary: IncidentSummary): void {
    if (this.views.has(summary.id)) return;
    this.index(viewOf(summary));
  }

  has(id: string): boolean {
    return this.views.has(id);
  }

  /**
   * Records a claim already placed in `incidentId` (by an earlier run): the incident becomes a
   * candidate even when its summary was never written (a crash between the two writes).
   */
  attach(incidentId: string, member: IncidentMember): void {
    const k = keysOf(member);
    if (this.views.has(incidentId)) this.extend(incidentId, member, k);
    else this.index(this.openView(incidentId, member, k));
  }

  private openView(id: string, member: IncidentMember, k: MemberKeys): IncidentView {
    return {
      id,
      actorKeys: new Set(k.actor),
      groupKeys: new Set(k.groups),
      stateKeys: new Set(k.state),
      specificTargets: new Set(k.specificTargets),
      nameTargets: new Set(k.nameTarget),
      broadTargets: new Set(k.broadTargets),
      entities: new Set(member.entities),
      actions: new Set([member.action]),
      firstSeen: k.time,
      lastSeen: k.time,
      accuserKeys: new Set(k.accuser ? [k.accuser] : []),
    };
  }

  private index(view: IncidentView): void {
    this.views.set(view.id, view);
    for (const k of [...view.actorKeys, ...view.stateKeys]) {
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(view.id);
    }
  }

  /**
   * Places a claim. `article` holds where the other claims of its article went.
   */
  place(member: IncidentMember, article: ArticleContext = new ArticleContext()): Placement {
    const k = keysOf(member);
    // Another accused of the same operation in the same article (same sentence, same target):
    // the incident that claim is in, even with no accused in common.
    const together = member.counterAccusation ? [] : article.sameOperation(member);
    if (
      together.length &&
      !together.some((id) => this.views.get(id) && this.accusedOverlap(k, id))
    ) {
      const id = together.sort()[0]!;
      if (this.views.has(id)) {
        this.extend(id, member, k);
        return { incidentId: id, created: false, reason: 'same article, same sentence or target' };
      }
    }
    const best = this.bestMatch(member, k, article);
    if (best) {
      article.joining(this.views.get(best.id)!);
      this.extend(best.id, member, k);
      return { incidentId: best.id, created: false, reason: best.reason };
    }
    const id = incidentIdFor(member.claimId);
    this.index(this.openView(id, member, k));
    return { incidentId: id, created: true, reason: 'no incident matched' };
  }

  /** The known incident that best matches a claim, if any passes. */
  private bestMatch(
    member: IncidentMember,
    k: MemberKeys,
    article: ArticleContext,
  ): { id: string; score: number; level: number; reason: string } | undefined {
    let best:
      { id: string; score: number; level: number; reason: string; first: number } | undefined;
    const candidates = new Set<string>();
    for (const key of [...k.actor, ...k.state])
      for (const id of this.byKey.get(key) ?? []) candidates.add(id);
    // A named thing many candidates share (the victim country's capital, a ministry) tells
    // them apart less than one only a single candidate has: its weight is divided among them.
    const spread = new Map<string, number>();
    for (const id of candidates) {
      if (article.has(id)) continue;
      for (const e of member.entities) {
        if (this.views.get(id)!.entities.has(e)) spread.set(e, (spread.get(e) ?? 0) + 1);
      }
    }
    for (const id of candidates) {
      const v = this.views.get(id)!;
      const scored = this.score(member, k, v, article, spread);
      if (!scored) continue;
      if (
        !best ||
        scored.score > best.score ||
        (scored.score === best.score &&
          (v.firstSeen < best.first || (v.firstSeen === best.first && id < best.id)))
      )
        best = { id, ...scored, first: v.firstSeen };
    }
    return best;
  }

  /**
   * The order to place an article's claims in: those that match a known incident on a group or
   * an organ first (a group before an organ, then the best match first), so that a story recalling an older operation files that claim there before
   * its other claims open a new incident and pull it in; then the rest in the article's order;
   * counter-accusations last (they join the incident of the claim they answer).
   */
  order(members: IncidentMember[]): IncidentMember[] {
    const empty = new ArticleContext();
    const scored = members.map((m, i) => {
      const best = m.counterAccusation ? undefined : this.bestMatch(m, keysOf(m), empty);
      // A match on the state alone is weak evidence that the claim is about an older operation
      // rather than the story's own: such a claim keeps its place in the article.
      const ranked = best && best.level > 0 ? best : undefined;
      const rank = m.counterAccusation ? -2 : (ranked?.level ?? -1);
      return { m, i, rank, score: ranked?.score ?? 0 };
    });
    return scored.sort((a, b) => b.rank - a.rank || b.score - a.score || a.i - b.i).map((x) => x.m);
  }

  private accusedOverlap(k: MemberKeys, id: string): boolean {
    const v = this.views.get(id)!;
    return overlap(k.actor, v.actorKeys).length > 0 || overlap(k.state, v.stateKeys).length > 0;
  }

  /** Scores a candidate; undefined when it cannot be the same operation. */
  private score(
    m: IncidentMember,
    k: MemberKeys,
    v: IncidentView,
    article: ArticleContext,
    spread: Map<string, number>,
  ): { score: number; level: number; reason: string } | undefined {
    const pull = article.pull(v.id, k);
    const sameArticle = pull !== 'none';
    const actorMatch = overlap(k.actor, v.actorKeys).length > 0;
    const stateMatch = overlap(k.state, v.stateKeys).length > 0;
    if (!actorMatch && !stateMatch) return undefined;
    // One group in one article is one operation even when its claims' actions were read apart
    // (a DDoS wave one sentence calls "attacks on Outlook" and another an intrusion).
    if (!compatible(m.action, v.actions) && !(sameArticle && actorMatch)) return undefined;
    const w = this.w;
    const shared = overlap(m.entities, v.entities);
    const specific =
      sameTarget(k.specificTargets, v.specificTargets) ||
      namePartOf(k.nameTarget, v.specificTargets) ||
      namePartOf(v.nameTargets, k.specificTargets);
    // An older incident another claim of this article just joined: its reports before this
    // article (that claim made it recent, which says nothing of this one). Its named things
    // and targets stay: counting only the earlier ones was tried and lost recall.
    const span = (pull === 'older' && article.before(v.id)) || v;
    const window = shared.length || specific ? this.namedWindow : this.window;
    if (k.time < span.firstSeen - window || k.time > span.lastSeen + window) return undefined;
    const reasons: string[] = [];
    let score = 0;
    if (sameArticle) {
      score += pull === 'full' ? w.sameArticle : w.sameArticleOlder;
      reasons.push(pull === 'full' ? 'same article' : 'same article, older incident');
    }
    if (shared.length) {
      const weights = shared.map((e) => w.entity / (spread.get(e) ?? 1)).sort((a, b) => b - a);
      score += weights.slice(0, w.entityCap).reduce((a, b) => a + b, 0);
      reasons.push(`shares ${shared.slice(0, 3).join(', ')}`);
    }
    if (specific) {
      score += w.specificTarget;
      reasons.push('same target');
    } else if (overlap(k.broadTargets, v.broadTargets).length) {
      score += w.broadTarget;
      reasons.push('same target country');
    }
    const near = k.time >= span.firstSeen - this.near && k.time <= span.lastSeen + this.near;
    if (near) {
      score += w.near;
      reasons.push('reported within days');
    }
    // Two different known groups; a person or a front company is no other group than its unit.
    if (!actorMatch && k.groups.length > 0 && v.groupKeys.size > 0) {
      score -= w.actorConflict;
      reasons.push('different groups');
    }
    // A state runs many operations at once: a match on the state alone needs more. Organ keys
    // are slugs ("svr"), state keys ISO codes ("RU").
    const organMatch =
      !actorMatch && overlap(k.state, v.stateKeys).some((x) => x !== x.toUpperCase());
    if (score < (actorMatch ? w.actorNeeds : organMatch ? w.organNeeds : w.stateNeeds))
      return undefined;
    return {
      score: score + (actorMatch ? 1 : 0),
      level: actorMatch ? 2 : organMatch ? 1 : 0,
      reason: `${actorMatch ? 'same group' : organMatch ? 'same organ' : 'same state'}; ${reasons.join('; ')}`,
    };
  }

  private extend(id: string, m: IncidentMember, k: MemberKeys): void {
    const v = this.views.get(id);
    if (!v) return;
    if (!m.counterAccusation) {
      for (const x of k.actor)
        if (!v.actorKeys.has(x)) {
          v.actorKeys.add(x);
          this.addKey(x, id);
        }
      k.groups.forEach((x) => v.groupKeys.add(x));
      for (const x of k.state)
        if (!v.stateKeys.has(x)) {
          v.stateKeys.add(x);
          this.addKey(x, id);
        }
      k.specificTargets.forEach((x) => v.specificTargets.add(x));
      k.nameTarget.forEach((x) => v.nameTargets.add(x));
      k.broadTargets.forEach((x) => v.broadTargets.add(x));
      m.entities.forEach((x) => v.entities.add(x));
      v.actions.add(m.action);
      if (k.accuser) v.accuserKeys.add(k.accuser);
    }
    v.firstSeen = Math.min(v.firstSeen, k.time);
    v.lastSeen = Math.max(v.lastSeen, k.time);
  }

  private addKey(key: string, id: string): void {
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(id);
  }
}

/**
 * The incidents already holding claims of the article being placed: one article is about one
 * operation more often than not, and two claims read from one sentence or naming one target
 * ("Kyiv blamed Russia and Belarus-linked UNC1151 for the defacements") are one operation
 * even with different accused.
 */
/**
 * A headline sums up the whole story ("Mandiant ties two separate campaigns to Chinese and
 * Iranian hackers"): two claims read from it are not one operation for that.
 */
function isHeadline(m: IncidentMember): boolean {
  return m.sentence.trim() === m.articleTitle.trim();
}

/** The span of a known incident before an article's claims joined it. */
interface Earlier {
  firstSeen: number;
  lastSeen: number;
}

export class ArticleContext {
  private readonly byIncident = new Map<
    string,
    { sentences: Set<string>; targets: Set<string>; actors: Set<string>; opened: boolean }
  >();

  /** Records where a claim of the article went (it opened the incident when the id is its own). */
  add(incidentId: string, m: IncidentMember): void {
    const opened = incidentId === incidentIdFor(m.claimId);
    let e = this.byIncident.get(incidentId);
    if (!e)
      this.byIncident.set(
        incidentId,
        (e = { sentences: new Set(), targets: new Set(), actors: new Set(), opened }),
      );
    e.opened ||= opened;
    if (m.sentence && !isHeadline(m)) e.sentences.add(m.sentence);
    if (m.target && !isBroadTarget(m.target)) e.targets.add(partyKey(m.target));
    const k = accusedKeysOf(m.accused);
    for (const x of k.actor) e.actors.add(x);
  }

  has(incidentId: string): boolean {
    return this.byIncident.has(incidentId);
  }

  private readonly earlier = new Map<string, Earlier>();

  /** Called before a claim of the article joins a known incident: keeps its span until then. */
  joining(v: IncidentView): void {
    if (this.byIncident.has(v.id) || this.earlier.has(v.id)) return;
    this.earlier.set(v.id, { firstSeen: v.firstSeen, lastSeen: v.lastSeen });
  }

  /** A known incident's span before this article's claims joined it. */
  before(incidentId: string): Earlier | undefined {
    return this.earlier.get(incidentId);
  }

  /**
   * How the article's claims in an incident pull another of its claims: fully when they name
   * the same group or the article opened the incident; `older` when the incident is an older
   * one that another of its claims joined and the two name no group in common.
   */
  pull(incidentId: string, k: MemberKeys): 'none' | 'full' | 'older' {
    const e = this.byIncident.get(incidentId);
    if (!e) return 'none';
    if (k.actor.some((x) => e.actors.has(x))) return 'full';
    return e.opened ? 'full' : 'older';
  }

  /** Incidents of this article whose claims share the member's sentence or specific target. */
  sameOperation(m: IncidentMember): string[] {
    const target = m.target && !isBroadTarget(m.target) ? partyKey(m.target) : undefined;
    return [...this.byIncident]
      .filter(
        ([, e]) =>
          (m.sentence && !isHeadline(m) && e.sentences.has(m.sentence)) ||
          (target && e.targets.has(target)),
      )
      .map(([id]) => id);
  }
}

export type { Party };
