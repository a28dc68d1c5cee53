/**
 * Feed parsing: RSS 0.9x/2.0 (with or without a version), RSS 1.0 (RDF) and Atom through
 * rss-parser, after decompressing a gzip body that no Content-Encoding announced and decoding the
 * bytes by their declared charset. A document strict XML refuses goes through the lenient pass
 * (./lenient.ts) and the feed is marked *recovered* with the reason; a document with nothing to
 * recover keeps a one-line error. Items are normalized and their links canonicalized.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import Parser from 'rss-parser';
import { tryCanonicalizeUrl } from '../url';
import { decodeBytes } from './charset';
import { closeUnterminatedCdata, NestingLimitError, repairFeedXml } from './lenient';

export interface FeedItem {
  title: string;
  /** Canonical absolute URL of the item's page. */
  url: string;
  guid?: string;
  publishedAt?: string;
  summary: string;
  categories: string[];
}

export interface ParsedFeed {
  title: string;
  link?: string;
  items: FeedItem[];
  /** Items dropped because they had no usable http(s) link, or beyond the item cap. */
  skipped: number;
  /** Items beyond the cap of {@link MAX_ITEMS} (newest first in feeds, so the oldest go). */
  truncated: number;
  /**
   * Set when the document is not well-formed XML and its items were read by the lenient pass:
   * the first thing wrong, e.g. "an unescaped & or an undefined entity (line 4)".
   */
  recovered?: string;
}

export interface ParseOptions {
  /** Cap on a gzip body decompressed here (the fetch cap applies to what was sent). @default 5 MB */
  maxBytes?: number;
}

/** The feed body cap, before or after decompression. */
export const DEFAULT_MAX_FEED_BYTES = 5 * 1024 * 1024;

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

/**
 * A fresh rss-parser for each document: its xml2js parser keeps state across documents, and
 * after a document that fails both while writing and while closing it ignores the next
 * document's syntax errors (it then returns a partial result as if it were well-formed).
 *
 * Atom <category term="…"/> is not mapped by rss-parser by default; keep every one. Every Atom
 * <link> is kept too, to choose the article's link. `<rss>` without a version reads as RSS 2.
 */
function parseXml(text: string) {
  return new Parser<Record<string, unknown>, { atomCategories?: unknown[] }>({
    timeout: 0,
    defaultRSS: 2,
    customFields: {
      item: [
        ['category', 'atomCategories', { keepArray: true }],
        ['link', 'atomLinks', { keepArray: true }],
      ],
    },
  }).parseString(text);
}

/** Items read from one feed; the rest are counted in `skipped` and `truncated`. */
export const MAX_ITEMS = 1000;

/**
 * Element nesting a feed may have. Real feeds nest a few levels (XHTML content a few dozen);
 * a parser fed millions of nested elements spends seconds and hundreds of megabytes on them.
 */
export const MAX_XML_DEPTH = 256;

/**
 * The deepest element nesting in an XML document (comments, CDATA and declarations skipped). A
 * closing tag closes the nearest open element of its name and those opened inside it, and one
 * that matches no open element is ignored, as the lenient parser does: tags left open in a
 * malformed feed do not add up. A plain scan, linear in the length of the text whatever it holds
 * (a regular expression here once took seconds on a few kilobytes of unclosed `<![CDATA[`).
 */
