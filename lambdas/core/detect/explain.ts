/**
 * The detector's account of itself: which stage produced each mention, role, claim, evidence
 * mark and response, and which pattern fired, so a wrong claim can be traced in a minute
 * (`attribution-watch detect --explain`).
 *
 * Detection is synchronous, so the trace being written is a module-level slot set for the
 * duration of one `detect()` call; when no one asked for an explanation the slot is empty and
 * recording costs one comparison.
 */

/** The detector's stages, in the order `detect()` runs them. */
export const STAGES = [
  'segment',
  'tokens',
  'mentions',
  'roles',
  'claims',
  'evidence',
  'responses',
] as const;
export type Stage = (typeof STAGES)[number];

export interface TraceEvent {
  stage: Stage;
  /** What was decided: "mention", "accused", "accuser", "claim", "evidence", "denial"… */
  what: string;
  /** The pattern (or named rule) that decided it, when one did. */
  pattern?: string;
  /** Index of the sentence it was read from (in reading order), when it has one. */
  sentence?: number;
  /** The party or words concerned. */
  subject?: string;
  detail?: string;
}

export interface Explanation {
  /** Sentences in reading order, so events' `sentence` indexes can be read. */
  sentences: string[];
  events: TraceEvent[];
  /** Every pattern that matched somewhere in the article, with its number of matches. */
  fired: Record<string, number>;
}

export class Trace {
  readonly events: TraceEvent[] = [];
  readonly fired = new Map<string, number>();
  sentences: string[] = [];
  /** The sentence the running stage is reading, stamped on events recorded meanwhile. */
  sentence: number | undefined;

  toJSON(): Explanation {
    return {
      sentences: this.sentences,
      events: this.events,
      fired: Object.fromEntries([...this.fired].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}

let current: Trace | null = null;

/** Runs `fn` with a fresh trace when `explain` is set; the trace is handed to `fn`. */
export function explaining<T>(explain: boolean | undefined, fn: (trace: Trace | null) => T): T {
  if (!explain) return fn(null);
  const outer = current;
  const trace = new Trace();
  current = trace;
  try {
    return fn(trace);
  } finally {
    current = outer;
  }
}

/** Whether an explanation is being recorded (to skip building details nobody reads). */
export function tracing(): boolean {
  return current !== null;
}

/** Records a decision. */
export function note(event: Omit<TraceEvent, 'sentence'> & { sentence?: number }): void {
  if (!current) return;
  current.events.push(
    event.sentence === undefined && current.sentence !== undefined
      ? { ...event, sentence: current.sentence }
      : event,
  );
}

/** Records that a pattern matched. */
export function fired(id: string): void {
  if (!current) return;
  current.fired.set(id, (current.fired.get(id) ?? 0) + 1);
}

/** Sets the sentence that the following events are about (undefined: none). */
export function reading(sentence: number | undefined): void {
  if (current) current.sentence = sentence;
}
