/**
 * Frame patterns for a state, organ or group named in a cyber sentence that is not the party
 * blamed: a false flag's target, former members, a city as a place, another state's body, the
 * sponsor of an armed group, a victim in a compound, the maker of a tool, a body owned by "its".
 */
import { definePatterns } from './format';

export const NOT_ACCUSED = definePatterns('roles', 'frame', {
  falseFlag: {
    means:
      '"made the attack look like the work of North Korean hackers", "posing as Iranian hacktivists": the party a false flag points to is not accused.',
    re: String.raw`\b(?:{words})\b[^.;]{0,40}$`,
    gate: String.raw`\b(?:look|appear|seem|pos(?:e|es|ed|ing) as|masquerad|false.flag|off as|mimic|blame)`,
    words: String.raw`
      (?:make|makes|made|making)\b[^.;]{0,120}?\b(?:look|appear|seem) (?:like|as if)
      (?:make|makes|made|making|designed to|meant to|tried to|intended to) (?:\w+ ){0,6}?(?:look|appear|seem) (?:like|as if)
      made to (?:look|appear|seem) | pos(?:e|es|ed|ing) as | masquerad(?:e|es|ed|ing) as | false[- ]flags?
      pass(?:ed|ing)? (?:\w+ ){0,3}?off as | mimic(?:s|ked|king)? | pin the blame on | shift the blame (?:on|to)
    `,
    flags: 'i',
    examples: [
      {
        text: 'Investigators said the Russian hackers made the attack look like the work of North Korean hackers.',
        claims: ['∅ → Russia'],
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
      '"claims Montenegro hack", "the Taiwan election hack": a country\'s name before a singular operation noun names the victim.',
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
