/**
 * Article extraction: Mozilla Readability on jsdom, with scripts and sub-resources disabled
 * (jsdom's defaults: `runScripts` unset, no resource loader), plus the metadata Readability does
 * not give: canonical URL, published time from meta tags / JSON-LD, language.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { tryCanonicalizeUrl } from './url';

export interface ExtractedArticle {
  title: string;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
  canonicalUrl: string | null;
  /** Article text, paragraphs separated by a blank line. */
  text: string;
  excerpt: string;
  /** Set when the page had more than {@link MAX_ELEMENTS} elements and only the first were read. */
  truncatedAtElements?: number;
}

/**
 * Elements read from one page (after scripts and styles are removed). News pages have a few
 * thousand; Readability's cost grows with them (a page of 20,000 links takes it about 9 s), so a
 * hostile page is cut here rather than parsed whole.
 */
export const MAX_ELEMENTS = 10_000;

/**
 * Element nesting a page may have. News pages nest a few dozen levels; jsdom and Readability
 * slow down steeply with depth (Readability takes ~2 s at 500 levels and ~75 s at 2,000) and
 * overflow the stack beyond a few thousand, so deeper pages are refused before parsing.
 */
export const MAX_HTML_DEPTH = 256;

// Elements that never have content, and those whose end tag is optional and that cannot nest in
// themselves: neither deepens the tree in the way that costs, and counting them would flag
// legacy markup with unclosed <p> or <li>.
const VOID_OR_OPTIONAL = new Set(
  'area base br col embed hr img input link meta param source track wbr keygen p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rt rp'.split(
    ' ',
  ),
);
const HTML_TOKEN = /<!--[\s\S]*?-->|<[!?][^>]*>|<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g;

/**
 * A linear pre-parse scan: the approximate deepest nesting of the markup, and where the element
 * after `maxElements` starts (to cut there). An end tag closes the nearest open element of its
 * name, as an HTML parser would for well-formed and most misnested markup.
 */
export function htmlShape(
  html: string,
  maxElements = MAX_ELEMENTS,
): { depth: number; elements: number; cutAt?: number } {
  const open: string[] = [];
  let depth = 0;
  let elements = 0;
  HTML_TOKEN.lastIndex = 0;
  for (let m = HTML_TOKEN.exec(html); m; m = HTML_TOKEN.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction
    if (m[1] === '/') {
      const i = open.lastIndexOf(name);
      if (i >= 0) open.length = i;
      continue;
    }
    elements++;
    if (elements > maxElements) return { depth, elements: maxElements, cutAt: m.index };
    if (m[3] === '/' || VOID_OR_OPTIONAL.has(name)) continue;
    open.push(name);
    if (open.length > depth) depth = open.length;
  }
  return { depth, elements };
}

export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, th, dt, dd, figcaption';

/** A console that swallows jsdom's CSS and parse warnings instead of printing them. */
const quietConsole = new VirtualConsole();

