/**
 * The lenient pass behind rss-parser's strict one: a feed that is not well-formed XML (or whose
 * structure rss-parser cannot map) is parsed by htmlparser2 in XML mode, which closes what was
 * left open and reads what strict XML refuses, then repaired into a plain, well-formed feed
 * document that rss-parser reads as usual. Nothing is invented: an element cut off by the end
 * of a truncated document is dropped (its text may be cut too), so a truncated item keeps only
 * what was complete, and an item still needs a link to become an article.
 *
 * Never a new risk: htmlparser2 reads no DTD, expands no entity beyond one character per
 * reference and fetches nothing; nesting is capped while parsing; the input is the already
 * size-capped, decoded body.
 */
import { type ChildNode as Node, DomHandler, Element } from 'domhandler';
import { decodeHTMLStrict } from 'entities';
import { DomUtils, Parser } from 'htmlparser2';

/** Thrown when the lenient parse meets nesting deeper than the cap. */
export class NestingLimitError extends Error {}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Named character references XML does not know (`&nbsp;`, `&eacute;` — common in feeds written
 * from HTML, and RSS 0.91's DTD declares them) become numeric references; unknown names become
 * literal text. CDATA sections and comments are left alone.
 */
export function replaceHtmlEntities(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(
    /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|&([A-Za-z][A-Za-z0-9]{0,31});/g,
    (match, name: string | undefined) => {
      if (!name || XML_ENTITIES.has(name)) return match;
      let ref = seen.get(name);
      if (ref === undefined) {
        const decoded = decodeHTMLStrict(match);
        ref =
          decoded === match
            ? `&amp;${name};`
            : [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
        seen.set(name, ref);
      }
      return ref;
    },
  );
}

/**
 * Closes CDATA sections left open inside an element (`<description><![CDATA[text</description>`,
 * or `]]` without `>`): without the fix the section swallows every item after it. A section
 * counts as unterminated only when the next section starts (or the document ends) before any
 * `]]>`, and it is closed just before its element's closing tag, when that comes first. Linear in
 * the length of the text, however many sections there are.
 */
export function closeUnterminatedCdata(text: string): string {
  const OPEN = '<![CDATA[';
  let out = '';
  let from = 0;
  let end = text.indexOf(']]>');
  for (let at = text.indexOf(OPEN); at !== -1;) {
    const start = at + OPEN.length;
    if (end !== -1 && end < start) end = text.indexOf(']]>', start);
    const nextOpen = text.indexOf(OPEN, start);
    const unterminated = end === -1 || (nextOpen !== -1 && nextOpen < end);
    if (!unterminated) {
      // A closed section: go on after it.
      at = text.indexOf(OPEN, end + 3);
      continue;
    }
    const parent = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>\s*$/.exec(
      text.slice(Math.max(0, at - 300), at),
    );
    const region = text.slice(start, nextOpen === -1 ? text.length : nextOpen);
    const close = parent ? region.indexOf(`</${parent[1]}`) : -1;
    if (close !== -1) {
      out += `${text.slice(from, start + close).replace(/\]{1,2}\s*$/, '')}]]>`;
      from = start + close;
    }
    at = nextOpen;
  }
  return out + text.slice(from);
}

/** Characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates). */
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/**
 * A DOM handler that records which elements the end of the document closed (their content may
 * be cut), which ones a mismatched closing tag closed, and refuses nesting deeper than `maxDepth`.
 */
class FeedDomHandler extends DomHandler {
  readonly cutAtEnd = new WeakSet<Node>();
  readonly impliedClose = new WeakSet<Node>();
  atEnd = false;
  private depth = 0;

  constructor(private readonly maxDepth: number) {
    super(null, { xmlMode: true });
  }

  override onopentag(name: string, attribs: { [key: string]: string }): void {
    if (++this.depth > this.maxDepth) {
      throw new NestingLimitError(`the feed nests elements deeper than ${this.maxDepth} levels`);
    }
    super.onopentag(name, attribs);
  }

  /** htmlparser2 passes the tag name and whether the closing tag was implied. */
  override onclosetag(_name?: string, implied?: boolean): void {
    this.depth--;
    const el = this.tagStack[this.tagStack.length - 1];
    if (el && implied) (this.atEnd ? this.cutAtEnd : this.impliedClose).add(el as Node);
    super.onclosetag();
  }
}

const CONTAINERS = new Set(['rss', 'channel', 'feed', 'rdf:RDF', 'item', 'entry']);
/** Elements that hold text, never other fields: a field inside one is a missing closing tag. */
const TEXT_FIELDS = new Set([
  'title',
  'link',
  'guid',
  'pubDate',
  'id',
  'published',
  'updated',
  'dc:date',
  'dc:creator',
  'dc:title',
  'category',
  'comments',
]);
const XML_NAME = /^[\p{L}_][\p{L}\p{N}_.-]*(?::[\p{L}_][\p{L}\p{N}_.-]*)?$/u;

const isElement = (n: Node): n is Element => DomUtils.isTag(n);

function* walk(node: Element): Generator<Element> {
  // Iterative, so a deep document cannot exhaust the stack.
  const stack: Element[] = [node];
  while (stack.length) {
    const el = stack.pop()!;
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]!;
      if (isElement(c)) stack.push(c);
    }
  }
}

type Format = 'rss' | 'rdf' | 'atom';

