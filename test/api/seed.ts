/** Synthetic stored claims for query, export and explorer tests (and the query benchmark). */
import { claimId } from '../../lambdas/core/claim-keys';
import type { Action, Party } from '../../lambdas/core/model';
import type { Store } from '../../lambdas/core/ports';
import type { StoredClaim } from '../../lambdas/core/records';

const P = {
  apt28: {
    name: 'APT28',
    kind: 'state-linked-group',
    country: 'RU',
    actor: 'APT28',
    sponsor: 'GRU',
  },
  volt: { name: 'Volt Typhoon', kind: 'state-linked-group', country: 'CN', actor: 'Volt Typhoon' },
  russia: { name: 'Russia', kind: 'state', country: 'RU' },
  china: { name: 'China', kind: 'state', country: 'CN' },
  iran: { name: 'Iran', kind: 'state', country: 'IR' },
  lockbit: { name: 'LockBit', kind: 'criminal-group', country: null, actor: 'LockBit' },
  us: { name: 'United States', kind: 'state', country: 'US' },
  uk: { name: 'United Kingdom', kind: 'state', country: 'GB' },
  microsoft: { name: 'Microsoft', kind: 'company', country: 'US' },
  ukraine: { name: 'Ukraine', kind: 'state', country: 'UA' },
  telecom: { name: 'telecommunications providers', kind: 'company', country: null },
} satisfies Record<string, Party>;

const ACCUSED: Party[] = [P.apt28, P.volt, P.russia, P.china, P.iran, P.lockbit];
const ACCUSERS: (Party | null)[] = [P.us, P.uk, P.microsoft, null];
const TARGETS: (Party | null)[] = [P.ukraine, P.telecom, P.us, null];
const ACTIONS: Action[] = ['espionage', 'intrusion', 'ransomware', 'ddos', 'influence'];

/** Claim `i` of a deterministic set: published one per 7 hours back from `end`. */
export function syntheticClaim(i: number, end = Date.parse('2026-11-20T00:00:00Z')): StoredClaim {
  const articleId = `art${String(Math.floor(i / 2)).padStart(7, '0')}`;
  const accused = ACCUSED[i % ACCUSED.length]!;
  const accuser = ACCUSERS[(i >> 1) % ACCUSERS.length]!;
  const target = TARGETS[(i * 7) % TARGETS.length]!;
  const action = ACTIONS[(i * 3) % ACTIONS.length]!;
  const denied = i % 5 === 0 && accused.kind !== 'criminal-group';
  const publishedAt = new Date(end - i * 7 * 3_600_000).toISOString();
  const id = claimId(articleId, accuser, accused) + (i % 2 ? 'b' : 'a');
  return {
    id,
    articleId,
    ordinal: i % 2,
    accuser,
    accused,
    target,
    action,
    evidence: i % 3 === 0 ? 'provided' : 'unspecified',
    confidence: Math.round(((i * 37) % 100) + 1) / 100,
    reportedBy: i % 4 === 0 ? ['Reuters'] : [],
    sentences: [
      `${accuser?.name ?? 'Officials'} said ${accused.name} carried out ${action} against ${target?.name ?? 'several organisations'} (case ${i}).`,
      ...(denied ? [`${accused.name} denied the accusations as baseless.`] : []),
    ],
    responses: denied
      ? [
          {
            by: accused,
            kind: 'denial',
            text: `${accused.name} denied the accusations as baseless.`,
          },
        ]
      : [],
    articleUrl: `https://news.example/story/${articleId}`,
    articleTitle:
      i % 11 === 0
        ? `=HYPERLINK("evil") "quoted", title ${i}`
        : `Story ${i}: ${accused.name} blamed`,
    outlet: 'Example News',
    publishedAt,
    storedAt: new Date(end - i * 3_600_000 + 60_000).toISOString(),
    detectorVersion: 'test',
    hasDenial: denied,
  };
}

/** Stores claims 0..n-1 (two per article), a few articles at a time. */
export async function seedClaims(store: Store, n: number, concurrency = 8): Promise<StoredClaim[]> {
  const claims = Array.from({ length: n }, (_, i) => syntheticClaim(i));
  const byArticle = new Map<string, StoredClaim[]>();
  for (const c of claims) byArticle.set(c.articleId, [...(byArticle.get(c.articleId) ?? []), c]);
  const groups = [...byArticle.entries()];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < groups.length) {
        const [articleId, cs] = groups[next++]!;
        await store.replaceClaims(articleId, cs, []);
      }
    }),
  );
  return claims;
}

/** Newest first, as the API orders them. */
export const newestFirst = (a: StoredClaim, b: StoredClaim) =>
  b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id);
