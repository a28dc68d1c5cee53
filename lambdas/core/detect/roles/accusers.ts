/**
 * The accuser of a sentence: who speaks or accuses — "X said", "according to X", "allegations
 * from X", "X blamed …", a trailing ", X officials said." Coordinated accusers ("the US, Britain
 * and the EU accused…") all count; outlets that only report go to `reportedBy`.
 */
import type { Party } from '../../model';
import type { Candidate, Sentence, Span } from '../document';
import { fired, note, tracing } from '../explain';
import { label, sameParty } from '../parties';
import { ACCUSERS } from '../patterns/accusers';
import { ACCUSER_RULES } from '../patterns/rules';
import { namedSpeaker } from './speakers';

export interface Scored {
  c: Candidate;
  score: number;
  /** Why it scored: the pattern that made it a speaker or source. */
  by: string;
}

/** A capitalized word, as in a name: "Zhao", "Lijian". */
export const CAP_WORD = /^\p{Lu}[\p{L}'’-]+$/u;

/** Whether a token index falls inside an accused span. */
export function inSpans(spans: Span[], i: number): boolean {
  return spans.some((a) => i >= a.tokenStart && i < a.tokenEnd);
}

/** Scores every candidate that is not itself accused; outlets that report go to `reportedBy`. */
export function scoreAccusers(
  s: Sentence,
  accused: Span[],
  candidates: Candidate[],
  reportedBy: string[],
): Scored[] {
  const firstAccused = Math.min(
    ...accused.map((a) => (a.tokenStart === -1 ? s.tokens.length : a.tokenStart)),
  );
  const according = /\baccording to\b/i.exec(s.text);
  const scored: Scored[] = [];
  for (const c of candidates) {
    if (inSpans(accused, c.tokenStart)) continue;
    const { score, by } = scoreCandidate(s, c, firstAccused, according);
    // An outlet that speaks of its own systems being hacked is the victim accusing, not a reporter.
    const selfVictim =
      c.outlet &&
      score >= 2.5 &&
      ACCUSERS.ownSystems.test(s.text.slice(s.tokens[c.tokenEnd - 1]!.end));
    if (c.outlet && !selfVictim) {
      if (score > 0 || ACCUSERS.reporting.test(s.text))
        if (!reportedBy.includes(c.party.name)) reportedBy.push(c.party.name);
      continue;
    }
    // An institution that speaks outranks an official quoted in the same sentence.
    if (score > 0) scored.push({ c, score: c.party.kind === 'person' ? score - 0.75 : score, by });
  }
  scored.sort((a, b) => b.score - a.score || a.c.tokenStart - b.c.tokenStart);
  return scored;
}

/** Where the words after a candidate start: past a relative clause ("Microsoft, which helped…, said"). */
function afterStartOf(s: Sentence, c: Candidate): { afterStart: number; rel: boolean } {
  const { text, tokens } = s;
  const rel = /^\s*,\s*(?:which|who|whose|that|where)\b[^,]{0,120},/.exec(
    text.slice(tokens[c.tokenEnd - 1]!.end),
  );
  if (rel) {
    const endChar = tokens[c.tokenEnd - 1]!.end + rel[0].length;
    const idx = tokens.findIndex((t) => t.start >= endChar);
    if (idx > 0) return { afterStart: idx, rel: true };
  }
  return { afterStart: c.tokenEnd, rel: !!rel };
}

/**
 * The number of words in the accuser-noun run after a candidate ("officials", "foreign ministry
 * spokesperson", a holder's name: "the US director of national intelligence, John Ratcliffe,").
 */
function nounRunLength(s: Sentence, after: string[], afterStart: number): number {
  const { tokens } = s;
  let k = 0;
  while (
    k < after.length &&
    (ACCUSERS.accuserNoun.test(after[k]!) ||
      ACCUSERS.accuserAdj.test(after[k]!) ||
      ACCUSERS.nounRun.test(after[k]!) ||
      (k > 0 &&
        ACCUSERS.accuserNoun.test(after[k - 1]!) &&
        CAP_WORD.test(tokens[afterStart + k]!.raw) &&
        CAP_WORD.test(tokens[afterStart + k + 1]?.raw ?? '')) ||
      (k > 1 &&
        CAP_WORD.test(tokens[afterStart + k - 1]!.raw) &&
        CAP_WORD.test(tokens[afterStart + k]!.raw) &&
        ACCUSERS.accuserNoun.test(after[k - 2]!)))
  )
    k++;
  return k;
}

const LEAKED = /\b(?:leaked|stolen|hacked|secret|classified|top-secret)\b/i;
const DOCUMENT =
  /^[^,.;]{0,30}?\b(?:documents?|files?|cables?|memos?|slides?|papers|presentations?|e-?mails)\b/i;

/** "according to a leaked NSA document": the party only wrote what was leaked. */
function leakedDocumentOf(text: string, from: number, end: number): boolean {
  return LEAKED.test(text.slice(from, end)) && DOCUMENT.test(text.slice(end));
}

/** A candidate's score: 4 a named source, 3/2.5 a speaker, 1.5/1 before an accusation word. */
function scoreCandidate(
  s: Sentence,
  c: Candidate,
  firstAccused: number,
  according: RegExpExecArray | null,
): { score: number; by: string } {
  const { text, tokens } = s;
  const before = tokens.slice(Math.max(0, c.tokenStart - 4), c.tokenStart).map((t) => t.norm);
  const { afterStart, rel } = afterStartOf(s, c);
  const after = tokens.slice(afterStart, afterStart + 9).map((t) => t.norm);
  const last = before[before.length - 1] ?? '';
  if (
    according &&
    tokens[c.tokenStart]!.start > according.index &&
    tokens[c.tokenStart]!.start - according.index < 60
  ) {
    if (leakedDocumentOf(text, according.index, tokens[c.tokenEnd - 1]!.end)) {
      fired(ACCUSER_RULES.leakedDocument.id);
      return { score: 0, by: '' };
    }
    return { score: 4, by: ACCUSER_RULES.accordingTo.id };
  }
  if (/^(from|by)$/.test(last) && before.slice(0, -1).some((w) => ACCUSERS.sourceNoun.test(w)))
    return { score: 4, by: ACCUSERS.sourceNoun.id };
  const k = nounRunLength(s, after, afterStart);
  const verb = after[k] ?? '';
  const possessiveReport = after[0] === 's' && ACCUSERS.reportNoun.test(after[1] ?? '');
  // "…and the United Nations, prosecutors said": the role after the comma is the speaker.
  const roleAfterComma = !rel && k > 0 && /^\s*,/.test(text.slice(tokens[c.tokenEnd - 1]!.end));
  const speaks =
    possessiveReport ||
    (!roleAfterComma &&
      ((ACCUSERS.speechVerb.test(verb) && !ACCUSERS.auxiliary.test(verb)) ||
        ACCUSERS.accuseVerb.test(verb)));
  const byPeople =
    /^(at|from|with|of)$/.test(last) && ACCUSERS.peopleAt.test(before[before.length - 2] ?? '');
  const isObject = !byPeople && ACCUSERS.objectWord.test(last);
  if (speaks && !isObject)
    return {
      score: c.tokenStart < firstAccused ? 3 : 2.5,
      by: possessiveReport ? ACCUSERS.reportNoun.id : ACCUSERS.speechVerb.id,
    };
  if (
    !isObject &&
    c.tokenStart < firstAccused &&
    tokens
      .slice(c.tokenEnd, firstAccused)
      .some((t) => ACCUSERS.accuseVerb.test(t.norm) || ACCUSERS.gerundSpeech.test(t.norm))
  )
    return { score: c.tokenStart <= 2 ? 1.5 : 1, by: ACCUSERS.accuseVerb.id };
  return { score: 0, by: '' };
}

/**
 * The accusers: the best-scored candidate with those coordinated with it, else a pronoun that
 * speaks, a name no list knows that speaks, or the last speaker referred to by role.
 */
export function pickAccusers(
  s: Sentence,
  scored: Scored[],
  candidates: Candidate[],
  accused: Span[],
  lastSpeaker: Party | null,
): (Party | null)[] {
  const accusers: Party[] = [];
  const source = new Map<Party, string>();
  const add = (p: Party, by: string) => {
    accusers.push(p);
    source.set(p, by);
  };
  // "Microsoft should not conjure accusations…, he said, adding that the United States was…":
  // a pronoun that speaks outranks a name that only stands near an accusation word.
  const pronounSpeaks =
    !!lastSpeaker &&
    !!scored[0] &&
    scored[0].score < 2.5 &&
    ACCUSERS.pronounSpeaks.test(s.text) &&
    !sameParty(scored[0].c.party, lastSpeaker);
  const best = pronounSpeaks ? undefined : scored[0];
  if (pronounSpeaks) add(lastSpeaker!, ACCUSERS.pronounSpeaks.id);
  if (best) {
    add(best.c.party, best.by);
    for (const p of coordinatedWith(s, best.c, candidates, accused))
      add(p, ACCUSER_RULES.coordination.id);
  }
  // An organization or person the gazetteer does not know, speaking: "Marks & Spencer said",
  // "The British Library confirmed", "Ciaran Martin, the former head of the NCSC, said".
  if (accusers.length === 0) {
    const named = namedSpeaker(s, accused);
    if (named) add(named, ACCUSERS.namedSpeaker.id);
  }
  if (accusers.length === 0 && lastSpeaker && ACCUSERS.speakerCoref.test(s.text))
    add(lastSpeaker, ACCUSERS.speakerCoref.id);
  dropStatesOfOrgans(accusers, candidates);
  const position = new Map(candidates.map((c) => [c.party, c.tokenStart]));
  accusers.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  if (tracing())
    for (const p of accusers)
      note({
        stage: 'roles',
        what: 'accuser',
        pattern: source.get(p),
        sentence: s.index,
        subject: label(p),
      });
  return accusers.length ? accusers : [null];
}

/** Other candidates joined to the best one by commas and "and" only. */
function coordinatedWith(s: Sentence, best: Candidate, candidates: Candidate[], accused: Span[]) {
  const { text, tokens } = s;
  const joined = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .every((t) => /^(and|the|as well as|well|as|its|allies|-)$/.test(t.norm) || t.raw === ',');
  const near = (a: Candidate, b: Candidate) =>
    joined(a.tokenEnd, b.tokenStart) &&
    text.slice(tokens[a.tokenEnd - 1]!.end, tokens[b.tokenStart]!.start).length < 12;
  const group = candidates
    .filter((c) => !c.outlet && !inSpans(accused, c.tokenStart))
    .sort((a, b) => a.tokenStart - b.tokenStart);
  const idx = group.indexOf(best);
  const out: Party[] = [];
  for (let i = idx - 1; i >= 0 && near(group[i]!, group[i + 1]!); i--) out.push(group[i]!.party);
  for (let i = idx + 1; i < group.length && near(group[i - 1]!, group[i]!); i++)
    out.push(group[i]!.party);
  return out;
}

/** "the US director of national intelligence": the state names the organ's country; one accuser, the organ. */
function dropStatesOfOrgans(accusers: Party[], candidates: Candidate[]): void {
  for (let i = accusers.length - 1; i >= 0; i--) {
    const p = accusers[i];
    if (!p || p.kind !== 'state') continue;
    const c = candidates.find((x) => x.party === p);
    if (
      c &&
      candidates.some(
        (o) =>
          o.party !== p &&
          o.party.kind === 'agency' &&
          o.party.country === p.country &&
          accusers.includes(o.party) &&
          o.tokenStart === c.tokenEnd,
      )
    )
      accusers.splice(i, 1);
  }
}
