/**
 * Role frames that read the words before a state or organ: "hackers working for …", "linked to …", "blamed …", "developed by …".
 */
import { definePatterns } from './format';

export const CONTEXT = definePatterns('roles', 'frame', {
  linkedActorVerb: {
    means:
      '"Microsoft has linked Cotton Sandstorm to Iran\'s Revolutionary Guard": the verb before the group that ties it to its owner.',
    re: String.raw`^({words})$`,
    words: String.raw`
      linked | links | tied | ties | connected | connects | attributed | attributes | traced
      traces | pinned
    `,
    examples: [
      {
        text: "Microsoft has linked Cotton Sandstorm to Iran's Revolutionary Guard.",
        claims: ['Microsoft → Emennet Pasargad'],
        country: 'Emennet Pasargad: IR',
      },
    ],
  },
  attributedRemarks: {
    means: '"false remarks attributed to Qatar\'s ruler": words put in a mouth, not an operation.',
    re: String.raw`\b(?:{words})\s+(?:\w+\s+){0,2}attributed\s+to\s+(?:the\s+)?$`,
    words: String.raw`
      remarks | quotes? | quotations | statements? | comments? | words | posts? | messages?
      articles? | letters? | speech(?:es)? | tweets?
    `,
    flags: 'i',
    examples: [
      {
        text: "Qatar said hackers planted false remarks attributed to Qatar's emir on the state news agency's website.",
        claims: [],
      },
    ],
  },
  tiedTo: {
    means:
      '"linked to", "attributed the attack to", "pinned the hack on": the party the operation is tied to.',
    re: String.raw`\b({words}) (?:it |them |this |the (?:attack|hack|breach|intrusion|campaign|operation|incident) )?(?:back )?(?:to|on|at)(?: the)?$`,
    words: String.raw`
      linked | linking | tied | tying | connected | connecting | attributed | attributing | traced
      tracing | pinned | pinning | blamed | blaming | pointing | points | pointed | attribute
      link | ties | tie | links
    `,
    examples: [
      {
        text: 'Investigators linked the intrusion to China, officials said.',
        claims: ['∅ → China'],
      },
    ],
  },
  sponsoredBy: {
    means:
      '"backed by", "run by": sponsorship, an accusation only when what is sponsored is hackers or an operation.',
    re: String.raw`\b(?:{words}) by(?: the)?$`,
    words: String.raw`
      backed | sponsored | supported | funded | run | controlled | directed
    `,
    examples: [
      {
        text: 'Ransomware hit three hospitals last year.\n\nA training programme for hospital staff was backed by the White House.',
        claims: [],
      },
    ],
  },
  sponsoredWho: {
    means: '"…which are backed by", "hackers backed by": who is sponsored.',
    re: String.raw`^({words})$`,
    words: String.raw`
      it | they | them | which | who
    `,
    examples: [
      {
        text: 'The intrusions were carried out by a crew which was backed by Iran, the FBI said.',
        claims: ['FBI → Iran'],
      },
    ],
  },
  institutionPart: {
    means:
      '"the Canadian Centre for Cyber Security, part of the Communications Security Establishment": an institution\'s place in its government.',
    re: String.raw`\b(?:{words})\s*(?:\([^()]{1,15}\)\s*)?,?\s*(?:which is\s+)?part of\s+(?:the\s+)?$`,
    words: String.raw`
      Security | Centre | Center | Agency | Office | Department | Ministry | Bureau | Directorate
      Service | Services | Authority | Commission | Council | Institute | Police | Command
    `,
    examples: [
      {
        text: 'The Canadian Centre for Cyber Security, part of the Communications Security Establishment, said Chinese hackers targeted federal departments.',
        claims: ['CSE → China'],
      },
    ],
  },
  helpToInquiry: {
    means:
      '"evidence gathered by Albanian investigators, with help from NATO allies": help given to an inquiry, not to an operation.',
    re: String.raw`\b(?:{words})\b[^.;]{0,60}?\b(?:with (?:the )?help (?:from|of)|with (?:the )?support (?:from|of)|helped by|aided by|assisted by|supported by)\s+(?:the\s+)?$`,
    words: String.raw`
      investigat\w+ | evidence | inquir\w+ | probe | analys\w+ | forensic\w* | responders?
      defenders? | authorities | police | prosecutors
    `,
    flags: 'i',
    examples: [
      {
        text: 'Albania blamed Iran for the cyberattack. Evidence gathered by Albanian investigators, with help from NATO allies, pointed to operators working for Iran.',
        claims: ['Albania → Iran'],
      },
    ],
  },
  agentOf: {
    means:
      '"hackers working for", "on behalf of", "a unit of", "on orders from": the party an operation is done for.',
    re: String.raw`\b({words})(?: the)?$`,
    words: String.raw`
      (?:hacking|cyber|espionage|offensive|covert|intrusion|influence) (?:operations?|campaigns?|activities|programs?|programmes?) of
      with help from | with the help of | with support from | with the support of | helped by
      aided by | assisted by | supported by | provided by | in league with | members of
      member of | officers of | officers from | operatives of | agents of | hackers from
      hackers of | operatives from | agents from | actors from | spies from | attackers from
      intruders from | crews? from | gangs? from | groups? from | units? from | teams? from
      hackers in | operatives in | hackers based in | a unit of | units of | an arm of
      with (?:close |direct |deep |strong )?(?:connections|ties|links) to
      the arm of | branch of | working for | work for | works for | worked for | front company of
      front companies of | a front for | fronts for | employed by | hired by | contracted by
      on the payroll of | at the direction of | at the behest of | under the direction of
      for the benefit of | at the request of | backed by | sponsored by | run by | controlled by
      directed by | on behalf of | acting for | tasked by | part of | belongs to | belong to
      associated with | affiliated with | aligned with | loyal to | serving | operating for
      operating from | operating out of | on orders from | on the orders of | on orders of
      under orders from | taking orders from | operate from | operates from | operated from
      operate out of | operates out of | based out of | working out of | run from | run out of
    `,
    examples: [
      {
        text: 'Prosecutors said the hackers were working for Russia when they stole the research.',
        claims: ['∅ → Russia'],
      },
    ],
  },
  byAgent: {
    means:
      '"defaced by Bangladeshi hackers", "targeted by attacks from China", "cyberattacks by GCHQ": the agent of an operation.',
    re: String.raw`\b(?:(?:{words}) by|(?:attacks?|cyberattacks?|cyber attacks?|intrusions?|hacking) from)(?: the)?$`,
    words: String.raw`
      hacked | defaced | attacked | targeted | breached | compromised | infiltrated | hijacked
      taken over | jammed | disrupted | leaked | stolen | wiped | attacks? | cyberattacks?
      cyber attacks? | intrusions? | hacking | operations?
    `,
    examples: [
      {
        text: 'Dozens of Israeli websites were defaced by Bangladesh on Monday, the cyber directorate said.',
        claims: ['∅ → Bangladesh'],
      },
      {
        text: 'Belgian officials said government computer networks were targeted by attacks from China.',
        claims: ['Belgium → China'],
      },
    ],
  },
  operatesFrom: {
    means:
      '"a group that appears to operate out of the Jiangsu province in China", "hackers based in Chengdu, China": where the operators are.',
    re: String.raw`\b(?:operat\w*|based|located|headquartered) (?:out of|from|in) (?:the )?(?:[\w-]+ ){1,3}?(?:province |city |region |area )?(?:in |, )?$`,
    flags: 'i',
    examples: [
      {
        text: 'Researchers said the espionage group appears to operate out of the Jiangsu province in China and has hacked defence firms.',
        claims: ['∅ → China'],
      },
    ],
  },
  usedBy: {
    means:
      '"a spy tool … was used by Ethiopian government agencies to spy on dissidents": the user of a tool for an operation.',
    re: String.raw`\bused by(?: the)?$`,
    examples: [
      {
        text: 'Researchers said the spyware was used by Ethiopian government agencies to spy on dissidents abroad.',
        claims: ['∅ → Ethiopia'],
      },
    ],
  },
  origin: {
    means: '"originated in", "launched from", "conducted by": where an operation came from.',
    re: String.raw`\b({words}) (?:from|in|out of|by)(?: the)?$`,
    words: String.raw`
      originat\w* | came | coming | emanat\w* | launched | stemm\w* | sourced | conducted
      carried out | orchestrated | directed | ordered
    `,
    examples: [
      {
        text: 'Officials said the ransomware attack on the port had been launched from North Korea.',
        claims: ['∅ → North Korea'],
      },
    ],
  },
  madeBy: {
    means: '"the worm was built by Unit 8200": an operation made by a state.',
    re: String.raw`\b(?:{words}) by(?: the)?$`,
    words: String.raw`
      developed | built | created | designed | written | engineered | planted | launched
      masterminded | devised | operated
    `,
    examples: [
      {
        text: 'The computer worm that sabotaged the centrifuges was built by the National Security Agency, officials said.',
        claims: ['∅ → NSA'],
      },
    ],
  },
  madeWhat: {
    means:
      'The last operation or tool named before "developed by": an operation accuses its maker, a tool does not.',
    re: String.raw`\b({words})\b(?![^.;]*\b(?:worm|operation|attack|attacks|cyberattacks?|campaign|cyberweapons?|virus|sabotage|intrusions?|hack|breach|exploit|exploits|tool|tools|vulnerabilit\w+|software|program|app|spyware)\b)`,
    words: String.raw`
      worm | operation | attack | attacks | cyberattacks? | campaign | cyberweapons? | virus
      sabotage | intrusions? | hack | breach | exploit | exploits | tool | tools | vulnerabilit\w+
      software | program | app | spyware
    `,
    flags: 'i',
    examples: [
      {
        text: 'The computer worm that sabotaged the centrifuges was built by the National Security Agency, officials said.',
        claims: ['∅ → NSA'],
      },
    ],
  },
  madeTool: {
    means: 'Tools, not operations: "an exploit developed by the NSA" accuses no one.',
    re: String.raw`^({words})$`,
    words: String.raw`
      exploits? | tools? | vulnerabilit\w+ | software | program | app | spyware
    `,
    flags: 'i',
    examples: [
      {
        text: 'The hackers used an exploit developed by the National Security Agency that had leaked online.',
        claims: [],
      },
    ],
  },
  doneFor: {
    means:
      '"hacked email accounts to order for China\'s Ministry of Public Security": done for an organ.',
    re: String.raw`\b(?:for|to order for|at the request of)$`,
    examples: [
      {
        text: "Prosecutors said the contractors hacked email accounts to order for China's Ministry of Public Security.",
        claims: ['∅ → Ministry of Public Security'],
      },
    ],
  },
  doneForOperation: {
    means: 'An operation named before "for <organ>".',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      hack\w* | breach\w* | stole | steal\w* | spied | spying | intrusions? | broke into
      infiltrat\w+ | compromis\w+ | espionage
    `,
    flags: 'i',
    examples: [
      {
        text: "Prosecutors said the contractors hacked email accounts to order for China's Ministry of Public Security.",
        claims: ['∅ → Ministry of Public Security'],
      },
    ],
  },
  chargedPeople: {
    means:
      '"charging two Russian nationals with hacking": people of a state charged over an operation.',
    re: String.raw`^({words})$`,
    words: String.raw`
      nationals? | citizens? | men | man | women | woman | officers? | officials? | individuals?
      residents? | businessm[ae]n | programmers? | suspects? | operatives? | agents?
    `,
    examples: [
      {
        text: 'The Justice Department charged three Iranian nationals with hacking the campaign.',
        claims: ['Department of Justice → Iran'],
      },
    ],
  },
  chargedSubject: {
    means:
      '"Palestinian charged for helping a group break into Israeli drones", "Russian indicted over…": a demonym used as a noun, charged.',
    re: String.raw`^({words})$`,
    words: 'charged | indicted | arrested | convicted | sentenced | jailed | extradited',
    examples: [
      {
        text: 'Palestinian charged for helping a militant group hack into Israeli drone feeds, prosecutors said.',
        claims: ['∅ → Palestine'],
      },
    ],
  },
  cutTies: {
    means:
      '"Albania cut diplomatic ties with Iran over a July cyberattack": a state answered for one.',
    re: String.raw`\b(?:{words}) (?:off )?(?:all )?(?:diplomatic )?(?:ties|relations) with(?: the)?$`,
    words: String.raw`
      cut | cuts | severed | severs | broke | broken | suspended | downgraded | downgrades
    `,
    examples: [
      {
        text: 'Albania cut diplomatic ties with Iran over a cyberattack that disrupted government websites.',
        claims: ['Albania → Iran'],
      },
    ],
  },
  cutTiesOver: {
    means: 'The cyber reason given for cutting ties.',
    re: String.raw`^[^.;]{0,40}?\b(?:{words})\b[^.;]{0,60}?\b(?:cyber\w*|hack\w*|breach\w*)`,
    words: String.raw`
      over | after | in response to | because of
    `,
    flags: 'i',
    examples: [
      {
        text: 'Albania cut diplomatic ties with Iran over a cyberattack that disrupted government websites.',
        claims: ['Albania → Iran'],
      },
    ],
  },
  accusationVerb: {
    means: '"blamed China", "accused Russia of": the object of an accusation verb.',
    re: String.raw`^({words})$`,
    words: String.raw`
      blamed | blames | blame | blaming | accused | accuses | accuse | accusing | implicated
      implicates | named | names | fingered | sanctioned | sanctions | indicted | charged
      condemned | condemns | denounced | exposed | suspects? | suspected | singled
    `,
    examples: [
      {
        text: 'The German government blamed Russia for the hacking of the parliament.',
        claims: ['Germany → Russia'],
      },
    ],
  },
  bareAccusation: {
    means:
      '"Latvia accused Russia, but…": an accusation with nothing after its object, in a sentence that speaks of the operation itself.',
    re: String.raw`^\s*(?:[,;.]|$|\s+(?:but|though|although|while|yet)\b)`,
    examples: [
      {
        text: 'Bank websites in Riga went dark under a flood of junk traffic. Latvia accused Russia, but IT specialists said the traffic came from many countries.',
        claims: ['Latvia → Russia'],
      },
    ],
  },
  digitalSpying: {
    means: '"accused Russia of digital espionage": cyber wording in other words.',
    re: String.raw`^[^.;]{0,60}\b(?:digital|online|electronic) (?:{words})`,
    words: String.raw`
      spy\w* | espionage | theft | surveillance
    `,
    flags: 'i',
    examples: [
      {
        text: "Czech officials said hackers breached the foreign ministry's email servers.\n\nThe Czech government accused China of digital espionage against its diplomats.",
        claims: ['Czech Republic → China'],
      },
    ],
  },
  linkingVerb: {
    means: '"…technical information linking the GRU to the attacks".',
    re: String.raw`^({words})$`,
    words: String.raw`
      linking | linked | links | tying | tied | ties | connecting | connected | attributing
    `,
    examples: [
      {
        text: 'The report cited technical information linking the GRU to the cyberattacks on the stadium.',
        claims: ['∅ → GRU'],
      },
    ],
  },
  accusationAgainst: {
    means: '"accusations against the U.S.", "pointed the finger at Iran".',
    re: String.raw`^({words})$`,
    words: String.raw`
      accusations? | allegations? | charges? | claims? | finger | blame | case
      counter-accusations?
    `,
    examples: [
      {
        text: 'The FBI leveled accusations against Iran over the hack of the campaign.',
        claims: ['FBI → Iran'],
      },
    ],
  },
});
