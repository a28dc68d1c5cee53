/**
 * Action patterns: what kind of operation a sentence reports. They are tried in this order and
 * the first that matches names the action; a claim takes the first action, in this order, that
 * any of its sentences names.
 */
import type { Action } from '../../model';
import { definePatterns, type Pattern } from './format';

const ACTIONS = definePatterns('roles', 'action', {
  ransomware: {
    means: 'The sentence reports ransomware.',
    re: String.raw`\b(ransomware|ransom|extortion|encrypt\w*|leak site|double extortion)\b`,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said the LockBit gang encrypted servers at the hospital and demanded a ransom.',
        claims: ['FBI → LockBit'],
        action: 'ransomware',
      },
    ],
  },
  ddos: {
    means: 'The sentence reports ddos.',
    re: String.raw`\b(ddos|denial[- ]of[- ]service|flood\w* (?:with traffic|websites)|knocked [^.]{0,40}offline|took [^.]{0,40}offline|websites? (?:went|were) (?:down|offline))\b`,
    flags: 'i',
    examples: [
      {
        text: 'Ukraine blamed Russia for a denial-of-service attack that knocked bank websites offline.',
        claims: ['Ukraine → Russia'],
        action: 'ddos',
      },
    ],
  },
  destructive: {
    means: 'The sentence reports destructive.',
    re: String.raw`\b(wiper\w*|destructive|sabotag\w+|destroy\w*|wiped|power (?:outage|grid attack)|blackout|disabled|disrupted (?:power|operations)|bricked|notpetya|shamoon|industroyer)\b`,
    flags: 'i',
    examples: [
      {
        text: 'Ukraine said Sandworm deployed wiper malware that destroyed data at the energy company.',
        claims: ['Ukraine → Sandworm'],
        action: 'destructive',
      },
    ],
  },
  influence: {
    means: 'The sentence reports influence.',
    re: String.raw`\b(influence operations?|influence campaigns?|disinformation campaigns?|election interference|interfer\w+ in (?:the )?elections?|hack-and-leak|propaganda|troll farms?|fake (?:accounts|personas))\b`,
    flags: 'i',
    examples: [
      {
        text: 'Meta said Russian operatives ran fake accounts in an influence campaign aimed at German voters.',
        claims: ['Meta → Russia'],
        action: 'influence',
      },
    ],
  },
  espionage: {
    means: 'The sentence reports espionage.',
    re: String.raw`\b(espionage|spy\w*|spies|intelligence[- ]gathering|gather\w* intelligence|collect\w* intelligence|surveillance|cyberspies|snoop\w*|eavesdrop\w*|monitor\w* communications|state secrets)\b`,
    flags: 'i',
    examples: [
      {
        text: 'The Dutch intelligence service said Chinese hackers spent years spying on the defence ministry.',
        claims: ['Netherlands → China'],
        action: 'espionage',
      },
    ],
  },
  dataTheft: {
    means: 'The sentence reports data-theft.',
    re: String.raw`\b(st[eo]le\w*|theft|thefts|exfiltrat\w+|stolen|leak\w*|siphon\w*|heist|looted|commercial secrets|trade secrets|intellectual property|personal data of|records of)\b`,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Iranian hackers breached the campaign and stole internal documents.',
        claims: ['FBI → Iran'],
        action: 'data-theft',
      },
    ],
  },
  intrusion: {
    means: 'The sentence reports intrusion.',
    re: String.raw`\b(breach\w*|hack\w*|intrusions?|infiltrat\w+|compromis\w+|penetrat\w+|broke into|break into|gained access|unauthori[sz]ed access|cyberattacks?|cyber ?attacks?|attacks?|exploit\w*|phishing|targeted|targeting|cyberoperations?|operations?)\b`,
    flags: 'i',
    examples: [
      {
        text: 'According to the FBI, Iranian hackers breached the campaign.',
        claims: ['FBI → Iran'],
        action: 'intrusion',
      },
    ],
  },
});

/** The action patterns in the order they are tried. */
export const ACTION_RULES: { action: Action; pattern: Pattern }[] = [
  { action: 'ransomware', pattern: ACTIONS.ransomware },
  { action: 'ddos', pattern: ACTIONS.ddos },
  { action: 'destructive', pattern: ACTIONS.destructive },
  { action: 'influence', pattern: ACTIONS.influence },
  { action: 'espionage', pattern: ACTIONS.espionage },
  { action: 'data-theft', pattern: ACTIONS.dataTheft },
  { action: 'intrusion', pattern: ACTIONS.intrusion },
];
