/**
 * The target of a sentence's claim: the noun phrase after an operation verb ("breached the
 * networks of the Treasury Department"), else a victim named before an operation noun ("the
 * Colonial Pipeline ransomware attack"). The accused is never its own target.
 */
import type { Party } from '../../model';
import type { Gazetteer } from '../gazetteer';
import { TARGETS } from '../patterns/targets';

export function findTarget(gaz: Gazetteer, text: string, accused: Party[]): Party | null {
  for (const m of TARGETS.verb.matches(text)) {
    const phrase = victimPhrase(text.slice(m.index + m[0].length));
    if (!phrase) continue;
    const target = victimParty(gaz, phrase, accused);
    if (target) return target;
  }
  return nounTarget(gaz, text, accused);
}

/** The victim's words after an operation verb, cut at the first word that ends a noun phrase. */
function victimPhrase(rest: string): string | null {
  const stop = TARGETS.stop.exec(rest);
  let end = stop ? stop.index : rest.length;
  if (stop && rest[stop.index] === ',') end = listEnd(rest, stop.index) ?? end;
  let phrase = rest.slice(0, end).trim();
  phrase = phrase
    .replace(/^(?:out|down|offline|off)\s+/i, '')
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(
      /^(?:(?:computer|internal|corporate|IT)\s+)?(?:networks?|systems?|servers?|computers?)\s+(?:of|at|in|belonging to)\s+(?:the\s+)?(?=\p{Lu})/u,
      '',
    )
    .replace(/['’]s$/, '')
    .trim();
  if ((!/\s/.test(phrase) && !/^\p{Lu}/u.test(phrase)) || TARGETS.notAVictim.test(phrase))
    return null;
  phrase = phrase.replace(/\s+(?:and|or|in|at|of)$/i, '').trim();
  const words = phrase.split(/\s+/);
  if (words.length > 9) phrase = words.slice(0, 9).join(' ');
  if (!phrase || phrase.length < 3 || TARGETS.pronoun.test(phrase) || TARGETS.clause.test(phrase))
    return null;
  return phrase;
}

/**
 * Where a list of victims ends: "against government departments, defence contractors and
 * logistics companies" goes on past its commas to the item with "and". Undefined when what
 * follows the comma is no such list.
 */
function listEnd(rest: string, comma: number): number | undefined {
  let pos = comma;
  for (let i = 0; i < 4; i++) {
    const sep = /^,\s+(and\s+)?/.exec(rest.slice(pos));
    if (!sep) return undefined;
    const start = pos + sep[0].length;
    const after = rest.slice(start);
    const stop = TARGETS.stop.exec(after);
    const end = start + (stop ? stop.index : after.length);
    const item = rest.slice(start, end).trim();
    const words = item.split(/\s+/);
    if (!item || words.length > 8 || TARGETS.clause.test(item) || TARGETS.pronoun.test(item))
      return undefined;
    // ", and Chinese commentators are calling…" goes on as a clause, not a list.
    if (sep[1] && i === 0) return undefined;
    if (sep[1] || /\band\b/.test(item))
      return /^\s*(?:was|were|is|are|has|have|had|said|says|showed|shows)\b/i.test(rest.slice(end))
        ? undefined
        : end;
    if (rest[end] !== ',') return undefined;
    pos = end;
  }
  return undefined;
}

/** The phrase as a party, unless it names the accused or, first, the accused's own state. */
function victimParty(gaz: Gazetteer, phrase: string, accused: Party[]): Party | null {
  const mentions = gaz.scan(phrase);
  // The accused is never its own target, nor its own state ("Russian digital interference").
  if (
    mentions.some((mm) =>
      accused.some(
        (a) =>
          (a.actor ? a.actor === mm.entity.name : false) ||
          (mm.start === 0 &&
            mm.entity.type === 'country' &&
            !!a.country &&
            mm.entity.country === a.country),
      ),
    )
  )
    return null;
  const country =
    mentions.find((mm) => mm.entity.type === 'country' && !mm.entity.bloc)?.entity.country ?? null;
  const onlyCountry =
    mentions.length === 1 &&
    mentions[0]!.entity.type === 'country' &&
    mentions[0]!.text.length >= phrase.length - 1;
  const kind: Party['kind'] = onlyCountry
    ? 'state'
    : TARGETS.agencyWord.test(phrase)
      ? 'agency'
      : TARGETS.companyWord.test(phrase)
        ? 'company'
        : 'unknown';
  return { name: onlyCountry ? mentions[0]!.entity.name : phrase, kind, country };
}

/**
 * "the Colonial Pipeline ransomware attack", "over Yahoo breach": the victim named before the
 * operation noun (never a country, a demonym or the accused).
 */
function nounTarget(gaz: Gazetteer, text: string, accused: Party[]): Party | null {
  const noun = TARGETS.noun.exec(text);
  if (!noun) return null;
  const phrase = noun[1]!.trim().replace(/['’]s$/, '');
  if (
    phrase.length >= 3 &&
    !gaz.scan(phrase).length &&
    !accused.some((a) => a.name === phrase) &&
    !TARGETS.nounStop.test(phrase.split(/\s+/)[0]!)
  )
    return {
      name: phrase,
      kind: TARGETS.nounCompany.test(phrase) ? 'company' : 'unknown',
      country: null,
    };
  return null;
}
