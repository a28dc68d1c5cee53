/**
 * Stage 6, evidence and confidence: how firmly each claim is made ("assessed with high
 * confidence", "suspected", "indicted"), and whether the article says its evidence was given
 * ("published indicators of compromise") or not ("has not provided evidence").
 */
import type { Claim } from '../model';
import type { ClaimDraft, Doc, Sentence } from './document';
import { note, tracing } from './explain';
import type { Mention } from './gazetteer';
import { label } from './parties';
import { EVIDENCE } from './patterns/evidence';

export function weighEvidence(doc: Doc): void {
  for (const d of doc.drafts) d.claim.confidence = confidenceOf(d);
  const claims = doc.drafts.map((d) => d.claim);
  for (const s of doc.sentences) attachEvidence(claims, doc.sentences, s);
}

/**
 * 0.6 as stated, 0.8 when any sentence is firm, 0.4 when every one hedges; less with no
 * accuser, more when several sentences make it.
 */
function confidenceOf({ findings }: ClaimDraft): number {
  const hedged = findings.every((x) => EVIDENCE.hedge.test(x.sentence));
  const firm = findings.some((x) => EVIDENCE.firm.test(x.sentence));
  let confidence = 0.6;
  if (firm) confidence = 0.8;
  if (hedged && !firm) confidence = 0.4;
  if (!findings[0]!.accuser) confidence -= 0.1;
  if (findings.length > 1) confidence += 0.05;
  return Math.max(0.05, Math.min(0.99, Math.round(confidence * 100) / 100));
}

/** The subject of "has not provided evidence": the nearest party named before the phrase. */
function subjectBefore(s: Sentence, at: number): Mention | undefined {
  return [...s.mentions]
    .reverse()
    .find((m) => m.end <= at && m.entity.type !== 'outlet' && m.entity.type !== 'actor');
}

/** Whether a claim is made by the party a sentence's evidence phrase is about. */
function madeBy(c: Claim, subject: Mention): boolean {
  const e = subject.entity;
  return (
    !!c.accuser &&
    (c.accuser.name === e.name ||
      (!!e.country &&
        c.accuser.kind === 'state' &&
        c.accuser.country === e.country &&
        e.type === 'country'))
  );
}

function attachEvidence(claims: Claim[], all: Sentence[], s: Sentence): void {
  const notMatch = EVIDENCE.notProvided.exec(s.text);
  const yesMatch = notMatch ? null : EVIDENCE.provided.exec(s.text);
  const match = notMatch ?? yesMatch;
  if (!match) return;
  const subject = subjectBefore(s, match.index);
  const concerned = claims.filter((c) =>
    subject ? madeBy(c, subject) : c.sentences.includes(s.text),
  );
  // "China accused the United States of hacking… but has not provided evidence": the party just
  // before the phrase is the accused; the claims of this sentence are concerned.
  let here = claims.filter((c) => c.sentences.includes(s.text));
  // "The advisory included indicators of compromise…": the claims of the same paragraph.
  if (!here.length && !subject) {
    const para = new Set(
      all.filter((x) => x.paragraphIndex === s.paragraphIndex).map((x) => x.text),
    );
    here = claims.filter((c) => c.sentences.some((x) => para.has(x)));
  }
  const targets = concerned.length
    ? concerned
    : here.length
      ? here
      : !subject && claims.length === 1
        ? claims
        : [];
  for (const c of targets) {
    c.evidence = notMatch ? 'not-provided' : 'provided';
    if (yesMatch && /high confidence/i.test(s.text)) c.confidence = Math.max(c.confidence, 0.9);
    if (tracing())
      note({
        stage: 'evidence',
        what: c.evidence,
        pattern: notMatch ? EVIDENCE.notProvided.id : EVIDENCE.provided.id,
        sentence: s.index,
        subject: `${label(c.accuser)} → ${label(c.accused)}`,
      });
  }
}
