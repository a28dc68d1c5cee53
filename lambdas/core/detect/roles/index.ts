/**
 * Stage 4, roles: accuser / accused / target per sentence, read in order, each sentence with
 * what the ones before it left — the last party accused (for "the group", "the hackers"), the
 * last speaker (for "it said", "the company said"), the people named in full (for "Guan").
 */
import type { Party } from '../../model';
import type { Doc } from '../document';
import { reading } from '../explain';
import type { Gazetteer } from '../gazetteer';
import { sentenceFindings } from './sentence';
import { speakerOf } from './speakers';

export function readRoles(doc: Doc, gaz: Gazetteer): void {
  if (!doc.isCyber) return;
  const paraCyber = new Map<number, boolean>();
  for (const s of doc.sentences)
    paraCyber.set(s.paragraphIndex, (paraCyber.get(s.paragraphIndex) ?? false) || s.cyber);
  let lastAccused: Party | null = null;
  let lastParagraph = -1;
  let lastSpeaker: Party | null = null;
  const people = new Map<string, Party>();
  for (const s of doc.sentences) {
    reading(s.index);
    if (s.paragraphIndex !== lastParagraph && s.paragraphIndex > lastParagraph + 2)
      lastAccused = null;
    lastParagraph = s.paragraphIndex;
    const found = sentenceFindings(s, gaz, {
      // The lead's cyber story carries into the paragraph that follows it, and a headline is
      // about the story it heads.
      paragraphIsCyber:
        (paraCyber.get(s.paragraphIndex) ?? false) ||
        (s.paragraphIndex <= 2 && (paraCyber.get(s.paragraphIndex - 1) ?? false)) ||
        (s.paragraphIndex === 0 && (paraCyber.get(1) ?? false)),
      lastAccused,
      lastSpeaker,
      people,
    });
    if (found.length) lastAccused = found[found.length - 1]!.accused;
    // People named in full once are named by one of their names afterwards ("Guan").
    for (const f of found)
      if (f.accused.kind === 'person' && !f.accused.actor)
        for (const w of f.accused.name.split(/\s+/))
          if (/^\p{Lu}[\p{L}'’-]{2,}$/u.test(w)) people.set(w, f.accused);
    lastSpeaker = speakerOf(s, gaz) ?? found.find((f) => f.accuser)?.accuser ?? lastSpeaker;
    doc.findings.push(...found);
  }
  reading(undefined);
}
