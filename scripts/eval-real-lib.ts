/**
 * Detection on real text no one here wrote, read at run time from public snapshots and never
 * committed: CASIE's annotated cyber news (Ebiquity/CASIE, `data/annotation/<n>.json`) and
 * EuRepoC's hand-coded incident descriptions (`data/EuRepoC_Global_Database_1.1.csv`).
 *
 * Only the development split is read: records whose numeric id is a multiple of 4. The other
 * three quarters are how the product is judged; this module never returns them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Detector, defaultDetector } from '../lambdas/core/detect/detector';
import { type Entity, gazetteer } from '../lambdas/core/detect/gazetteer';
import { sentences } from '../lambdas/core/detect/segment';
import { tokenize } from '../lambdas/core/detect/tokens';
import type { DetectResult, Party } from '../lambdas/core/model';
import { isRelevantItem, type PrefilterInput } from '../lambdas/core/prefilter';

/** The development split: ids that are multiples of 4. */
export const isDev = (id: number) => Number.isInteger(id) && id % 4 === 0;

// ------------------------------------------------------------------ reading the snapshots

/** A snapshot folder: a bare git directory (what `fetch` brings) or a checked-out work tree. */
class Snapshot {
  private readonly bare: boolean;
  constructor(readonly dir: string) {
    this.bare = fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'));
    if (!this.bare && !fs.existsSync(dir)) throw new Error(`${dir}: no such folder`);
  }

  /** File names directly under `folder`. */
  list(folder: string): string[] {
    if (!this.bare) {
      const full = path.join(this.dir, folder);
      return fs.existsSync(full) ? fs.readdirSync(full) : [];
    }
    const out = execFileSync(
      'git',
      ['--git-dir', this.dir, 'ls-tree', '--name-only', `HEAD:${folder}`],
      {
        maxBuffer: 64 << 20,
      },
    );
    return out.toString('utf8').split('\n').filter(Boolean);
  }

  /** The contents of several files, read in one `git cat-file --batch` when bare. */
  readMany(files: string[]): Map<string, string> {
    const out = new Map<string, string>();
    if (!this.bare) {
      for (const f of files) out.set(f, fs.readFileSync(path.join(this.dir, f), 'utf8'));
      return out;
    }
    const input = files.map((f) => `HEAD:${f}`).join('\n') + '\n';
    const buf = execFileSync('git', ['--git-dir', this.dir, 'cat-file', '--batch'], {
      input,
      maxBuffer: 1 << 30,
    });
    let pos = 0;
    for (const f of files) {
      const nl = buf.indexOf(10, pos);
      const header = buf.subarray(pos, nl).toString('utf8');
      const size = Number(header.split(' ')[2]);
      if (!Number.isFinite(size)) throw new Error(`${this.dir}: cannot read ${f} (${header})`);
      out.set(f, buf.subarray(nl + 1, nl + 1 + size).toString('utf8'));
      pos = nl + 1 + size + 1;
    }
    return out;
  }
}

export interface CasieArgument {
  role: string;
  text: string;
}
export interface CasieEvent {
  type: string;
  subtype: string;
  args: CasieArgument[];
}
export interface CasieArticle {
  id: number;
  text: string;
  events: CasieEvent[];
}

/** CASIE's dev-split articles with their annotated events. */
export function readCasie(dir: string): CasieArticle[] {
  const snap = new Snapshot(dir);
  const folder = 'data/annotation';
  const dev = snap
    .list(folder)
    .map((f) => ({ f, id: Number(/^(\d+)\.json$/.exec(f)?.[1] ?? NaN) }))
    .filter((x) => isDev(x.id))
    .sort((a, b) => a.id - b.id);
  if (!dev.length)
    throw new Error(`${dir}: no ${folder}/<n>.json files (is it the CASIE snapshot?)`);
  const files = snap.readMany(dev.map((x) => `${folder}/${x.f}`));
  return dev.map(({ f, id }) => {
    const doc = JSON.parse(files.get(`${folder}/${f}`)!) as {
      content: string;
      cyberevent?: {
        hopper?: {
          events: {
            type: string;
            subtype?: string;
            argument?: { role: { type: string }; text: string }[];
          }[];
        }[];
      };
    };
    const events = (doc.cyberevent?.hopper ?? []).flatMap((h) =>
      h.events.map((e) => ({
        type: e.type,
        subtype: e.subtype ?? '',
        args: (e.argument ?? []).map((a) => ({ role: a.role.type, text: a.text })),
      })),
    );
    return { id, text: doc.content, events };
  });
}

