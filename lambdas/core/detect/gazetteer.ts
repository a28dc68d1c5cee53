/**
 * The gazetteer: threat actors, state organs, countries (names, demonyms, metonyms), security
 * vendors and news outlets, from our own data files (lambdas/core/detect/data/, facts from MISP
 * galaxy, MITRE ATT&CK and vendor naming pages). Matching is token-based — a map from the first
 * token to the alias token sequences — so finding every mention costs one pass over the text
 * whatever the number of aliases.
 */
import actorsData from './data/actors.json';
import countriesData from './data/countries.json';
import organsData from './data/organs.json';
import outletsData from './data/outlets.json';
import peopleData from './data/people.json';
import vendorsData from './data/vendors.json';
import type { PartyKind } from '../model';
import { type Token, tokenize } from './tokens';

export { type Token, tokenize } from './tokens';

export type EntityType = 'actor' | 'organ' | 'country' | 'vendor' | 'outlet' | 'person';

export interface Entity {
  type: EntityType;
  /** Canonical name. */
  name: string;
  country: string | null;
  kind: PartyKind;
  /** For actors: the state organ behind them ("GRU"). */
  sponsor?: string;
  /** For countries: an alliance or bloc, not a state (EU, NATO). */
  bloc?: boolean;
  /** For outlets: state-run media, which voice their government's answers (KCNA, Xinhua, TASS). */
  stateMedia?: boolean;
}

/** How a mention names its entity. */
export type MentionForm = 'name' | 'demonym' | 'metonym';

export interface Mention {
  entity: Entity;
  form: MentionForm;
  /** Character offsets in the scanned text. */
  start: number;
  end: number;
  /** Token offsets (end exclusive). */
  tokenStart: number;
  tokenEnd: number;
  text: string;
  /** Followed by a possessive 's ("Russia's"). */
  possessive: boolean;
}

interface ActorRow {
  name: string;
  aliases: string[];
  country: string | null;
  kind: string;
  sponsor?: string;
}
interface NamedRow {
  name: string;
  aliases?: string[];
  country?: string | null;
  stateMedia?: boolean;
}
interface CountryRow {
  code: string;
  name: string;
  aliases?: string[];
  demonyms?: string[];
  metonyms?: string[];
  bloc?: boolean;
}

/** Alias words that are ordinary English (or other entity) words: they need a capital letter and a group context. */
const COMMON_WORDS = new Set(
  'play royal hive cuba snatch maze akira medusa cactus trigona quantum avaddon lorenz karakurt vice noname anonymous turla equation dragonfly energetic sandworm darkside black basta blackcat armageddon'
    .split(' ')
    .filter((w) => !['turla', 'sandworm', 'darkside', 'equation'].includes(w)),
);
const GROUP_CONTEXT =
  /^(ransomware|gang|group|groups|crew|operators?|affiliates?|hackers?|extortion|actors?|collective|cartel|variant|strain|apt|team|syndicate|operation)$/;

interface AliasEntry {
  tokens: string[];
  entity: Entity;
  form: MentionForm;
  /** Exact original spelling required (short acronyms like "US", "IT"). */
  exact?: string[];
  /** Needs a capitalized first letter and a group-context word nearby. */
  needsContext: boolean;
}

/** Each one-word organ name ("PLA", "GRU") with the organ's longer names ("People's Liberation Army"). */
function organSpellings(organs: NamedRow[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of organs) {
    const names = [o.name, ...(o.aliases ?? [])];
    const long = names.filter((n) => /\s/.test(n.trim()));
    for (const n of names) if (/^[A-Z]{2,5}$/.test(n)) out.set(n, long);
  }
  return out;
}

/**
 * An actor alias that names its organ by acronym ("PLA Unit 61398", "GRU Unit 74455") is also
 * written with the organ spelled out ("People's Liberation Army Unit 61398").
 */
