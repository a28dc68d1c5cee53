/**
 * Role patterns for the target: the victim after an operation verb or before an operation noun.
 */
import { definePatterns } from './format';

export const TARGETS = definePatterns('roles', 'target', {
  verb: {
    means:
      'An operation verb whose object is the victim: "breached", "targeted", "attacks on", "compromise the networks of".',
    re: String.raw`\b(?:{words})\s+((?:the|a|an|its|their|several|dozens of|hundreds of|multiple|some|many|at least \d+)\s+)?`,
    words: String.raw`
      (?:compromis(?:e|ed|ing)|breach(?:ed|ing)?|hack(?:ed|ing)?|penetrat(?:ed|ing)|infiltrat(?:ed|ing)|access(?:ed|ing)?|got into|get into|getting into|broke into|break into|breaking into) (?:the )?(?:computer |internal |corporate |e-?mail )?(?:networks?|systems?|servers?|accounts?) (?:of|at|belonging to|used by)
      (?:exploitation|compromise|infiltration|hacking) of | theft of (?:\w+ ){0,3}?from | went after
      broken into | tamper(?:ed|ing) with | hammer(?:ed|ing) | burrow(?:ed|ing) into
      planted (?:[\w-]+ ){1,3}?on
      going after | scrambled data on | encrypted (?:data|files|systems) (?:at|of|on)
      knocked (?:\w+ ){0,2}offline at | breach(?:ed|ing)? | hack(?:ed|ing)(?: into)?
      infiltrat(?:ed|ing) | compromis(?:ed|ing) | penetrat(?:ed|ing) | targeted | targeting
      attacked | attacking | struck | hit | broke into | breaking into | gained access to
      accessed | spied on | spying on | stole (?:data|files|emails|documents|information) from
      stealing (?:data|files|emails|documents|information) from | disrupt(?:ed|ing)
      (?:stole|stolen|steal|stealing|exfiltrated|downloaded|siphoned) (?:[\w$£€.,]+ ){0,4}?(?:of (?:\w+ )?)?(?:data|files|emails|e-mails|documents|information|records|gigabytes|terabytes) from
      crippl(?:ed|ing) | paralys(?:ed|ing) | paralyz(?:ed|ing) | wiped | knocked | took down
      shut down | encrypted
      (?:attacks?|intrusions?|breach(?:es)?|hacks?|cyberattacks?|operations?|campaigns?|cyberoperations?|espionage|intrusion) (?:on|against|into|at|of|targeting)
    `,
    flags: 'gi',
    examples: [
      {
        text: 'Microsoft said Russian hackers breached the email accounts of senior executives.',
        claims: ['Microsoft → Russia'],
        target: 'senior executives',
      },
      {
        text: 'The ransomware gang Vortex said it had stolen 40 gigabytes of files from the national lottery operator.',
        claims: ['∅ → Vortex'],
        target: 'national lottery operator',
      },
      {
        text: 'Officials said hackers working for Iran tried to break into the systems of a children’s hospital in Haifa.',
        claims: ['∅ → Iran'],
        target: 'children’s hospital in Haifa',
      },
      {
        text: "Kyiv accused Russia of last week's hacking of the Ukrainian customs service.",
        claims: ['Ukraine → Russia'],
        target: 'Ukrainian customs service',
      },
      {
        text: "Estonia said Russian military hackers had been tampering with the ferry operator's booking system.",
        claims: ['Estonia → Russia'],
        target: "ferry operator's booking system",
      },
      {
        text: 'The ministry said Belarusian hackers had broken into the Lithuanian postal service.',
        claims: ['∅ → Belarus'],
        target: 'Lithuanian postal service',
      },
      {
        text: "Officials said Chinese state hackers hammered the island's tax office every day.",
        claims: ['∅ → China'],
        target: "island's tax office",
      },
      {
        text: 'Officials said Russian hackers had been burrowing into the water utilities of Estonia for months.',
        claims: ['∅ → Russia'],
        target: 'water utilities of Estonia',
      },
      {
        text: 'Police said Iranian hackers planted spy software on computers in the Dutch foreign ministry.',
        claims: ['∅ → Iran'],
        target: 'Dutch foreign ministry',
      },
      {
        text: 'The agency said North Korean hackers tried to get into the computer systems of a Seoul shipyard.',
        claims: ['∅ → North Korea'],
        target: 'Seoul shipyard',
      },
      {
        text: 'Britain said Russian hackers targeted government departments, defence contractors and logistics companies across Europe.',
        claims: ['United Kingdom → Russia'],
        target: 'government departments, defence contractors and logistics companies across Europe',
      },
    ],
  },
  noun: {
    means: '"the Colonial Pipeline ransomware attack": a victim named before the operation noun.',
    re: String.raw`\b((?:\p{Lu}[\p{L}\d&.'’-]*\s+){1,4})(?:ransomware |cyber[ -]?|data |e-?mail |hacking |supply[- ]chain |crypto(?:currency)? )?(?:{words})\b`,
    words: String.raw`
      attacks? | hacks? | breach(?:es)? | intrusions? | heist | leaks? | outages? | thefts?
    `,
    flags: 'u',
    examples: [
      {
        text: 'The United States blamed North Korea for the WannaCry ransomware attack that crippled hospitals.',
        claims: ['United States → North Korea'],
        target: 'WannaCry',
      },
      {
        text: 'Investigators blamed Russian hackers for the Baltic Rail cyber-attack that stopped freight trains.',
        claims: ['∅ → Russia'],
        target: 'Baltic Rail',
      },
      {
        text: 'The FBI said North Korean hackers carried out the Coinvault theft of $90 million in tokens.',
        claims: ['FBI → North Korea'],
        target: 'Coinvault',
      },
    ],
  },
  stop: {
    means: 'Words that end the victim\'s noun phrase: a comma, "which", "in March", "said", "by".',
    re: String.raw`\s*(?:{words})`,
    words: String.raw`
      [,;:()\u2014\u2013"“”] | \s-\s | (?<!\b[a-z])\.(?:\s|$)
      \b(?:which|who|that|in order|to|aiming|and then|after|before|since|when|while|where|as|by|with|from|using|through|via|last|earlier|this|in (?:19|20)\d\d|in (?:a|an|the) (?:campaign|operation|attack)|according|said|says|was|were|is|are|has|have|had|on (?:behalf|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:mid-?|early |late )?(?:january|february|march|april|may|june|july|august|september|october|november|december)|and (?:a|an|then|also|later|that|to)|over (?:the|a) (?:past|last)|for (?:years|months|weeks)|showed|shows|continued|remained|appeared|seemed|in the (?:spring|summer|autumn|fall|winter|days|weeks|months|run-up)|ahead of|every (?:day|night|week|month|year)|each (?:day|week|month)|daily|(?:hours|days|weeks|months|years) (?:before|after|earlier|later|ago))\b
    `,
    flags: 'i',
    examples: [
      {
        text: 'Microsoft said Chinese hackers breached the State Department in a campaign that lasted months.',
        claims: ['Microsoft → China'],
        target: 'State Department',
      },
      {
        text: 'Officials said Russian hackers wiped the port authority computers weeks before the vote.',
        claims: ['∅ → Russia'],
        target: 'port authority computers',
      },
      {
        text: 'The minister said Chinese hackers carried out the intrusion into U.S. election offices.',
        claims: ['∅ → China'],
        target: 'U.S. election offices',
      },
    ],
  },
  notAVictim: {
    means:
      'A generic word alone, an operation word or a number is no victim: "campaign", "attacks", "300".',
    re: String.raw`^(?:{words})\b`,
    words: String.raw`
      campaigns? | claims? | accusations? | allegations? | units? of | operations? | attacks?
      teams? | units? | crews? | squads? | outfits?
      tools? | ddos | malware | ransomware | own | empire | past | last | next
      (?:more than |at least |about |some |nearly |over )?[\d,.]+$
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Iranian hackers breached the campaign and stole internal documents.',
        claims: ['FBI → Iran'],
      },
      {
        text: 'The White House named the culprit as the SVR hacking team known as Cozy Bear.',
        claims: ['United States → APT29'],
      },
    ],
  },
  pronoun: {
    means: 'Words that stand for a victim without naming it: "it", "data", "victims".',
    re: String.raw`^({words})$`,
    words: String.raw`
      it | them | him | her | us | you | data | systems | networks | information | victims
      targets | this | that | these | those
    `,
    flags: 'i',
    examples: [
      {
        text: 'FBI Says Russian Hackers Breached Systems',
        claims: ['FBI → Russia'],
      },
    ],
  },
  clause: {
    means: 'A clause, not a noun phrase: "because the pressure…", "and described the attacks".',
    re: String.raw`^({words})\b`,
    words: String.raw`
      and | or | but | because | as | so | that | which | who | when | while | after | before | to
      in | on | at | by | with | from | for | of | its | their | his | her | group | groups
      hackers | attackers | itself | themselves
    `,
    flags: 'i',
    examples: [
      {
        text: 'Microsoft said the hacking group it calls Midnight Blizzard broke into the email accounts of senior executives.',
        claims: ['Microsoft → APT29'],
        target: 'senior executives',
      },
    ],
  },
  agencyWord: {
    means:
      'A victim that is a government body: "the Treasury Department", "the electoral commission".',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      ministry | department | agency | office | government | parliament | bundestag | congress
      treasury | administration | military | army | navy | embassy | council | commission | police
      state | federal | national | electoral
    `,
    flags: 'i',
    examples: [
      {
        text: "The intrusion at the foreign ministry was carried out by APT28, according to Germany's domestic intelligence agency.",
        claims: ['Germany → APT28'],
        target: 'foreign ministry',
      },
    ],
  },
  companyWord: {
    means:
      'A victim that is a company or sector: "Colonial Pipeline", "banks", "telecom carriers".',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      inc | corp | company | companies | firms? | bank | banks | group | ltd | llc | plc
      airlines? | hospitals? | universit\w+ | pipeline | exchange | utilit\w+ | providers?
      operators? | telecoms? | carriers? | manufacturers? | retailers? | studios? | pictures
    `,
    flags: 'i',
    examples: [
      {
        text: 'Security firm ESET attributed the wiper attack on Ukrainian energy companies to Sandworm.',
        claims: ['ESET → Sandworm'],
        target: 'Ukrainian energy companies',
      },
    ],
  },
  nounStop: {
    means:
      'Words that cannot open a victim named before an operation noun: "the latest attack", "Monday\'s breach".',
    re: String.raw`^(?:{words})$`,
    words: String.raw`
      The | A | An | This | That | Its | Their | Last | Latest | New | Major | Massive | Recent
      Suspected | Alleged | State | Cyber | DDoS | January | February | March | April | May | June
      July | August | September | October | November | December | Monday | Tuesday | Wednesday
      Thursday | Friday | Saturday | Sunday | \d+
    `,
    examples: [
      {
        text: "Monday's ransomware attack was carried out by the Black Basta gang, the FBI said.",
        claims: ['FBI → Black Basta'],
      },
    ],
  },
  nounCompany: {
    means: 'A company word in a victim named before an operation noun.',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      Inc | Corp | Company | Pipeline | Bank | Group | Airlines? | Hospital | University
    `,
    examples: [
      {
        text: 'The FBI blamed the DarkSide gang for the Colonial Pipeline ransomware attack.',
        claims: ['FBI → DarkSide'],
        target: 'Colonial Pipeline',
      },
    ],
  },
});
