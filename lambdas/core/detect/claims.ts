/**
 * Stage 5, claims: findings merged across sentences into one claim per accuser → accused pair.
 * A finding with no accuser inherits the nearest one named for the same accused; then the
 * article as a whole fills in what single sentences lack — the victim the story opens with, the
 * sponsor named for a group anywhere, the state of a named company, the voice of an embassy
 * named by role alone.
 */
import type { Claim, Party } from '../model';
import type { ClaimDraft, Doc, Finding } from './document';
import { note, tracing } from './explain';
import type { Gazetteer } from './gazetteer';
import { accusedKey, accuserKey, entityParty, label, sameParty } from './parties';
import { ACTION_RULES } from './patterns/actions';
import { CLAIMS } from './patterns/claims';
import { CLAIM_RULES } from './patterns/rules';
import { RESPONSES } from './patterns/responses';
import { findTarget } from './roles/target';

export function buildClaims(doc: Doc, gaz: Gazetteer): void {
  inheritAccusers(doc.findings);
  doc.drafts = withoutCommentary(withoutPassingMentions(doc, merge(doc.findings)));
  const claims = doc.drafts.map((d) => d.claim);
  leadTarget(doc, gaz, claims);
  sponsorsNamedAnywhere(doc.findings, claims, gaz);
  statesOfNamedParties(claims, gaz);
  embassyAnswers(claims, gaz);
  doc.drafts = oneClaimPerAccusation(doc, doc.drafts);
  if (tracing())
    for (const d of doc.drafts)
      note({
        stage: 'claims',
        what: 'claim',
        subject: `${label(d.claim.accuser)} → ${label(d.claim.accused)}`,
        detail: `from sentences ${d.findings.map((f) => f.sentenceIndex).join(', ')}`,
      });
}

/**
 * A patch or vulnerability story that mentions in passing who once used a flaw ("the flaw was
 * also used by APT28") reports no attribution: its claims made only of such sentences go.
 */
function withoutPassingMentions(doc: Doc, drafts: ClaimDraft[]): ClaimDraft[] {
  const vuln = doc.sentences.filter((s) => CLAIMS.vulnerabilityWording.test(s.text)).length;
  if (vuln < 3 || vuln / doc.sentences.length < 0.25) return drafts;
  return drafts.filter((d) => {
    const passing = d.claim.sentences.every((s) => CLAIMS.passingMention.test(s));
    if (passing)
      note({
        stage: 'claims',
        what: 'dropped: passing mention',
        pattern: CLAIMS.passingMention.id,
        subject: label(d.claim.accused),
      });
    return !passing;
  });
}

/** A party that is a group or an organ: more specific than its state. */
function specific(p: Party): boolean {
  return p.kind !== 'state' && !!p.country && (!!p.actor || p.kind !== 'unknown');
}

/**
 * One accusation, one claim: when an accuser names a group (or an organ) and the state behind it
 * for the same operation ("Mandiant tied the campaign to APT41, a Chinese state group… China
 * denied it"), the claim is against the group, the state kept in `accused.alsoNamed` (and as its
 * country) so that queries and filters by the state still find it.
 */
function oneClaimPerAccusation(doc: Doc, drafts: ClaimDraft[]): ClaimDraft[] {
  const out = [...drafts];
  for (const state of drafts) {
    const s = state.claim.accused;
    if (s.kind !== 'state' || !s.country || state.claim.counterAccusation) continue;
    const groups = out.filter(
      (d) =>
        d !== state &&
        specific(d.claim.accused) &&
        d.claim.accused.country === s.country &&
        accuserKey(d.claim.accuser) === accuserKey(state.claim.accuser),
    );
    if (!groups.length) continue;
    for (const g of groups) fold(doc, g, state);
    out.splice(out.indexOf(state), 1);
    note({
      stage: 'claims',
      what: 'state folded into its group',
      pattern: CLAIM_RULES.oneClaimPerAccusation.id,
      subject: `${label(s)} into ${groups.map((g) => label(g.claim.accused)).join(', ')}`,
    });
  }
  return out;
}

const EVIDENCE_RANK = { provided: 2, 'not-provided': 1, unspecified: 0 } as const;

