/** The gazetteer data: size, one entity per alias, and the names news uses resolving right. */
import actors from '../../lambdas/core/detect/data/actors.json';
import countries from '../../lambdas/core/detect/data/countries.json';
import organs from '../../lambdas/core/detect/data/organs.json';
import outlets from '../../lambdas/core/detect/data/outlets.json';
import people from '../../lambdas/core/detect/data/people.json';
import vendors from '../../lambdas/core/detect/data/vendors.json';
import { gazetteer, tokenize } from '../../lambdas/core/detect/gazetteer';

/** Aliases compared the way the runtime matches them: token by token, case and dots folded. */
const key = (alias: string) =>
  tokenize(alias)
    .map((t) => t.norm)
    .join(' ');

describe('gazetteer data', () => {
  it('has at least 250 threat actors, each with a kind', () => {
    expect(actors.length).toBeGreaterThanOrEqual(250);
    for (const a of actors)
      expect(['state-linked-group', 'criminal-group', 'hacktivist-group']).toContain(a.kind);
  });

  it('never lets an alias silently map to two entities', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    const add = (file: string, name: string, aliases: string[]) => {
      for (const alias of [name, ...aliases]) {
        const k = key(alias);
        if (!k) continue;
        const who = `${file}:${name}`;
        const prev = owner.get(k);
        if (prev && prev !== who) clashes.push(`"${alias}" → ${prev} and ${who}`);
        owner.set(k, who);
      }
    };
    for (const a of actors) add('actors', a.name, a.aliases);
    for (const o of organs) add('organs', o.name, o.aliases ?? []);
    for (const v of vendors) add('vendors', v.name, v.aliases ?? []);
    for (const o of outlets) add('outlets', o.name, o.aliases ?? []);
    for (const p of people) add('people', p.name, p.aliases ?? []);
    for (const c of countries)
      add('countries', c.name, [
        ...(c.aliases ?? []),
        ...(c.demonyms ?? []),
        ...(c.metonyms ?? []),
      ]);
    expect(clashes).toEqual([]);
  });

  it('uses ISO 3166 alpha-2 codes (or a named bloc)', () => {
    const codes = new Set(countries.map((c) => c.code));
    for (const a of actors) if (a.country) expect(codes.has(a.country)).toBe(true);
    for (const o of organs) if (o.country) expect(codes.has(o.country)).toBe(true);
  });
});

describe('resolution', () => {
  const g = gazetteer();
  it.each([
    ['Fancy Bear', 'actor', 'APT28', 'RU'],
    ['Forest Blizzard', 'actor', 'APT28', 'RU'],
    ['Midnight Blizzard', 'actor', 'APT29', 'RU'],
    ['Cozy Bear', 'actor', 'APT29', 'RU'],
    ['Seashell Blizzard', 'actor', 'Sandworm', 'RU'],
    ['Diamond Sleet', 'actor', 'Lazarus Group', 'KP'],
    ['Mint Sandstorm', 'actor', 'APT35', 'IR'],
    ['Volt Typhoon', 'actor', 'Volt Typhoon', 'CN'],
    ['BlackCat', 'actor', 'ALPHV', null],
    ['Clop', 'actor', 'Cl0p', null],
    ['SVR', 'organ', 'SVR', 'RU'],
    ['Ministry of State Security', 'organ', 'MSS', 'CN'],
    ['the Kremlin', 'country', 'Russia', 'RU'],
    ['Pyongyang', 'country', 'North Korea', 'KP'],
    ['U.S.', 'country', 'United States', 'US'],
    ['Mandiant', 'vendor', 'Mandiant', 'US'],
    // An actor alias written with its organ spelled out ("PLA Unit 61398" in our data).
    ["People's Liberation Army Unit 61398", 'actor', 'APT1', 'CN'],
    ['Main Intelligence Directorate Unit 74455', 'actor', 'Sandworm', 'RU'],
  ])('%s → %s %s', (alias, type, name, country) => {
    const e = g.resolve(alias);
    expect(e).toMatchObject({ type, name, country });
  });

  it('does not match ordinary words', () => {
    const found = g
      .scan('Let us play in the royal garden; it is a hive of activity, said the US.')
      .map((m) => m.entity.name);
    expect(found).toEqual(['United States']);
  });
});
