/**
 * Text segmentation for detection: drops reader-comment sections, splits paragraphs and
 * sentences (aware of abbreviations such as "U.S." and "Gen.").
 */
import { COMMENT_MARKER } from './lexicon';

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
