/** Stored claims and subscribers for digest tests, written through the real store. */
import type { Party } from '../../lambdas/core/model';
import type { Store } from '../../lambdas/core/ports';
import type { StoredClaim } from '../../lambdas/core/records';
import { claimId } from '../../lambdas/core/claim-keys';

export const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
export const BASE = 'https://watch.example.org';

const party = (
  name: string,
  kind: Party['kind'],
  country: string | null,
  actor?: string,
): Party => ({
  name,
  kind,
  country,
  ...(actor ? { actor } : {}),
});

export const P = {
  us: party('United States', 'state', 'US'),
  uk: party('NCSC', 'agency', 'GB'),
  microsoft: party('Microsoft', 'company', 'US'),
  russia: party('Russia', 'state', 'RU'),
  apt28: party('APT28', 'state-linked-group', 'RU', 'APT28'),
  china: party('China', 'state', 'CN'),
  voltTyphoon: party('Volt Typhoon', 'state-linked-group', 'CN', 'Volt Typhoon'),
  lockbit: party('LockBit', 'criminal-group', null, 'LockBit'),
  ukraineEnergy: party('Ukrainian energy companies', 'company', 'UA'),
};

let n = 0;

/** A stored claim; `storedAt` decides which digest it falls in. */
export function claim(over: Partial<StoredClaim> & { storedAt: string }): StoredClaim {
  n++;
  const articleId = over.articleId ?? `art${n}`;
  const accuser = over.accuser === undefined ? P.us : over.accuser;
  const accused = over.accused ?? P.russia;
  return {
    accuser,
    accused,
    target: null,
    action: 'intrusion',
    evidence: 'unspecified',
    confidence: 0.8,
    reportedBy: ['Reuters'],
    sentences: [`${accuser?.name ?? 'Someone'} blamed ${accused.name} for the intrusion.`],
    responses: [],
    id: claimId(articleId, accuser, accused),
    articleId,
    ordinal: 0,
    articleUrl: `https://news.example.com/${articleId}`,
    articleTitle: `Story ${n}`,
    outlet: 'Example News',
    publishedAt: over.storedAt,
    detectorVersion: 'test',
    hasDenial: (over.responses ?? []).some((r) => r.kind === 'denial'),
    ...over,
  };
}

/** Stores claims, grouped by article as the pipeline would. */
export async function storeClaims(store: Store, claims: StoredClaim[]): Promise<void> {
  const by = new Map<string, StoredClaim[]>();
  for (const c of claims) by.set(c.articleId, [...(by.get(c.articleId) ?? []), c]);
  for (const [id, list] of by)
    await store.replaceClaims(
      id,
      list.map((c, i) => ({ ...c, ordinal: i })),
    );
}