function metaContent(doc: Document, selectors: string[]): string | null {
  for (const sel of selectors) {
    const v = doc.querySelector(sel)?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;

/**
 * Removes <script> and <style> elements before parsing, keeping JSON-LD blocks aside. Scripts
 * never run anyway, Readability drops both, and real news pages carry hundreds of kilobytes of
 * them: not building them into the DOM is most of what makes our extraction cheaper than a bare
 * jsdom parse. The HTML tokenizer ends script and style text at the first closing tag, as these
 * patterns do.
 */
export function stripScripts(html: string): { html: string; jsonLd: string[] } {
  const jsonLd: string[] = [];
  const out = html
    .replace(SCRIPT, (_m, attrs: string, body: string) => {
      if (/type\s*=\s*["']?application\/ld\+json/i.test(attrs)) jsonLd.push(body);
      return '';
    })
    .replace(STYLE, '');
  return { html: out, jsonLd };
}

function jsonLdDates(blocks: string[]): { published?: string; author?: string } {
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block);
    } catch {
      continue;
    }
    const queue: unknown[] = Array.isArray(data) ? [...data] : [data];
    for (let i = 0; i < queue.length && i < 50; i++) {
      const node = queue[i] as Record<string, unknown> | null;
      if (!node || typeof node !== 'object') continue;
      if (Array.isArray(node['@graph'])) queue.push(...(node['@graph'] as unknown[]));
      if (typeof node.datePublished === 'string') {
        const author = node.author as { name?: unknown } | { name?: unknown }[] | undefined;
        const first = Array.isArray(author) ? author[0] : author;
        return {
          published: node.datePublished,
          author: typeof first?.name === 'string' ? first.name : undefined,
        };
      }
    }
  }
  return {};
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Text of an element, one paragraph per block element, blank lines between paragraphs. */
export function blockText(root: Element): string {
  const blocks = Array.from(root.querySelectorAll(BLOCKS)).filter(
    // Keep only innermost blocks so a <li><p>…</p></li> is not counted twice.
    (el) => !el.querySelector(BLOCKS),
  );
  const parts = (blocks.length > 0 ? blocks : [root])
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
  return parts.join('\n\n');
}

/**
 * Extracts the article from an HTML document.
 * @param html the page's markup
 * @param url the page's final URL (resolves relative links, the canonical URL)
 * @throws ExtractError when Readability finds no article.
 */
export function extractArticle(html: string, url: string): ExtractedArticle {
  const stripped = stripScripts(html);
  const shape = htmlShape(stripped.html);
  if (shape.depth > MAX_HTML_DEPTH) {
    throw new ExtractError(
      `the page nests elements more than ${MAX_HTML_DEPTH} levels deep; not parsed`,
    );
  }
  const markup = shape.cutAt === undefined ? stripped.html : stripped.html.slice(0, shape.cutAt);
  const dom = new JSDOM(markup, { url, virtualConsole: quietConsole });
  try {
    const doc = dom.window.document;
    const canonicalHref =
      doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? undefined;
    const canonicalUrl = tryCanonicalizeUrl(canonicalHref, url) ?? null;
    const ld = jsonLdDates(stripped.jsonLd);
    const published =
      isoDate(
        metaContent(doc, [
          'meta[property="article:published_time"]',
          'meta[name="article:published_time"]',
          'meta[itemprop="datePublished"]',
          'meta[name="pubdate"]',
          'meta[name="date"]',
          'meta[name="dc.date"]',
          'meta[name="DC.date.issued"]',
        ]),
      ) ??
      isoDate(ld.published) ??
      isoDate(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
    const htmlLang = doc.documentElement.getAttribute('lang');
    const metaSite = metaContent(doc, [
      'meta[property="og:site_name"]',
      'meta[name="application-name"]',
    ]);
    const metaAuthor = metaContent(doc, ['meta[name="author"]', 'meta[property="article:author"]']);

    const parsed = new Readability(doc, { serializer: (el: Node) => el }).parse();
    if (!parsed || !parsed.content) throw new ExtractError('Readability found no article content');
    const text = blockText(parsed.content as unknown as Element);
    if (text.length === 0) throw new ExtractError('the article has no text');
    return {
      title: (parsed.title ?? '').trim() || (doc.title ?? '').trim(),
      byline: parsed.byline?.trim() || ld.author || metaAuthor || null,
      siteName: parsed.siteName?.trim() || metaSite || null,
      publishedTime: published ?? isoDate(parsed.publishedTime),
      lang: (parsed.lang ?? htmlLang ?? null) || null,
      canonicalUrl,
      text,
      excerpt: (parsed.excerpt ?? '').trim(),
      ...(shape.cutAt === undefined ? {} : { truncatedAtElements: shape.elements }),
    };
  } finally {
    try {
      dom.window.close();
    } catch {
      // Closing only frees memory; an odd document must not turn a result into an error.
    }
  }
}

/** Treats plain text as an already-extracted article (for `detect` and `extract` on .txt files). */
export function textArticle(text: string, title = ''): ExtractedArticle {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  const firstLine = normalized.split('\n')[0] ?? '';
  return {
    title: title || firstLine.slice(0, 200),
    byline: null,
    siteName: null,
    publishedTime: null,
    lang: null,
    canonicalUrl: null,
    text: normalized,
    excerpt: normalized.slice(0, 200),
  };
}
