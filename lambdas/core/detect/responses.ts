/**
 * Stage 7, responses: denials and acknowledgements, each attached to every claim against the
 * side that voices it, and counter-accusations — a later claim by the accused against its
 * accuser. (Claims of responsibility are read with the roles: the claimant is the accused.)
 */
import type { Claim, ResponseKind } from '../model';
import type { Doc, Sentence } from './document';
import { note, reading } from './explain';
import type { Entity, Gazetteer } from './gazetteer';
import { entityParty, label } from './parties';
import { RESPONSES } from './patterns/responses';
import { unquoted } from './segment';
import { clausesOf, firstNamedSpeaker, responder, type Voice, type Voices } from './voices';

export function readResponses(doc: Doc, gaz: Gazetteer): void {
  const claims = doc.drafts.map((d) => d.claim);
  const voices = voicesOf(claims, gaz);
  let lastSpeaker: Entity | null = null;
  let lastActor: Entity | null = null;
  const headlines = new Set<string>();
  for (const s of doc.sentences) {
    reading(s.index);
    const answer = answerIn(s);
    const speakers = answer
      ? speakersOf(s, gaz, answer.denial, voices, lastSpeaker, lastActor)
      : [];
    const named = firstNamedSpeaker(s);
    if (named) lastSpeaker = named.entity;
    for (const m of s.mentions) if (m.entity.type === 'actor') lastActor = m.entity;
    if (!answer) continue;
    const kind: ResponseKind = answer.denial ? 'denial' : 'acknowledgement';
    answersForItself(s, voices.unknown, kind);
    const headline = doc.titled && s.paragraphIndex === 0 ? s.text : undefined;
    for (const v of speakers) if (v) answersAsSide(s, claims, v, kind, headlines, headline);
    if (headline) headlines.add(headline);
  }
  reading(undefined);
  const position = new Map(doc.sentences.map((s) => [s.text, s.index]));
  markCounterAccusations(claims, (c) =>
    Math.min(...c.sentences.map((x) => position.get(x) ?? Infinity)),
  );
}

/** The claims' sides, as the responder reads them. */
function voicesOf(claims: Claim[], gaz: Gazetteer): Voices & { unknown: Claim[] } {
  // The states accused (by someone else) in the story; when there is one, it is "the embassy".
  const accusedSides = new Set(
    claims
      .filter((c) => c.accused.country && c.accused.country !== c.accuser?.country)
      .map((c) => c.accused.country!),
  );
  return {
    accusedSides,
    oneSide: accusedSides.size === 1 ? (gaz.country([...accusedSides][0]!) ?? null) : null,
    // Claims against a party the gazetteer does not know, which may answer for itself.
    unknown: claims.filter(
      (c) =>
        c.accused.kind !== 'state' &&
        c.accused.kind !== 'agency' &&
        !(c.accused.actor && gaz.resolve(c.accused.actor)),
    ),
  };
}

/** The sentence's words as a denial cue reads them: unquoted, with non-denials blanked. */
export function cueText(text: string): string {
  return unquoted(text).text.replace(RESPONSES.notADenial.re, () => {
    RESPONSES.notADenial.hit();
    return ' ';
  });
}

/** Whether a text denies: a denial cue, or a negated involvement ("was not behind"). */
export function denies(text: string): boolean {
  const cue = cueText(text);
  return RESPONSES.denialCue.test(cue) || RESPONSES.notInvolved.test(cue);
}

/** A denial or an acknowledgement in the sentence, if any. */
function answerIn(s: Sentence): { denial: boolean } | null {
  // "the Kremlin had 'nothing to do' with the hack": quoted words are read as words.
  if (denies(s.text)) return { denial: true };
  return RESPONSES.ackCue.test(s.text) && !RESPONSES.negatedAck.test(s.text)
    ? { denial: false }
    : null;
}

/**
 * Who answers, clause by clause ("Iran's mission said Tehran has no motive to meddle, while a
 * spokesperson for the Chinese Embassy said China…": each clause has its own speaker). "FBI says
 * the spree reached 80 countries; China calls it a smear": only the clause with the answer in it
 * has the responder (unless the answer spans the clauses).
 */
