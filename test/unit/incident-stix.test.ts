/**
 * The STIX 2.1 mapping of an incident's answers, on an incident built by the real summarizer
 * from hand-made members: a denial repeated by two outlets is one `strongly-disagree` opinion, a
 * counter-accusation a `disagree` opinion about the attribution it answers (and no attribution
 * of the operation to the one it blames back), confidence 0–1 becomes 0–100.
 */
import { incidentToStix } from '../../lambdas/core/export';
import { summarize } from '../../lambdas/core/incidents/summary';
import type { Party } from '../../lambdas/core/model';
import type { IncidentMember } from '../../lambdas/core/records';

const volt: Party = {
  name: 'Volt Typhoon',
  kind: 'state-linked-group',
  country: 'CN',
  actor: 'Volt Typhoon',
  alsoNamed: [{ name: 'China', kind: 'state', country: 'CN' }],
};
const china: Party = { name: 'China', kind: 'state', country: 'CN' };
const us: Party = { name: 'United States', kind: 'state', country: 'US' };
const denial = 'China said the report was a smear and that it never attacked any utility.';

function member(i: number, over: Partial<IncidentMember>): IncidentMember {
  return {
    claimId: `c_m${i}`,
    articleId: `a${i}`,
    articleTitle: `Story ${i}`,
    articleUrl: `https://news.example/a${i}`,
    outlet: `Outlet ${i}`,
    publishedAt: `2026-05-0${i}T10:00:00.000Z`,
    accuser: us,
    accused: volt,
    target: { name: 'water utilities', kind: 'company', country: 'US' },
    action: 'intrusion',
    evidence: 'unspecified',
    confidence: 0.5,
    counterAccusation: false,
    responses: [],
    sentence: `Sentence ${i}.`,
    entities: ['water'],
    ...over,
  };
}

const members = [
  member(1, { evidence: 'provided', confidence: 0.8 }),
  member(2, { responses: [{ kind: 'denial', by: china, text: denial }] }),
  member(3, { responses: [{ kind: 'denial', by: china, text: denial }], confidence: 0.42 }),
  member(4, {
    accuser: china,
    accused: us,
    target: null,
    counterAccusation: true,
    sentence: 'China said the United States was the biggest hacker in the world.',
  }),
];
const incident = summarize('inc_test', members, {
  createdAt: '2026-05-01T11:00:00.000Z',
  updatedAt: '2026-05-04T11:00:00.000Z',
});
const bundle = incidentToStix(incident, members);
const byId = new Map(bundle.objects.map((o) => [o.id, o]));
const of = (type: string) => bundle.objects.filter((o) => o.type === type);

it('maps each answer once to an opinion about the attribution', () => {
  const opinions = of('opinion');
  expect(opinions.map((o) => [o.opinion, o.authors, o.explanation])).toEqual([
    ['strongly-disagree', ['China'], denial],
    ['disagree', ['China'], 'China said the United States was the biggest hacker in the world.'],
  ]);
  for (const o of opinions) {
    const [ref] = o.object_refs as string[];
    const rel = byId.get(ref!)!;
    expect(rel.relationship_type).toBe('attributed-to');
    expect(byId.get(rel.target_ref as string)!.name).toBe('Volt Typhoon');
  }
});

it('attributes the operation to the accused and its state, never to the one blamed back', () => {
  const [campaign] = of('campaign');
  const attributed = of('relationship')
    .filter((r) => r.relationship_type === 'attributed-to' && r.source_ref === campaign!.id)
    .map((r) => [byId.get(r.target_ref as string)!.name, r.confidence]);
  expect(attributed).toEqual([
    ['Volt Typhoon', 80],
    ['China', 80],
  ]);
  expect(campaign!.confidence).toBe(80);
  expect(of('threat-actor').map((o) => o.name)).toEqual(['China']);
  // The counter-accuser is an identity (in its article's report), not a second attribution.
  const report4 = of('report').find((r) => r.name === 'Story 4')!;
  const refs = (report4.object_refs as string[]).map((r) => byId.get(r)!);
  expect(refs.map((o) => [o.type, o.name ?? o.relationship_type])).toEqual([
    ['campaign', incident.name],
    ['identity', 'China'],
  ]);
});

it('is deterministic, and a changed incident gets another bundle id but the same object ids', () => {
  expect(JSON.stringify(incidentToStix(incident, [...members].reverse()))).toBe(
    JSON.stringify(bundle),
  );
  const later = incidentToStix({ ...incident, updatedAt: '2026-05-09T00:00:00.000Z' }, members);
  expect(later.id).not.toBe(bundle.id);
  expect(of('campaign')[0]!.id).toBe(later.objects.find((o) => o.type === 'campaign')!.id);
});
