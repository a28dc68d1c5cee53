/**
 * A sentence's mentions sorted into the accused and the possible accusers, then folded and
 * joined: an organ with its owning state is one party, coordinated parties share a role, and
 * counter-accusation rhetoric names the state before it.
 */
import type { Candidate, Sentence, Span } from '../document';
import { note, tracing } from '../explain';
import { entityParty, label } from '../parties';
import type { Mention } from '../gazetteer';
import { ACCUSED } from '../patterns/accused';
import { DESCRIBE } from '../patterns/describe';
import { NOT_ACCUSED } from '../patterns/not-accused';
import { SUBJECT } from '../patterns/subject';
import { ACCUSED_RULES } from '../patterns/rules';
import { isAccusedMention } from './accused';

export interface SentenceRoles {
  accused: Span[];
  candidates: Candidate[];
  /** A state or organ was tied to the operation by the phrase around it: itself an attribution. */
  tiedByPhrase: boolean;
}

/** Actors are accused; outlets, vendors and people may speak; states and organs by their words. */
export function sortMentions(s: Sentence): SentenceRoles {
  const roles: SentenceRoles = { accused: [], candidates: [], tiedByPhrase: false };
  for (const m of s.mentions) {
    // A state named inside a group's name ("the Turkish Crime Family") is the group's.
    if (s.groups.some((g) => g.tokenStart <= m.tokenStart && m.tokenEnd <= g.tokenEnd)) continue;
    const e = m.entity;
    const span = { party: entityParty(e), tokenStart: m.tokenStart, tokenEnd: m.tokenEnd };
    if (e.type === 'actor') {
      if (actorIsVictim(s, m)) continue;
      roles.accused.push(span);
    } else if (e.type === 'outlet') roles.candidates.push({ ...span, outlet: true });
    else if (e.type === 'vendor' || e.type === 'person')
      roles.candidates.push({ ...span, outlet: false });
    else if (isAccusedMention(m, s)) {
      roles.accused.push(span);
      roles.tiedByPhrase = true;
    } else roles.candidates.push({ ...span, outlet: false });
  }
  return roles;
}

