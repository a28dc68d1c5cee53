/**
 * One sentence's roles: who is accused, who accuses, the target and the action, as findings —
 * one per accuser → accused pair.
 */
import type { Party } from '../../model';
import type { Finding, Sentence, Span } from '../document';
import { note, tracing } from '../explain';
import type { Gazetteer } from '../gazetteer';
import { accusedKey, accuserKey, governmental, label, sameParty } from '../parties';
import { ACTION_RULES } from '../patterns/actions';
import { ACCUSED } from '../patterns/accused';
import { ACCUSERS } from '../patterns/accusers';
import { EVIDENCE } from '../patterns/evidence';
import { RESPONSES } from '../patterns/responses';
import { unquoted } from '../segment';
import { pickAccusers, type Scored, scoreAccusers } from './accusers';
import {
  counterRhetoric,
  foldOrganOwners,
  foldOwnedOrgans,
  joinCoordinated,
  type SentenceRoles,
  sortMentions,
} from './coordination';
import { namedDefendants } from './defendants';
import { blamedItsOrgan, describeGroups } from './groups';
import { findTarget } from './target';

/** What reading the sentences before this one has left. */
export interface Reading {
  /** The sentence's paragraph, or the lead before it, speaks of a cyber operation. */
  paragraphIsCyber: boolean;
  lastAccused: Party | null;
  lastSpeaker: Party | null;
  /** People named in full before, by each of their names ("Guan"). */
  people: Map<string, Party>;
}

export function sentenceFindings(s: Sentence, gaz: Gazetteer, r: Reading): Finding[] {
  if (skipped(s, r)) return [];
  const roles = sortMentions(s);
  foldOwnedOrgans(s, roles);
  joinCoordinated(s, roles);
  counterRhetoric(s, roles);
  foldOrganOwners(s, roles);
  const { accused, candidates } = roles;
  for (const g of s.groups) accused.push({ ...g });
  // Companies and people a government sanctions, charges or ties to the operation.
  const context = { ...r, cyberContext: s.cyber || r.paragraphIsCyber };
  for (const d of namedDefendants(s, context))
    if (!accused.some((a) => a.tokenStart < d.tokenEnd && d.tokenStart < a.tokenEnd))
      accused.push(d);
  describeGroups(s, accused);
  blamedItsOrgan(s, accused);
  // Light coreference: "the group said…", "the hackers, who…".
  if (accused.length === 0 && r.lastAccused && ACCUSED.coref.test(s.text)) {
    accused.push({ party: r.lastAccused, tokenStart: -1, tokenEnd: -1 });
    note({
      stage: 'roles',
      what: 'accused',
      pattern: ACCUSED.coref.id,
      subject: label(r.lastAccused),
    });
  }
  if (accused.length === 0 || !attributes(s, roles)) return [];
  const reportedBy: string[] = [];
  const commentary = commentatorSpeaks(s);
  const scored = scoreAccusers(
    s,
    accused,
    // A commentator's place or employer ("a professor … in Beijing") does not speak.
    commentary
      ? candidates.filter((c) => c.party.kind !== 'state' && c.party.kind !== 'agency')
      : candidates,
    reportedBy,
  );
  const accusers = commentary
    ? [null]
    : pickAccusers(s, scored, candidates, accused, r.lastSpeaker);
  const out = findings(s, gaz, accused, pairsOf(s, accused, accusers, scored), reportedBy);
  for (const f of out) f.commentary = commentary;
  return out;
}

/** Whether the sentence's speaker is a commentator (the word stands before its first speech verb). */
export function commentatorSpeaks(s: Sentence): boolean {
  const m = ACCUSERS.commentator.exec(s.text);
  if (!m) return false;
  const verb = s.tokens.find(
    (t) => ACCUSERS.speechVerb.test(t.norm) && !ACCUSERS.auxiliary.test(t.norm),
  );
  return !verb || m.index < verb.start;
}

/** Sentences that cannot hold a claim: no one claimed, nothing cyber, a hypothetical. */
function skipped(s: Sentence, r: Reading): boolean {
  const text = s.text;
  const hasActor = s.mentions.some((m) => m.entity.type === 'actor');
  if (ACCUSED.noResponsibility.test(text) && !hasActor) return true;
  const corefers = !!r.lastAccused && ACCUSED.coref.test(text);
  // In a cyber story, "the attack", "the breach" refer to its cyber event.
  const eventRef = ACCUSED.eventRef.test(text);
  if (!s.cyber && !hasActor && !r.paragraphIsCyber && !corefers && !eventRef) return true;
  return (
    ACCUSED.hypothetical.test(text) && !/\b(said|says|blamed|accused|attributed)\b/i.test(text)
  );
}

