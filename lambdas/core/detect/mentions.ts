/**
 * Stage 3, mentions: the parties each sentence names — gazetteer actors, states with their
 * demonyms and metonyms, organs, companies, people and outlets — whether it speaks of a cyber
 * operation, and, in a cyber story, the names of groups no list knows ("a group calling itself
 * …", "the … ransomware gang", "Storm-1234").
 */
import type { PartyKind } from '../model';
import type { Doc, Sentence, Span } from './document';
import { note, tracing } from './explain';
import type { Gazetteer, Mention, Token } from './gazetteer';
import { CYBER_CUE } from './lexicon';
import { HACKER_TAIL } from './tokens';
import { entityParty, label } from './parties';
import { MENTIONS } from './patterns/mentions';
import { MENTION_RULES } from './patterns/rules';

/** Annotates each sentence with its gazetteer mentions and cyber wording; decides `isCyber`. */
export function findMentions(doc: Doc, gaz: Gazetteer): void {
  for (const s of doc.sentences) {
    s.mentions = gaz.scan(s.text, s.tokens);
    s.cyber =
      CYBER_CUE.test(s.text) ||
      MENTIONS.onlineInfluence.test(s.text) ||
      MENTIONS.leakedPrivate.test(s.text) ||
      MENTIONS.itWording.test(s.text) ||
      (MENTIONS.signalsSpying.admits(s.text) && MENTIONS.signalsSpying.test(s.text)) ||
      gluedHackerNoun(s);
    if (tracing())
      for (const m of s.mentions)
        note({
          stage: 'mentions',
          what: `${m.entity.type} (${m.form})`,
          pattern: MENTION_RULES.gazetteer.id,
          sentence: s.index,
          subject: `${m.text} = ${label(entityParty(m.entity))}`,
        });
  }
  const cyberSentences = doc.sentences.filter((s) => s.cyber).length;
  const hasActor = doc.sentences.some((s) => s.mentions.some((m) => m.entity.type === 'actor'));
  // A story is cyber when cyber vocabulary recurs, or appears in a short text, or when it names
  // a threat actor: one passing mention in a long story about a missile strike is not enough.
  doc.isCyber =
    cyberSentences >= 2 ||
    hasActor ||
    (cyberSentences >= 1 && cyberSentences / doc.sentences.length >= 0.15);
  note({
    stage: 'mentions',
    what: doc.isCyber ? 'cyber story' : 'not a cyber story',
    detail: `${cyberSentences} of ${doc.sentences.length} sentences with cyber wording${hasActor ? ', a threat actor named' : ''}`,
  });
  if (!doc.isCyber) return;
  for (const s of doc.sentences) s.groups = namedGroups(s, gaz);
  groupsNamedBefore(doc);
}

/** "Syrianhackers": a hacker noun glued to the word before it (split by the tokenizer). */
function gluedHackerNoun(s: Sentence): boolean {
  const t = s.tokens;
  for (let i = 1; i < t.length; i++)
    if (
      t[i - 1]!.end === t[i]!.start &&
      HACKER_TAIL.test(t[i]!.raw) &&
      /\p{L}$/u.test(t[i - 1]!.raw)
    )
      return true;
  return false;
}

/**
 * A group named once by a pattern ("a hacker who goes by Cipher0007") is named by its bare name
 * afterwards ("Cipher0007 was able to compromise…") — anywhere in the article.
 */