/** The feed's root element wherever it is (after junk, inside a wrapper), renamed canonically. */
function findRoot(doc: Element[]): { root: Element; format: Format } | undefined {
  for (const top of doc) {
    for (const el of walk(top)) {
      const [prefix, local] = el.name.includes(':') ? el.name.split(':', 2) : ['', el.name];
      const lower = local!.toLowerCase();
      if (lower === 'rss' && !prefix) {
        el.name = 'rss';
        return { root: el, format: 'rss' };
      }
      if (lower === 'rdf' && prefix) {
        renamePrefix(el, prefix!, 'rdf');
        el.name = 'rdf:RDF';
        return { root: el, format: 'rdf' };
      }
      if (lower === 'feed') {
        if (prefix) renamePrefix(el, prefix, '');
        el.name = 'feed';
        return { root: el, format: 'atom' };
      }
    }
  }
  return undefined;
}

/** `atom:entry` → `entry` (to: ''), `RDF:li` → `rdf:li`, through the whole subtree. */
function renamePrefix(root: Element, from: string, to: string): void {
  for (const el of walk(root)) {
    if (el.name.startsWith(`${from}:`)) {
      const local = el.name.slice(from.length + 1);
      el.name = to ? `${to}:${local}` : local;
    }
  }
}

function textOf(el: Element): string {
  return DomUtils.textContent(el).trim();
}

/**
 * Repairs a feed document into well-formed XML rss-parser can map: the feed root found
 * wherever it is, every item moved to where the format puts them (so illegally nested items all
 * count), elements cut off by the end of a truncated document dropped, fields swallowed by an
 * unclosed text field moved back out, Atom links given as text turned into `href`s, unreadable
 * Atom dates dropped, invalid names removed. Returns undefined when no feed root is found;
 * `misplaced` when markup or text comes before it.
 * @throws NestingLimitError beyond `maxDepth` levels of nesting.
 */
export function repairFeedXml(
  text: string,
  maxDepth: number,
): { xml: string; format: Format; misplaced: boolean } | undefined {
  const handler = new FeedDomHandler(maxDepth);
  const parser = new Parser(handler, { xmlMode: true });
  const prepared = stripInvalidXmlChars(closeUnterminatedCdata(replaceHtmlEntities(text)));
  parser.write(prepared);
  handler.atEnd = true;
  parser.end();
  const found = findRoot(handler.root.children.filter(isElement));
  if (!found) return undefined;
  const { root, format } = found;
  // Markup or text before the root (a PHP warning, a second document): an invalid prolog.
  const misplaced =
    root.parent !== handler.root ||
    handler.root.children
      .slice(0, handler.root.children.indexOf(root))
      .some((n) => isElement(n) || (n.type === 'text' && /\S/.test(DomUtils.textContent(n))));

  // Items where the format puts them, in document order.
  const itemName = format === 'atom' ? 'entry' : 'item';
  const items = [...walk(root)].filter((el) => el !== root && el.name === itemName);
  let target: Element = root;
  if (format === 'rss') {
    let channel = root.children.find((c): c is Element => isElement(c) && c.name === 'channel');
    if (!channel) {
      channel = new Element('channel', {});
      root.children.unshift(channel);
    }
    target = channel;
  }
  const itemSet = new Set(items);

  // One pass over the tree builds each element's new children: linear, however many items,
  // comments or cut elements there are (the DOM helpers' one-at-a-time moves are quadratic).
  const rebuild = (el: Element): void => {
    const out: Node[] = [];
    const add = (c: Node): void => {
      if (!isElement(c)) {
        // Comments, processing instructions and declarations carry no items.
        if (c.type === 'text' || c.type === 'cdata') out.push(c);
        return;
      }
      // Items move to the target.
      if (itemSet.has(c)) return;
      // What the end of a truncated document closed may be cut short: drop it.
      if (handler.cutAtEnd.has(c) && !CONTAINERS.has(c.name)) return;
      // A name XML cannot spell: the element goes, its content stays.
      if (!XML_NAME.test(c.name)) {
        for (const g of c.children) add(g);
        return;
      }
      for (const name of Object.keys(c.attribs)) if (!XML_NAME.test(name)) delete c.attribs[name];
      if (format === 'atom' && c.name === 'link') {
        const href = textOf(c);
        if (!c.attribs.href && href && !/\s/.test(href)) c.attribs.href = href;
        if (!c.attribs.href) return;
        c.children = [];
      }
      if (format === 'atom' && (c.name === 'published' || c.name === 'updated')) {
        if (Number.isNaN(Date.parse(textOf(c)))) return;
      }
      out.push(c);
      // Fields inside a text field whose closing tag was missing belong beside it.
      if (TEXT_FIELDS.has(c.name) && handler.impliedClose.has(c)) {
        const inner = c.children.filter(isElement);
        c.children = c.children.filter((n) => !isElement(n));
        for (const g of inner) add(g);
      }
    };
    for (const c of el.children) add(c);
    if (el === target) out.push(...items);
    el.children = out;
    out.forEach((n, i) => {
      n.parent = el;
      n.prev = out[i - 1] ?? null;
      n.next = out[i + 1] ?? null;
    });
    for (const c of out) if (isElement(c)) rebuild(c);
  };
  rebuild(root);
  return { xml: DomUtils.getOuterHTML(root, { xmlMode: true }), format, misplaced };
}
