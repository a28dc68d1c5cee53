/**
 * Companies and people the gazetteer cannot know, accused by what is done to them or said of
 * them: "designated Yin Kecheng", "sanctions on Integrity Technology Group", "traced the
 * activity to CyberOne Group, an IT firm", "linked Aleksandr Ermakov to the attack", "Sichuan
 * Juxinhe Network Technology had taken part in…". A company needs a company word in its name or
 * beside it, a person a word that says so (a hacker, a national, whom, his), so places and
 * officials are not taken for defendants.
 */
import type { Party } from '../../model';
import type { Sentence, Span } from '../document';
import { note, tracing } from '../explain';
import type { Mention } from '../gazetteer';
import { CYBER_CUE } from '../lexicon';
import { label } from '../parties';
import { ACCUSERS } from '../patterns/accusers';
import { DEFENDANTS } from '../patterns/defendants';
import type { Pattern } from '../patterns/format';

/** What the sentence before tells about defendants. */
export interface DefendantContext {
  lastAccused: Party | null;
  /** People named in full before, by each of their names ("Guan"). */
  people: Map<string, Party>;
  /** The sentence or its paragraph speaks of a cyber operation. */
  cyberContext: boolean;
}

/** The shapes, in the order they are read. */
const SHAPES: Pattern[] = [
  DEFENDANTS.object,
  DEFENDANTS.linked,
  DEFENDANTS.agent,
  DEFENDANTS.subject,
  DEFENDANTS.appositive,
  DEFENDANTS.list,
];

export function namedDefendants(s: Sentence, ctx: DefendantContext): Span[] {
  const out = personsNamedBefore(s, ctx.people);
  for (const shape of SHAPES) {
    if (!shape.admits(s.text)) continue;
    for (const m of shape.matches(s.text)) {
      const d = defendant(s, ctx, shape, m, out);
      if (!d) continue;
      out.push(d);
      if (tracing())
        note({
          stage: 'roles',
          what: 'accused (named defendant)',
          pattern: shape.id,
          sentence: s.index,
          subject: label(d.party),
        });
    }
  }
  return out;
}

/** "…unsealed an indictment charging Guan with…": a person named in full earlier. */
function personsNamedBefore(s: Sentence, people: Map<string, Party>): Span[] {
  const out: Span[] = [];
  if (!people.size) return out;
  for (const m of DEFENDANTS.short.matches(s.text)) {
    const person = people.get(m[1]!);
    if (!person) continue;
    const start = m.index + m[0].length - m[1]!.length;
    const tStart = s.tokens.findIndex((t) => t.start >= start);
    if (tStart < 0 || s.mentions.some((x) => x.start <= start && start < x.end)) continue;
    out.push({ party: person, tokenStart: tStart, tokenEnd: tStart + 1 });
  }
  return out;
}

/** Shapes whose match is no accusation: a naming with no role, a victim, a review's author. */
function rejected(text: string, shape: Pattern, m: RegExpExecArray, raw: string, lead: string) {
  // "named a Russian national, Aleksandr Ermakov, as the hacker behind…": naming is an
  // accusation only with the role it names him in.
  if (
    shape === DEFENDANTS.object &&
    DEFENDANTS.namingVerb.test(m[0]) &&
    !DEFENDANTS.namedAsRole.test(text.slice(m.index + m[0].length))
  )
    return true;
  // "the phones of … Margarita Robles had been infected": a victim, not a doer.
  if (
    shape === DEFENDANTS.subject &&
    DEFENDANTS.subjectVictim.test(m[0].slice(lead.length + raw.length))
  )
    return true;
  // "The forensic review was carried out by FTI Consulting", "the Signal protocol, developed by
  // Open Whisper Systems": who did something that is not an operation.
  const verb = m[0].slice(0, m[0].search(/\s+by\s/));
  return (
    shape === DEFENDANTS.agent &&
    (DEFENDANTS.agentOfInquiry.test(text.slice(Math.max(0, m.index - 60), m.index)) ||
      DEFENDANTS.agentOfProduct.test(text.slice(Math.max(0, m.index - 60), m.index) + verb))
  );
}