function groupsNamedBefore(doc: Doc): void {
  const named = new Map<string, Span>();
  for (const s of doc.sentences)
    for (const g of s.groups)
      if (g.party.name.length >= 4 && !named.get(g.party.name)?.surelyGroup)
        named.set(g.party.name, g);
  if (!named.size) return;
  for (const s of doc.sentences) {
    for (const [name, { party, surelyGroup }] of named) {
      const re = new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeRe(name)}(?![\p{L}\p{N}])`, 'gu');
      for (const m of s.text.matchAll(re)) {
        const start = m.index;
        const end = start + name.length;
        if (taken(s.tokens, s.mentions, s.groups, start, end)) continue;
        const tStart = s.tokens.findIndex((t) => t.start >= start);
        let tEnd = s.tokens.findIndex((t) => t.start >= end);
        if (tEnd === -1) tEnd = s.tokens.length;
        if (tStart === -1 || tEnd <= tStart) continue;
        s.groups.push({ party, tokenStart: tStart, tokenEnd: tEnd, surelyGroup });
        note({
          stage: 'mentions',
          what: 'group no list knows',
          pattern: MENTION_RULES.namedBefore.id,
          sentence: s.index,
          subject: label(party),
        });
      }
    }
    s.groups.sort((a, b) => a.tokenStart - b.tokenStart);
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Group names the gazetteer does not know: "calling itself X", "X ransomware gang", "Storm-1234". */
function namedGroups(s: Sentence, gaz: Gazetteer): Span[] {
  const out: Span[] = [];
  for (const p of [
    MENTIONS.namedGroup,
    MENTIONS.groupAfterNoun,
    MENTIONS.groupList,
    MENTIONS.membersOfGroup,
    MENTIONS.groupCode,
    MENTIONS.groupBeforeNoun,
  ]) {
    for (const m of p.matches(s.text)) {
      const name = m[1] ?? m[0];
      const span = groupSpan(s, gaz, out, cleanGroupName(name), m.index + m[0].indexOf(name));
      if (!span) continue;
      // "intermediaries, known as Bridge Bureaus,": no group spoken of before the name.
      if (
        p === MENTIONS.namedGroup &&
        /^known\b/i.test(m[0]) &&
        !MENTIONS.knownAsWho.test(nounBefore(s.text.slice(Math.max(0, m.index - 80), m.index)))
      )
        continue;
      // "a leak dubbed the 'OpenDoor' vulnerability": the name of a flaw, not of a group.
      if (
        p === MENTIONS.namedGroup &&
        MENTIONS.flawAfterName.test(s.text.slice(m.index + m[0].length))
      )
        continue;
      const frame = s.text.slice(Math.max(0, m.index - 40), m.index + m[0].length);
      if (p !== MENTIONS.namedGroup || MENTIONS.selfNaming.test(frame)) span.surelyGroup = true;
      out.push(span);
      note({
        stage: 'mentions',
        what: 'group no list knows',
        pattern: p.id,
        sentence: s.index,
        subject: label(span.party),
      });
    }
  }
  return out;
}

/** The last two words before "known as", past "also", "widely", "the" and punctuation. */
function nounBefore(text: string): string {
  const words = text
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w && !/^(?:also|widely|commonly|better|sometimes|now|the|a|an)$/i.test(w));
  return words.slice(-2).join(' ');
}

function cleanGroupName(name: string): string {
  return name
    .replace(/[.,'’"”]+$/, '')
    .replace(/['’]s$/, '')
    .trim();
}

/** The group named at `start`, unless it is an institution, a tool, a known entity or taken. */
function groupSpan(
  s: Sentence,
  gaz: Gazetteer,
  found: Span[],
  name: string,
  start: number,
): Span | undefined {
  const { text, tokens, mentions } = s;
  const first = name.split(/\s+/)[0] ?? '';
  // "The Police Security Service, known as PST": an institution's short name, not a group.
  if (MENTIONS.institutionBefore.test(text.slice(Math.max(0, start - 70), start))) return;
  if (
    name.length < 3 ||
    MENTIONS.notAGroup.test(first) ||
    /^\d+$/.test(name) ||
    /^CVE-/i.test(name)
  )
    return;
  // "malware known as X", "the flaw, dubbed X": a tool or a bug, not a group; "a researcher who
  // goes by X": a person who is no threat.
  if (MENTIONS.malwareContext.test(text.slice(Math.max(0, start - 60), start))) return;
  if (MENTIONS.researcherBefore.test(text.slice(Math.max(0, start - 70), start))) return;
  const end = start + name.length;
  // "the Turkish Crime Family", "Yemen Cyber Army": a state named inside a longer name is part of it.
  const inside = mentions.filter((m) => m.start < end && start < m.end);
  const ownState =
    inside.length > 0 &&
    inside.every(
      (m) =>
        (m.entity.type === 'country' || m.entity.type === 'actor') &&
        m.start >= start &&
        m.end < end,
    ) &&
    /\s\p{Lu}/u.test(text.slice(inside[inside.length - 1]!.end, end));
  if (taken(tokens, ownState ? [] : mentions, found, start, end)) return;
  // A name the gazetteer knows by another spelling or context ("BlackCat"): that entity; a
  // name written beside a known alias ("Dukes/Nobelium/APT29") is that actor.
  const slashed = mentions.find(
    (m) => m.start === end + 1 && text[end] === '/' && m.entity.type === 'actor',
  );
  const known = slashed?.entity ?? gaz.resolve(name);
  if (known && known.type !== 'actor') return;
  const tStart = tokens.findIndex((t) => t.start >= start);
  let tEnd = tokens.findIndex((t) => t.start >= end);
  if (tEnd === -1) tEnd = tokens.length;
  if (tStart === -1 || tEnd <= tStart) return;
  const party = known
    ? entityParty(known)
    : {
        name,
        kind: groupKind(text, start, end),
        country: groupCountry(s, start) ?? namedState(gaz, name),
        actor: name,
      };
  return { party, tokenStart: tStart, tokenEnd: tEnd };
}

function taken(tokens: Token[], mentions: Mention[], found: Span[], start: number, end: number) {
  return (
    mentions.some((m) => m.start < end && start < m.end) ||
    found.some((o) => tokens[o.tokenStart]!.start < end && start < tokens[o.tokenEnd - 1]!.end)
  );
}

/** What kind of group the words around its name make it. */
function groupKind(text: string, start: number, end: number): PartyKind {
  const window = text.slice(Math.max(0, start - 80), Math.min(text.length, end + 80));
  return /ransom|extort|criminal|cybercrim|gang/i.test(window)
    ? 'criminal-group'
    : /hacktivis/i.test(window)
      ? 'hacktivist-group'
      : /state|government|military|intelligence|espionage|spy|nation/i.test(window)
        ? 'state-linked-group'
        : 'unknown';
}

/** "MoroccanGhosts", "PakistanCyberArmy": a state written into a one-word name. */
function namedState(gaz: Gazetteer, name: string): string | null {
  const first = /^(\p{Lu}\p{Ll}{3,})\p{Lu}/u.exec(name)?.[1];
  const e = first ? gaz.resolve(first) : undefined;
  return e?.type === 'country' && !e.bloc ? e.country : null;
}

/** The state a demonym or a "<country>-linked" near the name ties the group to. */
function groupCountry(s: Sentence, start: number): string | null {
  const near = s.mentions.filter(
    (m) =>
      m.entity.type === 'country' &&
      !m.entity.bloc &&
      Math.abs(m.start - start) < 80 &&
      (m.form === 'demonym' ||
        m.start === start ||
        /-(?:linked|backed|based|nexus|sponsored|aligned)/.test(s.text.slice(m.end, m.end + 12))),
  );
  // The nearest one: "the Slovak companies said the Russian group Dukes…" is Russian.
  const distance = (m: Mention) => (m.start <= start ? start - m.end : (m.start - start) * 2);
  near.sort((a, b) => distance(a) - distance(b));
  return near[0]?.entity.country ?? null;
}
