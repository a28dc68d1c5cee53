/**
 * `attribution-watch incidents` end to end through the built CLI (`npm run build` first; `npm
 * test` does it): a data folder seeded with our own-words stories by the real pipeline (stored,
 * not yet placed), then `incidents sync`, `list` with each filter, `show` and its errors; and
 * the demo ending with the incidents its run produced.
 */
import { simpleParser } from 'mailparser';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../../lambdas/adapters/local-dynamo';
import type { IncidentMember, IncidentRecord, IncidentSummary } from '../../lambdas/core/records';
import { SDK_NODE_WARNING_SWITCH } from '../../lambdas/adapters/sdk-node-warning';
import {
  EXCHANGE_THEFT,
  POLICE_DENIAL,
  POLICE_GOVERNMENT,
  POLICE_VENDOR,
  storeStories,
} from '../helpers/incident-stories';
import { TestClock } from '../helpers/store';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'attribution-watch.js');
const { [SDK_NODE_WARNING_SWITCH]: _switch, ...userEnv } = process.env;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: userEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('attribution-watch incidents', () => {
  let data: string;
  const inData = (...args: string[]) => cli([...args, '--data', data]);
  const json = <T>(...args: string[]): T => {
    const r = inData(...args, '--json');
    expect([r.code, r.err]).toEqual([0, '']);
    return JSON.parse(r.out) as T;
  };
  let police: IncidentSummary;
  let exchange: IncidentSummary;

  beforeAll(async () => {
    data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-inc-'));
    // Stored an hour ago (published in November 2026): the operator digest's look-back finds them.
    const local = await openLocalStore({ dataDir: data });
    try {
      await storeStories(local.store, new TestClock(Date.now() - 3_600_000), [
        POLICE_GOVERNMENT,
        POLICE_VENDOR,
        POLICE_DENIAL,
        EXCHANGE_THEFT,
      ]);
    } finally {
      await local.close();
    }
  }, 60_000);
  afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

  it('sync places the stored claims and says what it did; a rerun changes nothing', () => {
    expect(inData('incidents', 'list').out).toMatch(/^No incidents match\./);
    const r = inData('incidents', 'sync');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(
      /^incidents: 2 opened, 2 claims joined known ones, 0 taken out; 2 written/,
    );
    const again = json<{ opened: number; placed: number; written: number }>('incidents', 'sync');
    expect(again).toMatchObject({ opened: 0, placed: 0, written: 0 });
  });

  it('list prints a table, newest first, and --json the summaries', () => {
    const list = json<IncidentSummary[]>('incidents', 'list');
    expect(list).toHaveLength(2);
    [exchange, police] = list as [IncidentSummary, IncidentSummary];
    expect(exchange.accused.name).toBe('Lazarus Group');
    expect(police.accused.name).toBe('Laundry Bear');
    expect(police.articleCount).toBe(3);
    const table = inData('incidents', 'list');
    expect(table.code).toBe(0);
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+last seen\s+name\s+accused\s+claims\s+articles\s+denied\?$/);
    expect(lines[2]).toMatch(
      new RegExp(
        `^${exchange.id}\\s+2026-11-19\\s+Lazarus Group: .*\\s+Lazarus Group \\(KP\\)\\s+1\\s+1\\s+no$`,
      ),
    );
    expect(lines[3]).toMatch(
      new RegExp(`^${police.id}\\s+2026-11-19\\s+Laundry Bear: .*\\s+3\\s+3\\s+yes \\(Russia\\)$`),
    );
  });

  it('list filters by accused (alias, country), target, month, since and limit', () => {
    const ids = (...args: string[]) =>
      json<IncidentSummary[]>('incidents', 'list', ...args).map((i) => i.id);
    expect(ids('--accused', 'Russia')).toEqual([police.id]);
    expect(ids('--accused', 'RU')).toEqual([police.id]);
    expect(ids('--accused', 'Lazarus')).toEqual([exchange.id]);
    expect(ids('--accused', 'North Korea')).toEqual([exchange.id]);
    expect(ids('--target', 'Dutch national police')).toEqual([police.id]);
    expect(ids('--month', '2026-11')).toEqual([exchange.id, police.id]);
    expect(ids('--month', '2026-10')).toEqual([]);
    // A filter besides the leading one narrows: Russia's incident was not seen in October.
    expect(ids('--accused', 'Russia', '--month', '2026-10')).toEqual([]);
    expect(ids('--accused', 'Russia', '--target', 'Harbourline')).toEqual([]);
    expect(ids('--since', '2026-11-19T09:00:00Z')).toEqual([exchange.id]);
    expect(ids('--limit', '1')).toEqual([exchange.id]);
  });

  it('show prints the incident, its timeline and its claims; --json has them as data', () => {
    const r = inData('incidents', 'show', police.id);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain(`${police.id}  Laundry Bear: `);
    expect(r.out).toMatch(/^accused: +Laundry Bear \(RU\); also named: Russia$/m);
    expect(r.out).toMatch(/^accusers: +Netherlands, Microsoft \(US\)$/m);
    expect(r.out).toMatch(/^evidence: +provided \(strongest so far\)/m);
    expect(r.out).toMatch(/^date\s+step\s+who\s+role\s+outlet\s+text\s+article$/m);
    expect(r.out).toMatch(
      /^2026-11-17 +first-report +Netherlands +government +The Example Post .* https:\/\/news\.example\/police-government$/m,
    );
    expect(r.out).toMatch(
      /^2026-11-19 +denial +Russia +Wire & <Post> .* https:\/\/news\.example\/police-denial$/m,
    );
    expect(r.out).toContain('Claims (3):');
    const inc = json<IncidentRecord & { claims: IncidentMember[] }>('incidents', 'show', police.id);
    expect(inc.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['first-report', 'new-accuser', 'evidence', 'denial']),
    );
    expect(inc.claims.map((m) => m.articleId).sort()).toEqual([
      'police-denial',
      'police-government',
      'police-vendor',
    ]);
    // --stix: the bundle GET /incidents/{id}?format=stix answers, with the denial as an opinion.
    const bundle = json<{
      type: string;
      objects: { type: string; opinion?: string; name?: string }[];
    }>('incidents', 'show', police.id, '--stix');
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.find((o) => o.type === 'campaign')?.name).toBe(inc.name);
    expect(bundle.objects.filter((o) => o.type === 'opinion').map((o) => o.opinion)).toEqual([
      'strongly-disagree',
    ]);
  });

  it('the operator digest lists the incidents first and says how many', async () => {
    const r = inData('digest', '--to', 'me@example.com');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^digest written: 4 claims, 2 new incidents, 0 updated → /);
    const outbox = path.join(data, 'outbox');
    const mail = await simpleParser(fs.readFileSync(path.join(outbox, fs.readdirSync(outbox)[0]!)));
    expect(mail.subject).toMatch(/^Attribution Watch digest: 2 new incidents · 4 new claims: /);
    expect(mail.text).toMatch(/^== New incidents \(2\) ==\n\* Lazarus Group: /m);
  });

  it('answers an unknown id or a bad filter with one line and exit code 2', () => {
    const r = inData('incidents', 'show', 'inc_nope');
    expect(r.code).toBe(2);
    expect(r.err).toBe('attribution-watch: no incident with id inc_nope (see incidents list)\n');
    for (const args of [
      ['incidents', 'list', '--month', '2026-13'],
      ['incidents', 'list', '--since', 'yesterday-ish'],
      ['incidents', 'list', '--limit', '0'],
    ]) {
      const bad = inData(...args);
      expect(bad.code).toBe(2);
      expect(bad.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('documents each subcommand in --help', () => {
    for (const sub of [[], ['list'], ['show'], ['sync']]) {
      const r = cli(['incidents', ...sub, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: attribution-watch incidents/);
    }
    expect(cli(['incidents', 'list', '--help']).out).toMatch(/--accused.*\n(.*\n)*.*--month/);
  });
});

describe('attribution-watch demo', () => {
  it('ends with the incidents its run produced, the ones `incidents list` finds', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-inc-demo-'));
    try {
      const r = cli(['demo', '--data', data]);
      expect([r.code, r.err]).toEqual([0, '']);
      const tail = r.out.slice(r.out.lastIndexOf('Incidents from this run'));
      expect(tail).toMatch(/^Incidents from this run \((\d+) new, 0 updated;/);
      const rows = tail.split('\n').filter((l) => /^new\s+inc_/.test(l));
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(tail).toMatch(/Volt Typhoon: /);
      // The demo's incidents are those stored: `incidents list` finds the same ids.
      const listed = JSON.parse(
        cli(['incidents', 'list', '--data', data, '--json']).out,
      ) as IncidentSummary[];
      expect(listed.map((i) => i.id).sort()).toEqual(rows.map((l) => l.split(/\s+/)[1]).sort());
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 120_000);
});