export function xmlDepth(text: string, stopAt = Infinity): number {
  const open: string[] = [];
  let max = 0;
  for (let i = text.indexOf('<'); i !== -1 && i < text.length; i = text.indexOf('<', i)) {
    let skipTo: string | undefined;
    if (text.startsWith('<!--', i)) skipTo = '-->';
    else if (text.startsWith('<![CDATA[', i)) skipTo = ']]>';
    else if (text[i + 1] === '?' || text[i + 1] === '!') skipTo = '>';
    if (skipTo) {
      const end = text.indexOf(skipTo, i + 2);
      if (end === -1) break;
      i = end + skipTo.length;
      continue;
    }
    const closing = text[i + 1] === '/';
    const nameStart = closing ? i + 2 : i + 1;
    const name = /^[^\s/>]+/.exec(text.slice(nameStart, nameStart + 256))?.[0];
    if (!name) {
      i++;
      continue;
    }
    const end = text.indexOf('>', nameStart);
    if (end === -1) break;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
    } else if (text[end - 1] !== '/') {
      open.push(name);
      if (open.length > max) max = open.length;
      if (max > stopAt) break;
    }
    i = end + 1;
  }
  return max;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v._ === 'string') return v._;
    if (typeof v.name === 'string') return v.name;
    if (typeof v.term === 'string') return v.term;
    if (v.$ && typeof (v.$ as Record<string, unknown>).term === 'string')
      return (v.$ as Record<string, string>).term!;
  }
  return '';
}

function stripTags(s: string): string {
  return (
    s
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function isoOrUndefined(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** A title from the first words of a summary: at most about 100 characters, cut between words. */
export function titleFromSummary(summary: string, max = 100): string {
  if (summary.length <= max) return summary;
  const cut = summary.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s,;:.–—-]+$/, '')}…`;
}

const isHttp = (s: string) => /^https?:\/\//i.test(s);

/**
 * The link of an Atom entry among all its `<link>`s: the alternate (a link without `rel` is
 * one), else the first that is not about the feed itself (self, edit, replies, enclosure…).
 */
function atomLink(r: Record<string, unknown>): string {
  if (!Array.isArray(r.atomLinks)) return '';
  const links = r.atomLinks
    .map((l) => (l && typeof l === 'object' ? (l as { $?: Record<string, string> }).$ : undefined))
    .filter((a): a is Record<string, string> => !!a?.href);
  const NOT_THE_PAGE = new Set([
    'self',
    'edit',
    'edit-media',
    'replies',
    'enclosure',
    'license',
    'hub',
  ]);
  const pick =
    links.find((a) => (a.rel ?? 'alternate').toLowerCase() === 'alternate') ??
    links.find((a) => !NOT_THE_PAGE.has((a.rel ?? '').toLowerCase()));
  return pick?.href ?? '';
}

type RawFeed = Awaited<ReturnType<typeof parseXml>>;

function mapFeed(feed: RawFeed, baseUrl: string): ParsedFeed {
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const raw of (feed.items ?? []).slice(0, MAX_ITEMS)) {
    const r = raw as Record<string, unknown>;
    const guid = textOf(r.guid).trim() || textOf(r.id).trim();
    const link = atomLink(r) || textOf(r.link) || (isHttp(guid) ? guid : '');
    const url = tryCanonicalizeUrl(link.replace(/^[\s\u200b]+|[\s\u200b]+$/g, ''), baseUrl);
    if (!url) {
      skipped++;
      continue;
    }
    const rawCategories =
      Array.isArray(r.categories) && r.categories.length
        ? r.categories
        : Array.isArray(r.atomCategories)
          ? r.atomCategories
          : [];
    const categories = [...new Set(rawCategories.map(textOf).filter(Boolean))];
    const summary = stripTags(
      textOf(r.contentSnippet) || textOf(r.summary) || textOf(r.content),
    ).slice(0, 2000);
    items.push({
      // An entry without a title is named by the first words of its summary.
      title: stripTags(textOf(r.title)) || titleFromSummary(summary),
      url,
      // An entry without an id is known by its link.
      guid: guid || url,
      publishedAt: isoOrUndefined(r.isoDate) ?? isoOrUndefined(r.pubDate),
      summary,
      categories,
    });
  }
  const truncated = Math.max(0, (feed.items?.length ?? 0) - MAX_ITEMS);
  skipped += truncated;
  return { title: stripTags(textOf(feed.title)), link: feed.link, items, skipped, truncated };
}

const gunzip = promisify(zlib.gunzip);

/**
 * A gzip body no Content-Encoding announced (a `.xml.gz` served as application/x-gzip, or
 * compressed twice): recognized by its magic bytes and decompressed under the same cap as the
 * fetch. A truncated stream yields what it holds, which the lenient pass then reads.
 */
async function gunzipByMagic(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  let body = bytes;
  for (let layer = 0; layer < 2 && body[0] === 0x1f && body[1] === 0x8b; layer++) {
    try {
      body = await gunzip(body, {
        maxOutputLength: maxBytes,
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new FeedParseError(
          `the gzip-compressed body exceeds the ${maxBytes}-byte cap once decompressed`,
        );
      throw new FeedParseError(
        `the body looks gzip-compressed but cannot be decompressed: ${(e as Error).message}`,
      );
    }
  }
  return body;
}

const DOCTYPE = /<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i;

/**
 * Removes the DOCTYPE. Entities its internal subset declares are never expanded (billion
 * laughs) nor fetched (XXE): a feed that uses one is refused with that reason — except an entity
 * that stands for one character (`<!ENTITY nbsp "&#160;">`, as some feeds declare HTML's), which
 * is replaced by that character's reference, one for one.
 */
function withoutDoctype(text: string): string {
  const first = text.search(/<[A-Za-z_]/);
  const prolog = first === -1 ? text : text.slice(0, first);
  const at = prolog.search(/<!DOCTYPE/i);
  if (at === -1) return text;
  const m = DOCTYPE.exec(text.slice(at));
  const end = m && m.index === 0 ? at + m[0].length : prolog.length;
  const oneChar = new Map<string, string>();
  const refused = new Set<string>();
  for (const e of prolog.matchAll(/<!ENTITY\s+(%\s*)?([^\s"'%<>]+)\s*([^>]*)>/g)) {
    if (e[1]) continue; // a parameter entity: only the DTD itself can use it
    const v = /^(["'])(&#(?:\d{1,7}|x[0-9a-fA-F]{1,6});|[^&%<"'\s])\1$/.exec(e[3]!.trim());
    if (v) oneChar.set(e[2]!, v[2]!.startsWith('&') ? v[2]! : `&#${v[2]!.codePointAt(0)};`);
    else refused.add(e[2]!);
  }
  let rest = text.slice(end);
  if (oneChar.size || refused.size) {
    let used: string | undefined;
    rest = rest.replace(/&([^\s;&<>"']{1,64});/g, (ref, name: string) => {
      if (refused.has(name)) used ??= name;
      return oneChar.get(name) ?? ref;
    });
    if (used)
      throw new FeedParseError(
        `the feed uses entities declared in its DTD, which are never expanded (&${used};)`,
      );
  }
  return text.slice(0, at) + rest;
}

