/**
 * The named things a claim shares with other reports of the same operation: the malware, the
 * victim organisation, the campaign or the breached product ("SolarWinds", "Sunburst",
 * "Colonial Pipeline", "Operation Ghost"). Read from the claim's sentences and its article's
 * headline: capitalized names and coined words (internal capitals or digits: "NotPetya", "3CX",
 * "MOVEit"), minus what names a party (countries, organs, vendors, outlets, known actors and
 * people, which the accused keys already compare), and minus words any news story capitalizes.
 */
import { gazetteer } from '../detect/gazetteer';

/** Words that start no name: a run of capitals loses them at its start ("The", "After"). */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those it its he she they we our their his her and or but if as at by for from in into of on to with ' +
    'after before while when where which who whose what why how also however meanwhile still then than there here ' +
    'new first last one two three several many some all every no not none said says told according mr mrs ms dr sir'
  ).split(/\s+/),
);

/**
 * Capitalized words that name no operation on their own — institutions, titles, places in
 * general, time: a run of one or two of them only ("Foreign Ministry", "Security Service") is
 * no name; a longer one is ("Democratic National Committee").
 */
const GENERIC = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
    'government ministry department agency office bureau service services council commission committee command centre center authority authorities ' +
    'national federal state states foreign affairs defense defence justice interior homeland security cyber cybersecurity infrastructure intelligence ' +
    'police army navy force forces military parliament congress senate house white embassy court prosecutors prosecutor attorney general director ' +
    'secretary minister president prime spokesperson spokesman spokeswoman official officials chief deputy head ambassador chairman ' +
    'united kingdom republic kingdom union european people peoples democratic' +
    ' north south east west western eastern northern southern central ' +
    'company corp corporation inc ltd group groups team unit university institute news report reports researchers research analysts ' +
    'hackers hacker hacking hack hacked attack attacks attackers breach breached campaign operation operations threat actor actors ' +
    'ransomware malware spyware software network networks systems data email emails internet online digital ' +
    'new first last one two three several many some all every no not none said says told according statement statements ' +
    'mr mrs ms dr sir us uk eu un nato apt advanced persistent ' +
    'bank banks hospital hospitals airport airports pipeline energy telecom telecoms water power grid election elections ' +
    'vulnerability vulnerabilities exploit exploits flaw zero-day patch update customers users victims victim'
  ).split(/\s+/),
);

