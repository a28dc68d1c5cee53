/**
 * Mention-stage patterns: cyber wording beyond the shared cue list, and names of groups no list knows.
 */
import { definePatterns } from './format';

export const MENTIONS = definePatterns('mentions', '', {
  onlineInfluence: {
    means:
      "Online influence operations count as cyber operations (the contract's `influence` action).",
    re: String.raw`\b({words})\b`,
    words: String.raw`
      disinformation (?:campaigns?|networks?|operations?) | influence (?:operations?|campaigns?)
      (?:foreign )?digital interference | information (?:operations?|manipulation)
      covert social media | fake (?:social media )?(?:accounts|personas|news sites) | inauthentic
      troll farms? | bot networks? | propaganda (?:sites|network|websites)
    `,
    flags: 'i',
    examples: [
      {
        text: 'Meta said a network of fake accounts run from Iran spread disinformation campaigns aimed at voters in Israel.',
        claims: ['Meta → Iran'],
        action: 'influence',
      },
    ],
  },
  leakedPrivate: {
    means:
      'Hack-and-leak wording: "leaked the e-mails of", "doxxing" — private messages or records published online count as a cyber operation.',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      dox(?:x)?(?:ing|ed|es)? | hack-and-leak
      leak(?:s|ed|ing)?\b[^.;]{0,60}?\be-?mails | e-?mails (?:\w+ ){0,3}?(?:were|was|had been|have been) (?:leaked|dumped|published online)
    `,
    flags: 'i',
    examples: [
      {
        text: "Investigators said Russia's military intelligence leaked the private e-mails of the agency's doctors to discredit them.",
        claims: ['∅ → Russia'],
      },
      {
        text: 'Iranian operatives were behind the doxxing of the judges, the prosecutors said.',
        claims: ['∅ → Iran'],
      },
    ],
  },
  itWording: {
    means:
      '"specialists in the IT sector", "the ministry\'s IT systems": information technology named outright is cyber wording ("IT" in capitals only).',
    re: String.raw`\bIT (?:{words})\b`,
    words: String.raw`
      sector | experts? | specialists? | security | systems? | infrastructure | networks?
      departments? | administrators? | outages? | failures?
    `,
    examples: [
      {
        text: 'Lithuania blamed Russia for the attacks on its ports and railways, while IT specialists questioned whether Moscow had directed them.',
        claims: ['Lithuania → Russia'],
      },
    ],
  },
  signalsSpying: {
    means:
      'Spying by a signals-intelligence agency (the NSA, GCHQ, Unit 8200) is cyber espionage even when no cyber word is used: "the NSA spied on the summit".',
    re: String.raw`\b(?:{words})\b[^.;]{0,140}?\b(?:spy|spying|spied|spies|eavesdropp\w*|surveil\w*|intercept\w*|wiretap\w*|bugg(?:ed|ing)|tapp(?:ed|ing))\b|\b(?:spying|spied|eavesdropp\w*|surveillance|intercept\w*|wiretap\w*)\b[^.;]{0,140}?\b(?:{words})\b`,
    gate: String.raw`NSA|GCHQ|8200|GCSB|Security Agency|Communications|Signals`,
    words: String.raw`
      NSA | National Security Agency | GCHQ | Government Communications Headquarters | Unit 8200
      Communications Security Establishment | Australian Signals Directorate | GCSB | Government Communications Security Bureau
    `,
    examples: [
      {
        text: 'A German magazine reported that the NSA spied on the mobile phones of three cabinet ministers in Berlin.',
        claims: ['∅ → NSA'],
      },
    ],
  },
  namedGroup: {
    means:
      'Names of groups the gazetteer does not know: "a group calling itself X", "tracked as Storm-1234".',
    re: String.raw`\b(?:{words})\s+(?:the\s+)?["“'‘@]?((?:[A-Z0-9][\w$&.'’()-]*)(?:\s+(?:of\s+|al-|ad-|the\s+)?[A-Z0-9][\w$&.'’()-]*){0,4})`,
    words: String.raw`
      call(?:s|ed|ing)? (?:itself|themselves) | known (?:only |simply )?as | dubbed | nicknamed | tracked as
      tracks as | tracking as | tracks it as
      (?:which|that) (?:it|the company|researchers|[A-Z]\w+) (?:calls|has dubbed|dubbed|named|tracks as)
      under the (?:name|moniker) | going by(?: the name)? | self-(?:described|styled)
      goes by(?: the (?:\w+ )?(?:nickname|name|handle|alias|moniker)(?: of)?)? | go by
      (?:nickname|handle|alias|moniker) of | a group named | a group called | a gang called
      an outfit called | a crew called | a collective called
    `,
    flags: 'g',
    examples: [
      {
        text: 'Researchers said a group calling itself Crimson Lantern hacked the networks of three regional banks.',
        claims: ['∅ → Crimson Lantern'],
      },
    ],
  },
  researcherBefore: {
    means:
      '"a security researcher who goes by SandboxEscaper": a name given to a researcher, a journalist or a developer is no threat group.',
    // …or a person named by first name: "Michael, who goes by the Twitter handle …".
    re: String.raw`(?:\b(?:{words})(?:\s*,|\s+(?:who|that))?|^\p{Lu}\p{Ll}+,\s+who|[.;,]\s+\p{Lu}\p{Ll}+,\s+who)\s+(?:(?:goes|go|is|was|are)\s+)?(?:by|known|called|named|nicknamed|dubbed)\b[^.;]{0,35}$`,
    words: String.raw`
      researchers? | analysts? | experts? | scientists? | engineers? | journalists? | reporters?
      developers? | students? | professors? | whistle-?blowers?
    `,
    flags: 'iu',
    examples: [
      {
        text: 'Michael, who goes by the Twitter handle @LatchKey, tweeted that the patch breaks homebrew hacks on the console.',
        claims: [],
      },
      {
        text: 'A security researcher who goes by the Twitter handle SandboxEscaper published a Windows zero-day without warning Microsoft.',
        claims: [],
      },
    ],
  },
  selfNaming: {
    means:
      'Words in a group-name frame that say the name is a group\'s (not a flaw\'s or a campaign\'s): "calls itself", "goes by", "a gang called".',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      call(?:s|ed|ing)? (?:itself|themselves) | self-(?:described|styled)
      (?:group|gang|outfit|crew|collective) (?:named|called)
      (?:hackers?|attackers?|cybercriminals?|criminals?|extortionists?|group|gang|crew|actor)[^.;]{0,25}?\b(?:goes by|go by|going by|known (?:only |simply )?as|(?:nickname|handle|alias|moniker) of)
    `,
    flags: 'i',
    examples: [
      {
        text: 'A security researcher who goes by the Twitter handle SandboxEscaper published a Windows zero-day without warning Microsoft.',
        claims: [],
        fires: false,
      },
      {
        text: 'Earlier this week the hacker, known only as Quill0042, broke into the marketplace and stole the names of its buyers.',
        claims: ['∅ → Quill0042'],
      },
      {
        text: 'The gang calls itself Night Harbour and demanded a ransom from the city council after hacking its servers.',
        claims: ['∅ → Night Harbour'],
      },
    ],
  },
  groupAfterNoun: {
    means:
      'A capitalized name right after a group noun: "the hacker group CyberLynx", "the Russian hacktivist group Phoenix", "the threat actor Rancor".',
    // (?=(…))\1 takes the whole name at once, so the test after it cannot shorten the name.
    re: String.raw`\b(?:{words})\s+["“'‘]?(?=((?:[A-Z0-9][\w$&.'’()-]*)(?:\s+(?:of\s+|al-|the\s+)?[A-Z0-9][\w$&.'’()-]*){0,4}))\1(?!\s+(?:calls?|tracks?|dubbed|names?|named)\b)`,
    words: String.raw`
      hacker ?group | hacking ?group | hacktivist group | attack group | threat group
      threat ?actor | espionage group | APT group | criminal group | cybercrime group
      ransomware (?:group|gang) | (?:hacker|hacking|hacktivist) collective | extortion group
      (?:the|a|an) (?:[\w-]+ )?group | (?:the|a|an) (?:[\w-]+ )?gang
    `,
    flags: 'g',
    examples: [
      {
        text: "The Russian hacktivist group Phoenix launched an attack on the health ministry's portal and stole patient data.",
        claims: ['∅ → Phoenix'],
        country: 'Phoenix: RU',
      },
      {
        text: "The hacker group Velvet Lynx said it had hacked the airline's booking system.",
        claims: ['∅ → Velvet Lynx'],
      },
    ],
  },
  membersOfGroup: {
    means:
      '"hackers of the MoroccanGhosts group", "members of the Sandfly crew": the group the hackers belong to.',
    re: String.raw`\b(?:[Hh]ackers|[Mm]embers|[Oo]perators|[Aa]ffiliates) (?:of|from) the ((?:[A-Z][\w$&.'’()-]*)(?:\s+[A-Z][\w$&.'’()-]*){0,2})\s+(?:group|gang|crew|collective|team)\b`,
    flags: 'g',
    examples: [
      {
        text: 'Hackers of the SandyOwls group breached and defaced the website of the finance ministry.',
        claims: ['∅ → SandyOwls'],
      },
    ],
  },
  groupList: {
    means: '"the groups Killnet and Legion": the last name of a list after a plural group noun.',
    re: String.raw`\b(?:groups|gangs|crews|collectives)\s+(?:[A-Z0-9][\w$&.'’()-]*,?\s+){1,4}?(?:and|or)\s+((?:[A-Z0-9][\w$&.'’()-]*)(?:\s+[A-Z0-9][\w$&.'’()-]*){0,3})`,
    flags: 'g',
    examples: [
      {
        text: 'Police said the cyberattacks on the contest were launched by the groups Killnet and Grey Fox.',
        claims: ['∅ → Killnet', '∅ → Grey Fox'],
      },
    ],
  },
  groupCode: {
    means: 'Vendor codes for groups no list knows: "UNC4821", "TA577", "Storm-0558", "DEV-0537".',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      UNC\d{3,5} | TA\d{3,4} | DEV-\d{4} | Storm-\d{4} | TAG-\d{2,4} | UAC-\d{4} | UAT-\d{4}
      TEMP\.\w+ | APT-C-\d{2}
    `,
    flags: 'g',
    examples: [
      {
        text: 'Researchers at Mandiant said a group they track as UNC4821 breached telecom carriers in Asia.',
        claims: ['Mandiant → UNC4821'],
      },
    ],
  },
  groupBeforeNoun: {
    means:
      'A capitalized name before a group noun: "the Brass Wolf ransomware gang", "X hacking collective".',
    re: String.raw`\b((?:[A-Z][\w$&.'’()-]*)(?:\s+[A-Z][\w$&.'’()-]*){0,2})\s+(?:{words})\b`,
    words: String.raw`
      ransomware (?:gang|group|operation|crew|operators|affiliates?)
      hacking (?:group|collective|crew|team) | hacker (?:group|collective)
      hacktivist (?:group|collective) | extortion (?:gang|group) | cybercrime (?:gang|group)
      threat (?:group|actor) | APT group | gang | crew | hacktivists | operators
    `,
    flags: 'g',
    examples: [
      {
        text: 'The FBI said the Brass Wolf ransomware gang hacked a county hospital.',
        claims: ['FBI → Brass Wolf'],
        action: 'ransomware',
      },
    ],
  },
  malwareContext: {
    means:
      '"malware known as X", "the flaw, dubbed X": the name that follows is a tool or a bug, not a group.',
    re: String.raw`\b({words})\b[^.]{0,40}$`,
    words: String.raw`
      web ?shells? | stealer | keylogger | rat | malware | tool | tools | toolkit | backdoor
      implant | vulnerabilit\w+ | flaw | bug | exploit | variant | strain | worm | trojan | wiper
      virus | software | program | code | operation | campaign | botnet | loader | dropper
      ransomware called | ransomware named | ransomware dubbed | payload | rootkit | spyware
      family | framework | technique | attack known | cve
    `,
    flags: 'i',
    examples: [
      {
        text: 'Researchers said the attackers used a backdoor known as PaleRelay to steal files from the ministry.',
        claims: [],
      },
    ],
  },
  flawAfterName: {
    means:
      '"dubbed the \'OpenDoor\' vulnerability", "named the X flaw": a name followed by a flaw noun names the flaw, not a group.',
    re: String.raw`^["”'’]?\s*(?:{words})\b`,
    words: String.raw`
      vulnerabilit(?:y|ies) | flaws? | bugs? | exploits? | threat | weakness(?:es)? | leaks? | issues?
      loopholes? | defects? | technique | method | misconfigurations?
    `,
    flags: 'i',
    examples: [
      {
        text: 'Researchers found servers exposing patient records, a leak they dubbed the "OpenDoor" vulnerability, though no hackers were seen using it.',
        claims: [],
      },
    ],
  },
  knownAsWho: {
    means:
      '"intermediaries, known as Bridge Bureaus,": a name given after "known as" is a group\'s only when the words before speak of hackers, a group or an operation.',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      hack\w* | attackers? | group | groups | gang | gangs | crew | actors? | collective | team
      outfit | cell | unit | clan | army | operators? | persona | handle | alias | campaign
      operation | cluster | syndicate | ring | ransomware | malware | espionage | spies | cyber\w*
      criminals? | activists? | hacktivists? | threat | apt | intruders? | perpetrators?
    `,
    flags: 'i',
    examples: [
      {
        text: 'The NSA hacked third parties, known as Bridge Bureaus, that give banks access to the payment network.',
        claims: ['∅ → NSA'],
        fires: false,
      },
    ],
  },
  institutionBefore: {
    means:
      '"The Police Security Service, known as PST": an institution\'s short name, not a group.',
    re: String.raw`\b({words})\b,?\s+(?:(?:also|which is|widely|commonly|better|formally|officially|now)\s+)*(?:known as|called|dubbed|named)\s+(?:the\s+)?["“'‘]?$`,
    words: String.raw`
      service | agency | police | ministry | department | bureau | centre | center | office
      council | directorate | command | administration | court | university | company | firm
      institute | committee | commission | unit | team | lab | laboratory | program | programme
      bank | exchange | network | system | fund | authority | foundation | hospital | trust
      corporation | board | parliament | assembly | association | federation | party
    `,
    flags: 'i',
    examples: [
      {
        text: 'The Police Security Service, known as PST, said hackers from Russia had broken into the email accounts of lawmakers.',
        claims: ['∅ → Russia'],
      },
    ],
  },
  notAGroup: {
    means:
      'Words that cannot open a group\'s name: "Operation", "The", "Chinese", days and months.',
    re: String.raw`^({words})$`,
    words: String.raw`
      Operation | Project | Campaign | Patch | CVE | The | A | An | This | That | Its | Their
      Chinese | Russian | Iranian | North | South | American | British | Israeli | Ukrainian
      State | Government | Security | Cyber | Microsoft | Google | Monday | Tuesday | Wednesday
      Thursday | Friday | Saturday | Sunday | January | February | March | April | May | June
      July | August | September | October | November | December | Some | Many | Other | One | Two
      Several | Another | New | Pro | It | He | She | They | We | In | On | At | For
      Ransomware | Hackers? | Hacking | Hacktivists? | Criminal | Cybercrime | Extortion | Threat
      Attackers? | Spy | Espionage | Malware | Police | Researchers | Officials
    `,
    examples: [
      {
        text: 'Officials said the Operation Nightfall ransomware gang had no link to the break-in.',
        claims: [],
      },
    ],
  },
});
