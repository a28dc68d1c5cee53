/** The DynamoDB store against a real dynalite server through the AWS SDK. */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { openLocalStore } from '../../lambdas/adapters/local-dynamo';
import type { ArticleRecord, StoredClaim } from '../../lambdas/core/records';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryStore } from '../helpers/store';

let local: LocalStore;
beforeAll(async () => {
  local = await memoryStore();
});
afterAll(async () => {
  await local.close();
});

const article = (id: string, over: Partial<ArticleRecord> = {}): ArticleRecord => ({
  id,
  url: `https://e.example/${id}`,
  status: 'pending',
  attempts: 0,
  discoveredAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

const claim = (id: string, articleId: string, over: Partial<StoredClaim> = {}): StoredClaim => ({
  id,
  articleId,
  ordinal: 0,
  accuser: { name: 'United States', kind: 'state', country: 'US' },
  accused: { name: 'APT28', kind: 'state-linked-group', country: 'RU', actor: 'APT28' },
  target: null,
  action: 'espionage',
  evidence: 'unspecified',
  confidence: 0.8,
  reportedBy: [],
  sentences: ['s'],
  responses: [],
  articleUrl: 'https://e.example/x',
  articleTitle: 't',
  outlet: null,
  publishedAt: '2026-11-19T08:00:00.000Z',
  storedAt: '2026-11-20T10:00:00.000Z',
  detectorVersion: 'v',
  hasDenial: false,
  ...over,
});

describe('DynamoStore', () => {
  it('creates an article once; a second create reports it exists', async () => {
    expect(await local.store.createArticle(article('a1'))).toBe('created');
    expect(await local.store.createArticle(article('a1', { url: 'changed' }))).toBe('exists');
    expect((await local.store.getArticle('a1'))!.url).toBe('https://e.example/a1');
  });

  it('finds existing article ids in one batched read', async () => {
    await local.store.createArticle(article('b1'));
    const ids = Array.from({ length: 150 }, (_, i) => `none-${i}`).concat(['b1', 'a1']);
    expect([...(await local.store.existingArticleIds(ids))].sort()).toEqual(['a1', 'b1']);
  });

  it('lists articles by status through the status index', async () => {
    await local.store.putArticle(article('c1', { status: 'failed', reason: 'HTTP 404' }));
    const failed = await local.store.listArticlesByStatus('failed');
    expect(failed.map((a) => a.id)).toContain('c1');
    expect(failed.find((a) => a.id === 'c1')!.reason).toBe('HTTP 404');
    await local.store.putArticle(article('c1', { status: 'extracted' }));
    expect((await local.store.listArticlesByStatus('failed')).map((a) => a.id)).not.toContain('c1');
  });

  it('gives a canonical URL to the first article that claims it', async () => {
    expect(await local.store.claimCanonicalUrl('https://e.example/canon', 'first')).toBe('first');
    expect(await local.store.claimCanonicalUrl('https://e.example/canon', 'second')).toBe('first');
    expect(await local.store.claimCanonicalUrl('https://e.example/canon', 'first')).toBe('first');
  });

  it('indexes claims by accused, accused country, accuser, accuser country and day', async () => {
    await local.store.replaceClaims('art-1', [claim('k1', 'art-1')]);
    const by = async (index: Parameters<typeof local.store.queryClaims>[0]['index']) =>
      (await local.store.queryClaims({ index })).map((c) => c.id);
    expect(await by({ by: 'accused', value: 'apt28' })).toEqual(['k1']);
    expect(await by({ by: 'accused-country', value: 'RU' })).toEqual(['k1']);
    expect(await by({ by: 'accuser', value: 'united-states' })).toEqual(['k1']);
    expect(await by({ by: 'accuser-country', value: 'US' })).toEqual(['k1']);
    expect(await by({ by: 'day', value: '2026-11-20' })).toEqual(['k1']);
    expect(await by({ by: 'accused-country', value: 'CN' })).toEqual([]);
  });

  it('replaces claims without leaving stale index entries', async () => {
    await local.store.replaceClaims('art-2', [
      claim('k2', 'art-2'),
      claim('k3', 'art-2', {
        ordinal: 1,
        accused: { name: 'China', kind: 'state', country: 'CN' },
      }),
    ]);
    await local.store.replaceClaims('art-2', [
      claim('k3', 'art-2', {
        ordinal: 0,
        accused: { name: 'China', kind: 'state', country: 'CN' },
      }),
    ]);
    expect((await local.store.listClaimsForArticle('art-2')).map((c) => c.id)).toEqual(['k3']);
    const ru = await local.store.queryClaims({ index: { by: 'accused-country', value: 'RU' } });
    expect(ru.map((c) => c.id)).not.toContain('k2');
    const cn = await local.store.queryClaims({ index: { by: 'accused-country', value: 'CN' } });
    expect(cn.map((c) => c.id)).toEqual(['k3']);
    // Replacing with the same set is a no-op.
    await local.store.replaceClaims('art-2', [
      claim('k3', 'art-2', {
        ordinal: 0,
        accused: { name: 'China', kind: 'state', country: 'CN' },
      }),
    ]);
    expect(
      await local.store.queryClaims({ index: { by: 'accused-country', value: 'CN' } }),
    ).toHaveLength(1);
  });

  it('bounds claim queries by time, newest first', async () => {
    await local.store.replaceClaims('art-3', [
      claim('t1', 'art-3', {
        accused: { name: 'Iran', kind: 'state', country: 'IR' },
        publishedAt: '2026-01-01T00:00:00.000Z',
      }),
      claim('t2', 'art-3', {
        ordinal: 1,
        accuser: null,
        accused: { name: 'Iran', kind: 'state', country: 'IR' },
        publishedAt: '2026-06-01T00:00:00.000Z',
      }),
    ]);
    const all = await local.store.queryClaims({ index: { by: 'accused-country', value: 'IR' } });
    expect(all.map((c) => c.id)).toEqual(['t2', 't1']);
    const since = await local.store.queryClaims({
      index: { by: 'accused-country', value: 'IR' },
      since: '2026-03-01',
    });
    expect(since.map((c) => c.id)).toEqual(['t2']);
    const until = await local.store.queryClaims({
      index: { by: 'accused-country', value: 'IR' },
      until: '2026-03-01',
    });
    expect(until.map((c) => c.id)).toEqual(['t1']);
  });

  it('records a digest run once and completes it', async () => {
    const a = await local.store.beginDigestRun({
      key: 'd#1',
      status: 'sending',
      claimIds: ['x'],
      createdAt: '2026-11-20T00:00:00.000Z',
    });
    expect(a.created).toBe(true);
    const b = await local.store.beginDigestRun({
      key: 'd#1',
      status: 'sending',
      claimIds: ['y'],
      createdAt: '2026-11-21T00:00:00.000Z',
    });
    expect(b.created).toBe(false);
    expect(b.run.claimIds).toEqual(['x']);
    await local.store.completeDigestRun('d#1', '2026-11-20T00:01:00.000Z', 'mid');
    expect(await local.store.getDigestRun('d#1')).toMatchObject({
      status: 'sent',
      messageId: 'mid',
    });
  });

  it('keeps data on disk across restarts of the embedded server', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-store-'));
    const first = await openLocalStore({ dataDir: dir });
    await first.store.createArticle(article('persisted'));
    await first.close();
    const second = await openLocalStore({ dataDir: dir });
    expect((await second.store.getArticle('persisted'))?.id).toBe('persisted');
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
