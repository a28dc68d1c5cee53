/**
 * Incidents in the real store (dynalite through the SDK): articles about one operation become
 * one incident with a timeline; another operation by the same state stays apart; reruns,
 * reprocessing and a crash mid-write never duplicate or split an incident; the indexes answer
 * by accused, target and month with key conditions only.
 */
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { defaultDetector, type Detector } from '../../lambdas/core/detect/detector';
import { syncIncidents } from '../../lambdas/core/incidents/sync';
import { silentLogger } from '../../lambdas/core/logger';
import type { DetectResult } from '../../lambdas/core/model';
import type { Store } from '../../lambdas/core/ports';
import { detectAndStore } from '../../lambdas/core/process';
import type { ArticleRecord } from '../../lambdas/core/records';
import { memoryStore, TestClock } from '../helpers/store';

const ARTICLES: { id: string; published: string; title: string; text: string }[] = [
  {
    id: 'a-first',
    published: '2026-10-01T09:00:00.000Z',
    title: 'US says China-linked hackers broke into the Treasury sanctions office',
    text:
      'The U.S. Treasury Department said on Tuesday that hackers working for the Chinese government broke into its sanctions office by abusing a stolen key from the software vendor BeyondTrust.\n\n' +
      'Officials said the intruders read unclassified documents. The department did not publish technical evidence.',
  },
  {
    id: 'a-denial',
    published: '2026-10-03T09:00:00.000Z',
    title: 'Beijing rejects US claims over Treasury breach',
    text:
      'China on Thursday rejected the U.S. accusation that Chinese state hackers breached the Treasury Department through BeyondTrust software.\n\n' +
      'A foreign ministry spokesperson said the charge was groundless and that Beijing firmly opposes all forms of hacking.',
  },
  {
    id: 'a-vendor',
    published: '2026-10-09T09:00:00.000Z',
    title: 'Security firm ties Treasury intrusion to Silk Typhoon',
    text:
      'The security company Mandiant said the group behind the Treasury Department intrusion was Silk Typhoon, a Chinese state-sponsored espionage crew, and published indicators of compromise from the servers it found.\n\n' +
      'The firm said the BeyondTrust key was stolen weeks before the breach.',
  },
  {
    id: 'a-other',
    published: '2026-10-05T09:00:00.000Z',
    title: 'Philippines blames China for hack of its coast guard',
    text:
      "The Philippines said on Monday that hackers backed by China broke into the email of the country's coast guard and stole maritime patrol plans.\n\n" +
      'Manila summoned the Chinese ambassador over the breach.',
  },
];

function record(a: (typeof ARTICLES)[number], updatedAt: string): ArticleRecord {
  return {
    id: a.id,
    url: `https://news.example/${a.id}`,
    status: 'extracted',
    attempts: 1,
    discoveredAt: a.published,
    updatedAt,
    publishedTime: a.published,
    title: a.title,
    siteName: 'The Example Post',
    text: a.text,
  };
}

let local: LocalStore;
let store: Store;
const clock = new TestClock(Date.parse('2026-10-10T00:00:00Z'));
const deps = () => ({ store, clock, logger: silentLogger });

async function ingest(detector: Detector, ids = ARTICLES.map((a) => a.id)) {
  for (const a of ARTICLES.filter((x) => ids.includes(x.id))) {
    clock.advance(1000);
    await detectAndStore(
      { store, clock, detector, logger: silentLogger, http: undefined as never },
      record(a, clock.now().toISOString()),
    );
  }
}

/** Every incident with its members, as comparable data. */
async function snapshot() {
  const all = await store.queryIncidents({ index: { by: 'all', value: 'all' } });
  const out = [];
  for (const s of all.sort((a, b) => a.id.localeCompare(b.id))) {
    const inc = await store.getIncident(s.id);
    const members = (await store.listIncidentMembers(s.id)).map((m) => m.claimId).sort();
    out.push({ id: s.id, name: inc?.name, members, kinds: inc?.timeline.map((e) => e.kind) });
  }
  return out;
}

beforeAll(async () => {
  local = await memoryStore();
  store = local.store;
});
afterAll(async () => local.close());