function speakersOf(
  s: Sentence,
  gaz: Gazetteer,
  denial: boolean,
  voices: Voices,
  lastSpeaker: Entity | null,
  lastActor: Entity | null,
): (Voice | null)[] {
  const clauses = clausesOf(s, gaz);
  const said = clauses.map((c) => (clauses.length === 1 ? denial : denies(c.text)));
  const anySaid = said.some(Boolean);
  return clauses.map((c, i) =>
    denial && anySaid && !said[i]
      ? null
      : responder(c, gaz, said[i]!, voices, lastSpeaker, lastActor),
  );
}

/**
 * A company, person or group the gazetteer does not know, answering for itself ("DarkMatter has
 * consistently denied taking part…", "Positive Technologies said it rejected the groundless
 * accusations").
 */
function answersForItself(s: Sentence, unknown: Claim[], kind: ResponseKind): void {
  for (const c of unknown) {
    const at = s.text.indexOf(c.accused.name);
    if (at < 0 || at > 80) continue;
    const rest = s.text.slice(at + c.accused.name.length, at + c.accused.name.length + 90);
    if (!RESPONSES.ownAnswer.test(rest)) continue;
    if (c.responses.some((r) => r.kind === kind)) continue;
    c.responses.push({ by: { ...c.accused }, kind, text: s.text });
    note({
      stage: 'responses',
      what: kind,
      pattern: RESPONSES.ownAnswer.id,
      subject: label(c.accused),
    });
  }
}

/**
 * A denial answers every claim against that side in the article ("rejected the accusation, as it
 * had the earlier company reports"); replies are often paragraphs away. The accuser's own voice
 * never denies its claim.
 */
function answersAsSide(
  s: Sentence,
  claims: Claim[],
  v: Voice,
  kind: ResponseKind,
  headlines: Set<string>,
  headline: string | undefined,
): void {
  const e = v.entity;
  const against = claims.filter(
    (c) =>
      (c.accused.actor && e.name === c.accused.actor) ||
      (!!c.accused.country && e.country === c.accused.country && e.type !== 'actor'),
  );
  for (const c of against) {
    if (c.accuser?.country && c.accuser.country === e.country && e.type !== 'actor') continue;
    const had = c.responses.find((r) => r.kind === kind);
    // "…; Beijing rejects the charge" in the headline: the answer's own sentence in the story
    // says more, and is the one kept.
    if (had && !headline && headlines.has(had.text) && had.by.country === e.country) {
      had.text = s.text;
      continue;
    }
    if (had) continue;
    c.responses.push({ by: entityParty(e), kind, text: s.text });
    note({
      stage: 'responses',
      what: kind,
      pattern: v.by,
      subject: `${e.name} answers ${label(c.accuser)} → ${label(c.accused)}`,
    });
  }
}

/** b answers a when b's accuser is a's accused, b accuses a's accuser, and b comes later. */
function markCounterAccusations(claims: Claim[], order: (c: Claim) => number): void {
  for (const a of claims) {
    for (const b of claims) {
      if (
        a === b ||
        !a.accuser?.country ||
        !b.accuser?.country ||
        !a.accused.country ||
        !b.accused.country
      )
        continue;
      if (b.accuser.country !== a.accused.country || b.accused.country !== a.accuser.country)
        continue;
      if (order(b) < order(a) || (order(b) === order(a) && claims.indexOf(b) < claims.indexOf(a)))
        continue;
      // "The report comes a month after Washington accused…": b came first.
      if (b.sentences.some((x) => RESPONSES.earlierAccusation.test(x))) continue;
      b.counterAccusation = true;
      if (!a.responses.some((r) => r.kind === 'counter-accusation')) {
        a.responses.push({ by: b.accuser, kind: 'counter-accusation', text: b.sentences[0] ?? '' });
        note({
          stage: 'responses',
          what: 'counter-accusation',
          subject: `${label(b.accuser)} → ${label(b.accused)} answers ${label(a.accuser)} → ${label(a.accused)}`,
        });
      }
    }
  }
}
