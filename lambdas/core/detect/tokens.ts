/**
 * Stage 2, tokens: word tokens with their offsets, the unit every later stage reads (gazetteer
 * aliases are token sequences; role patterns look at the normalized words around a mention).
 *
 * Hand-written on purpose: wink-nlp's tokenizer and POS tags were measured against it and not
 * adopted (docs/detection.md, "Tokens").
 */

import countriesData from './data/countries.json';
import { fired } from './explain';
import { MENTION_RULES } from './patterns/rules';

export interface Token {
  /** Normalized: lower-case, dots removed. */
  norm: string;
  raw: string;
  start: number;
  end: number;
}

/** Splits text into word tokens; hyphens and slashes separate words ("China-linked"). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}]+(?:[.&$][\p{L}\p{N}]+)*\.?(?:\(\d+\))?\$?|[-–—]/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let raw = m[0];
    // A trailing dot belongs to the token only for abbreviations like "U.S." or "Corp.".
    if (
      raw.endsWith('.') &&
      !/\.[\p{L}]\.$/u.test(raw) &&
      !/^[\p{Lu}][\p{Ll}]{0,3}\.$/u.test(raw)
    ) {
      raw = raw.slice(0, -1);
    }
    const at = m.index;
    const cut = gluedCut(raw);
    if (cut > 0) {
      const a = raw.slice(0, cut);
      const b = raw.slice(cut);
      out.push({ norm: normalizeToken(a), raw: a, start: at, end: at + cut });
      out.push({ norm: normalizeToken(b), raw: b, start: at + cut, end: at + raw.length });
      fired(MENTION_RULES.gluedWords.id);
    } else out.push({ norm: normalizeToken(raw), raw, start: at, end: at + raw.length });
  }
  return out;
}

/** One-word country names and demonyms ("korea", "libyan"). */
const PLACE_WORDS = new Set<string>();
/** Two-word country names and demonyms ("north korea", "south korean"). */
const TWO_WORD_PLACES = new Set<string>();
for (const c of countriesData as { name: string; aliases?: string[]; demonyms?: string[] }[]) {
  for (const n of [c.name, ...(c.aliases ?? []), ...(c.demonyms ?? [])]) {
    const words = n.toLowerCase().split(/\s+/);
    if (words.length === 1) PLACE_WORDS.add(words[0]!);
    else if (words.length === 2) TWO_WORD_PLACES.add(words.join(' '));
  }
}
/** Hacker nouns that handles and hand-coded records glue to a place ("Syrianhackers"). */
const HACKER_TAILS = 'hackers?|hackergroups?|hackinggroups?|hackteam|cyberarmy|cyberarmies';
export const HACKER_TAIL = new RegExp(`^(?:${HACKER_TAILS})$`, 'i');
const HACKER_TAIL_END = new RegExp(`(?:${HACKER_TAILS})$`);

/**
 * Where a word glued from a place and another word splits ("NorthKorea", "SouthKorean",
 * "Syrianhackers", "IranianHacker"): hand-coded databases, handles and hashtags drop the space.
 * 0 when the word is not one of them. Only a two-word country name or demonym, or a one-word
 * one followed by a hacker noun, is split: "SolarWinds", "LockBit" or "NewsCorp" stay whole.
 */
function gluedCut(raw: string): number {
  if (raw.length < 8) return 0;
  const c0 = raw.charCodeAt(0);
  if (c0 < 65 || (c0 > 90 && c0 < 192)) return 0; // not a capital letter
  const lower = raw.toLowerCase();
  // "NorthKorea": one capital inside, where two place words meet.
  let camel = 0;
  for (let i = 1; i < raw.length; i++)
    if (raw[i] !== lower[i]) {
      if (camel) return 0; // "McAfeeLabs": more than two words
      camel = i;
    }
  if (camel >= 3) {
    const pair = `${lower.slice(0, camel)} ${lower.slice(camel)}`;
    if (TWO_WORD_PLACES.has(pair) || TWO_WORD_PLACES.has(pair.replace(/s$/, ''))) return camel;
  }
  // "Syrianhackers", "IranianHacker": a place word glued to a hacker noun.
  const tail = HACKER_TAIL_END.exec(lower);
  if (!tail) return 0;
  const cut = tail.index;
  return cut >= 4 && PLACE_WORDS.has(lower.slice(0, cut)) && (!camel || camel === cut) ? cut : 0;
}

export function normalizeToken(raw: string): string {
  return raw.toLowerCase().replace(/[.]/g, '').replace(/[–—]/g, '-');
}
