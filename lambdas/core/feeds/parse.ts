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
  /** Items dropped because they had no usable http(s) link. */
  skipped: number;
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

const MAX_ITEMS = 1000;

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
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    // rss-parser's xml2js keeps the DTD inert (no entity expansion beyond XML's five).
    feed = await parser.parseString(text.replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, ''));
  } catch (e) {
    throw new FeedParseError(
      `not a parsable RSS/Atom/RDF feed: ${(e as Error).message.split('\n')[0]}`,
    );
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
  skipped += Math.max(0, (feed.items?.length ?? 0) - MAX_ITEMS);
  return { title: feed.title ?? '', link: feed.link, items, skipped };
}
