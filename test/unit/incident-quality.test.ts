/**
 * Incident clustering on the labelled corpus (test/corpus/incidents.json), pairs with a
 * held-out member (never tuned on). Floors just under today's scores, so that a change that
 * makes clustering worse fails; docs/incidents.md has the scores and the 0.90 goal,
 * which is not met yet.
 */
import { evaluateIncidents, loadIncidentLabels } from '../../scripts/eval-incidents-lib';

describe('incident clustering on the labelled corpus', () => {
  it('has labels for the whole corpus', () => {
    const labels = loadIncidentLabels();
    expect(labels.length).toBeGreaterThanOrEqual(200);
    expect(
      labels.filter((i) => new Set(i.members.map((m) => m.article)).size > 1).length,
    ).toBeGreaterThanOrEqual(40);
  });

  it('clusters the gold claims: held-out pairwise precision ≥ 0.88, recall ≥ 0.65', () => {
    const s = evaluateIncidents('gold');
    expect(s.heldOut.truePairs).toBeGreaterThanOrEqual(100);
    expect(s.heldOut.precision).toBeGreaterThanOrEqual(0.88);
    expect(s.heldOut.recall).toBeGreaterThanOrEqual(0.65);
  });

  it("clusters the detector's claims: held-out pairwise precision ≥ 0.77, recall ≥ 0.40", () => {
    const s = evaluateIncidents('detector');
    expect(s.detected / s.goldMembers).toBeGreaterThanOrEqual(0.95);
    expect(s.heldOut.precision).toBeGreaterThanOrEqual(0.77);
    expect(s.heldOut.recall).toBeGreaterThanOrEqual(0.4);
  });

  // The dev pairs were tuned on: these floors only catch a change that undoes that work.
  it('keeps the dev scores it was tuned to (gold ≥ 0.78 / 0.66, detector ≥ 0.70 / 0.54)', () => {
    const gold = evaluateIncidents('gold');
    expect(gold.dev.precision).toBeGreaterThanOrEqual(0.78);
    expect(gold.dev.recall).toBeGreaterThanOrEqual(0.66);
    const detector = evaluateIncidents('detector');
    expect(detector.dev.precision).toBeGreaterThanOrEqual(0.7);
    expect(detector.dev.recall).toBeGreaterThanOrEqual(0.54);
  });
});
