/**
 * Feed parsing: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom through rss-parser, after decoding the
 * bytes by their declared charset. Items are normalized and their links canonicalized.
 */
import Parser from 'rss-parser';
import { tryCanonicalizeUrl } from '../url';
import { decodeBytes } from './charset';

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
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

// Atom <category term="…"/> is not mapped by rss-parser by default; keep every one.
const parser = new Parser<Record<string, unknown>, { atomCategories?: unknown[] }>({
  timeout: 0,
  customFields: { item: [['category', 'atomCategories', { keepArray: true }]] },
});

/** Items read from one feed; the rest are counted in `skipped` and `truncated`. */
export const MAX_ITEMS = 1000;

/**
 * Element nesting a feed may have. Real feeds nest a few levels (XHTML content a few dozen);
 * a parser fed millions of nested elements spends seconds and hundreds of megabytes on them.
 */
export const MAX_XML_DEPTH = 256;

const XML_TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)[^\s/>]+[^>]*?(\/?)>/g;

/** The deepest element nesting in an XML document (comments, CDATA and declarations skipped). */
export function xmlDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  XML_TOKEN.lastIndex = 0;
  for (let m = XML_TOKEN.exec(text); m; m = XML_TOKEN.exec(text)) {
    if (m[1] === undefined) continue; // comment, CDATA, declaration
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (m[2] !== '/') {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAt) break;
    }
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
  return s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function isoOrUndefined(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * Parses feed bytes. `contentType` is the HTTP Content-Type (for its charset); `baseUrl`
 * resolves relative item links.
 * @throws FeedParseError when the document is not a feed.
 */
export async function parseFeed(
  bytes: Buffer,
  contentType: string | undefined,
  baseUrl: string,
): Promise<ParsedFeed> {
  const { text } = decodeBytes(bytes, contentType);
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw new FeedParseError('the document is HTML, not a feed');
  }
  if (xmlDepth(text, MAX_XML_DEPTH) > MAX_XML_DEPTH) {
    throw new FeedParseError(`the feed nests elements deeper than ${MAX_XML_DEPTH} levels`);
  }
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    // rss-parser's xml2js keeps the DTD inert (no entity expansion beyond XML's five).
    feed = await parser.parseString(text.replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, ''));
  } catch (e) {
    const first = (e as Error).message.split('\n')[0];
    // Entities a DTD declares are never expanded (billion laughs, external entities): a feed
    // that uses them cannot be read, and the reason says so.
    if (/<!DOCTYPE[^>]*\[[\s\S]*?<!ENTITY/i.test(text.slice(0, 65_536))) {
      throw new FeedParseError(
        `the feed uses entities declared in its DTD, which are never expanded (${first})`,
      );
    }
    throw new FeedParseError(`not a parsable RSS/Atom/RDF feed: ${first}`);
  }
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const raw of (feed.items ?? []).slice(0, MAX_ITEMS)) {
    const r = raw as Record<string, unknown>;
    const link =
      textOf(r.link) || (typeof r.guid === 'string' && /^https?:/i.test(r.guid) ? r.guid : '');
    const url = tryCanonicalizeUrl(link, baseUrl);
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
    items.push({
      title: stripTags(textOf(r.title)),
      url,
      guid: typeof r.guid === 'string' ? r.guid : undefined,
      publishedAt: isoOrUndefined(r.isoDate) ?? isoOrUndefined(r.pubDate),
      summary: stripTags(textOf(r.contentSnippet) || textOf(r.summary) || textOf(r.content)).slice(
        0,
        2000,
      ),
      categories,
    });
  }
  const truncated = Math.max(0, (feed.items?.length ?? 0) - MAX_ITEMS);
  skipped += truncated;
  return { title: feed.title ?? '', link: feed.link, items, skipped, truncated };
}
