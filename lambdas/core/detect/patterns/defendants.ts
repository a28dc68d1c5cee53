/**
 * Role patterns for companies and people a government charges, sanctions or ties to an operation.
 */
import { definePatterns } from './format';

/** A capitalized name of two to six words ("Sichuan Juxinhe Network Technology", "Yin Kecheng"). */
export const CAP_NAME = String.raw`((?:The\s+)?[A-Z][\p{L}'’-]+(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\p{L}'’.-]*){1,7})`;

export const DEFENDANTS = definePatterns('roles', 'defendant', {
  object: {
    means: `The object of a sanction, charge or naming is accused: "designated Yin Kecheng", "sanctions on Integrity Technology Group", "charged a Russian national, Mikhail Matveev".`,
    re: String.raw`\b(?:sanctioned|sanctioning|designated|designating|indicted|indicting|charged|charging|charges(?=\s+\p{Lu})|blacklisted|named|naming|identified|identifying|unmasked|unmasking|exposed|exposing|accus(?:ed|ing|es)(?=\s+[A-Z][\p{L}'’-]+\s+[A-Z][\p{L}'’.-]*\s+of\b)|sanctions (?:on|against)|penalties (?:on|against)|arrest warrants? (?:for|against)|wanted notices? for|bounty on|reward for information (?:on|about))\s+(?:(?:an?|the|two|three|four|five)\s+(?:[\w-]+\s+){0,4}?(?:company|firm|contractor|hacker|national|citizen|officer|man|woman|individual|businessman|entity|resident)s?\s*(?:,|called|named)?\s+)?(?:the\s+)?(?:[A-Z][\w.-]*-based\s+)?${CAP_NAME}`,
    flags: 'gu',
    gate: String.raw`sanction|designat|indict|charg|blacklist|penalt|warrant|wanted|bounty|reward|named|naming|identif|unmask|expos`,
    examples: [
      {
        text: 'The Treasury Department sanctioned Yin Kecheng, a Shanghai-based hacker, for his role in the breach.',
        claims: ['Treasury Department → Yin Kecheng'],
      },
    ],
  },
  linked: {
    means: `A name an operation is traced to: "traced the activity to CyberOne Group", "linked Aleksandr Ermakov to the attack".`,
    re: String.raw`\b(?:(?:linked|tied|traced|connected|attributed|pinned)\s+(?:(?:the|this|that|its|these|those)\s+(?:[\w-]+\s+){0,2}(?:activity|attacks?|operations?|campaigns?|intrusions?|breach(?:es)?|hacks?|accounts?|network)\s+|it\s+|them\s+)?to|behind the \w+ (?:was|were))\s+(?:the\s+)?${CAP_NAME}|\b(?:linked|tied|connected)\s+${CAP_NAME}\s+to\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,2}(?:attack|attacks|breach|hack|intrusion|intrusions|operation|campaign|theft|leak)\b`,
    flags: 'gu',
    gate: String.raw`linked|tied|traced|connected|attributed|pinned|behind`,
    examples: [
      {
        text: "Facebook's investigators traced the hacking activity to CyberOne Group, an IT firm in Vietnam.",
        claims: ['Meta → CyberOne Group'],
        country: 'CyberOne Group: VN',
      },
    ],
  },
  agent: {
    means: `The agent of an operation: "set up and administered by TigerWeb, a Russian web-development company", "directed by the Democratic Progressive Party".`,
    re: String.raw`\b(?:set up|administered|run|operated|created|built|developed|controlled|directed|orchestrated|ordered|commissioned|masterminded|financed|funded|carried out|conducted|instigated|coordinated)\s+by\s+(?:the\s+)?((?:The\s+)?[A-Z][\p{L}'’-]+(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\p{L}'’.-]*){0,5})`,
    flags: 'gu',
    gate: String.raw` by `,
    examples: [
      {
        text: 'The agency said the propaganda portals behind the disinformation campaign were administered by TigerWeb, a Russian web-development company.',
        claims: ['∅ → TigerWeb'],
        country: 'TigerWeb: RU',
      },
    ],
  },
  subject: {
    means: `The subject of an operation or of a tie to one: "Sichuan Juxinhe Network Technology had taken part in exploiting…".`,
    re: String.raw`${CAP_NAME}(?:,(?:(?!\b(?:said|says|told|added|stated)\b)[^.;]){3,120}?,)?(?:\s+and\s+(?:two|three|four|five|several|other|his|her|their)\s+(?:\w+\s+)?(?:associates|others|co-conspirators|accomplices|colleagues))?,?\s+(?:(?:which|that|who)\s+)?(?:had\s+|has\s+|have\s+|was\s+|were\s+|is\s+)?(?:been\s+)?(?:directly\s+|allegedly\s+|also\s+)?(?:involved in|taken part in|took part in|participated in|carried out|conducted|helped (?:to )?(?:carry out|conduct|hack|breach)|hacked|breached|exploited|infected|deployed|(?:the (?:person|man|woman|hacker|administrator|leader|boss|mastermind|developer|operator) )?behind|developed the|ran the|(?:close |deep |direct )?(?:ties|links) to|(?:supports?|supported|helps?|helped|assists?|assisted|aids?|aided)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:hacking|cyber\w*|intrusions?|espionage)|works? (?:for|with)|worked (?:for|with)|(?:is|was|served as) a front)\b`,
    flags: 'gu',
    gate: String.raw`involved|part in|participated|carried|conducted|helped|hacked|breached|exploited|infected|deployed|behind|developed|ran the|ties|links|work|front|support|assist|aid`,
    examples: [
      {
        text: 'Treasury said Sichuan Juxinhe Network Technology had close ties to the Ministry of State Security and took part in hacking U.S. telecoms.',
        claims: ['∅ → Sichuan Juxinhe Network Technology'],
        country: 'Sichuan Juxinhe Network Technology: CN',
      },
    ],
  },
  appositive: {
    means: `A name with an appositive that charges it: "Amin Stigal, a Russian civilian first charged in June…".`,
    re: String.raw`${CAP_NAME},\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:national|civilian|citizen|hacker|officer|man|woman|programmer|resident|businessman|engineer|employee)\b[^.;]{0,80}?\b(?:charged|indicted|sanctioned|designated|accused|wanted|co-conspirator|arrested|extradited)`,
    flags: 'gu',
    gate: String.raw`charged|indicted|sanctioned|designated|accused|wanted|conspirator|arrested|extradited`,
    examples: [
      {
        text: 'Amin Stigal, a Russian civilian first charged in June over the same cyberattack, is named as a co-conspirator.',
        claims: ['∅ → Amin Stigal'],
        country: 'Amin Stigal: RU',
      },
    ],
  },
  list: {
    means: `The later names of a list after a designation: "designated X LLC, a company it said Ahmadi runs, and Afkar System Yazd Company".`,
    re: String.raw`\b(?:designated|sanctioned|charged|charges|indicted|sanctions (?:on|against))\s[^.;]{3,160}?,?\s+and\s+${CAP_NAME}`,
    flags: 'gu',
    gate: String.raw`designated|sanction|charge[ds]|indicted`,
    examples: [
      {
        text: 'The Treasury Department sanctioned Sichuan Lumen Networks Company, a firm in Chengdu, and Guan Tianfeng, a hacker who worked for it, over the firewall hacking campaign.',
        claims: [
          'Treasury Department → Sichuan Lumen Networks Company',
          'Treasury Department → Guan Tianfeng',
        ],
      },
    ],
  },
  short: {
    means:
      '"charging Guan", "accusing Khoroshev of", "sanctioned Yin": one name of a person named before.',
    re: String.raw`\b(?:{words})\s+(\p{Lu}[\p{L}'’-]{2,})\b(?!\s+\p{Lu})`,
    words: String.raw`
      sanctioned | sanctioning | designated | designating | indicted | indicting | charged
      charging | accused | accusing | accuses | linked | tied
    `,
    flags: 'gu',
    examples: [
      {
        text: 'Prosecutors charged Guan Tianfeng, a hacker, over the firewall intrusions. The indictment accuses Guan of deploying ransomware.',
        claims: ['∅ → Guan Tianfeng'],
      },
    ],
  },
  companyWord: {
    means: "Words that end a company's name.",
    re: String.raw`^(?:{words})\.?$`,
    words: String.raw`
      Inc | Corp | Corporation | Company | Co | Ltd | LLC | PLC | Group | Technology
      Technologies | Tech | Network | Networks | Information | Science | Sciences | Security
      Cybersecurity | Solutions | Systems | Consulting | Labs? | Laboratory | Institute | Services
      Software | Development | Studio | Holding | Holdings | Enterprises? | Trading | Industries
      JSC | GmbH | SA | AG
    `,
    examples: [
      {
        text: 'The Treasury Department sanctioned Sichuan Lumen Networks Company for its role in the hacking.',
        claims: ['Treasury Department → Sichuan Lumen Networks Company'],
      },
    ],
  },
  stop: {
    means:
      "Words no defendant's name contains: titles, places in datelines, days, months, pronouns.",
    re: String.raw`^(?:{words})$`,
    words: String.raw`
      President | Prime | Minister | Secretary | General | Attorney | Deputy | Director | Chief
      Spokesman | Spokeswoman | Spokesperson | Senator | Ambassador | Mr | Ms | Mrs | Dr | Monday
      Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday | January | February | March
      April | May | June | July | August | September | October | November | December | Department
      Ministry | Treasury | Justice | Office | Agency | Bureau | Police | Court | Army | Navy
      Force | Forces | Command | Directorate | Service | Government | State | States | Federal
      National | Foreign | Defence | Defense | Interior | It | He | She | They | We | This | That
      These | Those | Its | Their | His | Her | Operation | University | College | Hospital | Bank
      Airport | Port | City | District | Province | Region | County | Republic | Kingdom | Union
      Council | Parliament | Congress | Senate | Party | Cyber | CVE
    `,
    examples: [
      {
        text: 'The Treasury Department sanctioned Deputy Minister Ivan Sorokin over the hacking campaign.',
        claims: [],
      },
    ],
  },
  agentOfProduct: {
    means:
      '"the Signal protocol, developed by Open Whisper Systems": who made a product, not who ran an operation.',
    re: String.raw`\b(?:{words})\b[^.;]{0,50}?\b(?:developed|created|built|designed|made)\s*$`,
    words: String.raw`
      protocol | app | application | software | platform | product | system | service | browser
      encryption | library | framework | standard | firmware | device | game | website | tool
    `,
    flags: 'i',
    examples: [
      {
        text: 'WhatsApp encryption relies on the Signal protocol, developed by Open Whisper Systems, which researchers say has no backdoor for hackers.',
        claims: [],
      },
    ],
  },
  namingVerb: {
    means: 'Naming verbs: "named a Russian national…" accuses only with the role it names him in.',
    re: String.raw`^(?:{words})\b`,
    words: String.raw`
      named | naming | identified | identifying | unmasked | unmasking | exposed | exposing
    `,
    examples: [
      {
        text: 'Australia named a Russian national, Aleksandr Ermakov, as the hacker behind the theft of data from health insurer Medibank.',
        claims: ['Australia → Aleksandr Ermakov'],
      },
    ],
  },
  namedAsRole: {
    means: 'The role a naming gives: "…as the hacker behind", "as one of the leaders".',
    re: String.raw`^[^.;]{0,90}?\bas\s+(?:the|a|an|one of the)\s+(?:[\w-]+\s+){0,3}?(?:{words})\b`,
    words: String.raw`
      hacker | hackers | leader | administrator | operator | developer | mastermind | member
      head | boss | person | man | woman | individual | figure | culprit | perpetrator | author
      affiliates? | associate | ringleader | deputy | lieutenant
    `,
    examples: [
      {
        text: 'Australia named a Russian national, Aleksandr Ermakov, as the hacker behind the theft of data from health insurer Medibank.',
        claims: ['Australia → Aleksandr Ermakov'],
      },
    ],
  },
  subjectVictim: {
    means: '"the phones of … Margarita Robles had been infected": a victim, not a doer.',
    re: String.raw`\b(?:been\s+(?:\w+\s+)?(?:{words})|(?:was|were|is|are)\s+(?:\w+\s+)?(?:hacked|breached|exploited|infected|compromised|targeted))\b`,
    words: String.raw`
      hacked | breached | exploited | infected | deployed | carried out | conducted | targeted
    `,
    examples: [
      {
        text: 'Spanish officials said the phones of Defence Minister Margarita Robles had been infected with spyware.',
        claims: [],
      },
      {
        // Passive: the company was the victim.
        text: 'Hackers working for China stole the code of Brightline Software, a Dutch tool maker, which was hacked in 2019.',
        claims: ['∅ → China'],
      },
    ],
  },
  agentOfInquiry: {
    means:
      '"The forensic review was carried out by FTI Consulting": who did something that is not an operation.',
    re: String.raw`\b(?:{words})(?:\s+\w+){0,2}\s+(?:was|were|is|are|had been|has been|have been|being)\s*$`,
    words: String.raw`
      review | investigation | analysis | audit | study | report | research | probe | assessment
      examination | response | clean-?up | remediation | inquiry
    `,
    flags: 'i',
    examples: [
      {
        text: 'The forensic review was carried out by Ardent Consulting, the company said, after the hack.',
        claims: [],
      },
    ],
  },
  doerVerb: {
    means:
      'Verbs that make the subject the doer of the operation itself: "Mansour Ahmadi and two associates exploited…".',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      carried out | hacked | breached | exploited | infected | deployed | behind | took part in
      taken part in | participated in
    `,
    examples: [
      {
        text: 'Prosecutors said Mansour Ahmadi and two associates exploited flaws to hack into the water utility.',
        claims: ['∅ → Mansour Ahmadi'],
      },
    ],
  },
  productAfter: {
    means: '"linked to Pegasus spyware": a product after the name, not who made it.',
    re: String.raw`^\s+(?:{words})\b`,
    words: String.raw`
      spyware | malware | software | tool | tools | ransomware | exploit | app | platform
      servers? | domains?
    `,
    flags: 'i',
    examples: [
      {
        text: 'Investigators linked the intrusions to Night Owl spyware, the report said.',
        claims: [],
      },
    ],
  },
  companyAfter: {
    means: '"TigerWeb, a web-development company": a company word after the name.',
    re: String.raw`^,?\s+(?:an?|the)\s+(?:(?!of\b)[\w-]+\s+){0,3}(?:{words})\b`,
    words: String.raw`
      company | firm | contractor | vendor | business | startup | enterprise | front
    `,
    flags: 'i',
    examples: [
      {
        text: 'The agency said the propaganda portals behind the disinformation campaign were administered by TigerWeb, a Russian web-development company.',
        claims: ['∅ → TigerWeb'],
      },
    ],
  },
  companyBefore: {
    means: '"the company called …": a company word before the name.',
    re: String.raw`\b(?:{words})\s*(?:called|named|,)?\s*$`,
    words: String.raw`
      company | firm | contractor | front
    `,
    flags: 'i',
    examples: [
      {
        text: 'The Treasury Department sanctioned a Chinese company called Lumen Shield over the firewall hacking campaign.',
        claims: ['Treasury Department → Lumen Shield'],
      },
    ],
  },
  personAfter: {
    means: '"…, a Russian national", "…, 34,", "…, who": a person after the name.',
    re: String.raw`^,?\s+(?:{words})`,
    words: String.raw`
      (?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:hacker|national|citizen|civilian|officer|man|woman|resident|individual|programmer|developer|administrator|operator|member|employee|official|engineer|manager|contractor)\b
      who\b | whom\b | aged\b | \d{2}\b
    `,
    flags: 'i',
    examples: [
      {
        text: 'Ruslan Petrov, a Russian national, worked for the GRU hacking unit, prosecutors said.',
        claims: ['∅ → Ruslan Petrov'],
        country: 'Ruslan Petrov: RU',
      },
    ],
  },
  personBefore: {
    means: '"a Russian national, …", "the hacker named …": a person word before the name.',
    re: String.raw`\b(?:{words})s?\s*(?:named|called|,)?\s*$`,
    words: String.raw`
      hacker | national | citizen | officer | man | woman | resident | individual | programmer
      developer | administrator | operator | businessman | suspects?
    `,
    flags: 'i',
    examples: [
      {
        text: 'The Treasury Department sanctioned a Russian national, Dmitri Volkov, over the ransomware attacks on hospitals.',
        claims: ['Treasury Department → Dmitri Volkov'],
      },
    ],
  },
});
