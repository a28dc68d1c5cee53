/**
 * Role frames that read a state or organ as the subject of an operation ("Russia was behind…"), of counter-accusation rhetoric, or of a claim of responsibility — and not as a victim ("China was hacked").
 */
import { definePatterns } from './format';

export const SUBJECT = definePatterns('roles', 'frame', {
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
  victimPassive: {
    means: '"China was hacked", "Russia\'s networks have been targeted": a victim, not a doer.',
    re: String.raw`^(?:'s )?(?:(?:that|who|which|also|allegedly|reportedly|repeatedly|itself|often|recently|previously|already) )*(?:was|were|is|are|been|be|being|got|gets|has been|have been|had been) (?:(?:also|repeatedly|itself|allegedly|reportedly|previously|recently|successfully) )*(?:{words})\b`,
    words: String.raw`
      hacked | breached | infiltrated | attacked | targeted | penetrated | compromised | spied on
      launched | deployed | directed | conducted | carried out | orchestrated | stole | sponsored
    `,
    examples: [
      {
        text: 'Officials said Russia was hacked in a cyberattack on its railways.',
        claims: [],
      },
    ],
  },
  doerOfOperation: {
    means:
      '"Russia was behind", "China hacked", "Iran is responsible": the subject of an operation verb.',
    re: String.raw`^(?:'s )?(?:(?:that|who|was|is|were|are|had been|has been|have been|may have been|might have been|likely|probably|also|allegedly|reportedly|directly|ultimately|solely|primarily|partly|largely|most|almost|certainly|highly|very|believed|thought|suspected|assessed|to|be|have|been|itself|themselves|continue|continues|continued|routinely|regularly|repeatedly|often|still|actively|increasingly|has|had|for|a|long|time|years|decades|the|past|many|since|long) )*(?:{words})\b`,
    words: String.raw`
      behind | responsible | hacked | breached | infiltrated | attacked | targeted | carried out
      carries out | carry out | conducted | conducts | conduct | orchestrated | launched
      launches | stole | steals | penetrated | compromised | spied on | spies on | spy on
      sponsored | sponsors | directed | deployed | wages | waged | engaged in | engages in
      obtained | accessed | gained access | broke into | hijacked | impersonated
      caught (?:spying|hacking|snooping|eavesdropping) | interfered | meddled
      tried to (?:interfere|meddle|hack|breach|influence)
      sought to (?:interfere|meddle|hack|breach|influence)
    `,
    examples: [
      {
        text: 'U.S. officials said China was behind the breach of the personnel agency.',
        claims: ['United States → China'],
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
