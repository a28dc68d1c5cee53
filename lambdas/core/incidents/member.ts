/**
 * A stored claim as an incident keeps it (IncidentMember), and the keys the clustering compares:
 * who is accused (groups apart from states), what was hit, which named things the reports share.
 */
import { createHash } from 'node:crypto';
import { partyKey, slug } from '../claim-keys';
import type { Party } from '../model';
import type { IncidentMember, StoredClaim } from '../records';
import { gazetteer } from '../detect/gazetteer';
import { claimEntities } from './entities';

/**
 * The accused keys of a party: actor keys (groups, people, companies) and broad keys (ISO codes
 * of states, state organs).
 */
export function accusedKeysOf(accused: Party): {
  actor: string[];
  state: string[];
  /** The actor keys that name a hacking group (not a person, a company or an unknown party). */
  groups: string[];
} {
  const actor = new Set<string>();
  const state = new Set<string>();
  const groups = new Set<string>();
  const add = (p: Party) => {
    if (p.kind === 'state') {
      state.add(p.country ? p.country.toUpperCase() : partyKey(p));
    } else if (p.kind === 'agency') {
      // A state organ (the GRU, the MSS) runs many operations at once, like its state.
      state.add(partyKey(p));
      if (p.country) state.add(p.country.toUpperCase());
    } else {
      actor.add(partyKey(p));
      if (GROUP_KINDS.has(p.kind) || isGroupKey(partyKey(p))) groups.add(partyKey(p));
      if (p.country) state.add(p.country.toUpperCase());
    }
    // "APT29, part of Russia's SVR": the organ is a key too. A report that does not say so
    // still names a group the gazetteer ties to its organ.
    const sponsor =
      p.sponsor ?? (p.kind === 'state' || p.kind === 'agency' ? undefined : sponsorOf(p));
    if (sponsor) state.add(slug(sponsor));
  };
  add(accused);
  for (const p of accused.alsoNamed ?? []) add(p);
  actor.delete('unknown');
  groups.delete('unknown');
  return { actor: [...actor], state: [...state], groups: [...groups] };
}

/** The state organ the gazetteer ties a known group to ("SVR" for APT29). */
function sponsorOf(p: Party): string | undefined {
  const g = gazetteer();
  const name = p.actor ?? p.name;
  return (g.get('actor', name) ?? g.resolve(name))?.sponsor;
}

/**
 * Kinds of party that are hacking groups: two different groups are two operations more often
 * than not; an officer and his unit, or a unit and its front company, are not.
 */
const GROUP_KINDS = new Set<Party['kind']>([
  'state-linked-group',
  'criminal-group',
  'hacktivist-group',
]);

let groupKeys: Set<string> | undefined;

/** Whether an actor key names a hacking group the gazetteer knows (APT28, LockBit). */
export function isGroupKey(key: string): boolean {
  groupKeys ??= new Set(
    gazetteer()
      .entities.filter((e) => e.type === 'actor' && GROUP_KINDS.has(e.kind))
      .map((e) => slug(e.name)),
  );
  return groupKeys.has(key);
}

/** Target keys: the target's slug and, for a country-bound target, its ISO code. */
export function targetKeysOf(target: Party | null): string[] {
  if (!target) return [];
  const out = [partyKey(target)];
  if (target.country) out.push(target.country.toUpperCase());
  return [...new Set(out)];
}

/** A target that is a whole country (or bloc) says little about which operation it was. */
export function isBroadTarget(target: Party | null): boolean {
  return !!target && target.kind === 'state';
}

const MAX_SENTENCE = 300;

/**
 * A claim as an incident keeps it; `articleText` lets its entities include what the article is
 * about; `parties` are names that are no named thing of it (the article's other accused).
 */
export function toMember(
  claim: StoredClaim,
  articleText?: string,
  parties: string[] = [],
): IncidentMember {
  const exclude = [
    claim.accuser?.name,
    claim.accuser?.actor,
    ...accusedNames(claim),
    ...claim.reportedBy,
    claim.outlet,
    ...parties,
  ].filter((n): n is string => !!n);
  return {
    claimId: claim.id,
    ordinal: claim.ordinal,
    articleId: claim.articleId,
    articleTitle: claim.articleTitle,
    articleUrl: claim.articleUrl,
    outlet: claim.outlet,
    publishedAt: claim.publishedAt,
    accuser: claim.accuser,
    accused: claim.accused,
    target: claim.target,
    action: claim.action,
    evidence: claim.evidence,
    confidence: claim.confidence,
    counterAccusation: !!claim.counterAccusation,
    responses: claim.responses.map((r) => ({
      kind: r.kind,
      by: r.by,
      text: r.text.slice(0, MAX_SENTENCE),
    })),
    sentence: (claim.sentences[0] ?? '').slice(0, MAX_SENTENCE),
    entities: claimEntities({
      title: claim.articleTitle,
      sentences: claim.sentences,
      text: articleText,
      targets: claim.target ? [claim.target.name] : [],
      exclude,
    }),
  };
}

function accusedNames(claim: StoredClaim): (string | undefined)[] {
  return [
    claim.accused.name,
    claim.accused.actor,
    ...(claim.accused.alsoNamed ?? []).map((p) => p.name),
  ];
}

/**
 * The members of one article's claims. Each leaves out of its named things the accused of all
 * of them: "Russia" in a story that also accuses a group the gazetteer does not know shares no
 * named thing with that group's older operations for naming the group. The accused are compared
 * by their keys.
 */
export function articleMembers(claims: StoredClaim[], articleText?: string): IncidentMember[] {
  const parties = [...new Set(claims.flatMap(accusedNames).filter((n): n is string => !!n))];
  return claims.map((c) => toMember(c, articleText, parties));
}

/** The stable id of an incident opened by a claim. */
export function incidentIdFor(claimId: string): string {
  return `inc_${createHash('sha256').update(claimId).digest('base64url').slice(0, 16)}`;
}