export interface Incident {
  id: number;
  name: string;
  description: string;
  /** ISO codes of the attributed initiator states (unknowns left out). */
  initiators: string[];
  receivers: string[];
  /** Country names the table could not map to a code (reported, never guessed). */
  unmapped: string[];
}

const EUREPOC_CSV = 'data/EuRepoC_Global_Database_1.1.csv';

/** EuRepoC's dev-split incidents (one per ID; the CSV has a row per attribution). */
export function readEurepoc(dir: string): Incident[] {
  const snap = new Snapshot(dir);
  const csv = snap.readMany([EUREPOC_CSV]).get(EUREPOC_CSV)!;
  const rows = parse(csv, { columns: true, skip_empty_lines: true, relax_quotes: true }) as Record<
    string,
    string
  >[];
  const byId = new Map<number, Incident>();
  for (const r of rows) {
    const id = Number(r.ID);
    if (!isDev(id)) continue;
    const inc = byId.get(id) ?? {
      id,
      name: r.name ?? '',
      description: r.description ?? '',
      initiators: [],
      receivers: [],
      unmapped: [],
    };
    for (const [field, list] of [
      ['attributed_initiator_country', inc.initiators],
      ['receiver_country', inc.receivers],
    ] as const)
      for (const name of countryNames(r[field] ?? '')) {
        const code = countryCode(name);
        if (code === undefined) inc.unmapped.push(name);
        else if (code && !list.includes(code)) list.push(code);
      }
    byId.set(id, inc);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** "China; China", "['Taiwan', \"Korea, Democratic People's Republic of\"]" → the names. */
function countryNames(field: string): string[] {
  const t = field.trim();
  const names = t.startsWith('[')
    ? [...t.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '')
    : t.split(';');
  return names.map((s) => s.trim()).filter(Boolean);
}

/** ISO-style names the gazetteer does not spell that way. */
const ISO_NAMES: Record<string, string> = {
  "Korea, Democratic People's Republic of": 'KP',
  'Korea, Republic of': 'KR',
  'Iran, Islamic Republic of': 'IR',
  'Russian Federation': 'RU',
  'Syrian Arab Republic': 'SY',
  'Viet Nam': 'VN',
  'Taiwan, Province of China': 'TW',
  'Palestine, State of': 'PS',
  'Venezuela, Bolivarian Republic of': 'VE',
  'Moldova, Republic of': 'MD',
  'Bolivia, Plurinational State of': 'BO',
  'Tanzania, United Republic of': 'TZ',
  "Lao People's Democratic Republic": 'LA',
  'North Macedonia': 'MK',
  Czechia: 'CZ',
  Türkiye: 'TR',
  // States the gazetteer does not list (facts: ISO 3166-1).
  Maldives: 'MV',
  Zimbabwe: 'ZW',
  Angola: 'AO',
  Namibia: 'NA',
  Brunei: 'BN',
  Bolivia: 'BO',
  Togo: 'TG',
  Macao: 'MO',
  'El Salvador': 'SV',
  'Puerto Rico': 'PR',
};

/** A country name as an ISO code; null for "Unknown"/non-states; undefined if unmappable. */
export function countryCode(name: string): string | null | undefined {
  if (/^(unknown|not available|none|n\/a|nan|)$/i.test(name.trim())) return null;
  // Regions and non-state actors are no initiator state.
  if (
    /\(region\)|^(?:Africa|Asia|Europe|North America|South America|Central America|Oceania|(?:Northern|Southern|Eastern|Western|Central) (?:Europe|Asia|Africa)|Middle East|ISIS)$/i.test(
      name,
    )
  )
    return null;
  if (ISO_NAMES[name]) return ISO_NAMES[name];
  const e = gazetteer().resolve(name);
  if (e?.type === 'country' && !e.bloc) return e.country;
  if (e?.type === 'country' && e.bloc) return null;
  return undefined;
}

// ------------------------------------------------------------------ what the detector accused

/** Every party a result accuses, with the states behind them. */
export function accusedParties(r: DetectResult): Party[] {
  return r.claims.flatMap((c) => [c.accused, ...(c.accused.alsoNamed ?? [])]);
}

/** The states a result accuses: accused parties' countries and their sponsors' states. */
export function accusedCountries(r: DetectResult): Set<string> {
  const g = gazetteer();
  const out = new Set<string>();
  for (const p of accusedParties(r)) {
    if (p.country) out.add(p.country);
    const sponsor = p.sponsor ? g.resolve(p.sponsor)?.country : undefined;
    if (sponsor) out.add(sponsor);
  }
  return out;
}

const describe = (p: Party) => `${p.actor ?? p.name}${p.country ? ` (${p.country})` : ''}`;
export const accusedText = (r: DetectResult) =>
  accusedParties(r).map(describe).join(', ') || 'nothing';

// ------------------------------------------------------------------ CASIE

/** Nouns that make a capitalized name a group: "the Locky crew", "Turkish Crime Family". */
const GROUP_NOUN =
  /\b(?:group|gang|crew|family|collective|team|hackers|operators|syndicate|ring|outfit|clan|squad|army|cartel)\b/i;
/** Words after a demonym that make it a person, not a state: "a Lithuanian man". */
const PERSON_NOUN =
  /^(?:man|woman|men|women|national|nationals|citizen|citizens|teenager|teen|boy|girl|student|resident|hacker|programmer|developer)$/i;

/** Capitalized words that are no name: "Hackers", "The", "Computer criminals". */
const NOT_A_NAME =
  /^(?:the|a|an|these|those|this|some|hackers?|attackers?|computer|cyber|criminals?|cybercriminals?|scammers?|fraudsters?|thieves|crooks|they|he|she|it|officials?|unknown|unidentified|foreign)$/i;

export interface NamedAttacker {
  text: string;
  entity?: Entity;
  country?: string;
}

/**
 * The attacker an argument names — a state, a state organ or a group — or null: "hackers",
 * "they", a person ("Evaldas Rimasauskas", "a Lithuanian man") or a company are not named groups.
 * A group is a gazetteer actor, a capitalized name with a group noun ("the SamSam hackers"), or a
 * handle ("Cipher0007", "OurMine").
 */
export function namedAttacker(text: string): NamedAttacker | null {
  const g = gazetteer();
  const tokens = tokenize(text);
  const mentions = g.scan(text, tokens);
  const entity = mentions.find(
    (m) => m.entity.type === 'actor' || m.entity.type === 'organ',
  )?.entity;
  const state = mentions.find(
    (m) =>
      m.entity.type === 'country' &&
      !m.entity.bloc &&
      !PERSON_NOUN.test(tokens[m.tokenEnd]?.norm ?? ''),
  )?.entity;
  const country = entity?.country ?? state?.country ?? undefined;
  if (entity || country) return { text, entity, country: country ?? undefined };
  const capitalized = tokens.some(
    (t) => /^\p{Lu}/u.test(t.raw) && !GROUP_NOUN.test(t.raw) && !NOT_A_NAME.test(t.raw),
  );
  const handle = tokens.some((t) => /^\p{L}+\d{2,}$/u.test(t.raw));
  return (capitalized && GROUP_NOUN.test(text)) || handle ? { text } : null;
}

const core = (s: string) =>
  s
    .toLowerCase()
    .replace(/\b(?:the|a|an|group|gang|hackers?|hacking|crew|team|ransomware)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Whether one predicted accused party is the named attacker, an alias of it, or its state. */
export function partyIsAttacker(a: NamedAttacker, p: Party): boolean {
  if (a.entity && (p.actor === a.entity.name || p.sponsor === a.entity.name)) return true;
  if (a.country && (p.country === a.country || p.alsoNamed?.some((x) => x.country === a.country)))
    return true;
  const want = core(a.text);
  const got = core(p.actor ?? p.name);
  return !!want && !!got && (got.includes(want) || want.includes(got));
}

/** Whether a predicted accused party is the named attacker, an alias of it, or its state. */
export function attackerFound(a: NamedAttacker, r: DetectResult): boolean {
  const parties = accusedParties(r);
  if (a.entity && parties.some((p) => p.actor === a.entity!.name || p.sponsor === a.entity!.name))
    return true;
  if (a.country && accusedCountries(r).has(a.country)) return true;
  const want = core(a.text);
  return (
    !!want &&
    parties.some((p) => {
      const got = core(p.actor ?? p.name);
      return !!got && (got.includes(want) || want.includes(got));
    })
  );
}

export interface CasieScores {
  articles: number;
  named: {
    id: number;
    attackers: NamedAttacker[];
    found: boolean;
    predicted: string;
    /** Predicted accused parties that are none of the named attackers (precision's misses). */
    wrong: string[];
    parties: number;
  }[];
  vulnOnly: { id: number; flagged: boolean; predicted: string }[];
  attackStories: { id: number; kept: boolean; title: string }[];
}

/** A feed item as a feed shows a story: its first sentence as the title, two more as the lead. */
export function asFeedItem(text: string): PrefilterInput {
  const first = text.split(/\n\s*\n/).find((p) => p.trim()) ?? '';
  const s = sentences(text.replace(/\s+/g, ' ').trim());
  return { title: s[0] ?? first, summary: s.slice(1, 3).join(' ') };
}

export function scoreCasie(
  articles: CasieArticle[],
  detector: Detector = defaultDetector(),
): CasieScores {
  const out: CasieScores = {
    articles: articles.length,
    named: [],
    vulnOnly: [],
    attackStories: [],
  };
  for (const a of articles) {
    const r = detector.detect({ id: String(a.id), text: a.text });
    const predicted = accusedText(r);
    const attack = a.events.some((e) => e.type === 'Attack');
    if (!attack) out.vulnOnly.push({ id: a.id, flagged: r.isAttribution, predicted });
    else {
      const item = asFeedItem(a.text);
      out.attackStories.push({ id: a.id, kept: isRelevantItem(item), title: item.title });
    }
    const attackers = a.events
      .filter((e) => e.type === 'Attack')
      .flatMap((e) => e.args.filter((x) => x.role === 'Attacker').map((x) => namedAttacker(x.text)))
      .filter((x): x is NamedAttacker => !!x);
    const unique = [...new Map(attackers.map((x) => [x.text.toLowerCase(), x])).values()];
    if (unique.length) {
      const parties = accusedParties(r);
      out.named.push({
        id: a.id,
        attackers: unique,
        found: unique.some((x) => attackerFound(x, r)),
        predicted,
        wrong: parties
          .filter((p) => !unique.some((x) => partyIsAttacker(x, p)))
          .map((p) => p.actor ?? p.name),
        parties: parties.length,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------ EuRepoC

export interface EurepocScores {
  incidents: number;
  scored: {
    id: number;
    name: string;
    gold: string;
    predicted: string[];
    correct: boolean;
    accused: string;
  }[];
  unmapped: string[];
}

/** Whether the text names a state (name, demonym or metonym). */
function namesState(text: string, code: string): boolean {
  return gazetteer()
    .scan(text)
    .some((m) => m.entity.type === 'country' && m.entity.country === code);
}

export function scoreEurepoc(
  incidents: Incident[],
  detector: Detector = defaultDetector(),
): EurepocScores {
  const out: EurepocScores = { incidents: incidents.length, scored: [], unmapped: [] };
  for (const inc of incidents) {
    out.unmapped.push(...inc.unmapped);
    if (inc.initiators.length !== 1) continue;
    const gold = inc.initiators[0]!;
    if (inc.receivers.includes(gold)) continue;
    if (!namesState(`${inc.name}\n\n${inc.description}`, gold)) continue;
    const r = detector.detect({ id: String(inc.id), text: inc.description, title: inc.name });
    const predicted = [...accusedCountries(r)];
    out.scored.push({
      id: inc.id,
      name: inc.name,
      gold,
      predicted,
      correct: predicted.includes(gold),
      accused: accusedText(r),
    });
  }
  out.unmapped = [...new Set(out.unmapped)];
  return out;
}

// ------------------------------------------------------------------ general news

export interface NewsItem extends PrefilterInput {
  id: string;
}

export function scoreGeneralNews(items: NewsItem[]): { items: number; fetched: NewsItem[] } {
  return { items: items.length, fetched: items.filter((i) => isRelevantItem(i)) };
}
