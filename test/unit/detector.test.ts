/**
 * The detector: the reference-article case exactly, then a table of sentence shapes (input +
 * expected), the things that are never claims, and robustness.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultDetector, RuleDetector } from '../../lambdas/core/detect/detector';
import type { Claim } from '../../lambdas/core/model';

const fixtures = path.join(__dirname, '..', 'fixtures', 'detect');
const detect = (text: string, title?: string) => defaultDetector().detect({ text, title });
const pair = (c: Claim) => `${c.accuser?.name ?? '∅'} → ${c.accused.actor ?? c.accused.name}`;

describe('the reference-article case (our own wording of its facts)', () => {
  it('gives exactly the expected claims, responses and provenance', () => {
    const text = fs.readFileSync(path.join(fixtures, 'reference-style.txt'), 'utf8');
    const expected = JSON.parse(
      fs.readFileSync(path.join(fixtures, 'reference-style.expected.json'), 'utf8'),
    );
    expect(detect(text)).toEqual(expected);
  });

  it('reads nothing from the reader comments', () => {
    const text = fs.readFileSync(path.join(fixtures, 'reference-style.txt'), 'utf8');
    const all = detect(text).claims.flatMap((c) => [
      ...c.sentences,
      ...c.responses.map((r) => r.text),
    ]);
    expect(all.join(' ')).not.toMatch(
      /Reader|everyone knows|who is really to blame|Russia was probably/,
    );
    expect(detect(text).claims.some((c) => c.accused.country === 'RU')).toBe(false);
  });
});

describe('sentence shapes', () => {
  it.each([
    [
      'government blames a state',
      "Taiwan's government blamed Chinese state-backed hackers for a wave of cyberattacks on its ministries.",
      ['Taiwan → China'],
    ],
    [
      'vendor names an actor by its alias',
      "Microsoft said on Friday that the hacking group it calls Midnight Blizzard, part of Russia's SVR, broke into the email accounts of senior executives.",
      ['Microsoft → APT29'],
    ],
    [
      'trailing speaker',
      "Hackers working for the Chinese government broke into the personnel agency's networks and stole records on millions of employees, U.S. officials said.",
      ['United States → China'],
    ],
    [
      '"according to" speaker',
      "The intrusion at the foreign ministry was carried out by APT28, according to Germany's domestic intelligence agency.",
      ['Germany → APT28'],
    ],
    [
      'indictment on behalf of an organ',
      'The Justice Department charged two Iranian nationals with hacking into U.S. water utilities on behalf of the Islamic Revolutionary Guard Corps.',
      ['Department of Justice → IRGC'],
    ],
    [
      'vendor with a state organ',
      'Security firm ESET attributed the wiper attack on Ukrainian energy companies to Sandworm.',
      ['ESET → Sandworm'],
    ],
    [
      'crypto theft',
      "The FBI blamed North Korea's Lazarus Group for the theft of $600 million in cryptocurrency from a gaming company.",
      ['FBI → Lazarus Group'],
    ],
    [
      'self-claim',
      'The ransomware gang Akira claimed responsibility for the attack on its dark web leak site.',
      ['∅ → Akira'],
    ],
    [
      'several accusers at once',
      "The United States, Britain and Canada accused Russia's APT29 of targeting coronavirus vaccine research in a joint advisory.",
      ['United States → APT29', 'United Kingdom → APT29', 'Canada → APT29'],
    ],
    [
      'an unknown group named by pattern',
      'Researchers at Mandiant said a previously unknown group they track as UNC9999 breached telecom carriers in Asia.',
      ['Mandiant → UNC9999'],
    ],
    [
      'counter-accusation',
      "Russia's foreign ministry called the hacking accusations absurd and accused Washington of waging cyberwarfare against Russia.",
      ['Russia → United States'],
    ],
  ])('%s', (_shape, text, expected) => {
    const r = detect(text);
    expect(r.isAttribution).toBe(true);
    expect(r.claims.map(pair)).toEqual(expected);
  });

  it('attaches a denial by the accused side and the evidence statement', () => {
    const r = detect(
      'Albania said Iranian state hackers were behind the July cyberattack that crippled government websites.\n\nTehran rejected the accusation as baseless.\n\nAlbanian officials have not released evidence publicly.',
    );
    const c = r.claims.find((x) => x.accused.country === 'IR')!;
    expect(pair(c)).toBe('Albania → Iran');
    expect(c.responses.map((x) => x.kind)).toEqual(['denial']);
    expect(c.responses[0]!.by.country).toBe('IR');
    expect(c.evidence).toBe('not-provided');
  });

  describe('who answers an accusation', () => {
    const accusation: Record<string, string> = {
      CN: 'U.S. officials said Chinese state-sponsored hackers known as Salt Typhoon breached several telecommunications companies.',
      RU: "British officials said hackers from Russia's GRU, known as APT28, targeted the email accounts of lawmakers.",
      IR: 'The FBI said Iranian hackers breached the campaign and stole internal documents.',
      KP: 'The United States blamed North Korea for the WannaCry ransomware attack that crippled hospitals.',
      LB: 'The LockBit ransomware gang hit the hospital, according to the FBI, which said the gang stole patient records.',
    };
    const answer = (side: string, reply: string) => {
      const r = detect(`${accusation[side]}\n\nThe attack disrupted work for days.\n\n${reply}`);
      return r.claims
        .filter((c) => c.responses.some((x) => x.kind === 'denial'))
        .map((c) => {
          const by = c.responses.find((x) => x.kind === 'denial')!.by;
          return by.actor ?? by.country;
        });
    };
    it.each([
      [
        'CN',
        'The accusations were groundless, a spokesperson for the Chinese Embassy in Washington said.',
        'CN',
      ],
      [
        'CN',
        'The embassy said China was a major victim of cyberattacks and opposed groundless speculation.',
        'CN',
      ],
      ['RU', "Peskov told reporters the Kremlin had 'nothing to do' with the hack.", 'RU'],
      [
        'CN',
        '"The U.S. government\'s accusations are pure slander," the Chinese embassy said in a statement.',
        'CN',
      ],
      [
        'CN',
        'A spokesperson of the Chinese embassy in London called the accusations "malicious slander".',
        'CN',
      ],
      [
        'CN',
        'In Beijing, a foreign ministry spokesman said the country was itself a victim of cyberattacks.',
        'CN',
      ],
      [
        'CN',
        "Responding to the U.S. allegations, China's embassy said Beijing opposes and combats all forms of cyberattacks.",
        'CN',
      ],
      [
        'CN',
        'The Global Times, a state-run tabloid, described the allegations as unfounded.',
        'CN',
      ],
      [
        'RU',
        'Kremlin spokesman Dmitry Peskov said there could be no question of any Russian involvement.',
        'RU',
      ],
      ['RU', "Russia's embassy in London called the claims another anti-Russian fake.", 'RU'],
      [
        'IR',
        "Iran's mission to the United Nations said Tehran had no intention or motive to interfere.",
        'IR',
      ],
      ['IR', 'An Iranian official said the country was not behind the hack.', 'IR'],
      ['KP', 'KCNA, the state news agency, said the allegations were absurd.', 'KP'],
      ['LB', "The hackers later denied that they had encrypted the hospital's systems.", 'LockBit'],
      [
        'LB',
        'A spokesperson for the group told a reporter that LockBit was not behind the attack.',
        'LockBit',
      ],
      [
        'IR',
        'In Tehran, a foreign ministry spokesman said the move was provocative, illegal and without justification.',
        'IR',
      ],
      ['RU', 'The Kremlin said the allegations were simply not true.', 'RU'],
      ['CN', "A spokesman for China's foreign ministry said the report did not hold water.", 'CN'],
      ['KP', 'North Korea has said it played no part in the attack.', 'KP'],
      ['RU', 'Russia says it does not interfere in the affairs of other countries.', 'RU'],
      ['IR', 'Iran has insisted it was the victim, not the perpetrator, of cyberattacks.', 'IR'],
      ['CN', 'Beijing has always said it is firmly against hacking of any kind.', 'CN'],
      [
        'CN',
        'Chinese law bans hacking and the armed forces have never supported such activity, the ministry said.',
        'CN',
      ],
      ['CN', '"We urge the U.S. side to stop its groundless smears," the embassy said.', 'CN'],
      [
        'CN',
        'The accusations are "without any factual basis," Chinese Embassy spokesman Liu Pengyu said.',
        'CN',
      ],
      ['RU', 'Moscow called the claims "fantasies."', 'RU'],
      ['LB', 'The gang insisted that the authorities had got it wrong.', 'LockBit'],
      [
        'IR',
        'Iran\'s mission to the United Nations said that Iran "neither has nor seeks" any involvement in the election.',
        'IR',
      ],
    ])('%s: %s', (side, reply, by) => {
      expect(answer(side, reply)[0]).toBe(by);
    });
    it.each([
      ['RU', 'Russian officials declined to comment.'],
      ['CN', 'The Chinese embassy did not immediately respond to a request for comment.'],
      ['RU', 'The Kremlin neither confirmed nor denied the report.'],
      ['CN', 'The hospital denied that patient records were taken.'],
      ['CN', "U.S. officials rejected China's explanation."],
      ['RU', 'Britain has not denied that it is reviewing the sanctions.'],
    ])('%s: no denial in "%s"', (side, reply) => {
      expect(answer(side, reply)).toEqual([]);
    });
  });

  it('keeps the organ a group is tied to as its sponsor, for every claim against the group', () => {
    const r = detect(
      "Microsoft said the intruders were APT29. The FBI later linked APT29 to Russia's Foreign Intelligence Service, the SVR.",
    );
    expect(r.claims.map(pair)).toEqual(['Microsoft → APT29', 'FBI → APT29']);
    expect(r.claims.map((c) => c.accused.sponsor)).toEqual(['SVR', 'SVR']);
  });

  it('reads confidence from the wording', () => {
    const firm = detect(
      'The NCSC assessed with high confidence that APT28 carried out the campaign, citing forensic evidence.',
    ).claims[0]!;
    const hedged = detect(
      'Researchers said the intrusion may be linked to a suspected Chinese hacking group.',
    ).claims[0]!;
    expect(firm.confidence).toBeGreaterThan(hedged.confidence);
    expect(firm.evidence).toBe('provided');
  });

  it('classifies actions', () => {
    const action = (t: string) => detect(t).claims[0]?.action;
    expect(
      action(
        "The FBI said the DarkSide ransomware gang encrypted the pipeline operator's systems.",
      ),
    ).toBe('ransomware');
    expect(
      action(
        'Pro-Russian hacktivists NoName057(16) claimed the DDoS attacks that knocked government websites offline.',
      ),
    ).toBe('ddos');
    expect(
      action(
        'Ukraine said Sandworm deployed wiper malware that destroyed data at the energy company.',
      ),
    ).toBe('destructive');
  });
});

describe('companies and people a government names', () => {
  const accusedOf = (text: string) =>
    detect(text).claims.map((c) => `${c.accused.kind}:${c.accused.name}:${c.accused.country}`);
  it.each([
    [
      'a person designated by sanctions',
      'The Treasury designated Yin Kecheng, whom it described as a hacker who had worked with the MSS on intrusions into U.S. networks.',
      'person:Yin Kecheng:CN',
    ],
    [
      'a company tied to an organ',
      'Treasury said Sichuan Juxinhe Network Technology had close ties to the Ministry of State Security and took part in hacking U.S. telecoms.',
      'company:Sichuan Juxinhe Network Technology:CN',
    ],
    [
      'activity traced to a firm',
      "Facebook's investigators traced the hacking activity to CyberOne Group, an IT firm in Vietnam.",
      'company:CyberOne Group:VN',
    ],
    [
      'a person linked to the attack',
      'The defence minister said the Australian Signals Directorate had linked Aleksandr Ermakov to the Medibank ransomware attack.',
      'person:Aleksandr Ermakov:null',
    ],
    [
      'a person charged, with a demonym',
      'The Justice Department charged Ruslan Astamirov, a Russian national, with deploying ransomware against companies in the United States.',
      'person:Ruslan Astamirov:RU',
    ],
    [
      'a one-word company, by its appositive',
      'The agency said the propaganda portals behind the disinformation campaign were administered by TigerWeb, a Russian web-development company.',
      'company:TigerWeb:RU',
    ],
    [
      'a political party said to direct the operation',
      'Police said the hacking operation had been directed by the Democratic Progressive Party, with ICEFCOM acting on its behalf.',
      'unknown:Democratic Progressive Party:TW',
    ],
    [
      'a person named in apposition to a charge',
      'Amin Stigal, a Russian civilian first charged in June over the same cyberattack, is named as a co-conspirator.',
      'person:Amin Stigal:RU',
    ],
    [
      'the last company of a designation list',
      'The Treasury said the hackers were affiliated with the IRGC and designated Najee Technology Hooshmand Fater LLC, a company it said Ahmadi runs, and Afkar System Yazd Company, accusing them of ransomware attacks.',
      'company:Afkar System Yazd Company:IR',
    ],
    [
      'a person after a company, both subjects of the operation',
      "Treasury's Office of Foreign Assets Control said Sichuan Silence Information Technology Co., based in Chengdu, and Guan Tianfeng, who worked there, exploited a flaw in firewalls.",
      'person:Guan Tianfeng:null',
    ],
    [
      'the person behind an online persona',
      'The National Crime Agency said Dmitry Yuryevich Khoroshev, from the city of Voronezh, was the person behind LockBitSupp, who ran the ransomware group.',
      'person:Dmitry Yuryevich Khoroshev:null',
    ],
  ])('%s', (_shape, text, expected) => {
    expect(accusedOf(text)).toContain(expected);
  });
  it.each([
    [
      'a product, not its maker',
      "Researchers said the phone contacted a server linked to NSO's Pegasus spyware before it began sending data out.",
    ],
    [
      'a victim company',
      'Prosecutors said the hackers breached Alcoa Inc and stole internal emails.',
    ],
    [
      'charged, but no name',
      'Prosecutors said the attack was carried out from Shanghai, and charged five military officers with hacking.',
    ],
    [
      'football',
      "Harbour City's attack was relentless from the restart. Dani Okafor hacked away at the lead with two goals in eight minutes.",
    ],
    [
      'a victim in the passive',
      'The government said the phones of the prime minister and defence minister Margarita Robles had been infected with Pegasus spyware.',
    ],
    [
      'who carried out a forensic review',
      'The forensic review was carried out by FTI Consulting, which concluded that the hack came from the account.',
    ],
    [
      'a minister after a sanction',
      'The Treasury sanctioned two Chinese hackers over the breach, and Secretary Janet Yellen said more would follow.',
    ],
  ])('%s names no company or person', (_shape, text) => {
    expect(
      detect(text).claims.filter(
        (c) => c.accused.kind === 'company' || c.accused.kind === 'person',
      ),
    ).toEqual([]);
  });
});

describe('answers in shapes the gazetteer cannot anchor', () => {
  const denials = (text: string) =>
    detect(text)
      .claims.filter((c) => c.responses.some((x) => x.kind === 'denial'))
      .map((c) => c.accused.actor ?? c.accused.name)
      .sort();
  it('gives each clause its own speaker', () => {
    expect(
      denials(
        "Microsoft said a group it calls Cotton Sandstorm, tied to Iran's Revolutionary Guards, probed election websites, and that Chinese hackers it calls Taizi Flood spread fake videos.\n\nIran's mission to the United Nations said Tehran has neither the motive nor the intention to meddle in the vote, while a spokesperson for the Chinese Embassy said China had no intention of interfering and rejected what he called malicious speculation.",
      ),
    ).toEqual(['Emennet Pasargad', 'Spamouflage']);
  });
  it('lets a company the gazetteer does not know deny for itself', () => {
    expect(
      denials(
        'Researchers said the hacking unit was run by DarkMatter, an Abu Dhabi cybersecurity company, which spied on activists.\n\nDarkMatter has consistently denied taking part in offensive hacking.',
      ),
    ).toEqual(['DarkMatter']);
  });
  it('accuses a security company said to support an operation, and hears its answer', () => {
    expect(
      denials(
        "The Treasury Department said on Thursday that Positive Technologies supports the hacking operations of the FSB, Russia's main security agency.\n\nIn a statement, Positive Technologies said it rejected the groundless accusations.",
      ),
    ).toContain('Positive Technologies');
  });
});

describe('a known group the article ties to another state', () => {
  const text =
    "Moscow says Berlin has shown no proof for 'Ghostwriter' hacking claim\n\nThe German Foreign Office said it had reliable information linking the activities of a group known as Ghostwriter to cyber actors of the Russian state, and specifically to the GRU military intelligence agency.\n\nRussia has dismissed the accusation as groundless.";
  it('takes the state of the organ it is tied to, and hears that state deny', () => {
    const [title, ...body] = text.split('\n\n');
    const r = detect(body.join('\n\n'), title);
    const ghost = r.claims.filter((c) => c.accused.actor === 'UNC1151');
    expect(ghost.map((c) => [c.accused.country, c.accused.sponsor])).toContainEqual(['RU', 'GRU']);
    expect(
      ghost.every((c) => c.responses.some((x) => x.kind === 'denial' && x.by.country === 'RU')),
    ).toBe(true);
  });
  it('does not make the one answering the accuser of the claim it answers', () => {
    const [title, ...body] = text.split('\n\n');
    const r = detect(body.join('\n\n'), title);
    expect(r.claims.map((c) => c.accuser?.name)).not.toContain('Russia');
  });
});

describe('an indictment that charges', () => {
  it('accuses each person it names, and the provincial state-security office they worked with', () => {
    const r = detect(
      'An 11-count indictment unsealed in Spokane charges Li Xiaoyu, 34, and Dong Jiazhi, 33, with a hacking campaign lasting more than a decade. Prosecutors said the two worked with officers of the Guangdong State Security Department of the Ministry of State Security.',
    );
    expect(r.claims.map((c) => c.accused.name)).toEqual(
      expect.arrayContaining(['Li Xiaoyu', 'Dong Jiazhi', 'Guangdong State Security Department']),
    );
  });
});

describe('the person behind a persona', () => {
  it('is accused in a paragraph about the operation, with no cyber word after the name', () => {
    const r = detect(
      'The ransomware gang LockBit hit thousands of businesses, British police said. The National Crime Agency said Dmitry Khoroshev, from the city of Voronezh, was the person behind LockBitSupp, the online persona who ran the group.',
    );
    expect(r.claims.map(pair)).toContain('National Crime Agency → Dmitry Khoroshev');
  });
});

describe('a person named in full, then by one name', () => {
  it('is the same accused, so a later charge adds its accuser', () => {
    const r = detect(
      "Treasury's Office of Foreign Assets Control said Sichuan Silence Information Technology Co. and Guan Tianfeng, who worked there, exploited a flaw in firewalls.\n\nThe Justice Department unsealed an indictment charging Guan with computer fraud.",
    );
    expect(r.claims.map(pair)).toContain('Department of Justice → Guan Tianfeng');
  });
  it('is only a name said before', () => {
    const r = detect(
      'The Justice Department charged Ruslan Astamirov, a Russian national, with deploying ransomware.\n\nThe indictment also charged Lambert with computer fraud.',
    );
    expect(r.claims.map((c) => c.accused.name)).toEqual(['Ruslan Astamirov']);
  });
});

describe('a company or person with no state of its own', () => {
  it('belongs to the one state on the other side of the story', () => {
    const r = detect(
      "US sanctions Chengdu firm over firewall hacks\n\nTreasury's Office of Foreign Assets Control said Sichuan Silence Information Technology Co., based in Chengdu, and Guan Tianfeng, who worked there, exploited a flaw in firewalls, infecting 81,000 devices.\n\nChina's foreign ministry called the sanctions groundless and said the United States was the world's biggest hacking empire.",
    );
    const firm = r.claims.find((c) => c.accused.name.startsWith('Sichuan Silence'));
    expect(firm?.accused.country).toBe('CN');
    expect(firm?.responses.map((x) => x.kind)).toContain('denial');
  });
  it('stays without one when the story names no other state', () => {
    const r = detect(
      'Prosecutors charged Ruslan Petrov with deploying ransomware against hospitals, the Justice Department said.',
    );
    expect(r.claims.map((c) => [c.accused.name, c.accused.country])).toEqual([
      ['Ruslan Petrov', null],
    ]);
  });
});

describe('answers in headlines and pronouns', () => {
  it('gives the answer to the clause that holds it, not to the other clause of the headline', () => {
    const r = detect(
      'The Chinese state-backed campaign known as Salt Typhoon struck at least 200 organizations, the FBI said.\n\nChinese officials in turn accused the United States of hacking Chinese universities.',
      'FBI says Salt Typhoon hacking spree reached 80 countries; China calls it a smear',
    );
    const by = r.claims.flatMap((c) => c.responses.map((x) => x.by.country));
    expect(r.claims.map((c) => c.accused.country)).toEqual(expect.arrayContaining(['CN', 'US']));
    expect(by).toContain('CN');
    expect(by).not.toContain('US');
  });
  it('hears the spokesman just named in "…, he said, adding that the United States was…"', () => {
    const r = detect(
      "Microsoft said a China-based group it calls Zirconium had gone after people close to the campaigns.\n\nChinese foreign ministry spokesman Zhao Lijian told a daily briefing that China had never interfered. Microsoft should not conjure accusations out of thin air, he said, adding that the United States was itself the world's largest source of cyberattacks.",
    );
    expect(r.claims.map(pair)).toContain('China → United States');
  });
  it('reads "He accused…" as the embassy spokesman just quoted, not the city the embassy is in', () => {
    const r = detect(
      'The FBI said Chinese state hackers known as Salt Typhoon breached U.S. telecommunications carriers.\n\nLiu Pengyu, spokesman for the Chinese Embassy in Washington, said the accusations were unfounded smears. He accused the United States of running large-scale cyberattacks against other countries.',
    );
    const counter = r.claims.find((c) => c.accused.country === 'US');
    expect(counter?.accuser?.country).toBe('CN');
  });
  it('does not take a fabricated video for a denial', () => {
    const r = detect(
      'A Russian influence group produced and spread a fabricated video about the candidate, Microsoft said, naming the group Storm-1516.',
    );
    expect(r.claims.length).toBeGreaterThan(0);
    expect(r.claims.flatMap((c) => c.responses)).toEqual([]);
  });
  it('hears "neither the motive nor the intention to meddle" as a denial', () => {
    const r = detect(
      "Microsoft said a group it calls Cotton Sandstorm, tied to Iran's Revolutionary Guard Corps, probed election websites.\n\nIran's mission to the United Nations said Tehran has neither the motive nor the intention to meddle in the vote.",
    );
    expect(r.claims.some((c) => c.responses.some((x) => x.kind === 'denial'))).toBe(true);
  });
  it('does not accuse an official introduced by a relative clause, nor his agency', () => {
    const r = detect(
      "Brett Leatherman, who leads the FBI's cyber division, said the operation, which breached major U.S. telecommunications carriers, was run by Salt Typhoon.",
    );
    expect(r.claims.map((c) => c.accused.name)).not.toContain('Brett Leatherman');
    expect(r.claims.map((c) => c.accused.name)).not.toContain('FBI');
  });
});

describe('subjects and owners', () => {
  it('hears "it" as the state tabloid that opened the sentence before', () => {
    const r = detect(
      "Chinese state hackers spied on the Vatican, Recorded Future said.\n\nThe state-run tabloid Global Times took a sharper line. It argued that the United States, through surveillance programs revealed by Edward Snowden, was the world's biggest source of cyber espionage.",
    );
    expect(r.claims.map(pair)).toEqual(['Recorded Future → China', 'Global Times → United States']);
  });
  it('does not accuse the side whose hacking charge another state answers', () => {
    const r = detect("Moscow finds U.S. hacking charge 'flattering' but says there is no proof");
    expect(r.claims.map((c) => c.accused.name)).not.toContain('United States');
  });
  it('does not accuse the owner of a hacking probe', () => {
    expect(
      detect(
        "N. Korea brushes off Seoul's hacking probe as fabrication, says it was attacked first",
      ).claims,
    ).toEqual([]);
    expect(
      detect(
        'The Russian hacking investigation widened as officials said the intrusions went on.',
      ).claims.map((c) => c.accused.name),
    ).toEqual(['Russia']);
  });
  it('reads past a "SEOUL, April 12 (Yonhap) --" dateline, and hears state media as its state', () => {
    const r = detect(
      "SEOUL, April 12 (Yonhap) -- North Korea on Friday rejected the findings of a South Korean investigation that blamed its military intelligence agency for last month's cyberattack on banks.\n\nIn a commentary carried by the Korean Central News Agency, the North called the conclusion a fabrication. It repeated claims that its websites had been knocked offline by what it called attacks launched by the United States.",
    );
    expect(r.claims.map(pair)).toEqual([
      'South Korea → North Korea',
      'North Korea → United States',
    ]);
  });
  it('accuses the subject whose unnamed organ was blamed', () => {
    const r = detect(
      "North Korea on Friday rejected the findings of a South Korean investigation that blamed its military intelligence agency for last month's cyberattack on broadcasters.",
    );
    expect(r.claims.map(pair)).toEqual(['South Korea → North Korea']);
    expect(r.claims[0]!.responses.map((x) => x.kind)).toEqual(['denial']);
  });
});

describe('organs and cyber wording', () => {
  it('reads past an owner the gazetteer does not name', () => {
    const r = detect(
      "Investigators said the attack, which wiped the hard disks of 48,000 computers at broadcasters and banks, had been carried out by the North's Reconnaissance General Bureau.",
    );
    expect(r.claims.map((c) => c.accused.actor)).toEqual(['RGB']);
  });
  it('hears a national intelligence service that concluded, rather than accusing it', () => {
    const r = detect(
      'The spokesperson said German intelligence had concluded that Russia was behind a disinformation campaign known as Storm-1516 that spread fabricated videos online.',
    );
    expect(r.claims.map((c) => c.accused.country)).not.toContain('DE');
    expect(r.claims.map((c) => c.accused.country)).toContain('RU');
  });
  it('takes "the Chinese military" for the PLA', () => {
    const r = detect(
      'Mandiant said the tools and techniques used against the newspaper matched those of a hacking group it has previously linked to the Chinese military.',
    );
    expect(r.claims.map(pair)).toEqual(['Mandiant → PLA']);
  });
  it('hears an outlet that speaks of its own systems as the accuser, not as a reporter', () => {
    const r = detect(
      'The New York Times says hackers in China repeatedly broke into its computer systems over the past four months.',
    );
    expect(r.claims.map(pair)).toEqual(['The New York Times → China']);
    expect(r.claims[0]!.reportedBy).toEqual([]);
  });
  it('takes the role after a comma as the speaker, not the name before it', () => {
    const r = detect(
      'The Justice Department said the Mabna Institute stole research for the IRGC. The group also targeted dozens of companies and the United Nations, prosecutors said.',
    );
    expect(r.claims.map((c) => c.accuser?.name)).not.toContain('United Nations');
  });
  it('accuses the state an operation was built by, not the maker of a leaked tool', () => {
    const built = detect(
      "The Stuxnet worm that sabotaged Iran's centrifuges was developed by the National Security Agency, officials said.",
    );
    expect(built.claims.map((c) => c.accused.actor)).toEqual(['NSA']);
    const tool = detect(
      'WannaCry spread using EternalBlue, an exploit developed by the National Security Agency and leaked online.',
    );
    expect(tool.claims).toEqual([]);
  });
  it('reads a subject past a coordinated organ and its appositive', () => {
    const r = detect(
      'Lieberman said he believed Iran and its Quds Force, an elite unit of the Revolutionary Guard, were responsible for the cyberattacks.',
    );
    // One accusation, one claim: Iran is kept on the organ's claim it also names.
    const named = r.claims.flatMap((c) => [
      c.accused.actor ?? c.accused.name,
      ...(c.accused.alsoNamed ?? []).map((p) => p.name),
    ]);
    expect(named).toEqual(expect.arrayContaining(['Iran', 'Quds Force']));
  });

  it("keeps the answer's own sentence rather than the headline's clause", () => {
    const r = defaultDetector().detect({
      title: 'US says Chinese hackers breached Treasury office; Beijing rejects the charge',
      text: 'U.S. officials said hackers working for China broke into the Treasury Department.\n\nA spokesperson for the Chinese embassy said the accusation was groundless and politically motivated.',
    });
    const denial = r.claims[0]!.responses.find((x) => x.kind === 'denial')!;
    expect(denial.by.country).toBe('CN');
    expect(denial.text).toMatch(/^A spokesperson for the Chinese embassy/);
  });

  it("hears a professor's remark as commentary, neither China's answer nor its accusation", () => {
    const r = detect(
      'U.S. officials said hackers working for China broke into the Treasury Department.\n\nLi Hai, a professor of international relations in Beijing, called the accusation politically driven and said more aggressive American cyber operations could follow.',
    );
    expect(r.claims.map(pair)).toEqual(['United States → China']);
    expect(r.claims[0]!.responses).toEqual([]);
  });

  it('stores one claim when an accuser names a group and the state behind it', () => {
    const r = detect(
      'Mandiant said a Chinese state-sponsored group it tracks as APT41 broke into the networks of six state governments.\n\nMandiant said China was behind the campaign, which used a flaw in a livestock-tracking app. China denied the accusation.',
    );
    expect(r.claims.map(pair)).toEqual(['Mandiant → APT41']);
    const c = r.claims[0]!;
    expect(c.accused.country).toBe('CN');
    expect(c.accused.alsoNamed).toEqual([{ name: 'China', kind: 'state', country: 'CN' }]);
    expect(c.sentences).toHaveLength(2);
    expect(c.responses.map((x) => x.kind)).toContain('denial');
  });
  it('gives each group the organ the sentence ties it to', () => {
    const r = detect(
      "CrowdStrike said it believed Fancy Bear was associated with the GRU, Russia's military intelligence agency, and that Cozy Bear might be linked to the FSB, the domestic security service.",
    );
    expect(r.claims.map((c) => [c.accused.actor, c.accused.sponsor])).toEqual([
      ['APT28', 'GRU'],
      ['APT29', 'FSB'],
    ]);
  });
  it('ties an organ whose hacking operations a company supports to the claim', () => {
    const r = detect(
      "The U.S. Treasury Department said Positive Technologies supports the hacking operations of the FSB, Russia's main security agency.",
    );
    expect(r.claims.map((c) => [c.accused.name, c.accused.sponsor])).toEqual([
      ['Positive Technologies', 'FSB'],
    ]);
  });
  it.each([
    [
      "Canada's signals intelligence agency said Beijing was likely behind a campaign of intrusions against federal departments.",
      'Canada → China',
    ],
    [
      "South Korea's spy agency said North Korean hackers stole data from defence contractors.",
      'South Korea → North Korea',
    ],
    [
      'Albania cut diplomatic ties with Iran over a July cyberattack that disrupted government websites.',
      'Albania → Iran',
    ],
    [
      'The Justice Department unsealed an indictment charging two Russian nationals with hacking into election systems.',
      'Department of Justice → Russia',
    ],
    [
      'Hackers believed to operate from Iran targeted aerospace firms with malware, researchers said.',
      '∅ → Iran',
    ],
    [
      'According to the White House, North Korean IT workers have funneled millions to weapons programs by hacking crypto firms.',
      'United States → North Korea',
    ],
    [
      'The FBI said it had enough information to conclude that the North Korean government was responsible for the hack.',
      'FBI → North Korea',
    ],
    ['The hack was carried out by North Korea, the FBI said.', 'FBI → North Korea'],
    [
      'The US director of national intelligence, John Ratcliffe, said that both Iran and Russia had obtained voter registration information to send spoofed emails.',
      'ODNI → Iran',
    ],
    [
      "North Korea, China's closest ally, was behind the cyberattack, officials said.",
      '∅ → North Korea',
    ],
  ])('reads the accusation in "%s"', (text, expected) => {
    expect(detect(text).claims.map(pair)).toContain(expected);
  });
  it('does not take jets breaching airspace for an intrusion', () => {
    expect(
      detect(
        'The prime minister pointed to Russian drones entering Polish airspace and Russian fighter jets breaching Estonian airspace last week.',
      ).claims,
    ).toEqual([]);
  });
});

describe('short stories: who accused whom, and whether the accused side denied', () => {
  it.each([
    [
      "Poland's digital affairs minister said Russian intelligence services were behind a cyberattack on the state news agency PAP that published a fake report.\n\nMoscow has repeatedly denied carrying out cyberattacks against its neighbours.",
      'PL→RU',
      true,
    ],
    [
      "Australia, Britain and the United States named a Russian national, Aleksandr Ermakov, as the hacker behind the theft of data from health insurer Medibank.\n\nRussia's embassy in Canberra said it had no information about the case.",
      'AU→RU',
      false,
    ],
    [
      'Microsoft said Iranian state-sponsored hackers had targeted the email accounts of a senior official in a U.S. presidential campaign.\n\nIran\'s mission to the United Nations said Tehran "neither possesses nor harbors any intent or motive" to interfere in the U.S. election.',
      'US→IR',
      true,
    ],
  ])('%s', (text, pairWanted, denied) => {
    const r = detect(text);
    const [from, to] = pairWanted.split('→');
    expect(r.claims.map((c) => `${c.accuser?.country}→${c.accused.country}`)).toContain(pairWanted);
    expect(
      r.claims.some(
        (c) =>
          c.accused.country === to &&
          c.accuser?.country === from &&
          c.responses.some((x) => x.kind === 'denial'),
      ),
    ).toBe(denied);
  });
  it('names the person a government names as the hacker behind it, and no one it names otherwise', () => {
    expect(
      detect(
        'Australia, Britain and the United States named a Russian national, Aleksandr Ermakov, as the hacker behind the theft of data from health insurer Medibank.',
      ).claims.map((c) => c.accused.name),
    ).toContain('Aleksandr Ermakov');
    expect(
      detect('Microsoft named John Smith as its new chief security officer after the hack.').claims,
    ).toEqual([]);
  });
  it('hears intelligence services that speak, and accuses those that were behind it', () => {
    expect(
      detect(
        'U.S. intelligence agencies have concluded that North Korea was behind the theft of $600 million in cryptocurrency.',
      ).claims.map((c) => c.accused.country),
    ).toEqual(['KP']);
  });
});

describe('evidence', () => {
  it.each([
    [
      'China accused the United States of hacking its universities but has not provided evidence.',
      'not-provided',
    ],
    [
      'Britain, the United States and Canada said Russian military hackers were behind the attack. None of the three governments made public the technical evidence behind its judgment.',
      'not-provided',
    ],
    [
      "The FBI and CISA said Chinese state hackers known as Volt Typhoon had burrowed into U.S. networks. The agencies published a technical advisory describing the group's methods, with indicators that defenders can use.",
      'provided',
    ],
    [
      'The Estonian foreign minister said the junk requests had come from internet addresses registered to Russian state institutions, blaming Russia for the cyberattacks.',
      'provided',
    ],
  ])('%s', (text, evidence) => {
    const r = detect(text);
    expect(r.claims.length).toBeGreaterThan(0);
    expect(r.claims.every((c) => c.evidence === evidence)).toBe(true);
  });
});

describe('answering back', () => {
  const acc: Record<string, string> = {
    CN: 'U.S. officials said Chinese state-sponsored hackers known as Salt Typhoon breached several telecommunications companies.',
    RU: "British officials said hackers from Russia's GRU, known as APT28, targeted the email accounts of lawmakers.",
  };
  it.each([
    ['RU', 'Moscow said Britain itself had been caught spying on its allies online.', 'GB'],
    [
      'CN',
      'China said it was the U.S. that had hacked Chinese telecom networks, citing a report by its National Computer Virus Emergency Response Center.',
      'US',
    ],
    [
      'CN',
      "The embassy said Washington should look at its own record, pointing to the NSA's surveillance of allies.",
      'US',
    ],
  ])('%s: %s', (side, reply, back) => {
    const r = detect(`${acc[side]}\n\n${reply}`);
    expect(r.claims.some((c) => c.accused.country === back && c.accuser?.country === side)).toBe(
      true,
    );
    expect(
      r.claims.some(
        (c) =>
          c.accused.country === side && c.responses.some((x) => x.kind === 'counter-accusation'),
      ),
    ).toBe(true);
  });
});

describe('targets', () => {
  it.each([
    [
      'The FBI said DarkSide ransomware was used to compromise the networks of Colonial Pipeline.',
      'Colonial Pipeline',
    ],
    [
      'The United States charged two Russian intelligence officers over the theft of data from 500 million Yahoo accounts.',
      '500 million Yahoo accounts',
    ],
    [
      'U.S. and allies accuse China over the mass exploitation of Microsoft Exchange email servers.',
      'Microsoft Exchange email servers',
    ],
  ])('%s', (text, target) => {
    expect(detect(text).claims[0]?.target?.name).toBe(target);
  });
  it('takes the victim the story opens with when the claim sentence names none', () => {
    const r = detect(
      'Hackers crippled the networks of Colonial Pipeline last week, halting fuel deliveries along the East Coast.\n\nThe FBI said on Monday that the DarkSide gang was responsible.',
    );
    expect(r.claims.map((c) => [c.accused.actor, c.target?.name])).toEqual([
      ['DarkSide', 'Colonial Pipeline'],
    ]);
  });
  it('names no month, number or operation word as a victim', () => {
    const r = detect(
      'Albania blamed Iran for a July cyberattack that hit more than 200 government websites.',
    );
    expect(r.claims[0]?.target?.name).not.toMatch(/^(?:July|more than 200)$/);
  });
});

describe('claims of responsibility', () => {
  it.each([
    [
      "Ukraine's military intelligence agency, the HUR, claimed responsibility for a cyberattack that knocked out Russian internet providers.",
    ],
    ['The ALPHV ransomware gang said on its dark web site that it had hacked the casino operator.'],
    ['Scattered Spider took credit for the breach in messages to reporters.'],
  ])('%s', (text) => {
    expect(
      detect(text).claims.some((c) =>
        c.responses.some((x) => x.kind === 'claim-of-responsibility'),
      ),
    ).toBe(true);
  });
});

describe('parties in a list', () => {
  it('accuses every state of a list, first to last', () => {
    const r = detect(
      'China, Russia, Iran and North Korea continue to conduct cyber operations against the West, the report said.',
    );
    expect(r.claims.map((c) => c.accused.name).sort()).toEqual([
      'China',
      'Iran',
      'North Korea',
      'Russia',
    ]);
  });
  it('does not join a speaker after a comma, nor a source before one', () => {
    expect(
      detect('The hack was carried out by North Korea, the FBI said.').claims.map(pair),
    ).toEqual(['FBI → North Korea']);
    expect(
      detect('According to the FBI, Iranian hackers breached the campaign.').claims.map(pair),
    ).toEqual(['FBI → Iran']);
  });
});

describe('not claims', () => {
  it.each([
    [
      'remarks attributed to a ruler',
      "Officials said the UAE discussed a plan to hack Qatari news sites and post false remarks attributed to Qatar's ruler.",
    ],
    [
      'an institution part of its government',
      "Hackers breached the department's network. Shared Services Canada and the Canadian Centre for Cyber Security, part of the Communications Security Establishment, are helping with the investigation.",
    ],
    [
      'the target of the hackers',
      'Russia and China reject Microsoft report of hackers targeting U.S. campaigns',
    ],
    [
      'a state that was hacked',
      'The Chinese government was hacked in a cyberattack, officials said.',
    ],
    [
      'a state that was targeted',
      'China has been repeatedly targeted by cyberattacks, officials said.',
    ],
    [
      'a capability, not an operation',
      'U.S. officials said Chinese hackers could in theory disrupt pipelines in a conflict, but no attack has been observed.',
    ],
    [
      'unattributed breach',
      'The retailer said hackers breached its payment systems last month. No group has claimed responsibility, and the company has not said who was behind it.',
    ],
    [
      'a suspected nation-state actor with no name',
      'The telecom operator said a suspected nation-state actor had accessed its network. Investigators have not attributed the intrusion.',
    ],
    [
      'vulnerability news',
      'Microsoft released fixes for two zero-day vulnerabilities that attackers are exploiting in the wild. The company urged customers to patch immediately.',
    ],
    [
      'human espionage',
      'A former engineer was arrested and accused of passing defence secrets to Chinese intelligence officers in exchange for cash. Beijing called the case groundless.',
    ],
    [
      'a missile strike',
      'Ukraine blamed Russia for a missile strike on a power plant that left thousands without electricity. Moscow denied targeting civilian infrastructure.',
    ],
    [
      'a hypothetical question',
      'Could China hack the U.S. power grid and switch off the lights? Experts weighed several scenarios at a conference on Tuesday.',
    ],
    [
      'sport',
      "United's attack was relentless and they hacked away at the lead until the final whistle. The manager blamed the referee for the defeat.",
    ],
    [
      'a trade dispute',
      'Beijing firmly opposes the new tariffs and called the accusations of dumping groundless, the commerce ministry said.',
    ],
  ])('%s', (_shape, text) => {
    expect(detect(text).claims).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws on odd input', () => {
    const d = new RuleDetector();
    for (const text of [
      '',
      ' ',
      '\u0000\u0001',
      '.'.repeat(10_000),
      'APT28 '.repeat(5000),
      '😀 hackers 🇨🇳 blamed',
      '<script>alert(1)</script>',
      'U.S. U.S. U.S.',
    ]) {
      expect(() => d.detect({ text })).not.toThrow();
    }
  });

  it('keeps the id it is given', () => {
    expect(detect('nothing here').id).toBeUndefined();
    expect(defaultDetector().detect({ id: 'x1', text: 'nothing here' }).id).toBe('x1');
  });
});
