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
import { partyKey } from '../claim-keys';
import type { Action, Party } from '../model';
import type { IncidentMember, IncidentSummary } from '../records';
import { accusedKeysOf, incidentIdFor, isBroadTarget, targetKeysOf } from './member';

const DAY = 86_400_000;

export interface ClusterOptions {
  /** How far from an incident's first or last report a claim may be and still join. @default 180 */
  windowDays?: number;
  /** Reports this close in time are a sign of one operation. @default 14 */
  nearDays?: number;
}

/** What matching reads of an incident: its keys, kept current as claims join. */
export interface IncidentView {
  id: string;
  actorKeys: Set<string>;
  stateKeys: Set<string>;
  specificTargets: Set<string>;
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

function overlap<T>(a: Iterable<T>, b: Set<T>): T[] {
  const out: T[] = [];
  for (const x of a) if (b.has(x)) out.push(x);
  return out;
}

interface MemberKeys {
  actor: string[];
  state: string[];
  specificTargets: string[];
  broadTargets: string[];
  accuser: string | null;
  time: number;
}

function keysOf(m: IncidentMember): MemberKeys {
  const accused = accusedKeysOf(m.accused);
  const targets = targetKeysOf(m.target);
  const broad = isBroadTarget(m.target);
  return {
    actor: accused.actor,
    state: accused.state,
    specificTargets: broad ? [] : targets.slice(0, 1),
    broadTargets: broad ? targets : targets.slice(1),
    accuser: m.accuser ? partyKey(m.accuser) : null,
    time: Date.parse(m.publishedAt),
  };
}

/** A view of a stored incident summary. */
export function viewOf(s: IncidentSummary): IncidentView {
  const actor = new Set(s.actorKeys);
  const specific = new Set<string>();
  const broad = new Set<string>();
  for (const t of s.targets) {
    const keys = targetKeysOf(t);
    if (isBroadTarget(t)) keys.forEach((k) => broad.add(k));
    else {
      specific.add(keys[0]!);
      keys.slice(1).forEach((k) => broad.add(k));
    }
  }
  return {
    id: s.id,
    actorKeys: actor,
    stateKeys: new Set(s.accusedKeys.filter((k) => !actor.has(k))),
    specificTargets: specific,
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
  private readonly near: number;

  constructor(opts: ClusterOptions = {}) {
    this.window = (opts.windowDays ?? 180) * DAY;
    this.near = (opts.nearDays ?? 14) * DAY;
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
      stateKeys: new Set(k.state),
      specificTargets: new Set(k.specificTargets),
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
   * Places a claim. `sameArticle` maps the incident ids already holding other claims of its
   * article to those claims' accused keys.
   */
  place(member: IncidentMember, sameArticle: Map<string, Set<string>> = new Map()): Placement {
    const k = keysOf(member);
    let best: { id: string; score: number; reason: string; first: number } | undefined;
    const candidates = new Set<string>();
    for (const key of [...k.actor, ...k.state])
      for (const id of this.byKey.get(key) ?? []) candidates.add(id);
    for (const id of candidates) {
      const v = this.views.get(id)!;
      const scored = this.score(member, k, v, sameArticle.has(id));
      if (!scored) continue;
      if (
        !best ||
        scored.score > best.score ||
        (scored.score === best.score &&
          (v.firstSeen < best.first || (v.firstSeen === best.first && id < best.id)))
      )
        best = { id, score: scored.score, reason: scored.reason, first: v.firstSeen };
    }
    if (best) {
      this.extend(best.id, member, k);
      return { incidentId: best.id, created: false, reason: best.reason };
    }
    const id = incidentIdFor(member.claimId);
    this.index(this.openView(id, member, k));
    return { incidentId: id, created: true, reason: 'no incident matched' };
  }

  /** Scores a candidate; undefined when it cannot be the same operation. */
  private score(
    m: IncidentMember,
    k: MemberKeys,
    v: IncidentView,
    sameArticle: boolean,
  ): { score: number; reason: string } | undefined {
    const actorMatch = overlap(k.actor, v.actorKeys).length > 0;
    const stateMatch = overlap(k.state, v.stateKeys).length > 0;
    if (!actorMatch && !stateMatch) return undefined;
    if (k.time < v.firstSeen - this.window || k.time > v.lastSeen + this.window) return undefined;
    if (!compatible(m.action, v.actions)) return undefined;
    const reasons: string[] = [];
    let score = 0;
    if (sameArticle) {
      score += 3;
      reasons.push('same article');
    }
    const shared = overlap(m.entities, v.entities);
    if (shared.length) {
      score += Math.min(2, shared.length) * 2;
      reasons.push(`shares ${shared.slice(0, 3).join(', ')}`);
    }
    if (overlap(k.specificTargets, v.specificTargets).length) {
      score += 2;
      reasons.push('same target');
    } else if (overlap(k.broadTargets, v.broadTargets).length) {
      score += 1;
      reasons.push('same target country');
    }
    const near = k.time >= v.firstSeen - this.near && k.time <= v.lastSeen + this.near;
    if (near) {
      score += 1;
      reasons.push('reported within days');
    }
    // A state runs many operations at once: a match on the state alone needs more.
    const needed = actorMatch ? 2 : 3;
    if (score < needed) return undefined;
    return {
      score: score + (actorMatch ? 1 : 0),
      reason: `${actorMatch ? 'same group' : 'same state'}; ${reasons.join('; ')}`,
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
      for (const x of k.state)
        if (!v.stateKeys.has(x)) {
          v.stateKeys.add(x);
          this.addKey(x, id);
        }
      k.specificTargets.forEach((x) => v.specificTargets.add(x));
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

/** The accused keys of a member, as `place`'s same-article map wants them. */
export function sameArticleKeys(m: IncidentMember): Set<string> {
  const k = accusedKeysOf(m.accused);
  return new Set([...k.actor, ...k.state]);
}

export type { Party };
