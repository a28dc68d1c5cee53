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

  it('has at least 1,000 threat actors, each a group of an allowed kind with a state or no country', () => {
    expect(actors.length).toBeGreaterThanOrEqual(1000);
    const states = new Set(countries.filter((c) => !c.bloc).map((c) => c.code));
    for (const a of actors) {
      expect({ name: a.name, kind: a.kind }).toEqual({
        name: a.name,
        kind: expect.stringMatching(/^(state-linked-group|criminal-group|hacktivist-group)$/),
      });
      // An actor's country is a state (ISO 3166 alpha-2 in countries.json), never a bloc, or null.
      if (a.country !== null)
        expect({ name: a.name, state: states.has(a.country) }).toEqual({
          name: a.name,
          state: true,
        });
    }
  });

  it('keeps every file sorted by name (case-insensitive), names unique', () => {
    for (const [file, rows] of Object.entries({ actors, organs, vendors, outlets, people })) {
      const names = (rows as { name: string }[]).map((r) => r.name);
      const lower = (n: string) => n.toLowerCase();
      const sorted = [...names].sort((a, b) =>
        lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0,
      );
      expect({ file, names }).toEqual({ file, names: sorted });
      expect({ file, unique: new Set(names.map((n) => n.toLowerCase())).size }).toEqual({
        file,
        unique: names.length,
      });
    }
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

  // Vendor naming schemes: Microsoft's Typhoon/Blizzard/Sandstorm/Sleet, CrowdStrike's
  // Panda/Bear/Kitten/Chollima, Secureworks' BRONZE/IRON/COBALT, and ransomware crews with no country.
  it.each([
    ['Salt Typhoon', 'Salt Typhoon', 'CN'],
    ['Flax Typhoon', 'Flax Typhoon', 'CN'],
    ['Silk Typhoon', 'Silk Typhoon', 'CN'],
    ['Brass Typhoon', 'APT41', 'CN'],
    ['Violet Typhoon', 'APT31', 'CN'],
    ['Linen Typhoon', 'Linen Typhoon', 'CN'],
    ['Leopard Typhoon', 'Leopard Typhoon', 'CN'],
    ['NOMAD PANDA', 'NOMAD PANDA', 'CN'],
    ['POISON CARP', 'POISON CARP', 'CN'],
    ['Star Blizzard', 'Star Blizzard', 'RU'],
    ['Cadet Blizzard', 'Cadet Blizzard', 'RU'],
    ['Aqua Blizzard', 'Gamaredon', 'RU'],
    ['TEMP.Veles', 'TEMP.Veles', 'RU'],
    ['Peach Sandstorm', 'APT33', 'IR'],
    ['Mango Sandstorm', 'MuddyWater', 'IR'],
    ['Cotton Sandstorm', 'Emennet Pasargad', 'IR'],
    ['Burgundy Sandstorm', 'Burgundy Sandstorm', 'IR'],
    ['Charming Kitten', 'APT35', 'IR'],
    ['Pioneer Kitten', 'Pioneer Kitten', 'IR'],
    ['Caracal Kitten', 'Caracal Kitten', 'IR'],
    ['COBALT KATANA', 'COBALT KATANA', 'IR'],
    ['Sapphire Sleet', 'APT38', 'KP'],
    ['Citrine Sleet', 'UNC4736', 'KP'],
    ['Moonstone Sleet', 'Moonstone Sleet', 'KP'],
    ['Emerald Sleet', 'Kimsuky', 'KP'],
    ['Labyrinth Chollima', 'Lazarus Group', 'KP'],
    ['Famous Chollima', 'Famous Chollima', 'KP'],
    ['Velvet Chollima', 'Kimsuky', 'KP'],
    ['Contagious Interview', 'Contagious Interview', 'KP'],
    ['SandCat', 'SandCat', 'UZ'],
    ['Akira', 'Akira', null],
    ['Play ransomware', 'Play', null],
    ['Rhysida', 'Rhysida', null],
    ['Medusa ransomware', 'Medusa', null],
    ['Black Basta', 'Black Basta', null],
    ['BianLian', 'BianLian', null],
    ['8Base', '8Base', null],
    ['RansomHub', 'RansomHub', null],
    ['Qilin', 'Qilin', null],
    ['Hunters International', 'Hunters International', null],
    ['INC Ransom', 'INC Ransom', null],
    ['BlackByte', 'BlackByte', null],
    ['GandCrab', 'GandCrab', null],
    ['Space Bears', 'Space Bears', null],
    ['3AM ransomware', '3AM ransomware', null],
    ['Storm-0501', 'Storm-0501', null],
    ['GOLD CABIN', 'GOLD CABIN', null],
    ['The Dark Overlord', 'TheDarkOverlord', null],
    ['MoneyTaker', 'MoneyTaker', null],
  ])('actor %s → %s (%s)', (alias, name, country) => {
    expect(g.resolve(alias)).toMatchObject({ type: 'actor', name, country });
  });

  it.each([
    ['Ransomware', 'Akira', 'criminal-group'],
    ['Storm-0501', 'Storm-0501', 'criminal-group'],
    ['Salt Typhoon', 'Salt Typhoon', 'state-linked-group'],
    ['OurMine', 'OurMine', 'criminal-group'],
    ['Anonymous KSA', 'Anonymous KSA', 'hacktivist-group'],
  ])('kind: %s → %s is a %s', (_what, name, kind) => {
    expect(g.get('actor', name)).toMatchObject({ kind });
  });

  // State organs the news names, tied to their state.
  it.each([
    ["People's Liberation Army", 'PLA', 'CN'],
    ['Strategic Support Force', 'PLA Strategic Support Force', 'CN'],
    ['Information Support Force', 'PLA Information Support Force', 'CN'],
    ['PLA Cyberspace Force', 'PLA Cyberspace Force', 'CN'],
    ['Shanghai State Security Bureau', 'Shanghai State Security Bureau', 'CN'],
    ['Hainan State Security Department', 'Hainan State Security Department', 'CN'],
    ['Ministry of Public Security', 'Ministry of Public Security', 'CN'],
    ['Central Intelligence Agency', 'CIA', 'US'],
    ['National Security Agency', 'NSA', 'US'],
    ['Cyber Command', 'U.S. Cyber Command', 'US'],
    ['Federal Bureau of Investigation', 'FBI', 'US'],
    ['Government Communications Headquarters', 'GCHQ', 'GB'],
    ['Secret Intelligence Service', 'MI6', 'GB'],
    ['Main Intelligence Directorate', 'GRU', 'RU'],
    ['Federal Security Service', 'FSB', 'RU'],
    ['Foreign Intelligence Service', 'SVR', 'RU'],
    ['Reconnaissance General Bureau', 'RGB', 'KP'],
    ['Bureau 121', 'Bureau 121', 'KP'],
    ['Ministry of Intelligence and Security', 'MOIS', 'IR'],
    ['Islamic Revolutionary Guard Corps', 'IRGC', 'IR'],
    ['IRGC Cyber-Electronic Command', 'IRGC', 'IR'],
    ['Unit 8200', 'Unit 8200', 'IL'],
    ['Mossad', 'Mossad', 'IL'],
    ['AIVD', 'AIVD', 'NL'],
    ['MIVD', 'MIVD', 'NL'],
    ['Bundesamt für Verfassungsschutz', 'BfV', 'DE'],
    ['Bundesnachrichtendienst', 'BND', 'DE'],
    ['ANSSI', 'ANSSI', 'FR'],
    ['DGSE', 'DGSE', 'FR'],
    ['Finnish Security and Intelligence Service', 'Supo', 'FI'],
    ['Belarusian KGB', 'KGB of Belarus', 'BY'],
  ])('organ %s → %s (%s)', (alias, name, country) => {
    expect(g.resolve(alias)).toMatchObject({ type: 'organ', name, country });
  });

  it('does not match ransomware names that are ordinary words without "ransomware"', () => {
    const found = g
      .scan(
        'Fog delayed flights. Kraken, Lynx and Ghost are in the tale; Genesis, Orion and Titan too.',
      )
      .map((m) => m.entity.name);
    expect(found).toEqual([]);
    expect(
      g.scan('The Fog ransomware and Kraken ransomware crews struck.').map((m) => m.entity.name),
    ).toEqual(['Fog ransomware', 'Kraken ransomware']);
  });

  it('does not match ordinary words', () => {
    const found = g
      .scan('Let us play in the royal garden; it is a hive of activity, said the US.')
      .map((m) => m.entity.name);
    expect(found).toEqual(['United States']);
  });
});