/** Start tags of items and entries (outside CDATA and comments). */
function itemTags(text: string): number {
  let n = 0;
  for (const m of text.matchAll(
    /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<(?:item|entry)[\s/>]/g,
  ))
    if (m[0][1] !== '!') n++;
  return n;
}

/** True for a well-formedness error of the XML parser (not a mapping error of rss-parser). */
function isSyntaxError(e: Error): boolean {
  return /\nLine: \d+\nColumn: \d+/.test(e.message) || e.message === 'Unable to parse XML.';
}

const SYNTAX_REASONS: [RegExp, string][] = [
  [/^Unclosed root tag/, 'truncated: root element never closed'],
  [/^Unexpected end/, 'truncated inside a tag'],
  [
    /^Invalid character in entity name|^Invalid character entity/,
    'an unescaped & or an undefined entity',
  ],
  [
    /^Non-whitespace before first tag|^Text data outside of root node|^Inappropriately located doctype|^Invalid processing instruction|^Unexpected text/i,
    'invalid prolog: text before the root',
  ],
  [
    /^Unquoted attribute value|^Attribute without value|^Invalid attribute name|^No whitespace between attributes|^Unescaped "<"|^Attribute .* duplicated/i,
    'an unquoted or malformed attribute',
  ],
  [/^Unexpected close tag|^Unmatched closing tag/, 'a closing tag matching no open element'],
  [/^Invalid character in tag name/, 'an unescaped < in text'],
  [/^Unable to parse XML/, 'unclosed CDATA section, comment or tag'],
];