/** The state's claim merged into the group's: sentences, outlets, findings, the stronger marks. */
function fold(doc: Doc, group: ClaimDraft, state: ClaimDraft): void {
  const g = group.claim;
  const s = state.claim;
  const position = new Map(doc.sentences.map((x) => [x.text, x.index]));
  g.accused = {
    ...g.accused,
    alsoNamed: [
      ...(g.accused.alsoNamed ?? []),
      { name: s.accused.name, kind: 'state', country: s.accused.country },
    ],
  };
  g.sentences = [...new Set([...g.sentences, ...s.sentences])].sort(
    (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0),
  );
  g.reportedBy = [...new Set([...g.reportedBy, ...s.reportedBy])];
  g.target ??= s.target;
  const actions = ACTION_RULES.map((r) => r.action);
  if (actions.indexOf(s.action) < actions.indexOf(g.action) && s.action !== 'other')
    g.action = s.action;
  if (g.action === 'other') g.action = s.action;
  if (EVIDENCE_RANK[s.evidence] > EVIDENCE_RANK[g.evidence]) g.evidence = s.evidence;
  for (const r of s.responses) if (!g.responses.some((x) => x.kind === r.kind)) g.responses.push(r);
  group.findings = [...group.findings, ...state.findings].sort(
    (a, b) => a.sentenceIndex - b.sentenceIndex,
  );
}

/**
 * A claim read only from commentators' remarks ("a professor in Beijing warned of more
 * aggressive American cyber operations") is commentary about a state, not an attribution the
 * article reports; one naming a group is kept, without an accuser ("a professor said APT28…").
 */
function withoutCommentary(drafts: ClaimDraft[]): ClaimDraft[] {
  return drafts.filter((d) => !d.findings.every((f) => f.commentary) || !!d.claim.accused.actor);
}

/** Distance from a finding to one with an accuser; text before counts less than text after. */
function distance(from: Finding, to: Finding): number {
  return to.sentenceIndex <= from.sentenceIndex
    ? from.sentenceIndex - to.sentenceIndex
    : (to.sentenceIndex - from.sentenceIndex) * 1.5 + 0.5;
}

/**
 * A finding with no accuser inherits the accuser of the nearest sentence that names one for the
 * same accused (the same actor first, then the same country), preferring earlier text.
 */
function inheritAccusers(findings: Finding[]): void {
  const withAccuser = findings.filter((f) => f.accuser && !f.selfClaim);
  // A commentator's remark takes no one's accusation as its own.
  findings = findings.filter((f) => !f.commentary);
  const nearest = (f: Finding, same: (g: Finding) => boolean): Party | undefined => {
    let best: Finding | undefined;
    for (const g of withAccuser) {
      if (!same(g)) continue;
      // Never the accused itself, nor (for a state-level accuser) the accused's own state.
      if (sameParty(g.accuser!, f.accused)) continue;
      if (
        g.accuser!.country &&
        g.accuser!.country === f.accused.country &&
        (g.accuser!.kind === 'state' || g.accuser!.kind === 'agency')
      )
        continue;
      if (distance(f, g) < (best ? distance(f, best) : Infinity)) best = g;
    }
    return best?.accuser ?? undefined;
  };
  for (const f of findings) {
    if (f.accuser || f.selfClaim) continue;
    f.accuser =
      nearest(f, (g) => accusedKey(g.accused) === accusedKey(f.accused)) ??
      (f.accused.country
        ? nearest(f, (g) => g.accused.country === f.accused.country)
        : undefined) ??
      null;
  }
}

/**
 * One claim per accuser → accused pair. A state and a group of that state stay separate claims
 * ("Britain blamed China" and "APT31 targeted MPs" are two attributions); an organ named with its
 * state ("China's MSS") was already folded into one party per sentence.
 */
function merge(findings: Finding[]): ClaimDraft[] {
  const groups = new Map<string, { f: Finding[]; accused: Party }>();
  for (const f of findings) {
    const key = `${accuserKey(f.accuser)}=>${accusedKey(f.accused)}`;
    const g = groups.get(key) ?? { f: [], accused: f.accused };
    g.f.push(f);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ f, accused }) => ({
    claim: draftClaim(f, accused),
    findings: f,
  }));
}

function draftClaim(f: Finding[], accused: Party): Claim {
  const first = f[0]!;
  const actions = f.map((x) => x.action);
  const target = f.find((x) => x.target)?.target ?? null;
  const self = f.find((x) => x.selfClaim);
  return {
    accuser: first.accuser,
    accused,
    target:
      target && !target.country && target.kind === 'agency' && first.accuser?.kind === 'state'
        ? { ...target, country: first.accuser.country }
        : target,
    action: ACTION_RULES.map((r) => r.action).find((a) => actions.includes(a)) ?? 'other',
    evidence: 'unspecified',
    // Weighed by the evidence stage; the field keeps its place in the output.
    confidence: 0,
    reportedBy: [...new Set(f.flatMap((x) => x.reportedBy))],
    sentences: [...new Set(f.map((x) => x.sentence))],
    responses: self ? [{ by: accused, kind: 'claim-of-responsibility', text: self.sentence }] : [],
  };
}