/** A self-claim: "… claimed responsibility", not "no group has claimed…". */
function selfClaimIn(text: string): boolean {
  return RESPONSES.responsibilityCue.test(text) && !ACCUSED.noResponsibility.test(text);
}

/**
 * Does the sentence actually attribute? An attribution word, a party tied by a phrase, an
 * actor named beside a speech verb, or a self-claim.
 */
function attributes(s: Sentence, roles: SentenceRoles): boolean {
  const hasActor = s.mentions.some((m) => m.entity.type === 'actor');
  return (
    selfClaimIn(s.text) ||
    roles.tiedByPhrase ||
    // A group no list knows, named as a group in a cyber story, is named as the one behind it.
    s.groups.some((g) => g.surelyGroup) ||
    // "Minister X said the groups, which researchers call APT27 and APT31, undermined…"
    (hasActor &&
      s.tokens.some(
        (t) => ACCUSERS.speechVerb.test(t.norm) && !/^(has|have|had|is|was|were|are)$/.test(t.norm),
      )) ||
    ACCUSERS.attributionWord.test(s.text)
  );
}

/**
 * Accuser → accused pairs. "Chinese agencies dismissed the group Washington calls Volt Typhoon
 * and accused the United States of…": when every accuser found is the accused itself, the next
 * speaker accuses it. "Moscow says Berlin has shown no proof for 'Ghostwriter' hacking claim": a
 * group named as the subject of someone else's claim, in an answer, is not accused by the one
 * answering.
 */
function pairsOf(
  s: Sentence,
  accused: Span[],
  accusers: (Party | null)[],
  scored: Scored[],
): [Party | null, Span][] {
  const { text, tokens } = s;
  const pairs: [Party | null, Span][] = [];
  let answeringMemo: boolean | undefined;
  const answering = () =>
    (answeringMemo ??=
      RESPONSES.denialCue.test(unquoted(text).text) || EVIDENCE.notProvided.test(text));
  for (const a of accused) {
    if (
      a.tokenEnd > 0 &&
      ACCUSED.namedInClaim.test(text.slice(tokens[a.tokenEnd - 1]!.end).trimStart()) &&
      answering()
    ) {
      pairs.push([null, a]);
      continue;
    }
    const own = accusers.filter((p) => p && !sameParty(p, a.party));
    if (own.length || accusers.every((p) => !p)) {
      for (const p of accusers) pairs.push([p ?? null, a]);
      continue;
    }
    const next = scored.find(
      (x) =>
        !sameParty(x.c.party, a.party) &&
        !(x.c.party.country && x.c.party.country === a.party.country),
    );
    if (next) pairs.push([next.c.party, a]);
  }
  return pairs;
}

/** One finding per distinct pair; a party never accuses itself, nor a state its own organs. */
function findings(
  s: Sentence,
  gaz: Gazetteer,
  accused: Span[],
  pairs: [Party | null, Span][],
  reportedBy: string[],
): Finding[] {
  const action = ACTION_RULES.find((r) => r.pattern.test(s.text))?.action ?? 'other';
  const target = findTarget(
    gaz,
    s.text,
    accused.map((a) => a.party),
  );
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const [accuser, a] of pairs) {
    if (accuser && sameParty(accuser, a.party)) continue;
    // A state does not attribute to its own organs ("the NSA's Tailored Access Operations").
    if (
      accuser &&
      governmental(accuser) &&
      governmental(a.party) &&
      !!accuser.country &&
      accuser.country === a.party.country
    )
      continue;
    const key = `${accuserKey(accuser)}=>${accusedKey(a.party)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      accuser,
      accuserCountry: accuser?.country ?? null,
      accused: a.party,
      sentence: s.text,
      sentenceIndex: s.index,
      paragraphIndex: s.paragraphIndex,
      reportedBy,
      target,
      action,
      selfClaim: selfClaimIn(s.text),
      commentary: false,
    });
    if (tracing())
      note({
        stage: 'roles',
        what: 'finding',
        sentence: s.index,
        subject: `${label(accuser)} → ${label(a.party)}`,
        detail: `action ${action}${target ? `, target ${target.name}` : ''}`,
      });
  }
  return out;
}
