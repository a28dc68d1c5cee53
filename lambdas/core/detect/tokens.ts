/**
 * Stage 2, tokens: word tokens with their offsets, the unit every later stage reads (gazetteer
 * aliases are token sequences; role patterns look at the normalized words around a mention).
 *
 * Hand-written on purpose: wink-nlp's tokenizer and POS tags were measured against it and not
 * adopted (docs/detection.md, "Tokens").
 */

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
    out.push({ norm: normalizeToken(raw), raw, start: m.index, end: m.index + raw.length });
  }
  return out;
}

export function normalizeToken(raw: string): string {
  return raw.toLowerCase().replace(/[.]/g, '').replace(/[–—]/g, '-');
}
