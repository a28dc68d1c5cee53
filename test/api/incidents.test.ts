/**
 * Incidents through the core router, over the real store (dynalite) filled by the real detector
 * and the real incidents job: the listing with each filter, paging with signed cursors,
 * validation (400 naming the parameter), 404s, a claim's incident id, and the STIX 2.1 bundle
 * (required properties, id formats, every reference resolving inside the bundle).
 */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { queryRoutes } from '../../lambdas/core/api/query-routes';
import { createRouter } from '../../lambdas/core/api/router';
import type { ApiResponse } from '../../lambdas/core/api/types';
import type { IncidentSummary } from '../../lambdas/core/records';
import { memoryStore, TestClock } from '../helpers/store';
import { seedIncidents } from './incident-seed';

let local: LocalStore;
let router: ReturnType<typeof createRouter>;
const clock = new TestClock(Date.parse('2026-09-20T00:00:00Z'));

beforeAll(async () => {
  local = await memoryStore();
  await seedIncidents(local.store, clock);
  router = createRouter([
    queryRoutes({ store: local.store, clock, cursorSecret: 'incident-test-secret' }),
  ]);
});
afterAll(() => local.close());

async function get(path: string, query: Record<string, string> = {}) {
  const r: ApiResponse = await router({
    method: 'GET',
    path,
    query,
    headers: {},
    baseUrl: 'http://127.0.0.1:8787',
  });
  const type = r.headers?.['content-type'] ?? '';
  return { ...r, json: /json/.test(type) && r.body ? JSON.parse(r.body) : undefined };
}

const names = (r: { json: { incidents: IncidentSummary[] } }) =>
  r.json.incidents.map((i) => i.name.split(':')[0]);

describe('GET /incidents', () => {
  it('lists every incident, newest last-seen first', async () => {
    const r = await get('/incidents');
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(['APT31', 'Russia', 'APT28']);
    expect(r.json.count).toBe(3);
    expect(r.json.nextCursor).toBeNull();
    const seen = r.json.incidents.map((i: IncidentSummary) => i.lastSeen);
    expect([...seen].sort().reverse()).toEqual(seen);
    // Summaries: no timeline in a listing.
    expect(r.json.incidents[0].timeline).toBeUndefined();
    expect(r.json.incidents[0]).toMatchObject({ claimCount: 3, articleCount: 3 });
  });

  it('filters by accused as a name, an alias or an ISO code', async () => {
    expect(names(await get('/incidents', { accused: 'Russia' }))).toEqual(['Russia', 'APT28']);
    expect(names(await get('/incidents', { accused: 'RU' }))).toEqual(['Russia', 'APT28']);
    expect(names(await get('/incidents', { accused: 'APT28' }))).toEqual(['APT28']);
    expect(names(await get('/incidents', { accused: 'Fancy Bear' }))).toEqual(['APT28']);
    expect(names(await get('/incidents', { accused: 'China' }))).toEqual(['APT31']);
    expect(names(await get('/incidents', { accused: 'Iran' }))).toEqual([]);
  });

  it('filters by target, month and last-seen period, alone and combined', async () => {
    expect(names(await get('/incidents', { target: 'Norway' }))).toEqual(['APT31']);
    expect(names(await get('/incidents', { target: 'Storting' }))).toEqual(['APT31']);
    expect(names(await get('/incidents', { month: '2026-08' }))).toEqual(['Russia']);
    expect(names(await get('/incidents', { month: '2026-06' }))).toEqual([]);
    expect(names(await get('/incidents', { since: '2026-08-01' }))).toEqual(['APT31', 'Russia']);
    expect(names(await get('/incidents', { until: '2026-08-15' }))).toEqual(['Russia', 'APT28']);
    expect(names(await get('/incidents', { since: '2026-08-01', until: '2026-09-01' }))).toEqual([
      'Russia',
    ]);
    // Accused leads; month and period filter its rows.
    expect(names(await get('/incidents', { accused: 'RU', month: '2026-07' }))).toEqual(['APT28']);
    expect(names(await get('/incidents', { accused: 'RU', since: '2026-08-01' }))).toEqual([
      'Russia',
    ]);
    expect(names(await get('/incidents', { accused: 'CN', target: 'Lithuania' }))).toEqual([]);
  });

  it('pages with signed cursors and a Link header, neither repeating nor skipping', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await get('/incidents', { limit: '1', ...(cursor ? { cursor } : {}) });
      expect(r.status).toBe(200);
      expect(r.json.incidents).toHaveLength(1);
      seen.push(r.json.incidents[0].id);
      cursor = r.json.nextCursor ?? undefined;
      if (cursor) {
        expect(r.headers?.['x-next-cursor']).toBe(cursor);
        expect(r.headers?.link).toContain(
          `/incidents?limit=1&cursor=${encodeURIComponent(cursor)}`,
        );
      } else expect(r.headers?.link).toBeUndefined();
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    const all = (await get('/incidents')).json.incidents.map((i: IncidentSummary) => i.id);
    expect(seen).toEqual(all);
    // Two pages of a filtered, non-exact query.
    const p1 = await get('/incidents', { accused: 'RU', since: '2026-01-01', limit: '1' });
    expect(names(p1)).toEqual(['Russia']);
    const p2 = await get('/incidents', {
      accused: 'RU',
      since: '2026-01-01',
      limit: '1',
      cursor: p1.json.nextCursor,
    });
    expect(names(p2)).toEqual(['APT28']);
    expect(p2.json.nextCursor).toBeNull();
  });

  it('refuses a cursor of another query or of /claims', async () => {
    const p1 = await get('/incidents', { limit: '1' });
    const other = await get('/incidents', {
      limit: '1',
      accused: 'RU',
      cursor: p1.json.nextCursor,
    });
    expect(other.status).toBe(400);
    expect(other.json.parameter).toBe('cursor');
    const claims = await get('/claims', { limit: '1' });
    expect(claims.json.nextCursor).toBeTruthy();
    const foreign = await get('/incidents', { limit: '1', cursor: claims.json.nextCursor });
    expect(foreign.status).toBe(400);
    expect(foreign.json.parameter).toBe('cursor');
    const tampered = await get('/incidents', { limit: '1', cursor: `${p1.json.nextCursor}x` });
    expect(tampered.status).toBe(400);
  });

  it.each([
    [{ month: '2026-13' }, 'month', /YYYY-MM/],
    [{ month: '2026-9' }, 'month', /YYYY-MM/],
    [{ limit: '0' }, 'limit', /at least 1/],
    [{ limit: '201' }, 'limit', /at most 200/],
    [{ limit: 'ten' }, 'limit', /whole number/],
    [{ since: 'yesterday' }, 'since', /not a date/],
    [{ since: '2026-09-01', until: '2026-08-01' }, 'until', /after since/],
    [{ accused: '' }, 'accused', /empty/],
    [{ accused: '!!!' }, 'accused', /letter or digit/],
    [{ accuser: 'US' }, 'accuser', /unknown parameter/],
  ])('answers 400 naming the parameter for %j', async (query, parameter, message) => {
    const r = await get('/incidents', query as Record<string, string>);
    expect(r.status).toBe(400);
    expect(r.json.parameter).toBe(parameter);
    expect(r.json.error).toMatch(message);
  });
});

