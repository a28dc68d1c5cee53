/**
 * Who answers in a sentence, in order of evidence: the party just before a denial verb or a
 * negated involvement ("Beijing rejects the charge", "…that Tehran had nothing to do with it");
 * a party named with its role ("a spokesperson for the Chinese embassy", "Russia's foreign
 * ministry"); the first party named before the verb; state media voicing their government; a
 * group referred back to ("the gang said…"); the last speaker when only a role is named; an
 * embassy or ministry named by role alone, in a story that accuses one side only.
 */
import type { Sentence } from './document';
import type { Entity, Gazetteer, Mention } from './gazetteer';
import { ACCUSERS } from './patterns/accusers';
import { RESPONSES } from './patterns/responses';
import { VOICE_RULES } from './patterns/rules';
import { clauseTexts, insideQuote, unquoted } from './segment';
import { commentatorSpeaks } from './roles/sentence';
import { tokenize } from './tokens';

/** Who answers, and the pattern or rule that found them. */
export interface Voice {
  entity: Entity;
  by: string;
}

export interface Voices {
  /** The states accused (by someone else) in the story. */
  accusedSides: Set<string>;
  /** The one state accused, when there is one: "the embassy" is its. */
  oneSide: Entity | null;
}

/** A sentence cut into clauses, each read as a sentence of its own (one clause: the sentence). */
export function clausesOf(s: Sentence, gaz: Gazetteer): Sentence[] {
  const parts = clauseTexts(s.text);
  if (parts.length < 2) return [s];
  return parts.map((text) => {
    const tokens = tokenize(text);
    return { ...s, text, tokens, mentions: gaz.scan(text, tokens) };
  });
}

/** Whether a mention is the object of a preposition ("accusations against China"). */
function afterPreposition(
  s: Sentence,
  m: Mention,
  preps: { test(word: string): boolean },
): boolean {
  const prev = s.tokens[m.tokenStart - 1]?.norm ?? '';
  const prev2 = s.tokens[m.tokenStart - 2]?.norm ?? '';
  return preps.test(prev) || (prev === 'the' && preps.test(prev2));
}

/** The first speech or response verb of a sentence, as a token index (-1 if none). */
function speechVerbAt(s: Sentence): number {
  return s.tokens.findIndex(
    (t) =>
      (ACCUSERS.speechVerb.test(t.norm) && !ACCUSERS.auxiliary.test(t.norm)) ||
      RESPONSES.responseVerb.test(t.norm),
  );
}

