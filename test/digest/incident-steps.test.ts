/**
 * An update's timeline steps in plain words, from an incident the core builds (summarize) out of
 * claims: new accusers by role, evidence folded into the accuser that published it, denials and
 * counter-accusations with their outlet and date, other outlets reporting it again. The incident
 * and its claim links are stored in dynalite as the incident job writes them.
 */
import { stepLines, digestIncidents, shortDate } from '../../lambdas/core/digest/incidents';
import { IncidentLookup } from '../../lambdas/core/incident-query';
import { toMember } from '../../lambdas/core/incidents/member';
import { summarize } from '../../lambdas/core/incidents/summary';
import type { Party } from '../../lambdas/core/model';
import type { IncidentRecord, StoredClaim } from '../../lambdas/core/records';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { memoryStore } from '../helpers/store';
import { claim, P } from './fixtures';

const uk: Party = { name: 'United Kingdom', kind: 'state', country: 'GB' };
const ncsc: Party = { name: 'NCSC', kind: 'agency', country: 'GB' };
const mandiant: Party = { name: 'Mandiant', kind: 'company', country: 'US' };
const netherlands: Party = { name: 'Netherlands', kind: 'state', country: 'NL' };

const at = (d: number) => `2026-11-${String(d).padStart(2, '0')}T09:00:00.000Z`;
const c = (d: number, over: Partial<StoredClaim>) =>
  claim({ storedAt: at(d), accused: P.china, articleId: `a${d}`, ...over });

const first = c(1, { accuser: P.us, outlet: 'The Example Post' });
const later = [
  c(5, { accuser: mandiant, evidence: 'provided', outlet: 'Security Ledger' }),
  c(6, { accuser: uk, outlet: 'The Example Post' }),
  c(7, { accuser: ncsc, outlet: 'The Example Post' }),
  c(8, { accuser: netherlands, outlet: 'Dutch Daily' }),
  c(9, {
    accuser: P.us,
    outlet: 'Xinhua',
    responses: [{ by: P.china, kind: 'denial', text: 'China rejected the claim.' }],
  }),
  c(10, { accuser: P.china, accused: P.us, counterAccusation: true, outlet: 'Global Wire' }),
  c(11, { accuser: P.us, outlet: 'Second Outlet' }),
];
const incident: IncidentRecord = summarize(
  'inc_test',
  [first, ...later].map((c) => toMember(c)),
  {
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-11T10:00:00.000Z',
  },
);

let local: LocalStore;
beforeAll(async () => {
  local = await memoryStore();
  // The incident and its claim links as the incident job writes them.
  await local.store.putIncident(incident);
  for (const x of [first, ...later])
    await local.store.setClaimIncidents(x.articleId, [[x.id, incident.id]]);
});
afterAll(async () => local.close());

async function lookupOf(claims: StoredClaim[]): Promise<IncidentLookup> {
  const lookup = new IncidentLookup(local.store);
  await lookup.load(claims);
  return lookup;
}

it('says each step the period brought in plain words, in time order', async () => {
  const all = [first, ...later];
  const found = digestIncidents(await lookupOf(all), later, '2026-11-04T00:00:00.000Z');
  expect(found.fresh).toEqual([]);
  expect(found.updates).toHaveLength(1);
  expect(stepLines(found.updates[0]!).map((l) => l.text)).toEqual([
    'Mandiant also attributed it (Security Ledger, 5 Nov, evidence published)',
    'new accuser: the UK government (The Example Post, 6 Nov)',
    'new accuser: NCSC of the UK (The Example Post, 7 Nov)',
    'new accuser: the government of the Netherlands (Dutch Daily, 8 Nov)',
    'China denied (Xinhua, 9 Nov)',
    'China answered with a counter-accusation (Global Wire, 10 Nov)',
    'reported again by Second Outlet (11 Nov)',
  ]);
  expect(stepLines(found.updates[0]!)[4]!.url).toBe('https://news.example.com/a9');
});

it('calls an incident new when it was first written in the period or all its claims are in it', async () => {
  const all = [first, ...later];
  const lookup = await lookupOf(all);
  expect(digestIncidents(lookup, later, '2026-10-31T00:00:00.000Z').fresh).toEqual([incident]);
  expect(digestIncidents(lookup, all, '2026-11-04T00:00:00.000Z').fresh).toEqual([incident]);
  // Only the steps of the digest's claims: a subscriber who gets the denial sees only it.
  const denialOnly = digestIncidents(lookup, [later[4]!], '2026-11-04T00:00:00.000Z');
  expect(stepLines(denialOnly.updates[0]!).map((l) => l.text)).toEqual([
    'China denied (Xinhua, 9 Nov)',
  ]);
  // Claims in no incident (the job has not placed them) add nothing.
  expect(digestIncidents(lookup, [claim({ storedAt: at(12) })], '2026-11-04').updates).toEqual([]);
});

it('writes dates as day and month in UTC', () => {
  expect(shortDate('2026-12-03T23:30:00Z')).toBe('3 Dec');
  expect(shortDate('2026-01-31T00:00:00+02:00')).toBe('30 Jan');
});