/** "an unescaped & or an undefined entity (line 4)" from sax's message. */
export function describeSyntaxError(e: Error): string {
  const [first = '', ...rest] = e.message.split('\n');
  const what = SYNTAX_REASONS.find(([re]) => re.test(first))?.[1] ?? first.replace(/\.$/, '');
  const line = /^Line: (\d+)$/m.exec(rest.join('\n'));
  return line ? `${what} (line ${Number(line[1]) + 1})` : what;
}

function notParsable(e: Error | undefined, nothingToRecover?: string): FeedParseError {
  return new FeedParseError(
    nothingToRecover
      ? `not a parsable RSS/Atom/RDF feed: ${nothingToRecover}, and no item with a link to recover`
      : `not a parsable RSS/Atom/RDF feed: ${(e?.message ?? 'no feed element found').split('\n')[0]}`,
  );
}

/**
 * Parses feed bytes. `contentType` is the HTTP Content-Type (for its charset); `baseUrl`
 * resolves relative item links. A document that is not well-formed XML is read by the lenient
 * pass when it still holds items with links, and `recovered` says what was wrong.
 * @throws FeedParseError when the document is not a feed, or a broken one with nothing to read.
 */
export async function parseFeed(
  bytes: Buffer,
  contentType: string | undefined,
  baseUrl: string,
  opts: ParseOptions = {},
): Promise<ParsedFeed> {
  const body = await gunzipByMagic(bytes, opts.maxBytes ?? DEFAULT_MAX_FEED_BYTES);
  const { text: decoded } = decodeBytes(body, contentType);
  if (!decoded.trim()) throw new FeedParseError('the body is empty');
  const head = decoded.slice(0, 1024).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw new FeedParseError('the document is HTML, not a feed');
  }
  if (xmlDepth(decoded, MAX_XML_DEPTH) > MAX_XML_DEPTH) {
    throw new FeedParseError(`the feed nests elements deeper than ${MAX_XML_DEPTH} levels`);
  }
  const text = withoutDoctype(decoded);

  // A CDATA section left open can swallow the rest of the feed and still parse.
  const cdataAt = firstDifference(text, closeUnterminatedCdata(text));

  // The strict pass: rss-parser's xml2js (sax in strict mode, no DTD, no entity beyond XML's and
  // HTML's named ones).
  let strict: ParsedFeed | undefined;
  let strictError: Error | undefined;
  try {
    const feed = await parseXml(text);
    strict = mapFeed(feed, baseUrl);
    // Every item where the format puts it: done. More item tags than items: nested illegally.
    if (cdataAt === -1 && (feed.items?.length ?? 0) >= itemTags(text)) return strict;
  } catch (e) {
    strictError = e as Error;
  }

  // The lenient pass.
  let lenient: ParsedFeed | undefined;
  let misplaced = false;
  try {
    const repaired = repairFeedXml(text, MAX_XML_DEPTH);
    if (repaired) {
      lenient = mapFeed(await parseXml(repaired.xml), baseUrl);
      misplaced = repaired.misplaced;
    }
  } catch (e) {
    if (e instanceof NestingLimitError) throw new FeedParseError(e.message);
    // The repaired document did not map either: the strict outcome stands.
  }
  let malformed: string | undefined;
  if (cdataAt !== -1) malformed = `an unclosed CDATA section (line ${lineOf(text, cdataAt)})`;
  else if (strictError && isSyntaxError(strictError)) malformed = describeSyntaxError(strictError);
  else if (misplaced) malformed = 'invalid prolog: text before the root';
  if (strict && (!malformed || !lenient))
    return lenient && lenient.items.length > strict.items.length ? lenient : strict;
  if (!lenient) throw notParsable(strictError);
  if (malformed) {
    // Nothing with a link survived: the document is broken, not an empty feed.
    if (!lenient.items.length) throw notParsable(strictError, malformed);
    lenient.recovered = malformed;
  }
  return lenient;
}

function firstDifference(a: string, b: string): number {
  if (a === b) return -1;
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
