/**
 * One accusation, one claim: a claim against a group that also names the state behind it
 * (`accused.alsoNamed`) is found by that state in the query API and by subscriptions, and the
 * exports carry the state (a CSV column, a STIX `attributed-to` from the group to the state).
 * Real dynalite store, the core router.
 */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { queryRoutes } from '../../lambdas/core/api/query-routes';
import { createRouter } from '../../lambdas/core/api/router';
import type { Party } from '../../lambdas/core/model';
import type { StoredClaim } from '../../lambdas/core/records';
import { matchesFilters } from '../../lambdas/core/subscriptions/model';
import { memoryStore, TestClock } from '../helpers/store';
import { syntheticClaim } from './seed';

const russia: Party = { name: 'Russia', kind: 'state', country: 'RU' };
// A group the article ties to Belarus and whose operation the accuser also lays on Russia.
const ghostwriter: Party = {
  name: 'Ghostwriter',
  kind: 'state-linked-group',
  country: 'BY',
  actor: 'UNC1151',
  alsoNamed: [russia],
};
const volt: Party = {
  name: 'Volt Typhoon',
  kind: 'state-linked-group',
  country: 'CN',
  actor: 'Volt Typhoon',
};

let local: LocalStore;
let router: ReturnType<typeof createRouter>;
const claims: StoredClaim[] = [
  { ...syntheticClaim(0), accused: ghostwriter },
  { ...syntheticClaim(2), accused: volt },
  { ...syntheticClaim(4), accused: russia },
];

beforeAll(async () => {
  local = await memoryStore();
  for (const c of claims) await local.store.replaceClaims(c.articleId, [c], []);
  router = createRouter([
    queryRoutes({
      store: local.store,
      clock: new TestClock(Date.parse('2026-11-20T12:00:00Z')),
      cursorSecret: 'test-secret-test-secret',
    }),
  ]);
});
afterAll(() => local.close());

async function get(query: Record<string, string>) {
  const r = await router({
    method: 'GET',
    path: '/claims',
    query,
    headers: {},
    baseUrl: 'http://127.0.0.1:8787',
  });
  expect(r.status).toBe(200);
  return r.body ?? '';
}

it('finds the group claim by the state it also names, and by its own names', async () => {
  const accusedOf = async (accused: string) =>
    (JSON.parse(await get({ accused })).claims as StoredClaim[]).map((c) => c.accused.name).sort();
  expect(await accusedOf('Russia')).toEqual(['Ghostwriter', 'Russia']);
  expect(await accusedOf('RU')).toEqual(['Ghostwriter', 'Russia']);
  expect(await accusedOf('Belarus')).toEqual(['Ghostwriter']);
  expect(await accusedOf('UNC1151')).toEqual(['Ghostwriter']);
  expect(await accusedOf('China')).toEqual(['Volt Typhoon']);
});

it('exports the state also named: a CSV column and a STIX attributed-to from the group', async () => {
  const csv = (await get({ accused: 'UNC1151', format: 'csv' })).split('\r\n');
  const header = csv[0]!.split(',');
  const row = csv[1]!.split(',');
  expect(row[header.indexOf('accused_also_named')]).toBe('Russia');
  const bundle = JSON.parse(await get({ accused: 'UNC1151', format: 'stix' })) as {
    objects: {
      id: string;
      type: string;
      name?: string;
      relationship_type?: string;
      source_ref?: string;
      target_ref?: string;
    }[];
  };
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  const tie = bundle.objects.find(
    (o) =>
      o.relationship_type === 'attributed-to' &&
      byId.get(o.source_ref!)?.type === 'intrusion-set' &&
      byId.get(o.target_ref!)?.type === 'threat-actor',
  );
  expect(byId.get(tie!.source_ref!)?.name).toBe('UNC1151');
  expect(byId.get(tie!.target_ref!)?.name).toBe('Russia');
});

it('matches a subscriber who follows the state also named', () => {
  const follows = (countries: string[]) =>
    matchesFilters(claims[0]!, {
      accusedCountries: countries,
      accusedActors: [],
      accusers: [],
      targets: [],
      actions: [],
      minConfidence: 0,
      denialOnly: false,
    });
  expect(follows(['RU'])).toBe(true);
  expect(follows(['BY'])).toBe(true);
  expect(follows(['CN'])).toBe(false);
});
