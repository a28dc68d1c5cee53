/**
 * The domain model shared by every part of Attribution Watch: the `detect` JSON contract
 * (read by outside tools, so fields may be added but never renamed), feeds, articles and
 * stored claims. Pure types and constants: no I/O here.
 */

export const PARTY_KINDS = [
  'state',
  'state-linked-group',
  'criminal-group',
  'hacktivist-group',
  'agency',
  'company',
  'media',
  'person',
  'unknown',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Someone who accuses, is accused, or is targeted. */
export interface Party {
  /** Display name as normalized by the detector ("China", "APT28", "U.S. Treasury Department"). */
  name: string;
  kind: PartyKind;
  /** ISO 3166-1 alpha-2 code, or null when unknown / not a country-bound party. */
  country: string | null;
  /** Canonical actor name from the gazetteer, when the party is a known threat actor or organ. */
  actor?: string;
  /**
   * For a threat group: the state organ the article ties it to ("SVR" for "APT29, part of
   * Russia's SVR"). Claims are also indexed and found under the sponsor.
   */
  sponsor?: string;
  /**
   * Other parties the same accuser named for the same operation in the article — for a group,
   * the state behind it ("Mandiant → APT41 (CN)" also names China). Queries and filters by
   * country or actor find the claim under these too.
   */
  alsoNamed?: Party[];
}

export const ACTIONS = [
  'intrusion',
  'espionage',
  'data-theft',
  'ransomware',
  'ddos',
  'destructive',
  'influence',
  'other',
] as const;
export type Action = (typeof ACTIONS)[number];

export const EVIDENCE = ['provided', 'not-provided', 'unspecified'] as const;
export type Evidence = (typeof EVIDENCE)[number];

export const RESPONSE_KINDS = [
  'denial',
  'counter-accusation',
  'acknowledgement',
  'claim-of-responsibility',
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export interface ClaimResponse {
  by: Party;
  kind: ResponseKind;
  /** The sentence the response was read from. */
  text: string;
}

/** One directed attribution statement found in one article. */
export interface Claim {
  accuser: Party | null;
  accused: Party;
  target: Party | null;
  action: Action;
  evidence: Evidence;
  /** 0..1: how firmly the claim is made, scaled by how sure the extractor is. */
  confidence: number;
  /** Outlets the article cites as reporting the claim ("The Washington Post"). */
  reportedBy: string[];
  /** The exact sentences the claim was read from. */
  sentences: string[];
  responses: ClaimResponse[];
  /** True when this claim answers an earlier claim in the article: the accused accusing back. */
  counterAccusation?: boolean;
}

/** The `detect` result: one per article. */
export interface DetectResult {
  id?: string;
  isCyber: boolean;
  isAttribution: boolean;
  /** 0..1 story-level attribution score. */
  score: number;
  claims: Claim[];
}
