/**
 * Role frames that read the words after a state or organ mention as a description: "Chinese state-sponsored hackers" accuse, "the Chinese government said" speaks, "a possible Russian attack" is hypothetical.
 */
import { definePatterns } from './format';

export const DESCRIBE = definePatterns('roles', 'frame', {
  headlineVersus: {
    means:
      'A headline "<attacker> vs. <target>": "Turkish activists vs. the communications ministry", "NSA vs. Chinese telecoms".',
    re: String.raw`\s(?:vs\.?|versus)\s`,
    flags: 'i',
    examples: [
      {
        title: 'Tunisian hacktivists vs. a Paris school',
        text: 'The school said its website was defaced on Monday and a message was left on its homepage.',
        claims: ['∅ → Tunisia'],
      },
    ],
  },
  objectOfOperation: {
    means:
      '"compromised the email account of a staff member of Russia\'s foreign ministry", "hijacked the servers of an Iranian group": a party inside the object of an operation verb is its victim.',
    re: String.raw`\b(?:(?:{words})\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:(?!by\b)[\w'’-]+\s+){0,6}?(?:of|at|in|belonging to)|(?:cyber ?)?attacks? (?:on|against)|hack(?:ing)? of|breach of)\s+(?:the\s+|an?\s+)?(?:(?:hacker|hacking|hacktivist|ransomware)\s+)?(?:group\s+|gang\s+|collective\s+)?$`,
    words: String.raw`
      compromised | hacked | breached | targeted | attacked | hijacked | infiltrated | penetrated
      disrupted | defaced | accessed | spied on | took over | wiped | stole (?:data|files|emails|documents) from
      (?:compromise|hack|breach|target|hijack|infiltrate|deface|disrupt)(?!\s+(?:was|is|were|are|has|had|of|on|against)\b)
    `,
    flags: 'i',
    examples: [
      {
        text: 'Unknown hackers took over Owlnet, the chat forum of the hacker group Anonymous, a week after Anonymous had knocked ministry websites offline.',
        claims: [],
      },
      {
        text: 'The military said North Korean hackers were behind the attack on South Korean military networks.',
        claims: ['∅ → North Korea'],
      },
      {
        text: "Hackers working for North Korea compromised the email account of a staff member of Russia's foreign ministry.",
        claims: ['∅ → North Korea'],
      },
      {
        text: 'The Russian espionage group Turla hijacked the servers of an Iranian state-sponsored hacking group to spy on governments.',
        claims: ['∅ → Turla'],
      },
    ],
  },
  agencyInObject: {
    means:
      '"targeted companies on behalf of China": words inside an operation\'s object that still name who it was done for.',
    re: String.raw`\b(?:{words})(?: the)?$`,
    words: String.raw`
      on behalf of | at the behest of | at the direction of | at the request of | for the benefit of
      on (?:the )?orders? (?:of|from) | working for | acting for | in the service of
    `,
    examples: [
      {
        text: 'Prosecutors said the contractors hacked the networks of defence firms on behalf of China.',
        claims: ['∅ → China'],
      },
    ],
  },
  soCalled: {
    means:
      '"disinformation about so-called Chinese hacking threats": a scare-quoted threat, the words of the one denying it.',
    re: String.raw`^(?:so - called|supposed|purported)$`,
    examples: [
      {
        text: 'The FBI said Chinese hackers breached U.S. telecom carriers.\n\nA foreign ministry spokesperson urged the United States to stop spreading disinformation about so-called Chinese hacking threats.',
        claims: ['FBI → China'],
      },
    ],
  },
  sympathizer: {
    means:
      '"pro-Palestinian hacktivists", "pro-Russian hackers": sympathizers of a state are not the state.',
    re: String.raw`^(?:pro|anti) -$`,
    examples: [
      {
        text: 'Groups presenting themselves as pro-Palestinian hacktivists claimed to have hacked Israeli hospitals.',
        claims: [],
      },
    ],
  },
  hackCompound: {
    means:
      '"the State Department hack", "an NSA breach": an organ named before an operation noun is what was hacked.',
    re: String.raw`^({words})$`,
    words:
      'hack | hacks | breach | breaches | intrusion | intrusions | attack | attacks | cyberattack | cyberattacks | leak | leaks',
    examples: [
      {
        text: 'Belgian officials said the State Department hack was the work of Chinese hackers.',
        claims: ['Belgium → China'],
      },
    ],
  },
  securityTrade: {
    means:
      '"a German cyber-security firm", "a Russian cyber-crime unit": the security trade, not hackers.',
    re: String.raw`^({words})$`,
    words: 'security | defence | defense | crime | safety | intelligence',
    examples: [
      {
        text: 'A researcher for a German cyber-security firm found a flaw in the routers that attackers could abuse.',
        claims: [],
      },
    ],
  },
  lawEnforcementPeople: {
    means:
      '"FBI agents investigated…", "GRU officers hacked…": an organ\'s agents or officers are accused only with an operation after them, or charged.',
    re: String.raw`^({words})$`,
    words: 'agents? | officers? | operatives?',
    examples: [
      {
        text: 'FBI agents investigated a series of cyberattacks against a congressional campaign in California.',
        claims: [],
      },
      {
        text: 'Prosecutors said FSB officers hacked the email accounts of journalists.',
        claims: ['∅ → FSB'],
      },
    ],
  },
  notAsserted: {
    means: '"…whether a foreign ministry was behind it", "if Russia hacked…": not asserted.',
    re: String.raw`^(whether|if)$`,
    examples: [
      {
        text: 'Officials said they were examining whether Russia hacked the water utility last month.',
        claims: [],
      },
    ],
  },
  hypotheticalModifier: {
    means:
      '"possible U.S. cyberattacks", "any future Chinese hacking": a hypothetical, not a claim.',
    re: String.raw`^({words})$`,
    words: String.raw`
      possible | potential | future | hypothetical | any | prospective | imagined | eventual
    `,
    examples: [
      {
        text: 'The drill prepared hospitals for possible Chinese cyberattacks on their networks.',
        claims: [],
      },
    ],
  },
  notAHackerAfterBased: {
    means:
      '"a China-based government contractor" only locates: these nouns after "-based" accuse no one.',
    re: String.raw`^(government|state|services?)$`,
    examples: [
      {
        text: 'A China-based government contractor said its servers were breached last week.',
        claims: [],
      },
    ],
  },
  operationVerbBefore: {
    means: '"hackers targeting U.S. campaigns": the object of an operation verb is its target.',
    re: String.raw`^({words})$`,
    words: String.raw`
      targeting | targeted | attacking | attacked | hitting | breaching | breached | infiltrating
      infiltrated | compromising | compromised | penetrating | penetrated | hacked | hacking
      hijacked | defaced
    `,
    examples: [
      {
        text: 'Microsoft said hackers targeting Israeli companies used a new wiper.',
        claims: [],
      },
      {
        // The victim's own cyber unit, owned by the object of the verb.
        text: "Officials in Seoul said North Korea appears to have hacked South Korea's cyber command.",
        claims: ['South Korea → North Korea'],
      },
    ],
  },
  itWorkers: {
    means: '"North Korean IT workers" who hack for their state.',
    re: String.raw`^({words})$`,
    words: String.raw`
      it | tech | remote | software
    `,
    examples: [
      {
        text: 'According to the Justice Department, North Korean IT workers hacked crypto firms to fund weapons programs.',
        claims: ['Department of Justice → North Korea'],
      },
    ],
  },
  capabilityModal: {
    means: '"Chinese hackers could in theory disrupt pipelines": a capability, not an operation.',
    re: String.raw`^({words})$`,
    words: String.raw`
      could | would | might | can
    `,
    examples: [
      {
        text: 'Officials said Chinese hackers could disrupt pipelines in a crisis.',
        claims: [],
      },
    ],
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
    examples: [
      {
        text: 'A Chinese cyber emergency response team said the breach at its universities came from the United States.',
        claims: ['China → United States'],
      },
    ],
  },
  governmentNoun: {
    means: '"Chinese government", "Russian state": a state noun that speaks unless hackers follow.',
    re: String.raw`^({words})$`,
    words: String.raw`
      government | state | military | intelligence | services? | regime
    `,
    examples: [
      {
        text: 'The Chinese government said American hackers broke into its satellite network.',
        claims: ['China → United States'],
      },
    ],
  },
  governmentHackers: {
    means: '"Chinese government hackers", "Russian state actors": the state noun names hackers.',
    re: String.raw`^({words})$`,
    words: String.raw`
      hackers? | hacking | cyber(?!security)\w* | spies | operatives | actors? | groups? | units?
      agents?
    `,
    examples: [
      {
        text: 'Mandiant said Chinese government hackers broke into the networks of a defence supplier.',
        claims: ['Mandiant → China'],
      },
    ],
  },
  servicesNoun: {
    means:
      '"Russian intelligence services", "military intelligence officers": accused only with an operation after them.',
    re: String.raw`^({words})$`,
    words: String.raw`
      services? | agency | agencies | officers
    `,
    examples: [
      {
        text: "Russian intelligence services said they had uncovered a hacking plot against the Kremlin's servers.",
        claims: [],
      },
    ],
  },
  servicesOperation: {
    means:
      '"Russian intelligence services were behind…": the services named as the doer of an operation.',
    re: String.raw`^(?:(?:were|was|are|is|have been|has been|had been|also|allegedly|likely|probably|successfully|secretly) )*(?:{words})\b`,
    words: String.raw`
      behind | responsible | hacked | breached | targeted | attacked | carried out | conducted
      launched | orchestrated | infiltrated | compromised | stole | deployed | directed
      spying | spied | sabotaged | disrupted | defaced | hacking | eavesdropped | eavesdropping
      wiretapp\w+ | leaked | planted | installed
    `,
    examples: [
      {
        text: 'Britain said Russian intelligence services were behind the hacking of its election commission.',
        claims: ['United Kingdom → Russia'],
      },
    ],
  },
  militaryNext: {
    means:
      '"Russian military hackers", "Russian military intelligence was…": the word after "military" or "intelligence" that makes it a doer ("Ukrainian military forums" only describe).',
    re: String.raw`^(hackers?|hacking|cyber\w*|spies|spy|operatives|units?|intelligence|directorate|-|and|or|was|is|were|are|has|had|have|had|carried|conducted|launched|hacked|targeted|breached|stole|deployed|used|behind|for|in|of|to|)$`,
    examples: [
      {
        text: 'Britain said Russian military intelligence was behind the hacking of the anti-doping agency.',
        claims: ['United Kingdom → Russia'],
      },
    ],
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
    examples: [
      {
        text: "Seoul's hacking probe found that the bank's servers had been wiped.",
        claims: [],
      },
    ],
  },
});
