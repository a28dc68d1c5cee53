/**
 * The named things a claim shares with other reports of the same operation: the malware, the
 * victim organisation, the campaign or the breached product ("SolarWinds", "Sunburst",
 * "Colonial Pipeline", "Operation Ghost"). Read from the claim's sentences and its article's
 * headline: capitalized names and coined words (internal capitals or digits: "NotPetya", "3CX",
 * "MOVEit"), minus what names a party (countries, organs, vendors, outlets, known actors and
 * people, which the accused keys already compare), and minus words any news story capitalizes.
 */
import { gazetteer } from '../detect/gazetteer';

/** Capitalized words that name no operation: institutions, titles, places in general, time. */
const GENERIC = new Set(
  (
    'a an the this that these those it its he she they we our their his her and or but if as at by for from in into of on to with ' +
    'after before while when where which who whose what why how also however meanwhile still then than there here ' +
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
  return word
    .replace(/[’']s$/u, '')
    .replace(/[.,;:!?)"”]+$/u, '')
    .replace(/^["“(]+/u, '');
}

/** Spans of the text that name a party the gazetteer knows, as [start, end) pairs. */
function partySpans(text: string): [number, number][] {
  return gazetteer()
    .scan(text)
    .map((m) => [m.start, m.end] as [number, number]);
}

/**
 * Names in `text` (lower case, most specific first): runs of capitalized words, with "of"/"and"
 * inside a run ("Bank of America"), split where a gazetteer party starts or ends.
 */
export function namedThings(text: string): string[] {
  const spans = partySpans(text);
  const inParty = (start: number, end: number) => spans.some(([s, e]) => start < e && end > s);
  const out: string[] = [];
  let run: string[] = [];
  let pendingConnector: string | null = null;
  const flush = () => {
    // Leading institution words go ("Justice Department" names no operation); a trailing one
    // stays when a name precedes it ("Colonial Pipeline").
    while (run.length && GENERIC.has(run[0]!.toLowerCase())) run.shift();
    if (run.length) {
      const name = run.join(' ').toLowerCase();
      const single = run.length === 1 ? run[0] : '';
      // A lone capitalized word needs to look coined or be long enough not to be a common word
      // capitalized at a sentence start.
      if (!single || CODED.test(single) || single.length >= 4) out.push(name);
    }
    run = [];
    pendingConnector = null;
  };
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’&.-]*/gu;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = re.exec(text))) {
    const gap = text.slice(lastEnd, m.index);
    lastEnd = m.index + m[0].length;
    // Punctuation other than a space between words ends a run ("Microsoft, SolarWinds").
    if (run.length && /[,;:!?()"“”\n]|\.\s/.test(gap)) flush();
    const word = clean(m[0]);
    if (!word) continue;
    if (inParty(m.index, m.index + m[0].length)) {
      flush();
      continue;
    }
    const sentenceStart = /(?:^|[.!?]["”]?\s+|\n)$/.test(text.slice(0, m.index));
    if (NAME_WORD.test(word) || CODED.test(word)) {
      // The first word of a sentence is capitalized anyway: keep it only when it looks coined
      // or continues into a name ("Colonial Pipeline said…" keeps both words).
      if (sentenceStart && !CODED.test(word) && GENERIC.has(word.toLowerCase())) {
        flush();
        continue;
      }
      if (pendingConnector) run.push(pendingConnector);
      pendingConnector = null;
      run.push(word);
    } else if (run.length && CONNECTOR.test(word) && !pendingConnector) {
      pendingConnector = word;
    } else {
      flush();
    }
  }
  flush();
  return [...new Set(out)].filter((n) => n.length >= 3);
}

/**
 * The entities of a claim: the named things of its sentences and headline, without the names
 * of its own parties (the accuser, an outlet citing it), each at most 60 characters.
 */
export function claimEntities(input: {
  title: string;
  sentences: string[];
  exclude: string[];
}): string[] {
  const exclude = new Set(input.exclude.map((e) => e.toLowerCase()));
  const names = new Set<string>();
  for (const text of [input.title, ...input.sentences]) {
    for (const n of namedThings(text)) if (!exclude.has(n) && n.length <= 60) names.add(n);
  }
  return [...names];
}