const NAME_WORD = /^(?:[A-Z][\p{L}\p{N}'’&.-]*|[\p{L}]*[A-Z\d][\p{L}\d]*[A-Z\d][\p{L}\d]*)$/u;
const CODED = /^(?=.*[\p{L}])(?=.*(?:\d|[a-z][A-Z]))[\p{L}\p{N}-]{3,}$/u;
const CONNECTOR = /^(?:of|de|du|del)$/;

function clean(word: string): string {
  return word.replace(/[.,;:!?)"”]+$/u, '').replace(/^["“(]+/u, '');
}

/** The word without a possessive ending. */
function bare(word: string): string {
  return word.replace(/[’']s?$/u, '');
}

/**
 * Spans of the text that name a party the gazetteer knows, as [start, end) pairs. Security
 * vendors are kept: a vendor is often the victim ("SolarWinds", "Microsoft Exchange"); the one
 * that accuses is left out by the claim's own exclusions.
 */
function partySpans(text: string): [number, number][] {
  return gazetteer()
    .scan(text)
    .filter((m) => m.entity.type !== 'vendor')
    .map((m) => [m.start, m.end] as [number, number]);
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&.-]*/gu;

function isSentenceStart(text: string, index: number): boolean {
  return /(?:^|[.!?]["”’)]?\s+|\n\s*|[“"]\s*)$/.test(text.slice(Math.max(0, index - 4), index));
}

/** Words written with a capital letter inside a sentence: names, not sentence starts. */
function midSentenceCapitals(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const w = clean(m[0]);
    if (/^\p{Lu}/u.test(w) && !isSentenceStart(text, m.index)) out.add(w.toLowerCase());
  }
  return out;
}

/**
 * Names in `text` (lower case): runs of capitalized or coined words, with "of" inside a run
 * ("Bank of America"), split where a gazetteer party starts or ends. A lone word that only ever
 * starts a sentence ("Investigators said…") is no name; neither is a bare number or year.
 */
export function namedThings(text: string): string[] {
  const spans = partySpans(text);
  const inParty = (start: number, end: number) => spans.some(([s, e]) => start < e && end > s);
  const capitals = midSentenceCapitals(text);
  const out: string[] = [];
  let run: string[] = [];
  let runStartsSentence = false;
  let pendingConnector: string | null = null;
  const flush = () => {
    while (run.length && FUNCTION_WORDS.has(run[0]!.toLowerCase())) {
      run.shift();
      runStartsSentence = false;
    }
    // "Foreign Ministry", "June 2023": generic words and dates name nothing.
    if (run.length <= 2 && run.every((w) => GENERIC.has(bare(w).toLowerCase()) || /^\d+$/.test(w)))
      run = [];
    if (run.length) {
      const name = run.map(bare).join(' ').toLowerCase();
      const single = run.length === 1 ? run[0]! : '';
      const keep =
        !single ||
        CODED.test(single) ||
        (bare(single).length >= 4 && (!runStartsSentence || capitals.has(single.toLowerCase())));
      if (keep && !/^[\d.,-]+$/.test(name)) out.push(name);
      // A coined word inside a longer name is a name of its own: a report of "SolarWinds
      // Orion" and one of "SolarWinds" share SolarWinds.
      if (run.length > 1)
        for (const w of run.map(bare))
          if (CODED.test(w) && !/^[\d-]+$/.test(w)) out.push(w.toLowerCase());
    }
    run = [];
    pendingConnector = null;
  };
  let lastEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const gap = text.slice(lastEnd, m.index);
    lastEnd = m.index + m[0].length;
    // Punctuation other than a space between words ends a run ("Microsoft, SolarWinds"), and
    // so does a possessive ("SolarWinds' Orion" names SolarWinds and Orion).
    if (
      run.length &&
      (/[,;:!?()"“”\n]|\.\s/.test(gap) || /[’']s?$/u.test(run[run.length - 1] ?? ''))
    )
      flush();
    const word = clean(m[0]);
    if (!word) continue;
    if (inParty(m.index, m.index + m[0].length)) {
      flush();
      continue;
    }
    const sentenceStart = isSentenceStart(text, m.index);
    if (NAME_WORD.test(word) || CODED.test(word)) {
      // The first word of a sentence is capitalized anyway: an institution word there starts
      // no name.
      if (sentenceStart && !CODED.test(word) && FUNCTION_WORDS.has(word.toLowerCase())) {
        flush();
        continue;
      }
      if (pendingConnector) run.push(pendingConnector);
      pendingConnector = null;
      if (!run.length) runStartsSentence = sentenceStart;
      run.push(word);
    } else if (run.length && CONNECTOR.test(word) && !pendingConnector) {
      pendingConnector = word;
    } else {
      flush();
    }
    // A full stop ends the run ("…in 2020. NotPetya hit…"); initials ("U.S.") do not.
    if (m[0].endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(m[0])) flush();
  }
  flush();
  return [...new Set(out)].filter((n) => n.length >= 3);
}

interface ArticleNames {
  text: string;
  paragraphs: { text: string; names: string[] }[];
  /** Names in two paragraphs or more. */
  repeated: string[];
}

let lastArticle: ArticleNames | undefined;

/**
 * The names of each paragraph of an article, read once for all its claims (they are placed one
 * after another, so the last article read is kept).
 */
function articleNames(text: string): ArticleNames {
  if (lastArticle?.text === text) return lastArticle;
  const paragraphs = text.split(/\n\s*\n/).map((p) => ({ text: p, names: namedThings(p) }));
  const counts = new Map<string, number>();
  for (const p of paragraphs) for (const n of p.names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const repeated = [...counts].filter(([, c]) => c >= 2).map(([n]) => n);
  lastArticle = { text, paragraphs, repeated };
  return lastArticle;
}

/**
 * The entities of a claim: what its article is about, not what it mentions in passing — the
 * named things of its headline, of the paragraphs the claim was read from, of the lead
 * paragraph, and those the article names at least twice — without the names of the claim's parties (accuser,
 * accused, an outlet citing it), each at most 60 characters.
 */
export function claimEntities(input: {
  title: string;
  sentences: string[];
  /** The article's text (paragraphs split by blank lines), when known. */
  text?: string;
  /** The claim's target as written ("SolarWinds Orion customers"). */
  targets?: string[];
  exclude: string[];
}): string[] {
  const exclude = new Set(input.exclude.map((e) => e.toLowerCase()));
  const names = new Set<string>();
  const add = (n: string) => {
    if (!exclude.has(n) && n.length <= 60) names.add(n);
  };
  for (const t of [input.title, ...input.sentences, ...(input.targets ?? [])])
    namedThings(t).forEach(add);
  if (input.text) {
    const { paragraphs, repeated } = articleNames(input.text);
    paragraphs[0]?.names.forEach(add);
    // The paragraphs the claim was read from: "the SVR, the agency behind the SolarWinds hack".
    for (const p of paragraphs) {
      if (input.sentences.some((x) => x && p.text.includes(x))) p.names.forEach(add);
    }
    repeated.forEach(add);
  }
  return [...names];
}
