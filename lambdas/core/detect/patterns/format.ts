/**
 * The pattern format. A pattern is data: what it means, a regular expression (a cue list or a
 * frame with its role slot around it), and at least one example sentence in our own words with
 * the roles the detector must yield on it. Patterns are compiled once, at load; the stages refer
 * to them by name, and every match is recorded under the pattern's id for `--explain`.
 *
 * `test/unit/patterns.test.ts` runs every example through the whole detector and checks the
 * claims it yields and that the pattern fired on it, so a pattern without a passing example
 * cannot exist.
 */
import type { Action, Evidence } from '../../model';
import { fired, type Stage } from '../explain';

export interface PatternExample {
  /** One sentence, or a short story (paragraphs split by a blank line), in our own words. */
  text: string;
  title?: string;
  /**
   * The claims the text must yield, exactly: "accuser → accused", the accuser by name (∅ when
   * none), the accused by its actor name, else its name. `[]`: no claim at all.
   */
  claims: string[];
  /** Responses that must be on a claim: "<accused> ← <kind>" ("China ← denial"). */
  responses?: string[];
  /** Evidence every claim must carry. */
  evidence?: Evidence;
  /** Action every claim must carry. */
  action?: Action;
  /** Target name some claim must carry. */
  target?: string;
  /** "<accused>: <country>" the accused party must carry. */
  country?: string;
  /**
   * Whether the pattern must be seen matching on this text (default true). False only for
   * patterns that are read by other patterns rather than on the text (none yet).
   */
  fires?: boolean;
}

export interface PatternSpec {
  /** What a match means, in one sentence. */
  means: string;
  /**
   * A regular-expression source. `{words}` in it stands for the alternatives in `words`, so a
   * cue list stays a list: `\b({words})\b` with `words: 'blamed | accused'`.
   */
  re: string;
  /**
   * Alternatives separated by `|` or line breaks (a `|` inside brackets or parentheses belongs to
   * its alternative); the spaces around each one are not part of it.
   */
  words?: string;
  flags?: string;
  /**
   * A cheap test of the words the pattern needs (case-insensitive), so that most sentences cost
   * one scan instead of a full match.
   */
  gate?: string;
  examples: PatternExample[];
}

/** A compiled pattern: its id, its expression, and matching that records itself. */
export class Pattern implements Rule {
  readonly re: RegExp;
  private readonly gate: RegExp | undefined;

  constructor(
    readonly id: string,
    readonly stage: Stage,
    readonly spec: PatternSpec,
  ) {
    const words = spec.words === undefined ? undefined : alternatives(spec.words).join('|');
    const source = words === undefined ? spec.re : spec.re.replace('{words}', () => words);
    this.re = new RegExp(source, spec.flags ?? '');
    this.gate = spec.gate === undefined ? undefined : new RegExp(spec.gate, 'i');
  }

  /** Whether the text has the words the pattern needs (true when it names none). */
  admits(text: string): boolean {
    return !this.gate || this.gate.test(text);
  }

  test(text: string): boolean {
    const hit = this.re.test(text);
    if (hit) fired(this.id);
    return hit;
  }

  exec(text: string): RegExpExecArray | null {
    const m = this.re.exec(text);
    if (m) fired(this.id);
    return m;
  }

  /** Every match of a global pattern, from the start of `text`. */
  *matches(text: string): Generator<RegExpExecArray> {
    const re = this.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      fired(this.id);
      yield m;
    }
  }

  /** Records a match found by other means (a loop that moves `lastIndex` itself). */
  hit(): void {
    fired(this.id);
  }
}

/** Splits a `words` list at its top-level `|` and line breaks. */
export function alternatives(words: string): string[] {
  const out: string[] = [];
  for (const line of words.split('\n')) {
    let depth = 0;
    let inClass = false;
    let cur = '';
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (ch === '\\') {
        cur += line.slice(i, i + 2);
        i++;
        continue;
      }
      if (inClass) inClass = ch !== ']';
      else if (ch === '[') inClass = true;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (ch === '|' && depth === 0 && !inClass) {
        out.push(cur.trim());
        cur = '';
      } else cur += ch;
    }
    out.push(cur.trim());
  }
  return out.filter((w) => w.length > 0);
}

/** A decision made in code rather than by one expression, named and exemplified like a pattern. */
export interface RuleSpec {
  means: string;
  examples: PatternExample[];
}

/** A named rule: what `--explain` prints for a decision, and what the examples test runs. */
export interface Rule {
  readonly id: string;
  readonly stage: Stage;
  readonly spec: RuleSpec;
}

const registry = new Map<string, Rule>();

function register(rule: Rule): void {
  if (registry.has(rule.id)) throw new Error(`pattern ${rule.id} is defined twice`);
  registry.set(rule.id, rule);
}

function kebab(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

function idOf(stage: Stage, group: string, key: string): string {
  const name = kebab(key);
  return group ? `${stage}.${group}.${name}` : `${stage}.${name}`;
}

/**
 * Compiles a stage's patterns, registering each under `<stage>.<group>.<kebab-case key>`; an id
 * defined twice is an error at load (a pattern without a passing example fails the tests).
 */
export function definePatterns<K extends string>(
  stage: Stage,
  group: string,
  specs: Record<K, PatternSpec>,
): Record<K, Pattern> {
  const out = {} as Record<K, Pattern>;
  for (const key of Object.keys(specs) as K[]) {
    const p = new Pattern(idOf(stage, group, key), stage, specs[key]);
    register(p);
    out[key] = p;
  }
  return out;
}

/** Registers rules decided in code, each with its examples; returns them by key. */
export function defineRules<K extends string>(
  stage: Stage,
  group: string,
  specs: Record<K, RuleSpec>,
): Record<K, Rule> {
  const out = {} as Record<K, Rule>;
  for (const key of Object.keys(specs) as K[]) {
    const rule: Rule = { id: idOf(stage, group, key), stage, spec: specs[key] };
    register(rule);
    out[key] = rule;
  }
  return out;
}

/** Every pattern and rule registered so far (each stage module registers its own at load). */
export function allPatterns(): Rule[] {
  return [...registry.values()];
}