/**
 * A claim whose own sentences name no victim takes the one the story opens with ("…hackers broke
 * into the networks of Sony Pictures…"): most stories are about one operation.
 */
function leadTarget(doc: Doc, gaz: Gazetteer, claims: Claim[]): void {
  if (!claims.some((c) => !c.target)) return;
  let lead: Party | null = null;
  for (const s of doc.sentences) {
    if (s.paragraphIndex > 1) break;
    if (!s.cyber) continue;
    lead = findTarget(gaz, s.text, []);
    if (lead) break;
  }
  if (!lead) return;
  for (const c of claims)
    if (
      !c.target &&
      !sameParty(lead, c.accused) &&
      !(c.accuser && sameParty(lead, c.accuser)) &&
      !(lead.kind === 'state' && lead.country === c.accused.country)
    )
      c.target = lead;
}

/**
 * The sponsor the article names for a group anywhere ("APT29, part of Russia's SVR") holds for
 * every claim against that group, and so does the state of that sponsor (the article ties
 * "Ghostwriter" to the GRU).
 */
function sponsorsNamedAnywhere(findings: Finding[], claims: Claim[], gaz: Gazetteer): void {
  const sponsors = new Map<string, string>();
  for (const f of findings)
    if (f.accused.actor && f.accused.sponsor) sponsors.set(f.accused.actor, f.accused.sponsor);
  for (const c of claims) {
    const sponsor = c.accused.actor ? sponsors.get(c.accused.actor) : undefined;
    const state = sponsor ? gaz.resolve(sponsor)?.country : undefined;
    if (sponsor) c.accused = { ...c.accused, sponsor, ...(state ? { country: state } : {}) };
  }
}

/**
 * A company or person named with no state, in a story whose other side is one state only ("US
 * sanctions Chengdu company…; China's foreign ministry said…"), belongs to that state; else to
 * the state another claim gives the same name.
 */
function statesOfNamedParties(claims: Claim[], gaz: Gazetteer): void {
  const named = (p: Party) => (p.kind === 'company' || p.kind === 'person') && !p.actor;
  for (const c of claims) {
    if (c.accused.country || !named(c.accused)) continue;
    const sides = new Set<string>();
    for (const o of claims) {
      for (const p of [o.accused, o.accuser]) {
        if (!p?.country || p === c.accused || named(p) || p.kind === 'company') continue;
        if (p.kind === 'media') continue;
        if (gaz.country(p.country)?.bloc) continue;
        sides.add(p.country);
      }
    }
    if (c.accuser?.country) sides.delete(c.accuser.country);
    if (sides.size === 1) c.accused = { ...c.accused, country: [...sides][0]! };
  }
  for (const c of claims) {
    if (c.accused.country || !named(c.accused)) continue;
    const same = claims.find((o) => o.accused.country && o.accused.name === c.accused.name);
    if (same) c.accused = { ...c.accused, country: same.accused.country };
  }
}

/**
 * "The embassy said Washington should look at its own record, pointing to the NSA's
 * surveillance": a claim against the accusing side, voiced by an embassy or ministry named by
 * role alone, is the one accused side answering back.
 */
function embassyAnswers(claims: Claim[], gaz: Gazetteer): void {
  const accusingSides = new Set(
    claims
      .filter((c) => c.accuser?.country && c.accused.country !== c.accuser.country)
      .map((c) => c.accuser!.country!),
  );
  const accusedSides = new Set(
    claims
      .filter(
        (c) => c.accused.country && accusingSides.size && !accusingSides.has(c.accused.country),
      )
      .map((c) => c.accused.country!),
  );
  const side = accusedSides.size === 1 ? gaz.country([...accusedSides][0]!) : undefined;
  if (!side) return;
  for (const c of claims)
    if (
      !c.accuser &&
      c.accused.country &&
      accusingSides.has(c.accused.country) &&
      c.sentences.some((x) => RESPONSES.bareRoleVoice.test(x))
    )
      c.accuser = entityParty(side);
}
