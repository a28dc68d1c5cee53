/**
 * Who speaks in a sentence: a party before a speech verb ("Microsoft said", "the FBI
 * assessed"), state media opening a sentence, or a capitalized name no list knows ("Marks &
 * Spencer said"). The speaker of one sentence is who "it" and "the company" are in the next.
 */
import type { Party } from '../../model';
import type { Sentence, Span } from '../document';
import type { Gazetteer, Mention } from '../gazetteer';
import { entityParty } from '../parties';
import { ACCUSERS } from '../patterns/accusers';
import { RESPONSES } from '../patterns/responses';
import { CAP_WORD } from './accusers';

/** A capitalized name before a speech verb that no gazetteer entry covers, if it reads as an organization. */
export function namedSpeaker(s: Sentence, accused: Span[]): Party | null {
  for (const m of ACCUSERS.namedSpeaker.matches(s.text)) {
    let name = m[1]!
      .replace(/^(?:The|A|An)\s+/, '')
      .replace(/,\s*$/, '')
      .trim();
    const start = m.index + m[0].indexOf(m[1]!);
    const end = start + m[1]!.length;
    if (s.mentions.some((x) => x.start < end && start < x.end)) continue;
    if (accused.some((a) => a.party.name === name)) continue;
    const words = name.split(/\s+/);
    if (ACCUSERS.notASpeaker.test(words[0]!) || words.length > 6 || name.length < 3) continue;
    name = name.replace(/['’]s$/, '');
    const org = ACCUSERS.orgWord.test(name) || words.length > 3 || /&/.test(name);
    const person =
      !org &&
      words.length >= 2 &&
      words.length <= 3 &&
      words.every((w) => /^[A-Z][a-z'’-]+$/.test(w));
    // Only names that read as organizations: bare capitalized words are too often places,
    // products or people already counted elsewhere.
    if (!org || person) continue;
    return { name, kind: 'company', country: null };
  }
  return null;
}

/** The party that speaks in a sentence ("Microsoft said", "the FBI assessed"), if any. */
export function speakerOf(s: Sentence, gaz: Gazetteer): Party | null {
  // "The state-run tabloid Global Times took a sharper line…": state media opening a sentence
  // is who "it" is in the next one.
  const first = s.mentions[0];
  if (first?.entity.type === 'outlet' && first.entity.stateMedia && first.tokenStart <= 5)
    return entityParty(first.entity);
  for (const m of s.mentions) {
    if (m.entity.type === 'outlet' || m.entity.type === 'actor') continue;
    // "the Chinese Embassy in Washington said": the place an embassy is in does not speak.
    if (
      s.tokens[m.tokenStart - 1]?.norm === 'in' &&
      ACCUSERS.missionNoun.test(s.tokens[m.tokenStart - 2]?.norm ?? '')
    )
      continue;
    if (speaksAfter(s, m)) return entityParty(m.entity);
  }
  // "In a commentary carried by KCNA, the North called…": state media carrying the answer is
  // its state speaking.
  const carried = s.mentions.find((m) => m.entity.type === 'outlet' && m.entity.stateMedia);
  const state = carried?.entity.country ? gaz.country(carried.entity.country) : undefined;
  if (
    state &&
    s.tokens.some((t) => RESPONSES.responseVerb.test(t.norm) || /^(said|says|stated)$/.test(t.norm))
  )
    return entityParty(state);
  return null;
}

/** Whether a speech verb follows the mention, past its role words, a mission's place and a holder's name. */
function speaksAfter(s: Sentence, m: Mention): boolean {
  let base = m.tokenEnd;
  let after = s.tokens.slice(base, base + 5).map((t) => t.norm);
  let k = 0;
  for (;;) {
    while (
      k < after.length &&
      (ACCUSERS.accuserNoun.test(after[k]!) || ACCUSERS.speakerRun.test(after[k]!))
    )
      k++;
    // "…embassy in Washington said": read past the place.
    const place =
      after[k] === 'in' && /^(embassy|mission|consulate|office|bureau)$/.test(after[k - 1] ?? '')
        ? s.mentions.find((o) => o.tokenStart === m.tokenEnd + k + 1)
        : undefined;
    if (!place) break;
    base = place.tokenEnd;
    after = s.tokens.slice(base, base + 5).map((t) => t.norm);
    k = 0;
  }
  // "Chinese foreign ministry spokesman Zhao Lijian told…": read past the holder's name.
  let verb = after[k] ?? '';
  if (k > 0 && ACCUSERS.holderRole.test(after[k - 1]!)) {
    let j = base + k;
    while (j < base + k + 3 && CAP_WORD.test(s.tokens[j]?.raw ?? '')) j++;
    if (j > base + k) verb = s.tokens[j]?.norm ?? '';
  }
  return ACCUSERS.speechVerb.test(verb) && !ACCUSERS.auxiliary.test(verb);
}