/** Before the first speech verb, or just after it when a quote comes first ('"…," said X'). */
function beforeVerb(s: Sentence, m: Mention, verbAt: number): boolean {
  const inverted = /["”’'],?\s+(?:said|says|added|told|wrote|stated)\s/i.test(s.text);
  return verbAt < 0 || m.tokenStart < verbAt || (inverted && m.tokenStart - verbAt <= 6);
}

/**
 * The first party named before the sentence's first speech or response verb, and not as the
 * object of a preposition ("accusations against China" is not China speaking; "…said Washington
 * had fabricated…" is not Washington speaking). A quote before "said X" puts the speaker after.
 */
export function firstNamedSpeaker(s: Sentence): Mention | undefined {
  const verbAt = speechVerbAt(s);
  return s.mentions.find((m) => {
    if (m.entity.type === 'vendor' || (m.entity.type === 'outlet' && !m.entity.stateMedia))
      return false;
    if (!beforeVerb(s, m, verbAt)) return false;
    return !afterPreposition(s, m, /^(against|at|on|to|of|by|from|with)$/);
  });
}

/** Who answers in a clause, or the one accused side when only its embassy is named. */
export function responder(
  s: Sentence,
  gaz: Gazetteer,
  denial: boolean,
  voices: Voices,
  lastSpeaker: Entity | null,
  lastActor: Entity | null,
): Voice | null {
  const v = voiceOf(s, gaz, denial, lastSpeaker, lastActor);
  const e = v?.entity;
  // "'Stop the smears,' the embassy said": an embassy or ministry named by role alone, in a story
  // that accuses one side only, is that side's.
  const bare = denial && voices.oneSide ? RESPONSES.bareRoleVoice.exec(s.text) : null;
  if (
    bare &&
    (!e || !e.country || !voices.accusedSides.has(e.country)) &&
    !s.mentions.some(
      (m) =>
        (m.entity.type === 'country' || m.entity.type === 'organ') &&
        m.start <= bare.index + bare[0].length &&
        !insideQuote(s.text, m.start),
    )
  )
    return { entity: voices.oneSide!, by: RESPONSES.bareRoleVoice.id };
  return v;
}

const usable = (m: Mention) =>
  m.entity.type !== 'vendor' && (m.entity.type !== 'outlet' || !!m.entity.stateMedia);

/** The party just before a denial verb or a negated involvement ("Beijing rejects the charge"). */
function beforeDenial(s: Sentence): { m: Mention; by: string } | undefined {
  const anchors: [number, string][] = [];
  const denyAt = s.tokens.findIndex((t) => RESPONSES.denyVerb.test(t.norm));
  if (denyAt > 0) anchors.push([denyAt, RESPONSES.denyVerb.id]);
  const plain = unquoted(s.text);
  const neg = RESPONSES.notInvolved.exec(plain.text);
  if (neg) {
    const at = s.tokens.findIndex((t) => t.start >= plain.at(neg.index));
    if (at > 0) anchors.push([at, RESPONSES.notInvolved.id]);
  }
  for (const [at, by] of anchors) {
    const before = [...s.mentions]
      .reverse()
      .find(
        (m) =>
          usable(m) &&
          m.tokenEnd <= at &&
          at - m.tokenEnd <= 4 &&
          !afterPreposition(s, m, RESPONSES.rolePreposition),
      );
    if (before) return { m: before, by };
  }
  return undefined;
}

/** "a spokesperson for the Chinese embassy", "Russia's foreign ministry", "Iranian officials". */
function roleAnchored(s: Sentence, verbAt: number): Mention | undefined {
  return s.mentions.find((m) => {
    if (!usable(m) || m.entity.type === 'outlet' || insideQuote(s.text, m.start)) return false;
    if (!beforeVerb(s, m, verbAt)) return false;
    if (RESPONSES.roleBefore.test(s.text.slice(Math.max(0, m.start - 60), m.start))) return true;
    const next = s.tokens[m.tokenEnd]?.norm === 's' ? m.tokenEnd + 1 : m.tokenEnd;
    return (
      RESPONSES.responderRoleWord.test(s.tokens[next]?.norm ?? '') &&
      !afterPreposition(s, m, /^(against|at|on|to|of|by|from|with|about)$/)
    );
  });
}

function voiceOf(
  s: Sentence,
  gaz: Gazetteer,
  denial: boolean,
  lastSpeaker: Entity | null,
  lastActor: Entity | null,
): Voice | null {
  // State media voice their government.
  const voice = (e: Entity, by: string): Voice => ({
    entity: e.type === 'outlet' && e.stateMedia && e.country ? (gaz.country(e.country) ?? e) : e,
    by,
  });
  // "Li Haidong, a professor in Beijing, called the accusation politically driven": commentary.
  if (commentatorSpeaks(s)) return null;
  const denier = denial ? beforeDenial(s) : undefined;
  if (denier) return voice(denier.m.entity, denier.by);
  const verbAt = speechVerbAt(s);
  const role = roleAnchored(s, verbAt);
  if (role && (denial || RESPONSES.ackCue.test(s.text)))
    return voice(role.entity, RESPONSES.responderRoleWord.id);
  const named = firstNamedSpeaker(s);
  if (named) return voice(named.entity, VOICE_RULES.firstNamedSpeaker.id);
  const stateMedia = s.mentions.find((m) => m.entity.type === 'outlet' && m.entity.stateMedia);
  if (stateMedia) return voice(stateMedia.entity, VOICE_RULES.stateMedia.id);
  if (lastActor && RESPONSES.groupVoice.test(s.text))
    return { entity: lastActor, by: RESPONSES.groupVoice.id };
  // "The embassy said China was itself a victim of cyberattacks": a role with no state of its
  // own speaks for the state its answer is about.
  if (
    denial &&
    verbAt > 0 &&
    RESPONSES.responderRole.test(s.text.slice(0, s.tokens[verbAt]!.start)) &&
    !s.mentions.some((m) => usable(m) && m.tokenEnd <= verbAt)
  ) {
    const k = s.tokens[verbAt + 1]?.norm === 'that' ? verbAt + 2 : verbAt + 1;
    const subject = s.mentions.find(
      (m) =>
        m.tokenStart === k &&
        !m.entity.bloc &&
        (m.entity.type === 'country' || m.entity.type === 'organ'),
    );
    if (subject) return { entity: subject.entity, by: RESPONSES.responderRole.id };
  }
  return verbAt >= 0 && RESPONSES.responderRole.test(s.text) && lastSpeaker
    ? { entity: lastSpeaker, by: VOICE_RULES.lastSpeaker.id }
    : null;
}