function withOrgansSpelledOut(aliases: string[], spelledOut: Map<string, string[]>): string[] {
  const out = [...aliases];
  for (const alias of aliases) {
    const words = alias.split(' ');
    words.forEach((w, i) => {
      for (const long of spelledOut.get(w) ?? []) {
        const variant = [...words.slice(0, i), long, ...words.slice(i + 1)].join(' ');
        if (!out.includes(variant)) out.push(variant);
      }
    });
  }
  return out;
}

function partyKindOf(kind: string): PartyKind {
  switch (kind) {
    case 'state-linked-group':
    case 'criminal-group':
    case 'hacktivist-group':
      return kind;
    default:
      return 'unknown';
  }
}

export class Gazetteer {
  readonly entities: Entity[] = [];
  private readonly byFirst = new Map<string, AliasEntry[]>();
  private readonly byName = new Map<string, Entity>();
  readonly countriesByCode = new Map<string, Entity>();

  constructor(data: {
    actors: ActorRow[];
    organs: NamedRow[];
    countries: CountryRow[];
    vendors: NamedRow[];
    outlets: NamedRow[];
    /** Officials who speak for their state in the news (leaders, ministers, spokespeople). */
    people?: NamedRow[];
  }) {
    for (const c of data.countries) {
      const e: Entity = {
        type: 'country',
        name: c.name,
        country: c.code,
        kind: 'state',
        bloc: c.bloc,
      };
      this.add(e, [c.name, ...(c.aliases ?? [])], 'name');
      this.add(e, c.demonyms ?? [], 'demonym');
      this.add(e, c.metonyms ?? [], 'metonym');
      this.countriesByCode.set(c.code, e);
    }
    const spelledOut = organSpellings(data.organs);
    for (const a of data.actors) {
      const e: Entity = {
        type: 'actor',
        name: a.name,
        country: a.country ?? null,
        kind: partyKindOf(a.kind),
        sponsor: a.sponsor,
      };
      this.add(e, withOrgansSpelledOut([a.name, ...a.aliases], spelledOut), 'name');
    }
    for (const o of data.organs) {
      this.add(
        { type: 'organ', name: o.name, country: o.country ?? null, kind: 'agency' },
        [o.name, ...(o.aliases ?? [])],
        'name',
      );
    }
    for (const v of data.vendors) {
      this.add(
        { type: 'vendor', name: v.name, country: v.country ?? null, kind: 'company' },
        [v.name, ...(v.aliases ?? [])],
        'name',
      );
    }
    for (const o of data.outlets) {
      this.add(
        {
          type: 'outlet',
          name: o.name,
          country: o.country ?? null,
          kind: 'media',
          ...(o.stateMedia ? { stateMedia: true } : {}),
        },
        [o.name, ...(o.aliases ?? [])],
        'name',
      );
    }
    for (const p of data.people ?? []) {
      // An official of a bloc (the EU's foreign-policy chief, NATO's secretary general) speaks for it.
      const bloc = p.country ? this.countriesByCode.get(p.country) : undefined;
      if (bloc?.bloc) {
        this.add(bloc, [p.name, ...(p.aliases ?? [])], 'name');
        continue;
      }
      const country = p.country && /^[A-Z]{2}$/.test(p.country) ? p.country : null;
      this.add(
        { type: 'person', name: p.name, country, kind: 'person' },
        [p.name, ...(p.aliases ?? [])],
        'name',
      );
    }
    for (const list of this.byFirst.values())
      list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  private add(entity: Entity, aliases: string[], form: MentionForm): void {
    this.entities.push(entity);
    this.byName.set(`${entity.type}:${entity.name.toLowerCase()}`, entity);
    for (const alias of aliases) {
      const toks = tokenize(alias);
      if (toks.length === 0) continue;
      const norms = toks.map((t) => t.norm);
      // Short all-capital aliases ("US", "IT", "SVR") must match their spelling, so "us" or "it" never do.
      const letters = alias.replace(/[^\p{L}]/gu, '');
      const exact =
        letters.length > 0 && letters.length <= 4 && letters === letters.toUpperCase()
          ? toks.map((t) => t.raw.replace(/\./g, ''))
          : undefined;
      const needsContext =
        entity.type === 'actor' && norms.length === 1 && COMMON_WORDS.has(norms[0]!);
      const entry: AliasEntry = { tokens: norms, entity, form, exact, needsContext };
      const first = norms[0]!;
      const list = this.byFirst.get(first);
      if (list) list.push(entry);
      else this.byFirst.set(first, [entry]);
    }
  }

  /** Finds an entity by type and canonical name. */
  get(type: EntityType, name: string): Entity | undefined {
    return this.byName.get(`${type}:${name.toLowerCase()}`);
  }

  country(code: string): Entity | undefined {
    return this.countriesByCode.get(code);
  }

  /** Resolves any alias ("Fancy Bear", "Forest Blizzard") to its entity. */
  resolve(alias: string): Entity | undefined {
    const toks = tokenize(alias);
    const found = this.scanTokens(toks, alias, true);
    const first = found[0];
    return first && first.tokenStart === 0 && first.tokenEnd === toks.length
      ? first.entity
      : undefined;
  }

  /** Every non-overlapping mention in `text`, longest match first, in text order. */
  scan(text: string, tokens: Token[] = tokenize(text)): Mention[] {
    return this.scanTokens(tokens, text, false);
  }

  private scanTokens(tokens: Token[], text: string, lenient: boolean): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < tokens.length;) {
      const candidates = this.byFirst.get(tokens[i]!.norm);
      let matched: AliasEntry | undefined;
      if (candidates) {
        for (const c of candidates) {
          if (i + c.tokens.length > tokens.length) continue;
          let ok = true;
          for (let k = 1; k < c.tokens.length && ok; k++) ok = tokens[i + k]!.norm === c.tokens[k];
          if (!ok) continue;
          if (c.exact && !lenient) {
            for (let k = 0; k < c.tokens.length && ok; k++)
              ok = tokens[i + k]!.raw.replace(/\./g, '') === c.exact[k];
            if (!ok) continue;
          }
          // Group names are proper nouns: "an anonymous official" is not Anonymous.
          if (c.entity.type === 'actor' && !lenient && !/^[\p{Lu}\p{N}]/u.test(tokens[i]!.raw))
            continue;
          if (c.needsContext && !lenient) {
            const raw = tokens[i]!.raw;
            if (raw[0] !== raw[0]!.toUpperCase()) continue;
            const near = tokens
              .slice(Math.max(0, i - 2), i + 4)
              .some((t) => GROUP_CONTEXT.test(t.norm));
            if (!near) continue;
          }
          matched = c;
          break;
        }
      }
      if (!matched) {
        i++;
        continue;
      }
      const first = tokens[i]!;
      const last = tokens[i + matched.tokens.length - 1]!;
      const after = text.slice(last.end, last.end + 2);
      out.push({
        entity: matched.entity,
        form: matched.form,
        start: first.start,
        end: last.end,
        tokenStart: i,
        tokenEnd: i + matched.tokens.length,
        text: text.slice(first.start, last.end),
        possessive: /^['’]s/.test(after),
      });
      i += matched.tokens.length;
    }
    return out;
  }
}

let defaultGazetteer: Gazetteer | undefined;

/** The gazetteer built from the bundled data (built once, on first use). */
export function gazetteer(): Gazetteer {
  defaultGazetteer ??= new Gazetteer({
    actors: actorsData as ActorRow[],
    organs: organsData as NamedRow[],
    countries: countriesData as CountryRow[],
    vendors: vendorsData as NamedRow[],
    outlets: outletsData as NamedRow[],
    people: peopleData as NamedRow[],
  });
  return defaultGazetteer;
}