describe('GET /incidents/{id}', () => {
  let id: string;
  beforeAll(async () => {
    id = (await get('/incidents', { accused: 'APT31' })).json.incidents[0].id;
  });

  it('answers the incident with its timeline and its members in time order', async () => {
    const r = await get(`/incidents/${id}`);
    expect(r.status).toBe(200);
    const { incident, members, links } = r.json;
    expect(incident.id).toBe(id);
    expect(incident.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'first-report',
      'denial',
      'new-accuser',
      'evidence',
    ]);
    expect(members.map((m: { articleId: string }) => m.articleId)).toEqual([
      'storting-first',
      'storting-denial',
      'storting-vendor',
    ]);
    expect(links.stix).toBe(`http://127.0.0.1:8787/incidents/${id}?format=stix`);
    expect(links.articles).toContain('http://127.0.0.1:8787/articles/storting-vendor');
  });

  it('answers 404 for an unknown id, 400 for a malformed one or a bad format', async () => {
    const missing = await get('/incidents/inc_nothingHere');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatch(/no incident/);
    expect((await get('/incidents/c_notAnIncident')).status).toBe(400);
    const fmt = await get(`/incidents/${id}`, { format: 'csv' });
    expect(fmt.status).toBe(400);
    expect(fmt.json.parameter).toBe('format');
  });

  it('is linked from each of its claims', async () => {
    const { members } = (await get(`/incidents/${id}`)).json;
    for (const m of members) {
      const r = await get(`/claims/${m.claimId}`);
      expect(r.json.incidentId).toBe(id);
      expect(r.json.links.incident).toBe(`http://127.0.0.1:8787/incidents/${id}`);
    }
  });
});

