/**
 * The real-text harness (scripts/eval-real-lib.ts) on small snapshots written here, in the
 * layouts of the two public datasets: it reads only the development split (ids that are
 * multiples of 4) — the other records are malformed on purpose, so reading one would throw —
 * from a work tree and from a bare git folder alike, and scores what the detector found.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  namedAttacker,
  partyIsAttacker,
  readCasie,
  readEurepoc,
  scoreCasie,
  scoreEurepoc,
} from '../../scripts/eval-real-lib';

interface Arg {
  role: string;
  text: string;
}

function casieDoc(content: string, events: { type: string; args?: Arg[] }[]): string {
  return JSON.stringify({
    content,
    cyberevent: {
      hopper: [
        {
          events: events.map((e) => ({
            type: e.type,
            subtype: '',
            argument: (e.args ?? []).map((a) => ({ role: { type: a.role }, text: a.text })),
          })),
        },
      ],
    },
  });
}

const CASIE: Record<string, string> = {
  // Dev: a named attacker found, nothing else accused.
  '4.json': casieDoc(
    'Microsoft said APT28 broke into the email accounts of a ministry in Berlin last spring. The company published technical indicators.',
    [{ type: 'Attack', args: [{ role: 'Attacker', text: 'APT28' }] }],
  ),
  // Dev: the named attacker and one party that is not it.
  '8.json': casieDoc(
    'The FBI said the Lazarus Group stole $40 million from a crypto exchange in Seoul. In a separate case, investigators said Iranian hackers breached a water utility in Texas.',
    [{ type: 'Attack', args: [{ role: 'Attacker', text: 'the Lazarus Group' }] }],
  ),
  // Dev: a generic attacker is no named attacker.
  '12.json': casieDoc('Hackers stole the card numbers of shoppers at a chain of bakeries.', [
    { type: 'Attack', args: [{ role: 'Attacker', text: 'Hackers' }] },
  ]),
  // Dev: a patch story, not an attack.
  '16.json': casieDoc(
    'The vendor fixed a flaw in its router firmware that let attackers run code on the devices.',
    [{ type: 'Vulnerability-related' }],
  ),
  // Held out: never read (malformed, so reading it would throw).
  '5.json': '{ not json',
  '6.json': '{ not json',
};

const EUREPOC_CSV = [
  'ID,name,description,attributed_initiator_country,receiver_country',
  '4,Ministry defacement,Turkish hackers defaced the website of the ministry of culture in Athens.,Turkey,Greece',
  // Two rows for one incident (one per attribution).
  '8,Parliament breach,Investigators blamed Russia for the breach of the parliament servers in Oslo.,Russian Federation,Norway',
  '8,Parliament breach,Investigators blamed Russia for the breach of the parliament servers in Oslo.,Russian Federation,Norway',
  '12,Unknown wiper,A wiper erased the disks of a shipping firm.,Unknown,Denmark',
  // The initiator is not named in the text: not scored.
  '16,Port wiper,A wiper hit the systems of a port operator.,"Iran, Islamic Republic of",Israel',
  // A state named but not accused: scored, and missed.
  "20,Election site outage,The election commission of Brazil said its site went offline for an hour during a visit by China's president.,China,Brazil",
  // Held out: never returned.
  '3,Held out,Russian hackers hit the power grid in Kyiv.,Russian Federation,Ukraine',
  '7,Held out,Chinese hackers hit a shipyard in Taipei.,China,Taiwan',
].join('\n');

let work: string;
let casieTree: string;
let casieBare: string;
let eurepocTree: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-eval-real-'));
  casieTree = path.join(work, 'casie');
  fs.mkdirSync(path.join(casieTree, 'data', 'annotation'), { recursive: true });
  for (const [f, body] of Object.entries(CASIE))
    fs.writeFileSync(path.join(casieTree, 'data', 'annotation', f), body);
  // The same files as a bare git folder, as the search tool's fetch brings them.
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      stdio: 'pipe',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    });
  git(casieTree, 'init', '-q');
  git(casieTree, 'add', '.');
  git(casieTree, '-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'snapshot');
  casieBare = path.join(work, 'casie.git');
  git(work, 'clone', '-q', '--bare', casieTree, casieBare);
  eurepocTree = path.join(work, 'eurepoc');
  fs.mkdirSync(path.join(eurepocTree, 'data'), { recursive: true });
  fs.writeFileSync(path.join(eurepocTree, 'data', 'EuRepoC_Global_Database_1.1.csv'), EUREPOC_CSV);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('reading the snapshots', () => {
  it('reads only the dev split of CASIE, from a work tree and from a bare git folder', () => {
    for (const dir of [casieTree, casieBare]) {
      const articles = readCasie(dir);
      expect(articles.map((a) => a.id)).toEqual([4, 8, 12, 16]);
      expect(articles[0]!.events[0]!.args).toEqual([{ role: 'Attacker', text: 'APT28' }]);
    }
  });

  it('says what is wrong with a folder that is not the CASIE snapshot', () => {
    expect(() => readCasie(eurepocTree)).toThrow(/no data\/annotation/);
  });

  it('reads EuRepoC incidents of the dev split once each, with their states as codes', () => {
    const incidents = readEurepoc(eurepocTree);
    expect(incidents.map((i) => i.id)).toEqual([4, 8, 12, 16, 20]);
    expect(incidents.find((i) => i.id === 8)).toMatchObject({
      initiators: ['RU'],
      receivers: ['NO'],
    });
    expect(incidents.find((i) => i.id === 12)!.initiators).toEqual([]);
    expect(incidents.find((i) => i.id === 16)!.initiators).toEqual(['IR']);
  });
});

describe('scoring', () => {
  it('CASIE: named-attacker recall, the accused parties that are not the attacker, patch stories', () => {
    const s = scoreCasie(readCasie(casieTree));
    expect(s.named.map((x) => [x.id, x.found])).toEqual([
      [4, true],
      [8, true],
    ]);
    expect(s.named.find((x) => x.id === 4)).toMatchObject({ parties: 1, wrong: [] });
    expect(s.named.find((x) => x.id === 8)).toMatchObject({ parties: 2, wrong: ['Iran'] });
    expect(s.vulnOnly).toEqual([{ id: 16, flagged: false, predicted: 'nothing' }]);
    expect(s.attackStories.map((x) => x.id)).toEqual([4, 8, 12]);
  });

  it('EuRepoC: scores incidents whose one initiator is named and not a receiver', () => {
    const s = scoreEurepoc(readEurepoc(eurepocTree));
    expect(s.scored.map((x) => [x.id, x.gold, x.correct])).toEqual([
      [4, 'TR', true],
      [8, 'RU', true],
      [20, 'CN', false],
    ]);
  });

  it('a party is the attacker by its group, its alias, its sponsor or its state', () => {
    const apt28 = namedAttacker('Fancy Bear')!;
    expect(
      partyIsAttacker(apt28, {
        name: 'APT28',
        kind: 'state-linked-group',
        country: 'RU',
        actor: 'APT28',
      }),
    ).toBe(true);
    expect(partyIsAttacker(apt28, { name: 'Russia', kind: 'state', country: 'RU' })).toBe(true);
    expect(partyIsAttacker(apt28, { name: 'Iran', kind: 'state', country: 'IR' })).toBe(false);
    const crew = namedAttacker('the Vexbit crew')!;
    expect(
      partyIsAttacker(crew, { name: 'Vexbit', kind: 'unknown', country: null, actor: 'Vexbit' }),
    ).toBe(true);
    expect(
      partyIsAttacker(crew, { name: 'Kestrel', kind: 'unknown', country: null, actor: 'Kestrel' }),
    ).toBe(false);
    expect(namedAttacker('hackers')).toBeNull();
    expect(namedAttacker('a Lithuanian man')).toBeNull();
  });
});

describe('npm run eval:real', () => {
  it('without the snapshot folders, says how to get them and exits 2', () => {
    const r = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(__dirname, '..', '..', 'scripts', 'eval-real.ts')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--casie DIR/);
    expect(r.stderr).toMatch(/github:Ebiquity\/CASIE/);
    expect(r.stderr).toMatch(/development split/);
  });

  it('on the snapshots, prints the measures and the misses', () => {
    const r = spawnSync(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        path.join(__dirname, '..', '..', 'scripts', 'eval-real.ts'),
        '--casie',
        casieBare,
        '--eurepoc',
        eurepocTree,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/named-attacker recall: +2\/2 = 1\.000/);
    expect(r.stdout).toMatch(/accused parties there that are the attacker: +2\/3 = 0\.667/);
    expect(r.stdout).toMatch(/accused-country accuracy: +2\/3 = 0\.667/);
    expect(r.stdout).toMatch(/casie 8: accused Iran is not the attacker "the Lazarus Group"/);
    expect(r.stdout).toMatch(/eurepoc 20: gold CN · predicted nothing/);
  });
});
