/**
 * Every detector pattern and named rule carries examples in our own words; each example is run
 * through the whole detector, must yield exactly the claims it lists (and the responses,
 * evidence, action, target or country it names), and the pattern must be seen firing on it. So a
 * pattern without a passing example cannot exist, and a change that breaks a pattern's reason to
 * be fails here by name.
 */
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { allPatterns, type PatternExample } from '../../lambdas/core/detect/patterns/format';
import type { Claim } from '../../lambdas/core/model';

const detector = defaultDetector();
const patterns = allPatterns();
const pair = (c: Claim) => `${c.accuser?.name ?? '∅'} → ${c.accused.actor ?? c.accused.name}`;
const accusedName = (c: Claim) => c.accused.actor ?? c.accused.name;

function run(ex: PatternExample) {
  const r = detector.detect({ text: ex.text, title: ex.title }, { explain: true });
  const explain = r.explain!;
  const seen = new Set([
    ...Object.keys(explain.fired),
    ...explain.events.flatMap((e) => (e.pattern ? [e.pattern] : [])),
  ]);
  return { r, explain, seen };
}

describe('detector patterns', () => {
  it('are many, with unique ids, each with at least one example', () => {
    expect(patterns.length).toBeGreaterThan(100);
    expect(new Set(patterns.map((p) => p.id)).size).toBe(patterns.length);
    expect(patterns.filter((p) => p.spec.examples.length === 0).map((p) => p.id)).toEqual([]);
  });

  const cases = patterns.flatMap((p) =>
    p.spec.examples.map((ex, i) => [`${p.id} #${i + 1}`, p.id, ex] as const),
  );

  it.each(cases)('%s', (_name, id, ex) => {
    const { r, seen } = run(ex);
    expect(r.claims.map(pair).sort()).toEqual([...ex.claims].sort());
    expect(seen.has(id)).toBe(ex.fires ?? true);
    const responses = r.claims.flatMap((c) =>
      c.responses.map((x) => `${accusedName(c)} ← ${x.kind}`),
    );
    for (const want of ex.responses ?? []) expect(responses).toContain(want);
    if (ex.evidence) for (const c of r.claims) expect(c.evidence).toBe(ex.evidence);
    if (ex.action) for (const c of r.claims) expect(c.action).toBe(ex.action);
    if (ex.target) expect(r.claims.map((c) => c.target?.name)).toContain(ex.target);
    if (ex.country)
      expect(r.claims.map((c) => `${accusedName(c)}: ${c.accused.country}`)).toContain(ex.country);
  });

  it('name only registered patterns and rules in the explanation', () => {
    const ids = new Set(patterns.map((p) => p.id));
    for (const p of patterns)
      for (const ex of p.spec.examples)
        for (const e of run(ex).explain.events)
          if (e.pattern)
            expect({ pattern: e.pattern, known: ids.has(e.pattern) }).toEqual({
              pattern: e.pattern,
              known: true,
            });
  });
});
