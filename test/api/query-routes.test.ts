/**
 * The query API through the core router, against a real (in-memory) dynalite store holding
 * synthetic claims: every filter against a brute-force answer, paging with signed cursors,
 * validation (400 naming the parameter), 404s, aggregates and exports.
 */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { queryRoutes } from '../../lambdas/core/api/query-routes';
import { createRouter } from '../../lambdas/core/api/router';
import type { ApiResponse } from '../../lambdas/core/api/types';
import { slug } from '../../lambdas/core/claim-keys';
import type { StoredClaim } from '../../lambdas/core/records';
import { memoryStore, TestClock } from '../helpers/store';
import { newestFirst, seedClaims } from './seed';

let local: LocalStore;
let claims: StoredClaim[];
const clock = new TestClock(Date.parse('2026-11-20T12:00:00Z'));
let router: ReturnType<typeof createRouter>;
const N = 240;

beforeAll(async () => {
  local = await memoryStore();
  claims = await seedClaims(local.store, N);
  router = createRouter([
    queryRoutes({ store: local.store, clock, cursorSecret: 'test-secret-test-secret' }),
  ]);
  await local.store.putArticle({
    id: claims[0]!.articleId,
    url: claims[0]!.articleUrl,
    status: 'extracted',
    attempts: 1,
    discoveredAt: '2026-11-19T00:00:00.000Z',
    updatedAt: '2026-11-19T00:00:00.000Z',
    title: 'Story 0',
    text: 'long text that is not returned',
    claimCount: 2,
  });
});
afterAll(() => local.close());

async function get(path: string, query: Record<string, string> = {}, method = 'GET') {
  const r: ApiResponse = await router({
    method,
    path,
    query,
    headers: {},
    baseUrl: 'http://127.0.0.1:8787',
  });
  const isJson = (r.headers?.['content-type'] ?? '').startsWith('application/json');
  return { ...r, json: isJson && r.body ? JSON.parse(r.body) : undefined };
}

