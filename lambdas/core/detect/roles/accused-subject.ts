/**
 * Accused rules that read the words after a state or organ: the subject of an operation verb
 * ("Russia was behind…", "China hacked…"), counter-accusation rhetoric, an organ that claims an
 * operation or is named with its unit.
 */
import { ACCUSED } from '../patterns/accused';
import { DESCRIBE } from '../patterns/describe';
import { SUBJECT } from '../patterns/subject';
import { RESPONSES } from '../patterns/responses';
import type { AccusedRule, Verdict } from './accused';
import type { MentionView } from './mention-view';

/**
 * Where the subject ends: past a possessive head noun ("the North Korean government", "Russia's
 * government"), a coordinated party and an appositive ("Iran and its Quds Force, an elite unit
 * of the Revolutionary Guard, were responsible").
 */
function subjectEnd(v: MentionView): number {
  const { m, s, tokens } = v;
  let subjEnd = m.tokenEnd;
  if (tokens[subjEnd]?.norm === 's' && m.possessive) subjEnd++;
  if (SUBJECT.stateNounAfter.test(tokens[subjEnd]?.norm ?? '')) subjEnd++;
  else if (subjEnd !== m.tokenEnd) subjEnd = m.tokenEnd;
  // "Russian security service", "the Chinese spy agency": an organ the gazetteer does not name.
  if (
    SUBJECT.organModifier.test(tokens[subjEnd]?.norm ?? '') &&
    SUBJECT.organHead.test(tokens[subjEnd + 1]?.norm ?? '')
  )
    subjEnd += 2;
  // "The United States government (NSA) is hacking…": a short form in parentheses.
  const paren = /^\s*\(([^()]{1,40})\)/.exec(s.text.slice(tokens[subjEnd - 1]!.end));
  if (paren) {
    const endChar = tokens[subjEnd - 1]!.end + paren[0].length;
    const idx = tokens.findIndex((t) => t.start >= endChar);
    subjEnd = idx < 0 ? tokens.length : idx;
  }
  for (let hop = 0; hop < 3 && subjEnd < tokens.length; hop++) {
    let k = subjEnd;
    if (/^(and|or)$/.test(tokens[k]?.norm ?? '')) {
      k++;
      if (/^(its|their|the)$/.test(tokens[k]?.norm ?? '')) k++;
      const next = s.mentions.find((o) => o.tokenStart === k);
      if (next && next.entity.type !== 'outlet' && next.entity.type !== 'vendor') {
        subjEnd = next.tokenEnd;
        // "North Korea or pro-North Korean group(s) jams…": the other party's own head noun.
        while (
          subjEnd < tokens.length &&
          subjEnd - next.tokenEnd < 2 &&
          /^(?:groups?|hackers|s)$/.test(tokens[subjEnd]!.norm)
        )
          subjEnd++;
        continue;
      }
      // "…or pro-North Korean groups": a sympathizer of the other party.
      if (tokens[k]?.norm === 'pro' && tokens[k + 1]?.norm === '-') {
        const other = s.mentions.find((o) => o.tokenStart === k + 2);
        if (other) {
          subjEnd = other.tokenEnd;
          while (
            subjEnd < tokens.length &&
            subjEnd - other.tokenEnd < 2 &&
            /^(?:groups?|hackers|s)$/.test(tokens[subjEnd]!.norm)
          )
            subjEnd++;
          continue;
        }
      }
    }
    const appositive = SUBJECT.appositive.exec(s.text.slice(tokens[subjEnd - 1]!.end));
    if (appositive) {
      const endChar = tokens[subjEnd - 1]!.end + appositive[0].length;
      const idx = tokens.findIndex((t) => t.start >= endChar);
      if (idx > subjEnd) {
        subjEnd = idx;
        continue;
      }
    }
    break;
  }
  return subjEnd;
}

const afterSubject = new WeakMap<MentionView, string>();

/** The ten words after the subject, normalized (read once per mention). */
export function wordsAfterSubject(v: MentionView): string {
  let words = afterSubject.get(v);
  if (words === undefined) {
    const end = subjectEnd(v);
    words = v.tokens
      .slice(end, end + 10)
      .map((t) => t.norm)
      .join(' ');
    afterSubject.set(v, words);
  }
  return words;
}

/** "Russia was behind", "China hacked", "Iran is responsible" — not "China was hacked". */
function doerOfOperation(v: MentionView): Verdict {
  // "servers in Latvia attacked…": a place inside a noun phrase is not the verb's subject
  // ("hackers from Russia attacked…" is read by the agent rules).
  const prev = v.before.map((t) => t.norm);
  if (
    SUBJECT.placePreposition.test(prev[prev.length - 1] ?? '') &&
    !ACCUSED.hackerNoun.test(prev[prev.length - 2] ?? '')
  )
    return undefined;
  const next = wordsAfterSubject(v);
  return !SUBJECT.victimOf.test(next) && SUBJECT.doerOfOperation.test(next) ? true : undefined;
}

/** "the United States is itself the world's biggest hacker", "Washington, the real empire of hacking". */
function biggestHacker(v: MentionView): Verdict {
  const next = wordsAfterSubject(v);
  return SUBJECT.biggestHacker.test(next) || SUBJECT.empireOfHacking.test(next) ? true : undefined;
}

/** "Ukraine's military intelligence agency, the HUR, claimed responsibility for…". */
function organClaims(v: MentionView): Verdict {
  return RESPONSES.responsibilityCue.test(v.s.text) && SUBJECT.organClaims.test(v.rest)
    ? true
    : undefined;
}

/**
 * "GRU Unit 74455", "FSB officers hacked…": an organ named with a unit, or with its officers
 * doing an operation ("FBI agents investigated…" accuse no one).
 */
function organUnit(v: MentionView): Verdict {
  if (v.e.type !== 'organ' || !SUBJECT.organUnit.test(v.after[0]?.norm ?? '')) return undefined;
  return DESCRIBE.lawEnforcementPeople.test(v.after[0]!.norm) ? operationAfter(v, 0) : true;
}

/** Whether the people named k words after the mention are charged, or do an operation. */
export function operationAfter(v: MentionView, k: number): boolean {
  const { m, before, tokens } = v;
  if (
    before.some((t) => ACCUSED.chargeVerb.test(t.norm) || /^(?:indictments?|charges)$/.test(t.norm))
  )
    return true;
  const rest = tokens
    .slice(m.tokenEnd + k + 1, m.tokenEnd + k + 5)
    .map((t) => t.norm)
    .join(' ');
  // "…officers, over the hacking of…": charged over an operation.
  return (
    DESCRIBE.servicesOperation.test(rest) ||
    /^to (?:spy|hack|target|attack|infect|surveil|monitor|steal|break into|eavesdrop)\b/.test(
      rest,
    ) ||
    /^(?:over|for) (?:the )?(?:hack|hacking|cyber|breach|intrusion|attack)/.test(rest)
  );
}

export const SUBJECT_RULES: AccusedRule[] = [
  { id: SUBJECT.doerOfOperation.id, decide: doerOfOperation },
  { id: SUBJECT.biggestHacker.id, decide: biggestHacker },
  { id: SUBJECT.organClaims.id, decide: organClaims },
  { id: SUBJECT.organUnit.id, decide: organUnit },
];
