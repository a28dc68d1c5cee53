/**
 * Frame patterns for a state, organ or group named in a cyber sentence that is not the party
 * blamed: a false flag's target, former members, a city as a place, another state's body, the
 * sponsor of an armed group, a victim in a compound, the maker of a tool, a body owned by "its",
 * an arrest at a state's request, victims based somewhere, a state qualifying a victim noun.
 */
import { definePatterns } from './format';

export const NOT_ACCUSED = definePatterns('roles', 'frame', {
  requestOfLaw: {
    means:
      '"detained in Riga at the request of US authorities": a request to arrest or extradite someone, not an operation done for that state.',
    re: String.raw`\b(?:{words})\b[^.;]{0,60}?\b(?:at the request of|at the behest of|on behalf of|on (?:the )?orders? (?:of|from))\s+(?:the\s+)?$`,
    words: String.raw`
      arrest\w* | detain\w* | extradit\w* | deport\w* | jailed | seized | custody | charged | indicted
    `,
    flags: 'i',
    examples: [
      {
        text: 'A Latvian programmer who wrote ransomware was arrested in Riga at the request of US authorities last week.',
        claims: [],
      },
    ],
  },
  victimsBasedIn: {
    means:
      '"clients, most of whom are based in Ireland": where victims or firms are, not where operators work.',
    re: String.raw`\b(?:{words})\b[^.;]{0,30}?\b(?:based|located|headquartered)\b[^.;]{0,40}$`,
    words: String.raw`
      whom | customers | users | victims | clients | subscribers | patients | employees | staff
      companies | firms | organi[sz]ations | businesses | banks | retailers | hospitals
    `,
    flags: 'i',
    examples: [
      {
        text: 'Hackers stole the card details of 200,000 customers of the retailer, most of whom are based in the United Kingdom.',
        claims: [],
      },
    ],
  },
  victimNounAfter: {
    means:
      '"servers tied to the French election", "on behalf of Polish banks": a state that only qualifies the victim noun after it is not the one the work is done for.',
    re: String.raw`^({words})$`,
    words: String.raw`
      election | elections | vote | voters | companies | firms | networks | systems | infrastructure
      banks | websites | sites | users | citizens | servers | embassy | embassies | customers
      businesses | hospitals | universities | media | newspapers | journalists | dissidents
    `,
    examples: [
      {
        text: 'The hackers set up phishing domains to steal passwords from endpoints associated with the US election.',
        claims: [],
      },
    ],
  },
  falseFlag: {
    means:
      '"made the attack look like the work of North Korean hackers", "posing as Iranian hacktivists": the party a false flag points to is not accused.',
    re: String.raw`\b(?:{words})\b[^.;]{0,40}$`,
    gate: String.raw`\b(?:look|appear|seem|pos(?:e|es|ed|ing) as|masquerad|false.flag|off as|mimic|blame|pretend)`,
    words: String.raw`
      (?:make|makes|made|making)\b[^.;]{0,120}?\b(?:look|appear|seem) (?:like|as if)
      (?:make|makes|made|making|designed to|meant to|tried to|intended to) (?:\w+ ){0,6}?(?:look|appear|seem) (?:like|as if)
      made to (?:look|appear|seem) | pos(?:e|es|ed|ing) as
      pretend(?:s|ed|ing)? (?:\w+ ){0,6}?(?:was|were|is|are|came|come) (?:made|written|built|created|from|by) | masquerad(?:e|es|ed|ing) as | false[- ]flags?
      pass(?:ed|ing)? (?:\w+ ){0,3}?off as | mimic(?:s|ked|king)? | pin the blame on | shift the blame (?:on|to)
    `,
    flags: 'i',
    examples: [
      {
        text: 'Investigators said the Russian hackers made the attack look like the work of North Korean hackers.',
        claims: ['∅ → Russia'],
      },
      {
        text: 'The leaked manuals show the agency used obfuscation tools to pretend its malware was written by someone else, such as Iranian hackers.',
        claims: [],
      },
    ],
  },
  genericStatement: {
    means:
      '"it is common for Chinese hackers to route stolen data through…": what such actors usually do, not a claim about this operation.',
    re: String.raw`\b(?:it\W?s|it is|it was|it has been) (?:also |quite |very |not |fairly |increasingly )?(?:{words}) for\s+(?:the\s+)?(?:actual\s+|real\s+)?$`,
    words:
      'common | possible | typical | usual | normal | easy | routine | standard | rare | unusual',
    flags: 'i',
    examples: [
      {
        text: 'It is also common for Chinese hackers to route stolen data through servers in many countries, one analyst said.',
        claims: [],
      },
    ],
  },
  formerMember: {
    means:
      '"former U.S. intelligence operatives", "ex-NSA staff": people who once served a state are not that state now.',
    re: String.raw`^(?:former|ex -|onetime|one-time|retired)$`,
    examples: [
      {
        text: 'Former U.S. intelligence operatives working for the United Arab Emirates hacked the phones of activists.',
        claims: ['∅ → United Arab Emirates'],
      },
    ],
  },
  placeNotState: {
    means:
      '"a London cyber broker", "a Moscow-based reseller": a capital city after "a" or "an" is a place, not its government.',
    re: String.raw`^(?:a|an)$`,
    examples: [
      {
        text: 'Hackers encrypted the servers of the insurer last week, and a London cyber broker said clients were asking about cover.',
        claims: [],
      },
    ],
  },
  organOfOtherState: {
    means:
      '"the Main Intelligence Directorate of Ukraine\'s Defence Ministry": an organ name followed by another state is that state\'s body, not the one the gazetteer knows by the name.',
    re: String.raw`^of$`,
    examples: [
      {
        text: "A source said the cyberattack on the banks was run by the Main Intelligence Directorate of Ukraine's Defence Ministry.",
        claims: [],
      },
    ],
  },
  sponsorOfNonCyber: {
    means:
      '"Iran-backed Hamas", "Russia-backed separatists" in a sentence with no cyber wording: the sponsor of an armed group is not accused of the cyber operation.',
    re: String.raw`^(?:backed|sponsored|supported|armed|funded|allied)$`,
    examples: [
      {
        text: 'Hackers disrupted the payment terminals of fuel stations across the country on Monday. The outage came amid fighting between Israel and Iran-backed Hamas.',
        claims: [],
      },
    ],
  },
  victimCompound: {
    means:
      '"claims Montenegro hack", "the Ukraine grid hack": a country\'s name before a singular operation noun names the victim.',
    re: String.raw`^(?:hack|breach|intrusion|leak|cyberattack|attack)$`,
    examples: [
      {
        text: 'A ransomware gang claims Montenegro hack while the security agency says Russian hackers were behind it.',
        claims: ['∅ → Russia'],
      },
      {
        // "attack" is a noun here only after a determiner ("Russia attack plans" is not).
        text: 'Unlike the earlier wave, the Norway attack used ransomware that Russian hackers had sold on forums.',
        claims: ['∅ → Russia'],
      },
    ],
  },
  victimCompoundNoun: {
    means:
      '"the Ukraine grid hack", "the Kenya election hack": nouns that may stand between the victim country and the operation noun.',
    re: String.raw`^({words})$`,
    words: 'election | vote | grid | power | government | pipeline | parliament | ministry',
    examples: [
      {
        text: 'Investigators tied the Kenya election hack to Chinese hackers working for the security ministry.',
        claims: ['∅ → China'],
      },
    ],
  },
  toolmaker: {
    means:
      '"Pegasus, spyware made by NSO Group", "tools from another Israeli vendor, Candiru": the maker or seller of the spyware is not the one who used it.',
    re: String.raw`\bspyware\b[^.;]{0,25}?\b(?:{words}) by\b[^.;]{0,30}$|\b(?:tools?|products?|software|spyware|implants?) (?:from|of|sold by) (?:another |an? |the )?(?:[\w'’-]+ ){0,2}(?:vendor|company|firm|maker|developer|supplier)s?,?\s*$`,
    gate: String.raw`\b(?:spyware|tools?|products?|software|implants?)\b`,
    words:
      'made | developed | built | sold | supplied | marketed | licensed | created | produced | manufactured',
    flags: 'i',
    examples: [
      {
        text: 'Researchers said the phones of the reporters were infected with Pegasus, spyware made by NSO Group, on behalf of Saudi Arabia.',
        claims: ['∅ → Saudi Arabia'],
      },
    ],
  },
  ownedByPronoun: {
    means:
      '"claims that its cyber command was behind…": a body written in lower case after "its" or "their" is the body of whoever "its" is, not the one of that name in the gazetteer.',
    re: String.raw`^(?:its|their|his|her|our|your)$`,
    examples: [
      {
        text: "Taiwan's defence ministry said its cyber command had defaced no websites, and blamed Chinese hackers for the breach.",
        claims: ['Taiwan → China'],
      },
    ],
  },
});
