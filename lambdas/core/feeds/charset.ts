/**
 * Decodes fetched bytes by their declared charset — the HTTP Content-Type header first, then a
 * byte-order mark, then the XML declaration or an HTML <meta charset> — never by assuming UTF-8.
 */
import iconv from 'iconv-lite';

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
  // UTF-16 without a BOM: '<' followed or preceded by NUL.
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be';
  const head = bytes.subarray(0, 2048).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return meta[1].toLowerCase();
  return undefined;
}

/** Decodes bytes to a string; an unknown charset falls back to UTF-8 rather than failing. */
export function decodeBytes(
  bytes: Buffer,
  contentType?: string,
): { text: string; charset: string } {
  const bom = sniffBom(bytes);
  const candidates = [bom, charsetFromContentType(contentType), sniffDeclared(bytes), 'utf-8'];
  for (const c of candidates) {
    if (c && iconv.encodingExists(c)) {
      // iconv strips a BOM matching the charset by default.
      let text = iconv.decode(bytes, c);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      return { text, charset: c };
    }
  }
  return { text: bytes.toString('utf8'), charset: 'utf-8' };
}