async function all(query: Record<string, string>, limit = 7): Promise<StoredClaim[]> {
  const out: StoredClaim[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) {
    const r = await get('/claims', {
      ...query,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    expect(r.status).toBe(200);
    out.push(...r.json.claims);
    cursor = r.json.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}

const ids = (cs: StoredClaim[]) => cs.map((c) => c.id);
const since = '2026-09-01';

it.each<[string, Record<string, string>, (c: StoredClaim) => boolean]>([
  ['no filter (month index)', {}, () => true],
  ['accused actor by alias', { accused: 'APT28' }, (c) => c.accused.actor === 'APT28'],
  ['accused country', { accused: 'Russia' }, (c) => c.accused.country === 'RU'],
  [
    'accused organ, through a group it sponsors',
    { accused: 'GRU' },
    (c) => c.accused.sponsor === 'GRU',
  ],
  ['accuser', { accuser: 'Microsoft' }, (c) => c.accuser?.name === 'Microsoft'],
  ['accuser country', { accuser: 'GB' }, (c) => c.accuser?.country === 'GB'],
  [
    'target',
    { target: 'telecommunications providers' },
    (c) => c.target?.name === 'telecommunications providers',
  ],
  ['target country', { target: 'Ukraine' }, (c) => c.target?.country === 'UA'],
  ['action', { action: 'ransomware' }, (c) => c.action === 'ransomware'],
  ['hasDenial=true', { hasDenial: 'true' }, (c) => c.hasDenial],
  ['hasDenial=false', { hasDenial: 'false' }, (c) => !c.hasDenial],
  ['minConfidence', { minConfidence: '0.8' }, (c) => c.confidence >= 0.8],
  [
    'q',
    { q: 'Ukraine ESPIONAGE' },
    (c) => /ukraine/i.test(c.sentences[0]!) && /espionage/.test(c.sentences[0]!),
  ],
  [
    'country, either side',
    { country: 'US' },
    (c) => c.accused.country === 'US' || c.accuser?.country === 'US',
  ],
  [
    'combined with a period',
    { accused: 'China', action: 'espionage', since, until: '2026-11-01' },
    (c) =>
      c.accused.country === 'CN' &&
      c.action === 'espionage' &&
      c.publishedAt >= '2026-09-01' &&
      c.publishedAt < '2026-11-01',
  ],
  [
    'accuser with denial',
    { accuser: 'US', hasDenial: 'true' },
    (c) => c.accuser?.country === 'US' && c.hasDenial,
  ],
])('GET /claims by %s: every match, newest first, across pages', async (_, query, want) => {
  const expected = claims.filter(want).sort(newestFirst);
  expect(expected.length).toBeGreaterThan(0);
  const got = await all(query);
  expect(ids(got)).toEqual(ids(expected));
});

it('answers a page with a cursor and a Link header; the last page has none', async () => {
  const r = await get('/claims', { accused: 'CN', limit: '5' });
  expect(r.json.count).toBe(5);
  expect(r.json.nextCursor).toMatch(/^[\w-]+\.[\w-]+$/);
  expect(r.headers?.link).toContain('rel="next"');
  const last = await get('/claims', { accused: 'CN', limit: '1000' });
  expect(last.json.nextCursor).toBeNull();
});

it('refuses tampered cursors and cursors of another query', async () => {
  const r = await get('/claims', { accused: 'CN', limit: '5' });
  const cursor: string = r.json.nextCursor;
  const [payload, mac] = cursor.split('.') as [string, string];
  const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
  forged.p = '2099-01-01T00:00:00.000Z#x';
  const tampered = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
  for (const [query, c] of [
    [{ accused: 'CN' }, tampered],
    [{ accused: 'CN' }, `${payload}.${mac.slice(0, -2)}AA`],
    [{ accused: 'RU' }, cursor],
    [{ accused: 'CN' }, 'garbage'],
  ] as const) {
    const bad = await get('/claims', { ...query, cursor: c });
    expect(bad.status).toBe(400);
    expect(bad.json.parameter).toBe('cursor');
  }
  // Changing the page size between pages is fine.
  expect((await get('/claims', { accused: 'CN', limit: '9', cursor })).status).toBe(200);
});

it.each([
  [{ action: 'hacking' }, 'action'],
  [{ hasDenial: 'yes' }, 'hasDenial'],
  [{ minConfidence: '1.5' }, 'minConfidence'],
  [{ minConfidence: 'high' }, 'minConfidence'],
  [{ limit: '1001' }, 'limit'],
  [{ q: '   ' }, 'q'],
  [{ q: '!!!' }, 'q'],
  [{ format: 'xml' }, 'format'],
  [{ since: '2026-05-01', until: '2026-04-01' }, 'until'],
  [{ accused: 'x'.repeat(101) }, 'accused'],
  [{ frobnicate: '1' }, 'frobnicate'],
])('GET /claims with %j is a 400 naming %s', async (query, name) => {
  const r = await get('/claims', query as Record<string, string>);
  expect(r.status).toBe(400);
  expect(r.json).toMatchObject({
    parameter: name,
    error: expect.stringMatching(new RegExp(`^${name}: `)),
  });
});

it('GET /claims/{id} returns the claim with a link to its article; unknown ids are 404', async () => {
  const c = claims[3]!;
  const r = await get(`/claims/${c.id}`);
  expect(r.status).toBe(200);
  expect(r.json.claim).toMatchObject({ id: c.id, sentences: c.sentences });
  expect(r.json.links.article).toBe(`http://127.0.0.1:8787/articles/${c.articleId}`);
  expect((await get('/claims/c_doesNotExist123')).status).toBe(404);
  expect((await get('/claims/not%20an%20id')).json.parameter).toBe('id');
  expect((await get('/claims/%E0%A4%A')).status).toBe(400);
});

it('GET /articles/{id} returns the article without its text, with all its claims', async () => {
  const a = claims[0]!.articleId;
  const r = await get(`/articles/${a}`);
  expect(r.status).toBe(200);
  expect(r.json.article).toMatchObject({ id: a, title: 'Story 0' });
  expect(r.json.article).not.toHaveProperty('text');
  expect(r.json.claims.map((c: StoredClaim) => c.id).sort()).toEqual(
    claims
      .filter((c) => c.articleId === a)
      .map((c) => c.id)
      .sort(),
  );
  expect((await get('/articles/nope')).status).toBe(404);
});

it('GET /actors counts actors and countries as accused and as accuser over the period', async () => {
  const r = await get('/actors', { since: '2026-06-01', until: '2026-11-21' });
  expect(r.status).toBe(200);
  const inPeriod = claims.filter((c) => c.publishedAt >= '2026-06-01');
  expect(r.json.claims).toBe(inPeriod.length);
  const apt28 = r.json.actors.find((a: { key: string }) => a.key === 'apt28');
  expect(apt28.accused).toBe(inPeriod.filter((c) => c.accused.actor === 'APT28').length);
  const us = r.json.countries.find((c: { code: string }) => c.code === 'US');
  expect(us.accuser).toBe(inPeriod.filter((c) => c.accuser?.country === 'US').length);
  expect(us.accused).toBe(0);
  expect(
    r.json.actors.find((a: { key: string }) => a.key === slug('Microsoft')).accuser,
  ).toBeGreaterThan(0);
});

it('GET /stats gives the accuser × accused country matrix and claims per week', async () => {
  const r = await get('/stats', { since: '2026-10-01', until: '2026-11-21' });
  expect(r.status).toBe(200);
  const inPeriod = claims.filter((c) => c.publishedAt >= '2026-10-01');
  const usRu = inPeriod.filter((c) => c.accuser?.country === 'US' && c.accused.country === 'RU');
  expect(r.json.matrix.cells).toContainEqual({ accuser: 'US', accused: 'RU', count: usRu.length });
  const weekly = r.json.weeks.reduce((n: number, w: { count: number }) => n + w.count, 0);
  expect(weekly).toBe(inPeriod.length);
  expect(r.json.weeks[0].week).toBe('2026-09-28');
  expect((await get('/stats', { since: '2020-01-01' })).json.parameter).toBe('since');
  expect((await get('/stats', { period: 'year' })).json.parameter).toBe('period');
});

it('routes: 404 for unknown paths, 405 with Allow for other methods, HEAD like GET', async () => {
  expect((await get('/nope')).status).toBe(404);
  const r = await get('/claims', {}, 'DELETE');
  expect(r.status).toBe(405);
  expect(r.headers?.allow).toBe('GET');
  const head = await get('/health', {}, 'HEAD');
  expect(head).toMatchObject({ status: 200, body: '' });
});

it('a store failure is a bare 500, never a leak', async () => {
  const broken = createRouter([
    queryRoutes({
      store: {
        ...local.store,
        listFeeds: () => Promise.reject(new Error('secret detail')),
      } as never,
      clock,
      cursorSecret: 's',
    }),
  ]);
  const r = await broken({ method: 'GET', path: '/feeds', query: {}, headers: {}, baseUrl: '' });
  expect(r.status).toBe(500);
  expect(r.body).not.toContain('secret');
});
