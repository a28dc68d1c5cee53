/**
 * Groups and the states behind them, within one sentence: a named group describes its state
 * ("Russia's APT29", "Midnight Blizzard, part of Russia's SVR") and the claim is against the
 * group, with the organ kept as its sponsor; a group the article ties to another state's organ
 * takes that state; "blamed its military intelligence agency" accuses the sentence's subject.
 */
import type { Sentence, Span } from '../document';
import { entityParty } from '../parties';
import { ACCUSED } from '../patterns/accused';

/** A span that names a group with a country (not a state or an organ). */
function describable(a: Span): boolean {
  return (
    a.party.kind !== 'state' &&
    a.party.kind !== 'agency' &&
    !!a.party.country &&
    (a.party.kind !== 'unknown' || !!a.party.actor)
  );
}

const TIE_WORDS =
  /\b(?:link(?:ed|ing|s)?|tie[sd]?|tying|to|part of|run by|controlled by|associated with|belongs? to|works? for|working for|on behalf of|unit of)\b/i;

/**
 * "linking the activities of Ghostwriter to cyber actors of the Russian state, and specifically
 * to the GRU": the state the article ties a known group to is its country here, whatever the
 * gazetteer says. Returns the states so tied.
 */
function retieGroups(s: Sentence, accused: Span[]): Set<string> {
  const { text, tokens } = s;
  const retied = new Set<string>();
  for (const g of accused) {
    if (g.party.kind === 'state' || g.party.kind === 'agency' || !g.party.actor) continue;
    const organ = accused.find((o) => {
      if (o.party.kind !== 'agency' || !o.party.country || o.party.country === g.party.country)
        return false;
      if (o.tokenStart < g.tokenEnd) return false;
      const between = text.slice(tokens[g.tokenEnd - 1]!.end, tokens[o.tokenStart]!.start);
      return TIE_WORDS.test(between) && between.length < 120;
    });
    if (organ) {
      g.party = { ...g.party, country: organ.party.country };
      retied.add(organ.party.country!);
    }
  }
  return retied;
}

/**
 * A state or organ named with a group of its own ("North Korea's Lazarus Group") is folded into
 * the group; the organs folded are returned, to become sponsors. "FBI pinning the hack on Iran,
 * and Microsoft tying it to Iranian groups": a state named on its own, away from the group, is a
 * claim of its own, and so is a state the article ties a group to against the gazetteer.
 */
function foldIntoGroups(s: Sentence, accused: Span[], retied: Set<string>): Span[] {
  const groupSpans = accused.filter(describable);
  const groupCountries = new Set(groupSpans.map((a) => a.party.country));
  const organs: Span[] = [];
  for (let i = accused.length - 1; i >= 0; i--) {
    const a = accused[i]!;
    const mention = s.mentions.find((m) => m.tokenStart === a.tokenStart);
    const describesGroup =
      a.party.kind !== 'state' ||
      !mention ||
      mention.form !== 'name' ||
      mention.possessive ||
      groupSpans.some(
        (g) =>
          g.party.country === a.party.country &&
          Math.min(Math.abs(g.tokenStart - a.tokenEnd), Math.abs(a.tokenStart - g.tokenEnd)) <= 6,
      );
    if (
      (a.party.kind === 'state' || a.party.kind === 'agency') &&
      a.party.country &&
      groupCountries.has(a.party.country) &&
      describesGroup &&
      !(a.party.kind === 'state' && retied.has(a.party.country))
    ) {
      if (a.party.kind === 'agency' && a.party.actor) organs.push(a);
      accused.splice(i, 1);
    }
  }
  return organs;
}

/**
 * Each group takes the organ named after it ("Fancy Bear was associated with the GRU, and Cozy
 * Bear might be linked to the FSB"), else the nearest one named before it.
 */
function sponsorGroups(accused: Span[], organs: Span[]): void {
  for (const g of accused) {
    if (g.party.kind === 'state' || g.party.kind === 'agency') continue;
    const own = organs.filter((o) => o.party.country === g.party.country);
    if (!own.length) continue;
    const after = own
      .filter((o) => o.tokenStart >= g.tokenEnd)
      .sort((x, y) => x.tokenStart - y.tokenStart)[0];
    const before = own
      .filter((o) => o.tokenEnd <= g.tokenStart)
      .sort((x, y) => y.tokenStart - x.tokenStart)[0];
    const organ = after ?? before ?? own[0]!;
    g.party = { ...g.party, sponsor: organ.party.actor! };
  }
}

/** The group-and-state passes, in order. */
export function describeGroups(s: Sentence, accused: Span[]): void {
  const retied = retieGroups(s, accused);
  const organs = foldIntoGroups(s, accused, retied);
  sponsorGroups(accused, organs);
}

/**
 * "North Korea rejected the findings of an investigation that blamed its military intelligence
 * agency": the organ is unnamed, its owner is the sentence's subject.
 */
export function blamedItsOrgan(s: Sentence, accused: Span[]): void {
  const ownOrgan = ACCUSED.blamedItsOrgan.exec(s.text);
  const subject = s.mentions[0];
  if (!ownOrgan) return;
  if (
    subject &&
    subject.entity.type === 'country' &&
    !subject.entity.bloc &&
    subject.start < ownOrgan.index &&
    !accused.some((a) => a.party.country === subject.entity.country)
  ) {
    // Placed where the organ is, so the accuser is read before it.
    const at = s.tokens.findIndex((t) => t.start >= ownOrgan.index + ownOrgan[0].length);
    const end = at < 0 ? s.tokens.length : at;
    accused.push({ party: entityParty(subject.entity), tokenStart: end - 1, tokenEnd: end });
  }
}
