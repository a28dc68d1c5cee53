/**
 * Decodes fetched bytes by their declared charset — the HTTP Content-Type header first, then a
 * byte-order mark, then the XML declaration or an HTML <meta charset> — never by assuming UTF-8.
 *
 * Decoding uses the platform's WHATWG TextDecoder (Node's full ICU: every encoding and label of
 * the Encoding Standard that browsers accept — windows-125x, ISO-8859-x, KOI8, Shift_JIS, EUC-JP,
 * ISO-2022-JP, GBK/GB18030, Big5, EUC-KR, UTF-16) rather than a bundled table library, which
 * kept half a megabyte out of the poll and process Lambdas. UTF-32, which the Encoding Standard
 * leaves out, is decoded here.
 */

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function sniffBom(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff)
    return 'utf-32be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00)
    return 'utf-32le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** Finds a charset declared inside the document's first bytes (XML declaration or meta tag). */
function sniffDeclared(bytes: Buffer): string | undefined {
  // UTF-32 and UTF-16 without a BOM: '<' padded with NULs (XML 1.0, appendix F).
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x00 && bytes[3] === 0x00)
    return 'utf-32le';
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0x00 && bytes[3] === 0x3c)
    return 'utf-32be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be';
  const head = bytes.subarray(0, 2048).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return meta[1].toLowerCase();
  return undefined;
}

/**
 * True unless the bytes are mostly invalid as UTF-8: more undecodable sequences than valid
 * non-ASCII characters. One stray byte in a UTF-8 page does not make it Latin-1.
 */
function looksLikeUtf8(bytes: Buffer): boolean {
  const text = bytes.toString('utf8');
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) good++;
  }
  return bad <= good;
}

function isUtf8Label(c: string): boolean {
  return c === 'utf-8' || c === 'utf8';
}

/**
 * Decodes bytes to a string; an unknown charset falls back to UTF-8 rather than failing. A UTF-8
 * label (header or default) that the bytes contradict is skipped in favour of the next
 * candidate, and bytes that are neither declared otherwise nor plausibly UTF-8 are read as
 * windows-1252, as browsers do: a wrong or missing charset degrades a few characters, never the whole text.
 */
export function decodeBytes(
  bytes: Buffer,
  contentType?: string,
): { text: string; charset: string } {
  const bom = sniffBom(bytes);
  const candidates = [bom, charsetFromContentType(contentType), sniffDeclared(bytes), 'utf-8'];
  let utf8Plausible: boolean | undefined;
  for (const c of candidates) {
    if (c && !bom && isUtf8Label(c)) {
      utf8Plausible ??= looksLikeUtf8(bytes);
      if (!utf8Plausible) continue;
    }
    const decoded = c ? decodeAs(bytes, c) : undefined;
    if (decoded !== undefined) {
      const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
      return { text, charset: c! };
    }
  }
  return { text: decodeAs(bytes, 'windows-1252')!, charset: 'windows-1252' };
}

/** Decodes with a charset label, or returns undefined when the label names no known encoding. */
function decodeAs(bytes: Buffer, label: string): string | undefined {
  const l = label.toLowerCase();
  if (l === 'utf-32le' || l === 'utf-32be' || l === 'utf-32' || l === 'utf32') {
    return decodeUtf32(
      bytes,
      l === 'utf-32be' || (l !== 'utf-32le' && !(bytes[0] === 0xff && bytes[1] === 0xfe)),
    );
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(l);
  } catch {
    return undefined;
  }
  return decoder.decode(bytes);
}

function decodeUtf32(bytes: Buffer, bigEndian: boolean): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    chunk.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