describe('incidents', () => {
  it('clusters one operation across outlets and keeps another apart', async () => {
    await ingest(defaultDetector());
    const summary = await syncIncidents(deps());
    expect(summary.articles).toBe(4);
    const all = await store.queryIncidents({ index: { by: 'all', value: 'all' } });
    const treasury = all.filter(
      (i) => i.targets.some((t) => /treasury/i.test(t.name)) || i.entities.includes('beyondtrust'),
    );
    expect(treasury).toHaveLength(1);
    const inc = (await store.getIncident(treasury[0]!.id))!;
    expect(inc.articleCount).toBe(3);
    expect(inc.firstSeen).toBe('2026-10-01T09:00:00.000Z');
    const kinds = inc.timeline.map((e) => e.kind);
    expect(kinds[0]).toBe('first-report');
    expect(kinds).toContain('denial');
    expect(kinds).toContain('new-accuser');
    expect(kinds).toContain('evidence');
    expect(inc.evidence).toBe('provided');
    // The most specific accused: the group over its state.
    expect(inc.accused.name).toMatch(/Silk Typhoon/);
    const denial = inc.timeline.find((e) => e.kind === 'denial')!;
    expect(denial.articleId).toBe('a-denial');
    expect(denial.by?.country).toBe('CN');
    // The coast guard hack is another operation of the same state.
    const coast = all.filter((i) => i.id !== inc.id);
    expect(coast).toHaveLength(1);
    expect(coast[0]!.articleCount).toBe(1);
  });

  it('answers by accused, target and month with the index entries', async () => {
    const byState = await store.queryIncidents({ index: { by: 'accused', value: 'CN' } });
    expect(byState).toHaveLength(2);
    const byGroup = await store.queryIncidents({ index: { by: 'accused', value: 'silk-typhoon' } });
    expect(byGroup).toHaveLength(1);
    const month = await store.queryIncidents({ index: { by: 'month', value: '2026-10' } });
    expect(month).toHaveLength(2);
    expect(await store.queryIncidents({ index: { by: 'month', value: '2026-09' } })).toHaveLength(
      0,
    );
    const since = await store.queryIncidents({
      index: { by: 'accused', value: 'CN' },
      since: '2026-10-06T00:00:00.000Z',
    });
    expect(since).toHaveLength(1);
  });

  it('changes nothing when rerun, or when every article is reprocessed', async () => {
    const before = await snapshot();
    const again = await syncIncidents(deps());
    expect(again.articles).toBe(0);
    await ingest(defaultDetector());
    const re = await syncIncidents(deps());
    expect(re.articles).toBe(4);
    expect(re.placed).toBe(0);
    expect(re.written).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('takes out a claim a newer detector no longer finds, and deletes an emptied incident', async () => {
    const none: Detector = {
      version: 'rules-x',
      detect: (): DetectResult => ({ isCyber: true, isAttribution: false, score: 0, claims: [] }),
    };
    await ingest(none, ['a-other']);
    const s = await syncIncidents(deps());
    expect(s.removed).toBeGreaterThan(0);
    expect(s.deleted).toBe(1);
    expect(await store.queryIncidents({ index: { by: 'accused', value: 'CN' } })).toHaveLength(1);
    expect((await store.articleIncidents('a-other')).size).toBe(0);
    // Back with the current detector: the claim is placed again, in an incident of its own.
    await ingest(defaultDetector(), ['a-other']);
    await syncIncidents(deps());
    expect(await store.queryIncidents({ index: { by: 'accused', value: 'CN' } })).toHaveLength(2);
  });

  it('lets one run at a time hold the lease', async () => {
    const now = clock.now();
    expect(
      await store.takeLease(
        'incidents',
        'other-run',
        new Date(now.getTime() + 60_000).toISOString(),
        now.toISOString(),
      ),
    ).toBe(true);
    const s = await syncIncidents(deps());
    expect(s.skipped).toBe('locked');
    // An expired lease is free again.
    clock.advance(120_000);
    const after = await syncIncidents(deps());
    expect(after.skipped).toBeUndefined();
  });
});

describe('a crash while writing', () => {
  it('is completed by the next run into the same incidents', async () => {
    const clean = await memoryStore();
    const crashing = await memoryStore();
    try {
      const run = async (s: Store, failAt?: keyof Store) => {
        store = s;
        await ingest(defaultDetector());
        let calls = 0;
        const faulty = new Proxy(s, {
          get(target, prop, receiver) {
            const v = Reflect.get(target, prop, receiver) as unknown;
            if (prop === failAt && typeof v === 'function') {
              return async (...args: unknown[]) => {
                if (++calls === 2) throw new Error('simulated crash');
                return (v as (...a: unknown[]) => unknown).apply(target, args);
              };
            }
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        });
        if (failAt) {
          await expect(
            syncIncidents({ store: faulty, clock, logger: silentLogger }),
          ).rejects.toThrow('simulated crash');
          clock.advance(600_000); // the dead run's lease expires
        }
        await syncIncidents({ store: s, clock, logger: silentLogger });
        return snapshot();
      };
      const expected = await run(clean.store);
      for (const point of ['putIncidentMembers', 'putIncident'] as const) {
        const s = await memoryStore();
        try {
          expect(await run(s.store, point)).toEqual(expected);
        } finally {
          await s.close();
        }
      }
      expect(await run(crashing.store, 'setClaimIncidents')).toEqual(expected);
    } finally {
      await clean.close();
      await crashing.close();
      store = local.store;
    }
  });
});
