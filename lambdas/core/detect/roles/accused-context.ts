/**
 * Accused rules that read the words before a state or organ: "hackers working for …", "linked
 * to …", "blamed …", "on behalf of …", "developed by …".
 */
import { CYBER_CUE } from '../lexicon';
import { ACCUSED } from '../patterns/accused';
import { ACCUSED_RULES } from '../patterns/rules';
import { CONTEXT } from '../patterns/context';
import { NOT_ACCUSED } from '../patterns/not-accused';
import type { AccusedRule, Verdict } from './accused';
import type { MentionView } from './mention-view';

/** "Microsoft has linked Cotton Sandstorm to Iran's Revolutionary Guard": the group's owner. */
function linkedActorOwner(v: MentionView): Verdict {
  const { s, tokens, ctxStart } = v;
  const linkedActor = s.mentions
    .filter((o) => o.entity.type === 'actor' && o.tokenEnd <= ctxStart)
    .pop();
  if (
    linkedActor &&
    /^(?:to|with)(?: the)?$/.test(
      tokens
        .slice(linkedActor.tokenEnd, ctxStart)
        .map((t) => t.norm)
        .join(' '),
    ) &&
    CONTEXT.linkedActorVerb.test(tokens[linkedActor.tokenStart - 1]?.norm ?? '')
  )
    return true;
  return undefined;
}

/** "linked to", "attributed the attack to", "pinned the hack on" — not a place or a quote. */
function tiedTo(v: MentionView): Verdict {
  const { after, m, s } = v;
  const locatesOnly =
    // "figures it attributed to the London-based institute": a place, not the state.
    (after[0]?.norm === '-' &&
      after[1]?.norm === 'based' &&
      !after.slice(2, 5).some((t) => ACCUSED.hackerNoun.test(t.norm))) ||
    // "false remarks attributed to Qatar's ruler": words put in a mouth, not an operation.
    CONTEXT.attributedRemarks.test(s.text.slice(Math.max(0, m.start - 80), m.start));
  return !locatesOnly && CONTEXT.tiedTo.test(v.beforeNorm) ? true : undefined;
}

/** "an event backed by the White House": sponsorship of something that is not an operation. */
function sponsorshipOfOther(v: MentionView): Verdict {
  const sponsorship = CONTEXT.sponsoredBy.exec(v.beforeNorm);
  if (!sponsorship) return undefined;
  const head = v.ctx.slice(0, -sponsorship[0].split(' ').length).slice(-3);
  const ok =
    head.some((t) => ACCUSED.hackerNoun.test(t.norm) || CONTEXT.sponsoredWho.test(t.norm)) ||
    v.s.mentions.some(
      (o) =>
        o.entity.type === 'actor' &&
        o.tokenEnd <= v.m.tokenStart &&
        v.m.tokenStart - o.tokenEnd <= 6,
    );
  return ok ? undefined : false;
}

/** "hackers working for", "on behalf of", "a unit of" — not an institution's place in its government. */
function agentOf(v: MentionView): Verdict {
  const institutionPart =
    /\bpart of(?: the)?$/.test(v.beforeNorm) &&
    CONTEXT.institutionPart.test(v.s.text.slice(Math.max(0, v.m.start - 80), v.m.start));
  if (institutionPart || !CONTEXT.agentOf.test(v.beforeNorm)) return undefined;
  // "servers tied to the French election": the state qualifies the victim.
  if (NOT_ACCUSED.victimNounAfter.test(v.after[0]?.norm ?? '')) return undefined;
  // "evidence gathered by investigators, with help from NATO allies": help to the inquiry.
  const before = v.s.text.slice(Math.max(0, v.m.start - 100), v.m.start);
  return CONTEXT.helpToInquiry.test(before) || NOT_ACCUSED.requestOfLaw.test(before)
    ? undefined
    : true;
}

/**
 * "the operation… was developed by the National Security Agency", "the worm was built by Unit
 * 8200": an operation made by a state; "an exploit developed by the NSA" is only a tool.
 */
function madeBy(v: MentionView): Verdict {
  if (!CONTEXT.madeBy.test(v.beforeNorm)) return undefined;
  const head = CONTEXT.madeWhat.exec(v.s.text.slice(0, v.m.start));
  return head && !CONTEXT.madeTool.test(head[1]!) ? true : undefined;
}

/** "…hacked email accounts to order for China's Ministry of Public Security": done for an organ. */
function doneForOrgan(v: MentionView): Verdict {
  return v.e.type === 'organ' &&
    CONTEXT.doneFor.test(v.beforeNorm) &&
    CONTEXT.doneForOperation.test(v.s.text.slice(0, v.m.start))
    ? true
    : undefined;
}

