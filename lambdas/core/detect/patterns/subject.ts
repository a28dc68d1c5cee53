/**
 * Role frames that read a state or organ as the subject of an operation ("Russia was behind…"), of counter-accusation rhetoric, or of a claim of responsibility — and not as a victim ("China was hacked").
 */
import { definePatterns } from './format';

export const SUBJECT = definePatterns('roles', 'frame', {
  organModifier: {
    means:
      'The first word of an organ the gazetteer does not name: "Russian security service", "the Chinese spy agency".',
    re: String.raw`^({words})$`,
    words: 'security | intelligence | spy | cyber | military | secret | state',
    examples: [
      {
        text: 'Officials said the Russian security service leaked the emails of the climate scientists after hacking their server.',
        claims: ['∅ → Russia'],
      },
    ],
  },
  organHead: {
    means: 'The noun that ends such an organ: "service", "agency", "unit", "command".',
    re: String.raw`^({words})$`,
    words: 'services? | agency | agencies | units? | command | forces | bureau | directorate',
    examples: [
      {
        text: 'Officials said the Russian security service leaked the emails of the climate scientists after hacking their server.',
        claims: ['∅ → Russia'],
      },
    ],
  },
  stateNounAfter: {
    means:
      '"the North Korean government was responsible": the head noun after a demonym is read past.',
    re: String.raw`^({words})$`,
    words: String.raw`
      government | regime | state | military | authorities | leadership | intelligence
    `,
    examples: [
      {
        text: 'The North Korean government was responsible for the theft of cryptocurrency from the exchange, the FBI said.',
        claims: ['FBI → North Korea'],
      },
    ],
  },
  appositive: {
    means:
      '"Iran and its Quds Force, an elite unit of the Revolutionary Guard, were responsible": an appositive read past.',
    re: String.raw`^\s*,\s*(?:{words})\s[^,.;:()"“”]{2,100},`,
    words: String.raw`
      an? | the | its | their | through | via | with | by | as | which | who | whose | like
      including | along with | together with | [A-Z][\w.]*(?:\s[A-Z][\w.]*)?['’]s
    `,
    examples: [
      {
        text: 'Lieberman said Iran, a longtime adversary, was responsible for the cyberattacks.',
        claims: ['∅ → Iran'],
      },
    ],
  },
  victimOf: {
    means:
      '"members of the Slovak government were victims of phishing", "Anonymous and LulzSec have both been the targets of attacks": a victim, not a doer, whatever else the sentence says.',
    re: String.raw`^(?:'s )?(?:(?:that|who|which|also|allegedly|reportedly|repeatedly|itself|often|recently|previously|already) )*(?:was|were|is|are|been|got|gets|has been|have been|had been|have both been|have all been|has also been|have also been) (?:(?:also|repeatedly|itself|allegedly|reportedly|previously|recently|successfully) )*(?:{words})\b`,
    words: String.raw`
      hacked | breached | infiltrated | attacked | targeted | penetrated | compromised | spied on
      defaced | hijacked | disrupted | infected | wiped | (?:the |a |an )?(?:main |frequent |latest )?(?:targets?|victims?) of
    `,
    examples: [
      {
        text: 'Researchers said members of the Slovak government were victims of spear-phishing emails sent by APT29.',
        claims: ['∅ → APT29'],
      },
      {
        text: 'Anonymous and LulzSec have both been the targets of cyberattacks by GCHQ, the documents show.',
        claims: ['∅ → GCHQ'],
      },
    ],
  },
  placePreposition: {
    means:
      '"servers in Latvia attacked by a botnet…": a state after a preposition is a place in a noun phrase, not the subject of the verb after it.',
    re: String.raw`^({words})$`,
    words: 'in | at | across | within | inside | throughout | near | around',
    examples: [
      {
        text: 'Government servers in Latvia attacked by a botnet went offline for hours, officials said.',
        claims: [],
      },
    ],
  },
  doerOfOperation: {
    means:
      '"Russia was behind", "China hacked", "Iran is responsible": the subject of an operation verb.',
    re: String.raw`^(?:'s )?(?:(?:that|who|was|is|were|are|had been|has been|have been|may have been|might have been|likely|probably|also|allegedly|reportedly|directly|ultimately|solely|primarily|partly|largely|most|almost|certainly|highly|very|believed|thought|suspected|assessed|to|be|have|been|itself|themselves|continue|continues|continued|routinely|regularly|repeatedly|often|still|actively|increasingly|has|had|for|a|long|time|years|decades|the|past|many|since|long|presumably|apparently|successfully|once|again|then|later|temporarily|briefly|[a-z]{3,}ly) )*(?:{words})\b`,
    words: String.raw`
      behind | responsible | hacked | breached | infiltrated | attacked | targeted | carried out
      carries out | carry out | conducted | conducts | conduct | orchestrated | launched
      launches | stole | steals | penetrated | compromised | spied on | spies on | spy on
      sponsored | sponsors | directed | deployed | wages | waged | engaged in | engages in
      obtained | accessed | gained access | broke into | hijacked | impersonated
      caught (?:spying|hacking|snooping|eavesdropping) | interfered | meddled
      tried to (?:interfere|meddle|hack|breach|influence)
      sought to (?:interfere|meddle|hack|breach|influence)
      hacks | hacking | is hacking | are hacking | spied | spying on | targeting
      breaches | infects | infected | defaced | defaces | leak(?:ed|s) (?!online|out|onto|on\b) | disrupted | disrupts
      jammed | jams | sabotaged | wiped | deleted | downloaded | exfiltrated | planted | installed
      took over | seized control | gain(?:s|ed)? (?:root |unauthori[sz]ed |remote |full |administrator )?access | succeeded in (?:hacking|attacking|breaching|stealing|infiltrating)
      (?:appears?|appeared|seems?|seemed) to have (?:hacked|breached|attacked|stolen|targeted|been behind)
      used (?:the |a |an |its )?(?:[\w-]+ ){0,2}(?:spyware|malware|ransomware|wipers?|tools?|exploits?|backdoors?|botnets?|implants?)
    `,
    examples: [
      {
        text: 'Presumably North Korea or pro-North Korean groups temporarily jammed South Korean government websites.',
        claims: ['∅ → North Korea'],
      },
      {
        text: 'U.S. officials said China was behind the breach of the personnel agency.',
        claims: ['United States → China'],
      },
      {
        // Any adverb may stand between the doer and its verb, misspelt ones included.
        text: 'The Chinese military supposably hacked the shipyard in March.',
        claims: ['∅ → PLA'],
      },
    ],
  },
  biggestHacker: {
    means:
      '"the United States is itself the world\'s biggest hacker": counter-accusation rhetoric after a state.',
    re: String.raw`^(?:'s )?(?:,? )?(?:(?:was|is|remains|has been|itself|actually|in fact|the|a|world s|world's|globe s|planet s|biggest|largest|main|real|leading|primary|greatest|number one|true|single) )*(?:biggest|largest|main|real|leading|primary|greatest|number one|true|most active|most capable|most persistent|most significant|most dangerous|foremost) (?:and \w+ )?(?:foreign )?(?:cyber )?(?:{words})`,
    words: String.raw`
      source | perpetrator | practitioner | threat | hacker | hackers | attacker | culprit
      offender | empire | cyber | surveillance | spy | violator | actor | adversary
    `,
    examples: [
      {
        text: "Russia's foreign ministry said the United States was the world's biggest hacker.",
        claims: ['Russia → United States'],
      },
    ],
  },
  empireOfHacking: {
    means: '"Washington, the real empire of hacking".',
    re: String.raw`^(?:,? )?(?:the )?(?:(?:real|true|biggest|largest|world s) )*(?:{words})`,
    words: String.raw`
      empire of hacking | hacker empire | hacking empire | matrix of hackers
    `,
    examples: [
      {
        text: 'Chinese state media called Washington the true hacking empire.',
        claims: ['China → United States'],
      },
    ],
  },
  organClaims: {
    means:
      '"Ukraine\'s military intelligence agency, the HUR, claimed responsibility for…": an organ that claims an operation is its doer.',
    re: String.raw`^(?:\s*,[^,.;]{2,60},)?\s+(?:\w+\s+){0,2}?(?:{words})\b`,
    words: String.raw`
      claim(?:ed|s) | took | takes | said it (?:was|had been) behind
    `,
    examples: [
      {
        text: "Ukraine's military intelligence agency, the HUR, claimed responsibility for the cyberattack on Russian railways.",
        claims: ['∅ → HUR'],
        responses: ['HUR ← claim-of-responsibility'],
      },
    ],
  },
  organUnit: {
    means: '"GRU Unit 74455", "FSB officers": an organ named with its unit or its people.',
    re: String.raw`^({words})$`,
    words: String.raw`
      unit | units | officers? | hackers? | operatives
    `,
    examples: [
      {
        text: 'Prosecutors said FSB officers hacked the email accounts of journalists.',
        claims: ['∅ → FSB'],
      },
    ],
  },
});
