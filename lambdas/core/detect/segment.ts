/**
 * Stage 1, segment: the reader-comment cut, paragraphs, datelines, sentences (aware of
 * abbreviations such as "U.S." and "Gen."), quotations, and clauses.
 */
import { COMMENT_MARKER } from './lexicon';
import { SEGMENT } from './patterns/segment';

/**
 * The article as paragraphs: reader comments cut, datelines ("WASHINGTON -") dropped, the
 * title first when it is not already the first paragraph.
 */
export function segment(text: string, title: string): string[] {
  const paras = paragraphs(stripComments(text).text).map(stripDateline);
  if (title && paras[0] !== title) paras.unshift(title);
  return paras;
}

/** "WASHINGTON/BEIJING -", "SEOUL, Nov 3 (Reuters) -": a place, not a party. */
export function stripDateline(p: string): string {
  const m = SEGMENT.dateline.exec(p);
  return m && /[A-Z]{3}/.test(m[0]) ? p.slice(m[0].length) : p;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev st jr sr inc corp ltd co no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u fig al approx dept est govt'.split(
    ' ',
  ),
);

/** Removes everything from the first reader-comment marker line on. */
export function stripComments(text: string): { text: string; cut: boolean } {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (COMMENT_MARKER.test(lines[i]!)) {
      return { text: lines.slice(0, i).join('\n').trimEnd(), cut: true };
    }
  }
  return { text, cut: false };
}

/** Paragraphs: blank-line separated when the text has blank lines, else one per line. */
export function paragraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const parts = /\n\s*\n/.test(normalized) ? normalized.split(/\n\s*\n/) : normalized.split('\n');
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
}

/** Splits a paragraph into sentences. */
export function sentences(paragraph: string): string[] {
  const out: string[] = [];
  const re = /[.!?]+["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(paragraph))) {
    const before = paragraph.slice(start, m.index + 1);
    const lastWord = /([\p{L}.]+)\.$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    // "U.S." / "Gen." / single initials ("J. Smith") do not end a sentence.
    if (
      m[0].startsWith('.') &&
      (ABBREVIATIONS.has(lastWord.replace(/\.$/, '')) || /^\p{L}$/u.test(lastWord))
    ) {
      // "U.S." at a real sentence end is common; accept the break when the next word starts a
      // clause typically (The, A, In, …) and the abbreviation is a country.
      const next = paragraph.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const isCountry = /^(u\.s|u\.k|u\.n|e\.u)$/.test(lastWord.replace(/\.$/, ''));
      if (!(
        isCountry &&
        /^(The|A|An|In|On|It|He|She|They|We|But|And|However|Meanwhile|This|That)\b/.test(next)
      ))
        continue;
    }
    const s = paragraph.slice(start, m.index + m[0].length).trim();
    if (s) out.push(s);
    start = m.index + m[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** A quotation mark: double quotes, or a single one not inside a word ("Russia's" has none). */
const QUOTE_MARK = /["“”«»]|(?<![\p{L}\p{N}])['‘’]|['‘’](?![\p{L}\p{N}])/u;

/**
 * The text without quotation marks around words ("had 'nothing to do' with" → "had nothing to
 * do with"), and where each of its characters was in the original. Apostrophes inside words stay.
 */
export function unquoted(text: string): { text: string; at: (i: number) => number } {
  if (!QUOTE_MARK.test(text)) return { text, at: (i) => i };
  let out = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/["“”«»]/.test(ch)) continue;
    if (/['‘’]/.test(ch)) {
      const prev = text[i - 1] ?? ' ';
      const next = text[i + 1] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(prev) || !/[\p{L}\p{N}]/u.test(next)) continue;
    }
    out += ch;
    at.push(i);
  }
  at.push(text.length);
  return { text: out, at: (i) => at[i]! };
}

/** Whether a position is inside a quotation ("…", “…”): quoted words are not the speaker. */
export function insideQuote(text: string, pos: number): boolean {
  const before = text.slice(0, pos);
  const straight = (before.match(/"/g) ?? []).length;
  const open = (before.match(/“/g) ?? []).length;
  const close = (before.match(/”/g) ?? []).length;
  return straight % 2 === 1 || open > close;
}

/** A sentence cut at ", while", ", whereas" and ";" into clauses (one part: no cut). */
export function clauseTexts(sentence: string): string[] {
  return sentence.split(/,\s+while\s+|;\s+|,\s+whereas\s+/);
}
