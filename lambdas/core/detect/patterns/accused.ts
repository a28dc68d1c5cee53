/**
 * Role patterns for the accused: words that tie a state or an organ to an operation.
 */
import { definePatterns } from './format';

export const ACCUSED = definePatterns('roles', 'accused', {
  hackerNoun: {
    means:
      'Nouns that make a preceding country an accused actor: "Chinese hackers", "Russian military intelligence".',
    re: String.raw`^({words})$`,
    words: String.raw`
      hackers? | hacking | hacks?
      cyber(?:attacks?|spies|spying|espionage|operations?|operatives|criminals?|army|armies|units?|warfare|actors?|hackers?|forces?|troops|command|intrusions?|campaigns?)?
      attackers? | spies | operatives | intelligence | military | actors? | groups? | gangs? | apt
      operators? | agents? | units? | cyberspies | cybercriminals? | criminals? | trolls?
      intrusions? | campaigns? | operations? | cyberoperations? | cyberattacks? | attacks?
      espionage | spying | threat | state | government | services? | regime | malware | ransomware
      wipers? | interference | meddling | disinformation
      hacktivists? | hackergroups? | hackinggroups? | threatactors? | fronts?
    `,
    examples: [
      {
        text: "Taiwan's government blamed Chinese state-backed hackers for a wave of cyberattacks on its ministries.",
        claims: ['Taiwan → China'],
      },
      {
        // A comma ends the description: the hackers are not the FBI's.
        text: 'According to the FBI, cyber criminals stole $9 million from the hospital chain.',
        claims: [],
        fires: false,
      },
    ],
  },
  coordinatedNoun: {
    means:
      '"the National Cyber Security Centre and cyber units at two firms": a hacker noun right after "and" heads another party, not the one before it.',
    re: String.raw`^({words})$`,
    words: String.raw`
      cyber | units? | teams? | researchers | experts | analysts | investigators | firms | companies
      agencies | partners | allies | officials | police
    `,
    examples: [
      {
        text: 'The National Cyber Security Centre and cyber units at two banks worked to trace the hackers, who stole card data.',
        claims: [],
      },
    ],
  },
  personBeforeDemonym: {
    means:
      '"the 24-year-old Bulgarian hacker", "a self-taught Romanian hacker": words between an article and a demonym that describe one person.',
    re: String.raw`^({words})$`,
    words: String.raw`\d+ | year | years | old | - | young | teenage | self | taught | lone | former | prolific | notorious | alleged`,
    examples: [
      {
        text: 'A self-taught Romanian hacker broke into the email accounts of several celebrities, prosecutors said.',
        claims: [],
      },
    ],
  },
  groupAfterHacker: {
    means:
      '"a Chinese hacker group", "the Iranian hacker collective": a singular "hacker" before a group noun is a group of that state, not one person.',
    re: String.raw`^({words})$`,
    words:
      'group | groups | team | crew | gang | unit | collective | army | network | outfit | cell | ring',
    examples: [
      {
        text: 'A Romanian hacker broke into the email accounts of several celebrities, while a Chinese hacker group breached the ministry.',
        claims: ['∅ → China'],
      },
      {
        text: 'Prosecutors said Ivan Petrov, the 24-year-old Bulgarian hacker they charged, had worked for a Chinese hacker group.',
        claims: ['∅ → China', '∅ → Ivan Petrov'],
      },
    ],
  },
  filler: {
    means:
      'Words that can sit between the country and the hacker noun: "Chinese state-sponsored hackers".',
    re: String.raw`^({words})$`,
    words: String.raw`
      state | sponsored | backed | linked | affiliated | nexus | based | aligned | government
      military | intelligence | - | and | or | nation | the | a | an | sophisticated | so-called
      suspected | alleged | elite | notorious | prolific | hacking | cyber | spy | spying
      advanced | persistent | threat | group | contract | contractor | freelance | private | it
      tech | remote | mercenary | criminal | ransomware | digital | online | information
      election
      grey | gray | black | white | hat
    `,
    examples: [
      {
        text: 'South Korea said North Korean contract hackers stole data from defence contractors.',
        claims: ['South Korea → North Korea'],
      },
    ],
  },
  linkSuffix: {
    means: '"<country>-linked": the country is tied to what follows.',
    re: String.raw`^({words})$`,
    words: String.raw`
      linked | backed | sponsored | affiliated | nexus | based | aligned | connected | tied
      directed | run | controlled | funded | supported | allied
    `,
    examples: [
      {
        text: 'Google said Iran-linked hackers sent phishing emails to staff of both presidential campaigns.',
        claims: ['Google → Iran'],
      },
      {
        text: 'A Singapore-based exchange said it lost $30 million in tokens to hackers.',
        claims: [],
      },
    ],
  },
  chargeVerb: {
    means:
      'Verbs whose object is charged with an operation: "charging two Russian nationals with…".',
    re: String.raw`^({words})$`,
    words: String.raw`
      charged | charging | charges | indicted | indicting | indicts | sanctioned | sanctioning
      sanctions | arrested | extradited | accused | accusing | named | naming | identified
      identifying | convicted | sentenced | blamed | blaming
    `,
    examples: [
      {
        text: 'The Justice Department unsealed an indictment charging two Russian nationals with hacking into election systems.',
        claims: ['Department of Justice → Russia'],
      },
    ],
  },
  hypothetical: {
    means:
      'A hypothetical, a question or a scenario: "Could China hack the grid?", "what if…" — not a claim unless someone says it.',
    re: String.raw`^(if|should|imagine|suppose)\b|\?["'”’]?\s*$|\bwhether\b|\b(could|would) (?:{words})|\bwhat if\b|\bhypothetical\w*|\bscenarios?\b`,
    words: String.raw`
      hack | attack | target | breach | launch | cripple | disrupt
    `,
    flags: 'i',
    examples: [
      {
        text: 'Could China hack the power grid and switch off the lights? Experts weighed several scenarios on Tuesday.',
        claims: [],
      },
    ],
  },
  eventRef: {
    means:
      '"the attack", "this breach", "last year\'s hack": a reference to the story\'s cyber event, so the sentence is read in a cyber story.',
    re: String.raw`\b(?:the|this|that|last (?:week|month|year)'s|the (?:recent|latest|massive|major)) (?:{words})\b`,
    words: String.raw`
      attack | attacks | hack | hacks | breach | breaches | intrusion | intrusions | campaign
      operation | incident | compromise | theft | heist | outage | leak
      (?:[\w-]+ )?(?:espionage|spying) (?:campaign|operation)s?
    `,
    flags: 'i',
    examples: [
      {
        text: 'The breach was carried out by North Korea, the FBI said.',
        claims: ['FBI → North Korea'],
      },
      {
        text: 'Hackers read the mail of three ministries. The sanctions were part of a package announced by the Canadian government, which formally blamed China for the Quillwort espionage campaign.',
        claims: ['Canada → China'],
      },
    ],
  },
  coref: {
    means:
      '"the group", "the hackers", "those behind the attack": the party accused in the sentence before.',
    re: String.raw`\b(?:(?:the|this|that) (?:group|hackers|gang|actor|attackers|intruders|perpetrators|culprits|threat actor|hacking group|state-backed actor|state-sponsored group|crew|collective|operators|outfit|unit|adversary|spies|operatives)|(?:the )?(?:people|those|hackers|group|actors?) (?:behind|responsible for) (?:it|the (?:attack|breach|intrusion|hack|campaign|operation|theft)))\b`,
    flags: 'i',
    examples: [
      {
        text: 'The Justice Department said APT41 stole source code from game makers. The group also targeted universities in Asia, prosecutors said.',
        claims: ['Department of Justice → APT41'],
      },
    ],
  },
  blamedItsOrgan: {
    means:
      '"…blamed its military intelligence agency": an unnamed organ of the sentence\'s subject.',
    re: String.raw`\b(?:blam(?:ed|ing|es)|accus(?:ed|ing|es)|attribut(?:ed|ing) (?:it|them|the \w+) to|link(?:ed|ing) (?:it|them|the \w+) to|pin(?:ned|ning) (?:it|them|the \w+) on|trac(?:ed|ing) (?:it|them|the \w+) to)\s+(?:its|their)\s+(?:own\s+)?(?:military intelligence|intelligence|spy|security|military|state|government)\s*(?:{words})\b`,
    words: String.raw`
      agency | agencies | service | services | units? | hackers | apparatus | directorate
    `,
    flags: 'i',
    examples: [
      {
        text: 'North Korea rejected the findings of a South Korean inquiry that blamed its military intelligence agency for the cyberattack on broadcasters.',
        claims: ['South Korea → North Korea'],
        responses: ['North Korea ← denial'],
      },
    ],
  },
  counterRhetoric: {
    means:
      'Counter-accusation rhetoric: "the real empire of hacking", "the world\'s biggest hacker".',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      empire of hacking | hack(?:ing|er) empire | matrix of hackers
      (?:world'?s? |globe'?s? |planet'?s? )?(?:biggest|largest|greatest|number one|true|real|main|leading) (?:source of cyber ?attacks|(?:cyber )?(?:hacker|hackers|attacker|perpetrator|practitioner|culprit|threat|spy))
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Chinese hackers breached U.S. utilities.\n\nA Chinese foreign ministry spokesman said the accusation was a smear, adding that the United States was itself the empire of hacking.',
        claims: ['FBI → China', 'China → United States'],
        responses: ['China ← denial', 'China ← counter-accusation'],
      },
    ],
  },
  noResponsibility: {
    means:
      '"No group has claimed responsibility", "has not said who", "unknown hackers": no one is accused.',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      no (?:group|one|gang|actor|hacker group)[^.]{0,40}(?:claimed|taken responsibility|has claimed)
      not (?:yet )?(?:been )?(?:publicly )?(?:attributed|claimed)
      has not (?:said|named|identified|disclosed) who | did not (?:say|name|identify|disclose) who
      declined to (?:attribute|name|say who|comment on who) | unknown (?:attackers|hackers|actors)
      unidentified (?:attackers|hackers|actors) | too early to (?:say|tell|attribute)
    `,
    flags: 'i',
    examples: [
      {
        text: 'The retailer said hackers breached its payment systems last month. No group has claimed responsibility for the intrusion.',
        claims: [],
      },
    ],
  },
  namedInClaim: {
    means:
      "\"Berlin has shown no proof for 'Ghostwriter' hacking claim\": a group named as the subject of someone else's claim, in an answer.",
    re: String.raw`^(?:['’"”]\s*)?(?:(?:hacking|cyber|spying|espionage)\s+)?(?:claims?|allegations?|accusations?|charges?)\b(?!\s+(?:credit|responsibility|that|to|it|its|the|a|an)\b)`,
    flags: 'i',
    examples: [
      {
        text: "Moscow says Berlin has shown no proof for 'Ghostwriter' hacking claim",
        claims: ['∅ → UNC1151'],
      },
    ],
  },
});
