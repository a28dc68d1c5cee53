/**
 * A state or organ mention seen with the words around it, as the accused rules read it. The
 * context before the mention is read past a possessive owner ("…a front company of China's
 * Ministry of State Security" is read from "front company of").
 */
import type { Sentence } from '../document';
import type { Entity, Mention, Token } from '../gazetteer';

export class MentionView {
  readonly e: Entity;
  readonly tokens: Token[];
  /** Up to six tokens after the mention. */
  readonly after: Token[];
  /** Up to six tokens before the mention. */
  readonly before: Token[];
  private context?: { ctx: Token[]; ctxStart: number; beforeNorm: string };

  constructor(
    readonly m: Mention,
    readonly s: Sentence,
  ) {
    this.e = m.entity;
    this.tokens = s.tokens;
    this.after = s.tokens.slice(m.tokenEnd, m.tokenEnd + 6);
    this.before = s.tokens.slice(Math.max(0, m.tokenStart - 6), m.tokenStart);
  }

  /** The words before the mention, read past its possessive owner. */
  get ctx(): Token[] {
    return this.readContext().ctx;
  }

  /** Where the context ends: the mention, or its owner. */
  get ctxStart(): number {
    return this.readContext().ctxStart;
  }

  /** The context's normalized words, joined by spaces. */
  get beforeNorm(): string {
    return this.readContext().beforeNorm;
  }

  /** The text after the mention. */
  get rest(): string {
    return this.s.text.slice(this.m.end);
  }

  private readContext() {
    if (this.context) return this.context;
    const { m, s, before, tokens, e } = this;
    let ctx = before;
    let ctxStart = m.tokenStart;
    if (before[before.length - 1]?.norm === 's') {
      const owner = s.mentions.find(
        (o) => o.tokenEnd === m.tokenStart - 1 && o.entity.type === 'country',
      );
      if (owner) {
        ctx = tokens.slice(Math.max(0, owner.tokenStart - 6), owner.tokenStart);
        ctxStart = owner.tokenStart;
      } else if (e.type === 'organ') {
        // "carried out by the North's Reconnaissance General Bureau": an owner the gazetteer
        // does not name is read past too.
        let k = m.tokenStart - 2;
        while (k >= 0 && /^\p{Lu}/u.test(tokens[k]!.raw) && m.tokenStart - 2 - k < 3) k--;
        if (k < m.tokenStart - 2) {
          if (tokens[k]?.norm === 'the') k--;
          ctx = tokens.slice(Math.max(0, k - 5), k + 1);
          ctxStart = k + 1;
        }
      }
    }
    this.context = { ctx, ctxStart, beforeNorm: ctx.map((t) => t.norm).join(' ') };
    return this.context;
  }
}
