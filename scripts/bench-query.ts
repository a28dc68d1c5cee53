/**
 * Query benchmark (called from scripts/bench.ts): 100,000 synthetic claims in an in-memory
 * dynalite store, GET /claims through the core router — p50/p95 per leading filter, first page
 * (limit 50) — and exports of 10,000 claims to STIX 2.1 and CSV.
 */
import { performance } from 'node:perf_hooks';
import { openLocalStore } from '../lambdas/adapters/local-dynamo';
import { quietSdkNodeWarning } from '../lambdas/adapters/sdk-node-warning';
import { queryRoutes } from '../lambdas/core/api/query-routes';
import { createRouter } from '../lambdas/core/api/router';
import { claimsToCsv } from '../lambdas/core/export/csv';
import { claimsToStix } from '../lambdas/core/export/stix';
import { collectClaims } from '../lambdas/core/query';
import { seedClaims } from '../test/api/seed';

export interface QueryBenchResult {
  claims: number;
  seedSeconds: number;
  perFilter: { filter: string; query: string; p50: number; p95: number; rows: number }[];
  export: {
    claims: number;
    readMs: number;
    stixMs: number;
    stixBytes: number;
    csvMs: number;
    csvBytes: number;
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** Runs the query benchmark and prints a Markdown table of its figures. */
export async function benchQuery(opts: { claims?: number; rounds?: number } = {}) {
  const n = opts.claims ?? 100_000;
  const rounds = opts.rounds ?? 40;
  const local = await openLocalStore({ inMemory: true });
  try {
    const t0 = performance.now();
    await seedClaims(local.store, n, 8);
    const seedSeconds = (performance.now() - t0) / 1000;
    const now = new Date('2026-11-20T12:00:00Z');
    const router = createRouter([
      queryRoutes({ store: local.store, clock: { now: () => now }, cursorSecret: 'bench' }),
    ]);
    const cases: [string, Record<string, string>][] = [
      ['none (month index)', {}],
      ['accused actor', { accused: 'APT28' }],
      ['accused country', { accused: 'China' }],
      ['accuser', { accuser: 'Microsoft' }],
      ['accuser country', { accuser: 'GB' }],
      ['country (either side)', { country: 'US' }],
      ['target', { target: 'Ukraine' }],
      ['action', { action: 'ransomware' }],
      ['hasDenial', { hasDenial: 'true' }],
      ['since/until', { since: '2025-06-01', until: '2025-07-01' }],
      ['accused + minConfidence', { accused: 'Russia', minConfidence: '0.9' }],
      ['q (words)', { q: 'ukraine espionage' }],
      ['accused + page 2 (cursor)', { accused: 'APT28', cursor: '' }],
    ];
    const perFilter: QueryBenchResult['perFilter'] = [];
    for (const [filter, q] of cases) {
      const query: Record<string, string> = { ...q, limit: '50' };
      if ('cursor' in q) {
        const first = await router({
          method: 'GET',
          path: '/claims',
          query: { accused: 'APT28', limit: '50' },
          headers: {},
          baseUrl: '',
        });
        query.cursor = JSON.parse(first.body).nextCursor;
      }
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < rounds + 3; i++) {
        const t = performance.now();
        const r = await router({ method: 'GET', path: '/claims', query, headers: {}, baseUrl: '' });
        const dt = performance.now() - t;
        if (r.status !== 200) throw new Error(`${filter}: HTTP ${r.status} ${r.body}`);
        rows = JSON.parse(r.body).count;
        if (i >= 3) times.push(dt);
      }
      perFilter.push({
        filter,
        query: new URLSearchParams({ ...q, ...('cursor' in q ? { cursor: '…' } : {}) }).toString(),
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        rows,
      });
    }
    const t1 = performance.now();
    const tenK = await collectClaims(local.store, {}, now, 10_000);
    const readMs = performance.now() - t1;
    const t2 = performance.now();
    const stix = JSON.stringify(claimsToStix(tenK));
    const stixMs = performance.now() - t2;
    const t3 = performance.now();
    const csv = claimsToCsv(tenK);
    const csvMs = performance.now() - t3;
    const result: QueryBenchResult = {
      claims: n,
      seedSeconds,
      perFilter,
      export: {
        claims: tenK.length,
        readMs,
        stixMs,
        stixBytes: stix.length,
        csvMs,
        csvBytes: csv.length,
      },
    };
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `\nQuery API: ${n} claims in dynalite (seeded in ${seedSeconds.toFixed(0)} s), first page of 50, ${rounds} rounds\n`,
    );
    console.log('| leading filter | query | p50 | p95 | rows | goal p95 ≤ 50 ms |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const f of perFilter)
      console.log(
        `| ${f.filter} | \`${f.query}\` | ${ms(f.p50)} | ${ms(f.p95)} | ${f.rows} | ${f.p95 <= 50 ? '✓' : '✗'} |`,
      );
    const e = result.export;
    console.log(
      `\nExport of ${e.claims} claims: read ${ms(e.readMs)}, STIX ${ms(e.stixMs)} (${(e.stixBytes / 1e6).toFixed(1)} MB), CSV ${ms(e.csvMs)} (${(e.csvBytes / 1e6).toFixed(1)} MB)`,
    );
    return result;
  } finally {
    await local.close();
  }
}

if (require.main === module) {
  quietSdkNodeWarning();
  void benchQuery({ claims: Number(process.argv[2] ?? 100_000) });
}
