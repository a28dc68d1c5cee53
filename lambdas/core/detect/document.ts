/**
 * The document model every stage reads and annotates: the article's sentences with their tokens
 * and mentions, the findings read from each sentence, and the claims merged from them.
 */
import type { Action, Claim, Party } from '../model';
import type { Mention, Token } from './gazetteer';

/** One sentence, as the segment, tokens and mentions stages leave it. */
export interface Sentence {
  text: string;
  paragraphIndex: number;
  /** Position in reading order. */
  index: number;
  tokens: Token[];
  mentions: Mention[];
  /** Whether the sentence itself speaks of a cyber operation. */
  cyber: boolean;
  /** Groups no list knows, named by a pattern ("a group calling itself …"), when the story is cyber. */
  groups: Span[];
}

/** A party placed on a sentence's tokens (end exclusive; -1 for a party carried from before). */
export interface Span {
  party: Party;
  tokenStart: number;
  tokenEnd: number;
  /**
   * For a group no list knows: its words say it is a group ("the … hacker group", "calls
   * itself …", a vendor code), not only a name ("dubbed …" also names flaws and campaigns).
   */
  surelyGroup?: boolean;
}

/** A party that may speak: an accuser candidate. */
export interface Candidate extends Span {
  outlet: boolean;
}

/** One accuser → accused pair read from one sentence. */
export interface Finding {
  accuser: Party | null;
  accuserCountry: string | null;
  accused: Party;
  sentence: string;
  sentenceIndex: number;
  paragraphIndex: number;
  reportedBy: string[];
  target: Party | null;
  action: Action;
  selfClaim: boolean;
  /** Said by a commentator (a professor, a scholar): no state's voice, read only if nothing else is. */
  commentary: boolean;
}

/** A claim with the findings it was merged from. */
export interface ClaimDraft {
  claim: Claim;
  findings: Finding[];
}

export interface Doc {
  sentences: Sentence[];
  /** The first paragraph is the headline (a title was given). */
  titled: boolean;
  isCyber: boolean;
  findings: Finding[];
  drafts: ClaimDraft[];
}