/** "Anonymous and LulzSec have both been the targets of attacks by GCHQ": a group as a victim. */
function actorIsVictim(s: Sentence, m: Mention): boolean {
  // "hackers took over Owlnet, the chat forum of the hacker group Anonymous".
  const before = s.text.slice(Math.max(0, m.start - 90), m.start);
  if (DESCRIBE.objectOfOperation.test(before.replace(/,\s+(?:the|a|an)\s+/g, ' the '))) return true;
  // "Pegasus, spyware made by Israel's NSO Group": the seller of the tool.
  if (
    NOT_ACCUSED.toolmaker.admits(s.text) &&
    NOT_ACCUSED.toolmaker.test(before.replace(/\b[\p{Lu}][\p{L}]+['’]s\s*$/u, ''))
  )
    return true;
  let end = m.tokenEnd;
  if (/^(and|or)$/.test(s.tokens[end]?.norm ?? '')) {
    const next = s.mentions.find((o) => o.tokenStart === end + 1 && o.entity.type === 'actor');
    if (next) end = next.tokenEnd;
  }
  const words = s.tokens
    .slice(end, end + 10)
    .map((t) => t.norm)
    .join(' ');
  return SUBJECT.victimOf.test(words);
}

/** "China's Ministry of State Security", "Russia's GRU": an organ owned by an accused state is accused. */
export function foldOwnedOrgans(s: Sentence, { accused, candidates }: SentenceRoles): void {
  const tokens = s.tokens;
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!;
    if (c.outlet || c.party.kind !== 'agency') continue;
    const owner = accused.find(
      (a) =>
        a.tokenEnd === c.tokenStart - 1 &&
        tokens[a.tokenEnd]?.norm === 's' &&
        a.party.kind === 'state',
    );
    if (owner && owner.party.country === c.party.country) {
      accused.splice(accused.indexOf(owner), 1, {
        party: c.party,
        tokenStart: owner.tokenStart,
        tokenEnd: c.tokenEnd,
      });
      candidates.splice(i, 1);
    }
  }
}

/** "…carried out by North Korea, the FBI said": the party after the comma speaks. */
const SPEAKS_NEXT =
  /^\s*(?:[\w'’.-]+\s+){0,3}?(?:said|says|told|added|concluded|concludes|stated|assessed|assesses|believes|wrote|announced|found|determined|reported|warned|alleged|argued|insisted|confirmed|noted|claimed)\b/;

/**
 * "Russia and Iran continue to conduct cyber operations": coordinated parties share the role
 * ("Russia, China and Iran…": repeated until no more join, as the list joins from its end).
 */
export function joinCoordinated(s: Sentence, { accused, candidates }: SentenceRoles): void {
  const { text, tokens } = s;
  for (let joinedAny = true; joinedAny;) {
    joinedAny = false;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (c.outlet || (c.party.kind !== 'state' && c.party.kind !== 'agency')) continue;
      if (SPEAKS_NEXT.test(text.slice(tokens[c.tokenEnd - 1]!.end))) continue;
      if (accused.some((a) => coordinated(s, a, c))) {
        accused.push({ party: c.party, tokenStart: c.tokenStart, tokenEnd: c.tokenEnd });
        candidates.splice(i--, 1);
        joinedAny = true;
        if (tracing())
          note({
            stage: 'roles',
            what: 'accused',
            pattern: ACCUSED_RULES.coordination.id,
            sentence: s.index,
            subject: label(c.party),
          });
      }
    }
  }
}

/** Whether an accused state or agency and a candidate stand in one list. */
function coordinated(s: Sentence, a: Span, c: Candidate): boolean {
  const { text, tokens } = s;
  const [from, to] =
    a.tokenStart >= c.tokenEnd ? [c.tokenEnd, a.tokenStart] : [a.tokenEnd, c.tokenStart];
  if (to < from || to - from > 2) return false;
  const between = text.slice(tokens[from - 1]!.end, tokens[to]!.start);
  // A bare comma joins only inside a list that goes on ("Russia, China and Iran"), not
  // "According to the White House, North Korean IT workers…".
  const later = a.tokenStart >= c.tokenEnd ? a : c;
  const commaOnly = /^\s*,\s*(?:the\s+)?$/.test(between);
  return (
    /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$/.test(between) &&
    (!commaOnly ||
      // …or restates the same side ("the GRU, Russia's military intelligence agency").
      (!!a.party.country && a.party.country === c.party.country) ||
      /^\s*,?\s*(?:and|or)\s|^\s*,\s*(?:the\s+)?\p{Lu}/u.test(
        text.slice(tokens[later.tokenEnd - 1]!.end),
      )) &&
    (a.party.kind === 'state' || a.party.kind === 'agency')
  );
}

/**
 * "…the United States cannot change the fact that it is itself the empire of hacking": the
 * rhetoric names the last state before it, even through a pronoun.
 */
export function counterRhetoric(s: Sentence, { accused, candidates }: SentenceRoles): void {
  const { text, tokens } = s;
  const rhetoric = ACCUSED.counterRhetoric.exec(text);
  if (!rhetoric || accused.some((a) => a.party.kind === 'state')) return;
  const before = candidates.filter(
    (c) => !c.outlet && c.party.kind === 'state' && tokens[c.tokenStart]!.start < rhetoric.index,
  );
  const target = before[before.length - 1];
  if (
    target &&
    (before.length > 1 ||
      !/^\s*(?:\S+\s+){0,2}(?:said|says|told|added|argued|insisted)\b/.test(
        text.slice(tokens[target.tokenEnd - 1]!.end),
      ))
  ) {
    accused.push({ party: target.party, tokenStart: target.tokenStart, tokenEnd: target.tokenEnd });
    candidates.splice(candidates.indexOf(target), 1);
  }
}

/** "Iran's Revolutionary Guards", both tied to hacking: one party, the organ. */
export function foldOrganOwners(s: Sentence, { accused }: SentenceRoles): void {
  for (const o of [...accused]) {
    if (o.party.kind !== 'agency') continue;
    const owner = accused.find(
      (a) =>
        a.party.kind === 'state' &&
        a.party.country === o.party.country &&
        a.tokenEnd === o.tokenStart - 1 &&
        s.tokens[a.tokenEnd]?.norm === 's',
    );
    if (owner) accused.splice(accused.indexOf(owner), 1);
  }
}
