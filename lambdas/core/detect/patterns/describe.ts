/**
 * Role frames that read the words after a state or organ mention as a description: "Chinese state-sponsored hackers" accuse, "the Chinese government said" speaks, "a possible Russian attack" is hypothetical.
 */
import { definePatterns } from './format';

export const DESCRIBE = definePatterns('roles', 'frame', {
  notAsserted: {
    means: '"…whether a foreign ministry was behind it", "if Russia hacked…": not asserted.',
    re: String.raw`^(whether|if)$`,
    examples: [],
  },
  hypotheticalModifier: {
    means:
      '"possible U.S. cyberattacks", "any future Chinese hacking": a hypothetical, not a claim.',
    re: String.raw`^({words})$`,
    words: String.raw`
      possible | potential | future | hypothetical | any | prospective | imagined | eventual
    `,
    examples: [],
  },
  notAHackerAfterBased: {
    means:
      '"a China-based government contractor" only locates: these nouns after "-based" accuse no one.',
    re: String.raw`^(government|state|services?)$`,
    examples: [],
  },
  operationVerbBefore: {
    means: '"hackers targeting U.S. campaigns": the object of an operation verb is its target.',
    re: String.raw`^({words})$`,
    words: String.raw`
      targeting | targeted | attacking | hitting | breaching | breached | infiltrating
      infiltrated | compromising | compromised | penetrating | penetrated
    `,
    examples: [],
  },
  itWorkers: {
    means: '"North Korean IT workers" who hack for their state.',
    re: String.raw`^({words})$`,
    words: String.raw`
      it | tech | remote | software
    `,
    examples: [],
  },
  capabilityModal: {
    means: '"Chinese hackers could in theory disrupt pipelines": a capability, not an operation.',
    re: String.raw`^({words})$`,
    words: String.raw`
      could | would | might | can
    `,
    examples: [],
  },
  institutionNoun: {
    means:
      '"a Chinese cyber emergency response team", "the U.S. cyber agency": an institution speaking, not hackers.',
    re: String.raw`^({words})$`,
    words: String.raw`
      emergency | response | team | agency | agencies | centre | center | security | authority
      regulator | administration | ministry | office | council | watchdog | cert | department
      directorate | police | crime | crimes | defense | defence | division | section | squad
      desk | branch | task | chief | director | head | official | officials | experts
      investigators
    `,
    examples: [],
  },
  governmentNoun: {
    means: '"Chinese government", "Russian state": a state noun that speaks unless hackers follow.',
    re: String.raw`^({words})$`,
    words: String.raw`
      government | state | military | intelligence | services? | regime
    `,
    examples: [],
  },
  governmentHackers: {
    means: '"Chinese government hackers", "Russian state actors": the state noun names hackers.',
    re: String.raw`^({words})$`,
    words: String.raw`
      hackers? | hacking | cyber(?!security)\w* | spies | operatives | actors? | groups? | units?
      agents? | -
    `,
    examples: [],
  },
  linkedAfterDash: {
    means: '"Chinese government-backed": a tie after the state noun.',
    re: String.raw`^({words})$`,
    words: String.raw`
      linked | backed | sponsored | affiliated
    `,
    examples: [],
  },
  servicesNoun: {
    means:
      '"Russian intelligence services", "military intelligence officers": accused only with an operation after them.',
    re: String.raw`^({words})$`,
    words: String.raw`
      services? | agency | agencies | officers
    `,
    examples: [],
  },
  servicesOperation: {
    means:
      '"Russian intelligence services were behind…": the services named as the doer of an operation.',
    re: String.raw`^(?:(?:were|was|are|is|have been|has been|had been|also|allegedly|likely|probably) )*(?:{words})\b`,
    words: String.raw`
      behind | responsible | hacked | breached | targeted | attacked | carried out | conducted
      launched | orchestrated | infiltrated | compromised | stole | deployed | directed
    `,
    examples: [],
  },
  militaryNext: {
    means:
      '"Russian military hackers", "Russian military intelligence was…": the word after "military" or "intelligence" that makes it a doer ("Ukrainian military forums" only describe).',
    re: String.raw`^(hackers?|hacking|cyber\w*|spies|spy|operatives|units?|intelligence|directorate|-|and|or|was|is|were|are|has|had|have|had|carried|conducted|launched|hacked|targeted|breached|stole|deployed|used|behind|for|in|of|to|)$`,
    examples: [],
  },
  inquiryNoun: {
    means: '"Seoul\'s hacking probe": the owner of an inquiry into an operation, not its doer.',
    re: String.raw`^({words})$`,
    words: String.raw`
      probe | probes | investigation | investigations | inquiry | inquiries | report | findings
      case | cases | charges | charge | allegations? | accusations? | claims? | laws? | rules
      defen[cs]es? | experts? | researchers? | officials? | chief | agency | centre | center
      warnings? | advisory | drills? | exercises? | sanctions | indictments? | victims?
    `,
    examples: [],
  },
});