/** The defendant a shape's match names, if it is one. */
function defendant(
  s: Sentence,
  ctx: DefendantContext,
  shape: Pattern,
  m: RegExpExecArray,
  found: Span[],
): Span | undefined {
  const { text, tokens, mentions } = s;
  const raw = m[1] ?? m[2]!;
  const lead = m[0].slice(0, m[0].indexOf(raw));
  if (rejected(text, shape, m, raw, lead)) return;
  // Named as the object of the charge or of the link itself ("charged Ruslan Astamirov",
  // "linked Aleksandr Ermakov to the attack"): a person needs no other word.
  // A naming that passed `rejected` names its object in a role ("named X as the hacker behind").
  const namedInRole = shape === DEFENDANTS.object && DEFENDANTS.namingVerb.test(m[0]);
  const direct =
    namedInRole ||
    (shape !== DEFENDANTS.subject &&
      shape !== DEFENDANTS.list &&
      !/(?:,|called|named)\s*$/.test(lead) &&
      !/\s(?:an?|the|two|three|four|five)\s/.test(lead));
  let name = raw
    .replace(/^The\s+/, '')
    .replace(/['’]s$/, '')
    .replace(/\s+(?:and|of|&)$/, '');
  // "Sichuan Silence Information Technology Co. and Guan Tianfeng": two names.
  const pair = /^(.+?\b(?:Co|Ltd|Inc|LLC|Corp|Group|Company|GmbH|JSC)\.?)\s+and\s+\p{Lu}/u.exec(
    name,
  );
  if (pair) name = pair[1]!;
  const start = m.index + lead.length + (raw.length - raw.replace(/^The\s+/, '').length);
  const end = start + name.length;
  // A later name inside this match ("X, based in Chengdu, and Guan Tianfeng, who…") is looked
  // at too.
  shape.re.lastIndex = Math.max(m.index + 1, end);
  const words = name.split(/\s+/).filter((w) => !/^(?:and|of|&)$/.test(w));
  const doer = isDoer(s, ctx, shape, m, raw, lead);
  // A political party ("the Democratic Progressive Party") answers for its government's
  // operations; its own name is its identity.
  const party = /^[A-Z]\w+(?:\s+[A-Z]\w+){0,3}\s+Party$/.test(name);
  if (words.length > 7) return;
  if (!party && words.some((w) => DEFENDANTS.stop.test(w))) return;
  const vendor = mentions.find(
    (x) => x.entity.type === 'vendor' && x.start === start && x.end === end,
  );
  if (!admissible(mentions, shape, vendor, name, text, start, end)) return;
  const kind = defendantKind(text, name, words, start, end, !!vendor, direct, doer);
  if (!kind && !party) return;
  // One word is a name only beside a company word ("TigerWeb, a web-development company").
  if (words.length < 2 && !(kind === 'company' && !DEFENDANTS.companyWord.test(words[0]!))) return;
  const tStart = tokens.findIndex((t) => t.start >= start);
  let tEnd = tokens.findIndex((t) => t.start >= end);
  if (tEnd === -1) tEnd = tokens.length;
  if (tStart === -1 || tEnd <= tStart) return;
  if (found.some((o) => o.tokenStart < tEnd && tStart < o.tokenEnd)) return;
  const tie = stateOf(s, start, end);
  return {
    party: {
      name,
      kind: kind ?? 'unknown',
      // Else the state of the party the sentence before accused ("It also sanctioned Zhao
      // Guangzong, an employee of the firm").
      country:
        tie?.entity.country ??
        (ctx.lastAccused && ctx.lastAccused.kind !== 'state' ? ctx.lastAccused.country : null) ??
        null,
    },
    tokenStart: tStart,
    tokenEnd: tEnd,
  };
}

/**
 * The subject of the operation itself ("Mansour Ahmadi and two associates exploited…", "X was
 * the person behind LockBitSupp"): a person needs no other word either — when the sentence goes
 * on about a cyber operation ("Dani Okafor hacked away at the lead" is football).
 */
function isDoer(
  s: Sentence,
  ctx: DefendantContext,
  shape: Pattern,
  m: RegExpExecArray,
  raw: string,
  lead: string,
): boolean {
  const verbAt = m.index + m[0].length;
  return (
    shape === DEFENDANTS.subject &&
    DEFENDANTS.doerVerb.test(m[0].slice(lead.length + raw.length)) &&
    !/^\s+(?:away|off|down|at)\b/.test(s.text.slice(verbAt)) &&
    (CYBER_CUE.test(s.text.slice(verbAt)) ||
      // "…was the person behind LockBitSupp", in a paragraph about an operation.
      (ctx.cyberContext && /\bbehind$/.test(m[0])))
  );
}

/** Not a mention the gazetteer already has (but a vendor), not a product, not "NSO's". */
function admissible(
  mentions: Mention[],
  shape: Pattern,
  vendor: Mention | undefined,
  name: string,
  text: string,
  start: number,
  end: number,
): boolean {
  // A security company sanctioned or said to help an operation ("Positive Technologies supports
  // the hacking operations of the FSB") is accused like any company.
  if (!vendor && mentions.some((x) => x.start < end && start < x.end)) return false;
  if (vendor && (shape === DEFENDANTS.linked || shape === DEFENDANTS.agent)) return false;
  // "a server linked to NSO's Pegasus spyware": a product, not who made it.
  if (/['’]s\s/.test(name)) return false;
  return !DEFENDANTS.productAfter.test(text.slice(end, end + 90));
}

/** A company, a person, or neither, by the words in and around the name. */
function defendantKind(
  text: string,
  name: string,
  words: string[],
  start: number,
  end: number,
  vendor: boolean,
  direct: boolean,
  doer: boolean,
): 'company' | 'person' | undefined {
  const after = text.slice(end, end + 90);
  const before = text.slice(Math.max(0, start - 70), start);
  const company =
    vendor ||
    DEFENDANTS.companyWord.test(words[words.length - 1]!) ||
    DEFENDANTS.companyAfter.test(after) ||
    DEFENDANTS.companyBefore.test(before);
  if (company) return 'company';
  const person =
    words.length <= 4 &&
    !ACCUSERS.orgWord.test(name) &&
    (((direct || doer) && words.length <= 3) ||
      DEFENDANTS.personAfter.test(after) ||
      DEFENDANTS.personBefore.test(before));
  return person ? 'person' : undefined;
}

/**
 * Its state: a demonym just before ("a Chinese company"), else the state or organ the sentence
 * ties it to after the name ("had close ties to the Ministry of State Security").
 */
function stateOf(s: Sentence, start: number, end: number): Mention | undefined {
  const { text, mentions } = s;
  return (
    mentions.find(
      (x) =>
        x.form === 'demonym' &&
        !x.entity.bloc &&
        x.end <= start &&
        start - x.end < 50 &&
        x.entity.country,
    ) ??
    mentions.find(
      (x) =>
        x.start >= end &&
        !x.entity.bloc &&
        !!x.entity.country &&
        // Not the one speaking ("…, the Justice Department said").
        !/^['’]?s?\s+(?:has\s+|had\s+)?(?:said|says|announced|told|stated|alleged|added)\b/.test(
          text.slice(x.end, x.end + 20),
        ) &&
        !/according to\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, x.start - 20), x.start)) &&
        (x.entity.type === 'organ' ||
          x.entity.type === 'actor' ||
          // "an IT firm in Vietnam", "a Russian web-development company" — not the target
          // ("intrusions aimed at U.S. infrastructure").
          (x.entity.type === 'country' &&
            x.start - end < 70 &&
            !/\b(?:at|against|into|on|targeting|targeted|hit|breached)\s+(?:the\s+)?$/i.test(
              text.slice(Math.max(0, x.start - 20), x.start),
            ))),
    )
  );
}