type Obj = Record<string, unknown> & { type: string; id: string };

describe('GET /incidents/{id}?format=stix', () => {
  let id: string;
  let bundle: { type: string; id: string; objects: Obj[] };
  let r: Awaited<ReturnType<typeof get>>;
  beforeAll(async () => {
    id = (await get('/incidents', { accused: 'APT31' })).json.incidents[0].id;
    r = await get(`/incidents/${id}`, { format: 'stix' });
    bundle = JSON.parse(r.body);
  });

  const of = (type: string) => bundle.objects.filter((o) => o.type === type);
  const byId = () => new Map(bundle.objects.map((o) => [o.id, o]));

  it('is a STIX 2.1 bundle with the STIX media type', () => {
    expect(r.status).toBe(200);
    expect(r.headers?.['content-type']).toBe('application/stix+json;version=2.1');
    expect(bundle.type).toBe('bundle');
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
    expect(bundle.id).toMatch(new RegExp(`^bundle--${uuid}$`));
    const ts = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    for (const o of bundle.objects) {
      expect(o.id).toMatch(new RegExp(`^${o.type}--${uuid}$`));
      expect(o.spec_version).toBe('2.1');
      expect(o.created).toMatch(ts);
      expect(o.modified).toMatch(ts);
      expect(String(o.modified) >= String(o.created)).toBe(true);
    }
    expect(new Set(bundle.objects.map((o) => o.id)).size).toBe(bundle.objects.length);
  });

  it('resolves every reference inside the bundle', () => {
    const ids = byId();
    const refs = bundle.objects.flatMap((o) =>
      Object.entries(o).flatMap(([k, v]) =>
        k.endsWith('_ref') ? [v] : k.endsWith('_refs') ? (v as unknown[]) : [],
      ),
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(ids.has(String(ref))).toBe(true);
  });

  it('has a campaign attributed to the group and its state, accusers, targets and a denial', () => {
    const [campaign] = of('campaign');
    expect(of('campaign')).toHaveLength(1);
    expect(campaign).toMatchObject({
      name: 'APT31: intrusion against parliament email',
      first_seen: '2026-09-02T08:00:00.000Z',
      last_seen: '2026-09-10T12:00:00.000Z',
      confidence: 65,
    });
    expect(campaign!.description).toMatch(/attributed to APT31.*by Norway, Mandiant/);
    expect(campaign!.labels).toEqual(expect.arrayContaining(['evidence:provided', 'denied']));
    const ids = byId();
    const attributed = of('relationship').filter(
      (x) => x.relationship_type === 'attributed-to' && x.source_ref === campaign!.id,
    );
    const accused = attributed.map((x) => ids.get(String(x.target_ref))!);
    expect(accused.map((a) => [a.type, a.name]).sort()).toEqual([
      ['intrusion-set', 'APT31'],
      ['threat-actor', 'China'],
    ]);
    for (const a of attributed) {
      expect(a.confidence).toBeGreaterThanOrEqual(0);
      expect(a.confidence).toBeLessThanOrEqual(100);
    }
    const group = of('intrusion-set')[0]!;
    expect(
      of('relationship').some(
        (x) =>
          x.relationship_type === 'attributed-to' &&
          x.source_ref === group.id &&
          ids.get(String(x.target_ref))?.name === 'China',
      ),
    ).toBe(true);
    const identities = of('identity').map((x) => x.name);
    expect(identities).toEqual(expect.arrayContaining(['Norway', 'Mandiant', 'Attribution Watch']));
    expect(of('relationship').filter((x) => x.relationship_type === 'targets').length).toBe(3);
    expect(of('report')).toHaveLength(3);
    const denials = of('opinion');
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({ opinion: 'strongly-disagree', authors: ['China'] });
    expect(denials[0]!.explanation).toMatch(/rejected Norway's accusation/);
    const answered = ids.get(String((denials[0]!.object_refs as string[])[0]))!;
    expect(answered.relationship_type).toBe('attributed-to');
    expect(answered.source_ref).toBe(campaign!.id);
  });

  it('gives the same bundle again, and the claim export the same party ids', async () => {
    const again = await get(`/incidents/${id}`, { format: 'stix' });
    expect(again.body).toBe(r.body);
    const claims = JSON.parse((await get('/claims', { accused: 'APT31', format: 'stix' })).body);
    const groupIds = (b: { objects: Obj[] }) =>
      b.objects.filter((o) => o.type === 'intrusion-set').map((o) => o.id);
    expect(groupIds(claims)).toEqual(groupIds(bundle));
  });
});
