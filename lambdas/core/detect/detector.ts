/**
 * The rule-based attribution detector: a pipeline of named stages over one document model
 * (`document.ts`), its rules as data (`patterns/`). Each stage is a file with one job:
 *
 *   1. segment   — paragraphs, sentences, datelines, the reader-comment cut      (segment.ts)
 *   2. tokens    — word tokens with offsets                                        (tokens.ts)
 *   3. mentions  — gazetteer parties, cyber wording, groups no list knows          (mentions.ts)
 *   4. roles     — accuser / accused / target / action per sentence                (roles/)
 *   5. claims    — findings merged into claims across sentences                    (claims.ts)
 *   6. evidence  — evidence given or not, and confidence                           (evidence.ts)
 *   7. responses — denials, acknowledgements, counter-accusations                  (responses.ts)
 *
 * It implements {@link Detector}; the pipeline depends only on that interface.
 */
import type { DetectResult } from '../model';
import { buildClaims } from './claims';
import type { Doc, Sentence } from './document';
import { weighEvidence } from './evidence';
import { type Explanation, explaining } from './explain';
import { type Gazetteer, gazetteer as defaultGazetteer } from './gazetteer';
import { findMentions } from './mentions';
import { readResponses } from './responses';
import { readRoles } from './roles';
import { segment, sentences } from './segment';
import { tokenize } from './tokens';

export const DETECTOR_VERSION = 'rules-5';

export interface DetectInput {
  id?: string;
  text: string;
  title?: string;
}

export interface DetectOptions {
  /** Also return which stage and pattern produced each mention, role, claim and response. */
  explain?: boolean;
}

/** A result with the detector's account of itself (`detect --explain`). */
export type ExplainedResult = DetectResult & { explain?: Explanation };

/** The replaceable detection module: anything with a version and a `detect`. */
export interface Detector {
  readonly version: string;
  detect(input: DetectInput, options?: DetectOptions): ExplainedResult;
}

export class RuleDetector implements Detector {
  readonly version = DETECTOR_VERSION;
  constructor(private readonly gaz: Gazetteer = defaultGazetteer()) {}

  detect(input: DetectInput, options: DetectOptions = {}): ExplainedResult {
    return explaining(options.explain, (trace) => {
      const doc = readDocument(input); // 1. segment
      for (const s of doc.sentences) s.tokens = tokenize(s.text); // 2. tokens
      findMentions(doc, this.gaz); // 3. mentions
      readRoles(doc, this.gaz); // 4. roles
      buildClaims(doc, this.gaz); // 5. claims
      weighEvidence(doc); // 6. evidence and confidence
      readResponses(doc, this.gaz); // 7. responses
      const result = resultOf(doc, input.id);
      if (trace) trace.sentences = doc.sentences.map((s) => s.text);
      return trace ? { ...result, explain: trace.toJSON() } : result;
    });
  }
}

/** The article as sentences in reading order, each with its paragraph. */
function readDocument(input: DetectInput): Doc {
  const title = (input.title ?? '').trim();
  const paras = segment(input.text ?? '', title);
  const list: Sentence[] = [];
  paras.forEach((p, paragraphIndex) => {
    for (const text of sentences(p))
      list.push({
        text,
        paragraphIndex,
        index: list.length,
        tokens: [],
        mentions: [],
        cyber: false,
        groups: [],
      });
  });
  return {
    sentences: list,
    titled: !!title && paras[0] === title,
    isCyber: false,
    findings: [],
    drafts: [],
  };
}

function resultOf(doc: Doc, id: string | undefined): DetectResult {
  const claims = doc.drafts.map((d) => d.claim);
  const score = claims.length ? Math.max(...claims.map((c) => c.confidence)) : 0;
  const result: DetectResult = {
    isCyber: doc.isCyber,
    isAttribution: claims.length > 0,
    score: Math.round(score * 100) / 100,
    claims,
  };
  return id !== undefined ? { id, ...result } : result;
}

let shared: RuleDetector | undefined;
/** The default detector, built once. */
export function defaultDetector(): Detector {
  shared ??= new RuleDetector();
  return shared;
}
