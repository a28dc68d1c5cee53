/**
 * Reprocessing: a newer detector re-reads stored articles; claims are replaced in place (same
 * ids for the same accuser → accused pair), stale ones disappear from every index, and the first
 * stored time of a claim that survives is kept.
 */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import type { Detector } from '../../lambdas/core/detect/detector';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { silentLogger } from '../../lambdas/core/logger';
import type { DetectResult } from '../../lambdas/core/model';
import { detectAndStore } from '../../lambdas/core/process';
import type { ArticleRecord } from '../../lambdas/core/records';
import { memoryStore, TestClock } from '../helpers/store';

const TEXT =
  "Britain's National Cyber Security Centre said hackers working for Russia's GRU breached the email servers of a defence contractor.\n\nThe Kremlin rejected the accusation as baseless.";

/** An older detector that found one claim against the wrong party. */
const oldDetector: Detector = {
  version: 'rules-0',
  detect: (): DetectResult => ({
    isCyber: true,
    isAttribution: true,
    score: 0.5,
    claims: [
      {
        accuser: { name: 'NCSC', kind: 'agency', country: 'GB', actor: 'NCSC' },
        accused: { name: 'Belarus', kind: 'state', country: 'BY' },
        target: null,
        action: 'intrusion',
        evidence: 'unspecified',
        confidence: 0.5,
        reportedBy: [],
        sentences: ['old'],
        responses: [],
      },
    ],
  }),
};

let local: LocalStore;
const clock = new TestClock();
beforeAll(async () => {
  local = await memoryStore();
});
afterAll(async () => local.close());

it('replaces claims without duplicating them and cleans the indexes', async () => {
  const article: ArticleRecord = {
    id: 'art-re',
    url: 'https://news.example/re',
    status: 'extracted',
    attempts: 1,
    discoveredAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    publishedTime: '2026-11-20T09:00:00.000Z',
    title: 'NCSC blames GRU',
    text: TEXT,
  };
  await local.store.putArticle(article);
  const deps = (detector: Detector) => ({
    store: local.store,
    http: {
      get: async () => {
        throw new Error('no fetch');
      },
    },
    clock,
    detector,
    logger: silentLogger,
  });

  await detectAndStore(deps(oldDetector), article);
  expect((await local.store.listClaimsForArticle('art-re')).map((c) => c.accused.name)).toEqual([
    'Belarus',
  ]);

  clock.advance(3_600_000);
  const again = await detectAndStore(
    deps(defaultDetector()),
    (await local.store.getArticle('art-re'))!,
  );
  expect(again.detectorVersion).toBe(defaultDetector().version);
  const claims = await local.store.listClaimsForArticle('art-re');
  expect(claims.map((c) => c.accused.country)).toEqual(['RU']);
  expect(claims[0]!.responses.map((r) => r.kind)).toContain('denial');
  expect(await local.store.queryClaims({ index: { by: 'accused-country', value: 'BY' } })).toEqual(
    [],
  );
  expect(
    (await local.store.queryClaims({ index: { by: 'accused-country', value: 'RU' } })).map(
      (c) => c.id,
    ),
  ).toEqual([claims[0]!.id]);

  // Running the same detector again changes nothing and keeps the first stored time.
  const firstStored = claims[0]!.storedAt;
  clock.advance(3_600_000);
  await detectAndStore(deps(defaultDetector()), (await local.store.getArticle('art-re'))!);
  const after = await local.store.listClaimsForArticle('art-re');
  expect(after).toHaveLength(1);
  expect(after[0]!.storedAt).toBe(firstStored);
});