/**
 * "charging two Russian nationals with hacking", "Palestinian charged for helping a group break
 * into drones": people of a state charged over an operation.
 */
function chargedNationals(v: MentionView): Verdict {
  const { m, after, before, s, e } = v;
  const charged =
    (CONTEXT.chargedPeople.test(after[0]?.norm ?? '') &&
      before.slice(-3).some((t) => ACCUSED.chargeVerb.test(t.norm))) ||
    // The demonym as a noun, the subject of a charge: "Palestinian charged…", "Russian indicted…".
    CONTEXT.chargedSubject.test(after[0]?.norm ?? '');
  return m.form === 'demonym' &&
    charged &&
    CYBER_CUE.test(s.text.slice(m.end)) &&
    // "…on behalf of the Islamic Revolutionary Guard Corps": the organ is the accused.
    !s.mentions.some((o) => o.entity.type === 'organ' && o.entity.country === e.country)
    ? true
    : undefined;
}

/** "Albania cut diplomatic ties with Iran over a July cyberattack": a state answered for one. */
function cutTies(v: MentionView): Verdict {
  return CONTEXT.cutTies.test(v.beforeNorm) && CONTEXT.cutTiesOver.test(v.rest) ? true : undefined;
}

/** The words before the mention, "the" left out. */
function previousWords(v: MentionView): [string, string] {
  const prev = v.before.map((t) => t.norm).filter((w) => w !== 'the');
  return [prev[prev.length - 1] ?? '', prev[prev.length - 2] ?? ''];
}

/** "blamed China", "accused Russia of" — about a cyber operation, not "exaggerating threats". */
function accusationObject(v: MentionView): Verdict {
  const [p1] = previousWords(v);
  if (!CONTEXT.accusationVerb.test(p1)) return undefined;
  // "Latvia accused Russia, but…": a bare accusation in a sentence that is about the operation.
  const bare = v.s.cyber && CONTEXT.bareAccusation.test(v.rest);
  return bare ||
    CYBER_CUE.test(v.rest) ||
    ACCUSED.eventRef.test(v.rest) ||
    CONTEXT.digitalSpying.test(v.rest)
    ? true
    : undefined;
}

/** "…technical information linking the GRU to the attacks". */
function linkingTo(v: MentionView): Verdict {
  const [p1] = previousWords(v);
  return CONTEXT.linkingVerb.test(p1) &&
    /^\s*(?:[\w'’-]+\s+){0,3}?to\b/.test(v.rest) &&
    (CYBER_CUE.test(v.rest) || ACCUSED.eventRef.test(v.rest))
    ? true
    : undefined;
}

/** "accusations against the U.S.", "pointed the finger at Iran". */
function accusationAgainst(v: MentionView): Verdict {
  const [p1, p2] = previousWords(v);
  return /^(against|at)$/.test(p1) && CONTEXT.accusationAgainst.test(p2) ? true : undefined;
}

export const CONTEXT_RULES: AccusedRule[] = [
  { id: ACCUSED_RULES.linkedActorOwner.id, decide: linkedActorOwner },
  { id: CONTEXT.tiedTo.id, decide: tiedTo },
  { id: CONTEXT.sponsoredBy.id, decide: sponsorshipOfOther },
  { id: CONTEXT.agentOf.id, decide: agentOf },
  { id: CONTEXT.origin.id, decide: (v) => (CONTEXT.origin.test(v.beforeNorm) ? true : undefined) },
  {
    id: CONTEXT.byAgent.id,
    decide: (v) => (CONTEXT.byAgent.test(v.beforeNorm) ? true : undefined),
  },
  {
    id: CONTEXT.operatesFrom.id,
    decide: (v) => {
      const before = v.s.text.slice(Math.max(0, v.m.start - 80), v.m.start);
      if (!CONTEXT.operatesFrom.test(before)) return undefined;
      return NOT_ACCUSED.victimsBasedIn.test(before) ? false : true;
    },
  },
  {
    id: CONTEXT.usedBy.id,
    decide: (v) =>
      CONTEXT.usedBy.test(v.beforeNorm) &&
      /^[^.;]{0,40}?\bto (?:spy|hack|target|attack|infect|surveil|monitor|steal|break|eavesdrop|track)/i.test(
        v.rest,
      )
        ? true
        : undefined,
  },
  { id: CONTEXT.madeBy.id, decide: madeBy },
  { id: CONTEXT.doneFor.id, decide: doneForOrgan },
  { id: CONTEXT.chargedPeople.id, decide: chargedNationals },
  { id: CONTEXT.cutTies.id, decide: cutTies },
  { id: CONTEXT.accusationVerb.id, decide: accusationObject },
  { id: CONTEXT.linkingVerb.id, decide: linkingTo },
  { id: CONTEXT.accusationAgainst.id, decide: accusationAgainst },
];
