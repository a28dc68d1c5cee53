/**
 * End to end through the built CLI (`npm run build` first; `npm test` does it): the offline demo
 * in a temporary folder, then the stored claims read back by `query`, the digest file, and the
 * command-line contract (help, exit codes, detect's JSON).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../../lambdas/adapters/local-dynamo';
import type { IncidentSummary, StoredClaim } from '../../lambdas/core/records';
import { SDK_NODE_WARNING_SWITCH } from '../../lambdas/adapters/sdk-node-warning';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'attribution-watch.js');
// The user's environment, without the AWS SDK's Node-version switch: the CLI sets it itself, so
// the demo's empty stderr below also proves the SDK's warning stays out of the user's terminal.
const { [SDK_NODE_WARNING_SWITCH]: _switch, ...userEnv } = process.env;

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: userEnv,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('attribution-watch demo', () => {
  let data: string;
  let result: {
    summary: { attributionStories: number; claims: number; failedArticles: number };
    claims: StoredClaim[];
    incidents: IncidentSummary[];
    digest: { status: string; claims: number };
  };

  beforeAll(() => {
    data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-e2e-'));
    const r = cli(['demo', '--data', data, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    result = JSON.parse(r.out);
  }, 180_000);

  afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

  const treasury = () =>
    result.claims.filter((c) =>
      c.articleUrl.includes(
        '/us-says-china-linked-hackers-breached-treasury-sanctions-office.html',
      ),
    );

  it('processes every demo article and finds attribution stories', () => {
    expect(result.summary.failedArticles).toBe(0);
    expect(result.summary.attributionStories).toBeGreaterThanOrEqual(11);
  });

  it('groups each follow-up story with the report it continues, in one incident with a timeline', async () => {
    const local = await openLocalStore({ dataDir: data });
    try {
      const all = await local.store.queryIncidents({ index: { by: 'all', value: 'all' } });
      const slugsOf = async (id: string) =>
        new Set(
          (await local.store.listIncidentMembers(id)).map((m) =>
            m.articleUrl.replace(/^.*\/articles\/|\.html.*$/g, ''),
          ),
        );
      const stories: [string, string, string[]][] = [
        [
          'us-says-china-linked-hackers-breached-treasury-sanctions-office',
          'crowdstrike-names-silk-typhoon-as-group-behind-treasury-sanctions-office-breach',
          ['first-report', 'denial', 'new-accuser', 'evidence'],
        ],
        [
          'uk-and-allies-blame-russian-military-intelligence-for-hacking-campaign',
          'germany-joins-allies-in-blaming-russian-military-intelligence-moscow-denies',
          ['first-report', 'denial', 'new-accuser'],
        ],
        [
          'fbi-blames-north-korea-for-crypto-exchange-theft',
          'blockchain-analysts-trace-stolen-korvex-funds-through-north-korean-laundering-network',
          ['first-report', 'evidence', 'new-accuser'],
        ],
      ];
      for (const [original, followUp, kinds] of stories) {
        const holding = [];
        for (const s of all) if ((await slugsOf(s.id)).has(followUp)) holding.push(s);
        expect(holding).toHaveLength(1);
        expect(await slugsOf(holding[0]!.id)).toEqual(new Set([original, followUp]));
        const inc = (await local.store.getIncident(holding[0]!.id))!;
        expect(inc.timeline[0]!.kind).toBe('first-report');
        expect(inc.timeline[0]!.articleUrl).toContain(original);
        for (const k of kinds) expect(inc.timeline.map((e) => e.kind)).toContain(k);
        const step = inc.timeline.find(
          (e) => e.kind === 'new-accuser' && e.articleUrl.includes(followUp),
        );
        expect(step).toBeDefined();
      }
    } finally {
      await local.close();
    }
  });

  it('stores the reference-style story: United States → China with evidence not provided, a denial, and The Washington Post', () => {
    const c = treasury().find((x) => x.accuser?.country === 'US' && x.accused.country === 'CN');
    expect(c).toBeDefined();
    expect(['intrusion', 'espionage']).toContain(c!.action);
    expect(c!.evidence).toBe('not-provided');
    expect(c!.reportedBy).toContain('The Washington Post');
    expect(c!.responses.some((r) => r.kind === 'denial' && r.by.country === 'CN')).toBe(true);
    expect(c!.target?.name).toMatch(/Treasury|Foreign Assets Control/);
  });

  it('stores its counter-accusation: China → United States', () => {
    const c = treasury().find((x) => x.accuser?.country === 'CN' && x.accused.country === 'US');
    expect(c).toBeDefined();
  });

  it('never turns reader comments into claims', () => {
    for (const c of treasury()) {
      for (const s of c.sentences)
        expect(s).not.toMatch(/Denial from China is expected|fear-mongering|Comments/);
    }
  });

  it('finds nothing in the non-cyber and unattributed pages', () => {
    const noClaims = [
      'relentless-harbour-city',
      'beijing-firmly-opposes',
      'former-defence-engineer',
      'vpn-flaw-exploited',
      'too-early-to-name-culprit',
    ];
    for (const slug of noClaims)
      expect(result.claims.filter((c) => c.articleUrl.includes(slug))).toEqual([]);
  });

  it('lists the incidents of its run, the treasury story among them with its denial', () => {
    expect(result.incidents.length).toBeGreaterThanOrEqual(5);
    const treasuryIncident = result.incidents.find((i) =>
      i.targets.some((t) => /Treasury|Foreign Assets Control/.test(t.name)),
    );
    expect(treasuryIncident?.responders).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'denial' })]),
    );
  });

  it('writes the digest as an RFC 5322 file with text and HTML parts', () => {
    expect(result.digest.status).toBe('sent');
    const outbox = path.join(data, 'outbox');
    const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = fs.readFileSync(path.join(outbox, files[0]!), 'utf8');
    expect(eml).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(eml).toMatch(/^Subject: /m);
    expect(eml).toMatch(/^Message-ID: </m);
    expect(eml).toMatch(/text\/plain/);
    expect(eml).toMatch(/text\/html/);
  });

  it('keeps the claims on disk for `query`', () => {
    const r = cli(['query', '--data', data, '--accused', 'China', '--json']);
    expect(r.code).toBe(0);
    const claims = JSON.parse(r.out) as StoredClaim[];
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.accused.country === 'CN')).toBe(true);
    const table = cli(['query', '--data', data, '--accuser', 'US']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/accuser\s+accused/);
  });

  it('a second digest finds nothing new and writes nothing', () => {
    const r = cli(['digest', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no new claims/);
    expect(
      fs.readdirSync(path.join(data, 'outbox')).filter((f) => f.endsWith('.eml')),
    ).toHaveLength(1);
  });
});

describe('command-line contract', () => {
  it('prints help for every command', () => {
    for (const cmd of [
      [],
      ['run'],
      ['watch'],
      ['demo'],
      ['detect'],
      ['extract'],
      ['feeds'],
      ['feeds', 'check'],
      ['query'],
      ['digest'],
      ['reprocess'],
      ['incidents'],
    ]) {
      const r = cli([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: attribution-watch/);
    }
  });

  it('answers wrong arguments with one line and exit code 2', () => {
    for (const args of [
      ['frobnicate'],
      ['query', '--limit', 'zero'],
      ['run', '--nope'],
      ['extract'],
      ['detect', 'no-such-file.txt'],
      ['watch', '--every', 'soon'],
    ]) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('detect prints the JSON contract for text on stdin', () => {
    const text =
      "Microsoft said on Friday that the hacking group it calls Midnight Blizzard, which is part of Russia's SVR foreign intelligence service, broke into the email accounts of senior executives.";
    const r = cli(['detect', '-'], text);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ isCyber: true, isAttribution: true });
    expect(out.claims[0].accuser).toMatchObject({ name: 'Microsoft', kind: 'company' });
    expect(out.claims[0].accused).toMatchObject({ country: 'RU' });
    expect(typeof out.score).toBe('number');
  });

  it('detect --explain traces each claim to the stage and pattern behind it', () => {
    const text =
      'The FBI said Chinese hackers known as Salt Typhoon breached U.S. telecom carriers.\n\nChina dismissed the accusation as a smear.';
    const r = cli(['detect', '--explain', '-'], text);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. FBI (US) → Salt Typhoon (CN)');
    expect(r.out).toContain(
      'stages: segment → tokens → mentions → roles → claims → evidence → responses',
    );
    expect(r.out).toMatch(/roles +accuser: FBI \(US\) +← roles\.accuser\.speech-verb/);
    expect(r.out).toMatch(/responses denial: China answers FBI \(US\) → Salt Typhoon \(CN\) +← /);
    const json = JSON.parse(cli(['detect', '--explain', '--json', '-'], text).out);
    expect(json.claims).toHaveLength(1);
    expect(json.explain.sentences).toHaveLength(2);
    expect(
      json.explain.events.some((e: { pattern?: string }) => e.pattern === 'mentions.gazetteer'),
    ).toBe(true);
    // Without --explain the contract is unchanged: no explain field.
    expect(JSON.parse(cli(['detect', '-'], text).out).explain).toBeUndefined();
  });

  it('detect --jsonl keeps ids, one object per line', () => {
    const lines = [
      JSON.stringify({
        id: 'a',
        text: "The FBI blamed North Korea's Lazarus Group for the theft of $600 million in cryptocurrency from a gaming company.",
      }),
      JSON.stringify({ id: 'b', text: 'The home team won 3-0 on Saturday.' }),
      JSON.stringify({
        id: 'c',
        html: '<html><body><article><p>LockBit claimed responsibility for the ransomware attack on the hospital on its leak site, posting stolen files.</p><p>The hospital said it was investigating.</p></article></body></html>',
      }),
    ].join('\n');
    const r = cli(['detect', '--jsonl'], lines);
    expect(r.code).toBe(0);
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out[0].isAttribution).toBe(true);
    expect(out[1].isAttribution).toBe(false);
    expect(out[2].claims[0].responses[0].kind).toBe('claim-of-responsibility');
  });

  it('extract --json prints the article fields from an HTML file without running scripts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-x-'));
    const file = path.join(dir, 'page.html');
    fs.writeFileSync(
      file,
      `<html lang="en"><head><title>T</title><link rel="canonical" href="https://news.example/story?utm_source=x"><meta property="article:published_time" content="2026-11-01T10:00:00Z"><meta property="og:site_name" content="News Example"></head><body onload="document.title='HACKED'"><script>document.body.innerHTML='HACKED'</script><article><h1>Headline here</h1><p>${'A long enough paragraph about the attack on the ministry. '.repeat(8)}</p><p>${'Second paragraph with more detail about the hackers. '.repeat(6)}</p></article></body></html>`,
    );
    const r = cli(['extract', file, '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(Object.keys(a).sort()).toEqual(
      ['byline', 'canonicalUrl', 'lang', 'publishedTime', 'siteName', 'text', 'title'].sort(),
    );
    expect(a).toMatchObject({
      canonicalUrl: 'https://news.example/story',
      publishedTime: '2026-11-01T10:00:00.000Z',
      siteName: 'News Example',
      lang: 'en',
    });
    expect(a.text).not.toMatch(/HACKED/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('feeds check --json parses a feed file', () => {
    const r = cli([
      'feeds',
      'check',
      path.join(ROOT, 'test', 'fixtures', 'feeds', 'atom.xml'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).items[0].title).toBe('Ransomware gang claims attack');
  });

  it('feeds add, list and remove against a data folder', () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-feeds-'));
    expect(
      cli(['feeds', 'add', 'https://example.org/rss.xml', '--name', 'Example', '--data', data])
        .code,
    ).toBe(0);
    const list = JSON.parse(cli(['feeds', 'list', '--json', '--data', data]).out);
    expect(list.map((f: { id: string }) => f.id)).toEqual(['example-org-rss-xml']);
    expect(cli(['feeds', 'remove', 'example-org-rss-xml', '--data', data]).code).toBe(0);
    expect(cli(['feeds', 'remove', 'example-org-rss-xml', '--data', data]).code).toBe(2);
    expect(cli(['feeds', 'add', 'javascript:alert(1)', '--data', data]).code).toBe(2);
    fs.rmSync(data, { recursive: true, force: true });
  });
});

describe('one process per data folder', () => {
  const freePort = () =>
    new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });

  it('a second process on a folder in use says so on one line and exits 1; the first keeps serving', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-locked-'));
    const serve = spawn(
      process.execPath,
      [BIN, 'serve', '--data', data, '--port', String(await freePort())],
      { cwd: ROOT, env: userEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const closed = new Promise((r) => serve.once('close', r));
    try {
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          serve.stdout.on('data', (d) => {
            out += d;
            const m = /explorer: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
            if (m) resolve(m[1]!);
          });
          serve.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
        });
        const second = cli(['feeds', 'list', '--data', data]);
        expect(second.code).toBe(1);
        expect(second.err).toBe(
          `attribution-watch: the data folder ${data} is in use by another attribution-watch process (one at a time; stop it, or use another --data folder)\n`,
        );
        const health = await fetch(`${url}/health`);
        expect(health.status).toBe(200);
      } finally {
        serve.kill('SIGINT');
        await closed;
      }
      const after = cli(['feeds', 'list', '--data', data]);
      expect([after.code, after.err]).toEqual([0, '']);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });
});
