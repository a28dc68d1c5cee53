/**
 * Response patterns: denials, acknowledgements, claims of responsibility, and who answers.
 */
import { definePatterns } from './format';

export const RESPONSES = definePatterns('responses', '', {
  earlierAccusation: {
    means:
      '"The report comes a month after Washington accused Chinese hackers…": an accusation the story dates before the one it reports answers nothing in it.',
    re: String.raw`\b(?:comes?|came|follows?|followed|arrives?|arrived)\b[^.;]{0,40}?\b(?:after|on the heels of)\b[^.;]{0,60}?\b(?:accused|blamed|charged|named|sanctioned)\b`,
    flags: 'i',
    examples: [
      {
        text: "China's cyber agency said the NSA hacked a university in Xi'an. The report comes a month after Washington accused Chinese hackers of breaching U.S. telecoms.",
        claims: ['China → NSA', 'United States → China'],
        responses: [],
      },
    ],
  },
  denialCue: {
    means:
      'Denial wording: "denied", "groundless", "fabricated", "has nothing to do with", "smear", "witch hunt".',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      den(?:y|ied|ies|ying|ial|ials) | reject(?:ed|s|ing)? | dismiss(?:ed|es|ing)?
      rebuff(?:ed|s)? | refut\w+ | repudiat\w+ | pushed back | push back | hit back
      firmly oppos\w+ | oppos(?:es|ed) (?:all forms|any form|hacking|cyber ?attacks)
      groundless\w* | baseless | unfounded
      without (?:any )?(?:factual |legal |real |solid )?(?:foundation|basis|justification|grounds)
      (?:prohibits?|bans?|forbids?|outlaws?) (?:all |any )?(?:forms? of )?(?:hacking|cyber ?attacks?|cyber ?crimes?)
      (?:is|are|was|were|be|being) (?:simply |absolutely |completely |entirely )?not true
      (?:do|does|did)(?:n't| not) hold water | (?:played|plays|play|had|has|have) no (?:part|hand)
      (?:does|do|did)(?: not|n't) (?:interfere|meddle) | never (?:interfered|meddled)
      victims?,? (?:and )?not (?:the |a )?(?:perpetrators?|attackers?|aggressors?|culprits?)
      (?:is|are|was|were|remains?|stands?) (?:\w+ )?(?:against|opposed to) (?:all |any )?(?:forms? of )?(?:hacking|cyber ?attacks?)
      smear\w* | slander\w*
      fabricat\w+(?! (?:videos?|images?|photos?|content|stories|story|articles?|news|documents?|quotes?|accounts?|personas?|websites?|sites?|recordings?|audio|footage|posts?|messages?|e-?mails?|profiles?|identit\w+))
      neither (?:the |any )?\w+ nor (?:the |any )?\w+ to (?:interfer|meddl|hack|attack|launch|conduct|target|carry)\w*
      neither \w+ nor \w+ (?:any )?(?:\w+ )?(?:involvement|role|part|interest|intention|intent|motive|desire|plans?)
      (?:got|get|gotten|have) it (?:all )?wrong
      (?:the )?wrong (?:man|person|guy|individual|suspect) | mistaken identity
      fantas(?:y|ies)(?! (?:wiper|malware|ransomware)) | absurd\w* | nonsense
      politically (?:motivated|charged) | politici[sz]\w+ | tarnish\w* | denigrat\w+
      demoni[sz]\w+ | vilif\w+ | disinformation | misleading information | russophob\w*
      sinophob\w* | hysteria | spy ?mania | witch ?hunt | provocation
      false (?:accusations?|claims?|allegations?) | unsubstantiated | unscientific | irresponsible
      counterproductive
      no (?:basis|grounds|connection|involvement|role|link|evidence to support)
      not (?:involved|responsible) | had nothing to do | has nothing to do | have nothing to do
      never (?:engaged|conducted|carried out|been involved|supported|sponsored|condoned)
      (?:does|do|did) not (?:engage|conduct|support|carry out|tolerate) (?:in )?(?:any )?(?:hacking|cyber\w*)
      itself (?:a |the )?(?:major |leading |main |frequent |biggest |primary )?(?:victim|target)s?
      (?:is|are|was|has been) (?:also |often |itself |the |a |one of the )*(?:major |main |biggest |frequent |largest |primary |leading )?victims? of (?:hacking|cyber\w*)
      political manipulation | politici[sz]ation | unwarranted | defam\w+ | not worth refuting
      (?:reports?|claims?|allegations?|accusations?|charges?) (?:as |were |was |is |are )?(?:false|untrue|wrong|inaccurate|unprofessional)
      (?:malicious )?(?:hype|hyping|speculation) | lies | fiction | show (?:us )?the evidence
      produce (?:the )?evidence | not based on (?:facts|evidence) | unjustified
      wild (?:guess\w*|accusations?) | blame game | cold war mentality
      stop (?:slander\w*|smear\w*|accusing|spreading) | cast\w* aspersions | no knowledge
      knows nothing | categorically | slanderous | malicious (?:accusations?|claims?|allegations?)
      fake news | concoct\w+ | trumped-up | far-fetched | ridiculous | preposterous | invented
      made[- ]up | a lie | rubbish | hoax | conspiracy theor\w+ | mccarthy\w* | laughed off
      scoffed | ridiculed | shrugged off | brushed (?:off|aside) | refused to accept
      (?:denounc|condemn)\w* (?:the |these |such |those )?(?:accusations?|allegations?|claims?|charges?|reports?)
      lodged (?:a |solemn |stern |strong )*(?:representations|protests?) | strong dissatisfaction
      firm opposition | anti-(?:china|chinese|russia|russian|iran|iranian)
      not worth (?:commenting|a response) | no question of (?:any )?(?:\w+ ){0,2}involvement
      no (?:motive|intention|intent|interest|desire|reason) (?:or (?:\w+ )?\w+ )?(?:to|in|for) (?:interfer|meddl|hack|attack|launch|conduct|target|carry)\w*
      neither (?:starts|launches|conducts|initiates|wages|engages|carries out|supports)
      disavow\w* | distanc\w+ (?:itself|themselves|himself|herself) from
      (?:resolutely|strongly|categorically) (?:oppos\w+|reject\w+)
      (?:combat\w*|crack\w* down on|fights?|fought|opposes?|opposed)(?: and (?:\w+ ){1,2})? (?:against )?(?:all|any) (?:forms?|kinds?|types?) of (?:hacking|cyber\w*)
      politically[- ]driven
      political (?:stunt|theatre|theater|purposes|motives|games?|tool|manipulation)
      (?:another|pure|a|an|typical) (?:anti-\w+ )?fakes?\b(?! (?:accounts?|personas?|news|profiles?|websites?|sites?|pages?|identit\w+))
      farce | paranoi\w+ | insinuation\w* | fairy[- ]tales? | libel\w* | ungrounded
      not (?:supported|backed) by (?:any )?(?:facts|evidence|proof)
      lacks? (?:any )?(?:factual )?basis | false[- ]flag | scapegoat\w*
      (?:is|was|were|are|being) framed
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Russian hackers breached the water utility.\n\nMoscow called the claims "fantasies."',
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
  responsibilityCue: {
    means:
      'A claim of responsibility: "claimed responsibility", "took credit", "posted … on its leak site".',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      claim(?:ed|s|ing)? (?:responsibility|credit) | took (?:responsibility|credit)
      takes? (?:responsibility|credit)
      posted [^.]{0,80}?(?:leak|extortion|dark ?web) (?:site|portal|blog)
      listed [^.]{0,80}? on its (?:leak|extortion|dark ?web) (?:site|portal|blog)
      added [^.]{0,80}? to its (?:leak|extortion) (?:site|portal|blog)
      said it (?:was|had been) behind
      said (?:on its [^.]{0,40}?(?:site|channel|blog|account|portal) )?(?:that )?it had (?:hacked|breached|attacked|carried out|stolen|encrypted|taken down|knocked)
      boasted | bragged
    `,
    flags: 'i',
    examples: [
      {
        text: 'The ransomware gang Akira claimed responsibility for the attack on its dark web leak site.',
        claims: ['∅ → Akira'],
        responses: ['Akira ← claim-of-responsibility'],
      },
    ],
  },
  ackCue: {
    means: 'An acknowledgement: "acknowledged", "admitted", "confirmed it was".',
    re: String.raw`\b(acknowledg\w+|admitt?\w*|confirmed (?:it|that it) (?:was|had))\b`,
    flags: 'i',
    examples: [
      {
        text: "Researchers said Israel was behind the cyberattack on Iran's fuel stations.\n\nIsraeli officials acknowledged the operation.",
        claims: ['∅ → Israel'],
        responses: ['Israel ← acknowledgement'],
      },
    ],
  },
  negatedAck: {
    means: '"has never acknowledged", "declined to admit": not an acknowledgement.',
    re: String.raw`\b(?:{words})\b[^.]{0,25}\b(?:acknowledg|admit)`,
    words: String.raw`
      never | not | n't | no | without | refus\w+ to | declin\w+ to
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Russian hackers breached the water utility.\n\nRussia has never acknowledged any role in the hack.',
        claims: ['FBI → Russia'],
      },
    ],
  },
  responseVerb: {
    means: 'Verbs of answering an accusation: the speaker stands before them.',
    re: String.raw`^({words})$`,
    words: String.raw`
      denied | denies | deny | rejected | rejects | dismissed | dismisses | called | calls
      rebuffed | refuted | slammed | condemned | insisted | countered | responded | replied | hit
      pushed | urged
    `,
    examples: [
      {
        text: 'The FBI said Russian hackers breached the water utility.\n\nRussia rejected the accusation.',
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
  denyVerb: {
    means: 'Verbs that are themselves a denial: their subject is the responder.',
    re: String.raw`^({words})$`,
    words: String.raw`
      denied | denies | deny | denying | rejected | rejects | reject | rejecting | dismissed
      dismisses | dismiss | rebuffed | rebuffs | refuted | refutes | repudiated | repudiates
    `,
    examples: [
      {
        text: 'The FBI said Russian hackers breached the water utility.\n\nRussia denied any role in the hack.',
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
  responderRoleWord: {
    means:
      'A role noun after a party\'s name: "the Chinese embassy", "Russia\'s foreign ministry".',
    re: String.raw`^({words})$`,
    words: String.raw`
      embassy | ministry | foreign | mission | government | officials?
      spokes(?:man|woman|person) | authorities | consulate | ambassador | envoy | diplomats?
      delegation | cabinet | leadership | state | president | presidential | leader
    `,
    examples: [
      {
        text: "The FBI said Russian hackers breached the water utility.\n\nRussia's embassy in London called the claims another anti-Russian fake.",
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
  roleBefore: {
    means:
      'A role before a party: "a spokesperson for the Chinese embassy", "an official at Iran\'s mission".',
    re: String.raw`\b(?:{words}) (?:for|of|at|from) (?:the )?$`,
    words: String.raw`
      spokes(?:man|woman|person) | official | officials | representative | envoy | ambassador
      minister | diplomat | press secretary | statement | members? | administrators? | operators?
    `,
    flags: 'i',
    examples: [
      {
        text: "The FBI said Russian hackers breached the water utility.\n\nA spokesman for Russia's foreign ministry said the report did not hold water.",
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
  groupVoice: {
    means:
      'A group referred back to as the one answering: "the gang said…", "a spokesperson for the group".',
    re: String.raw`\b(?:the|a|an) (?:(?:ransomware|hacking|hacker|hacktivist|extortion|cybercrime) )?(?:group|gang|hackers|crew|collective|operators|syndicate|outfit)(?:'s)? (?:spokes\w+ |representative |administrator |operator |members? )?(?:\w+ly |later |also |then |previously |initially |quickly |soon )?(?:{words})\b|\b(?:spokes(?:man|woman|person)|representative|administrator|member|operator)s? (?:for|of) the (?:group|gang|hackers|crew|collective)\b`,
    words: String.raw`
      said | says | told | wrote | posted | claimed | insisted | denied | denies | rejected
      dismissed | responded | replied | stated | added | argued
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said the LockBit gang hit the hospital.\n\nThe gang said it had nothing to do with the attack.',
        claims: ['FBI → LockBit'],
        responses: ['LockBit ← denial'],
      },
    ],
  },
  notInvolved: {
    means: 'A negated involvement: its subject is the party that denies.',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      (?:was|were|is|are|had been|has been|have been) not (?:behind|involved|responsible)
      (?:had|has|have|did|does|do) not (?:carried out|carry out|conducted|conduct|launched|launch|hacked|hack|attacked|attack|breached|breach|targeted|target|been involved|engaged|engage)
      (?:had|has|have) nothing to do
      (?:has|had|have) no (?:involvement|role|connection|link|motive|intention)
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Russian hackers breached the water utility.\n\nA Russian official said the country was not behind the hack.',
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
  notADenial: {
    means: 'Uses of denial words that are not an answer to an accusation.',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      denials?[- ]of[- ]service | neither confirm(?:ed|s)? nor den(?:y|ied|ies)
      (?:did|does|do|has|have|had|would|will|could) not (?:immediately )?(?:confirm or )?den(?:y|ied)
      never denied | not denying
      den(?:y|ied|ies|ying) (?:\w+ ){0,2}(?:access|entry|bail|visas?|permission|requests?)
      rejected (?:\w+ ){0,2}(?:ransom|demands?|payment|offer|bid|applications?)
      dismissed (?:\w+ ){0,2}(?:employees|staff|workers|from (?:his|her|their) (?:post|job)s?)
      dismissal
    `,
    flags: 'gi',
    examples: [
      {
        text: 'The FBI said Russian hackers breached the water utility.\n\nThe Kremlin neither confirmed nor denied the report.',
        claims: ['FBI → Russia'],
      },
    ],
  },
  bareRoleVoice: {
    means:
      'A diplomatic role speaking with no state named: "the embassy said", "a ministry spokesman told".',
    re: String.raw`(?:^|["”’]\s*|,\s*)(?:the|a|an|its)\s+(?:[\w-]+\s+)?(?:embassy|foreign ministry|ministry|spokes(?:man|woman|person)|mission|consulate|ambassador|envoy)\b(?:\s+[\w-]+){0,4}?\s+(?:{words})\b`,
    words: String.raw`
      said | says | added | stated | told | wrote | called | described | rejected | denied
      dismissed
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Chinese hackers breached U.S. telecom firms.\n\n"We urge the U.S. side to stop its groundless smears," the embassy said.',
        claims: ['FBI → China'],
        responses: ['China ← denial'],
      },
    ],
  },
  responderRole: {
    means: 'A responder named by role only.',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      spokes(?:man|woman|person) | ministry | embassy | official | officials | minister
      ambassador | envoy | diplomat | government | kremlin | statement
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Chinese hackers breached U.S. telecom firms.\n\nThe embassy said China was itself a major victim of cyberattacks.',
        claims: ['FBI → China'],
        responses: ['China ← denial'],
      },
    ],
  },
  ownAnswer: {
    means:
      '"DarkMatter has consistently denied…", "Positive Technologies said it rejected…": a party no list knows, answering for itself (read after its name).',
    re: String.raw`^(?:,[^,]{0,60},)?\s+(?:\w+\s+){0,4}?(?:{words})\b`,
    words: String.raw`
      denied | denies | rejected | rejects | dismissed | dismisses | said | says | told | called
      insisted | maintained | responded | wrote | posted
    `,
    examples: [
      {
        text: 'Researchers said the hacking unit was run by DarkMatter, an Abu Dhabi cybersecurity company, which spied on activists.\n\nDarkMatter has consistently denied taking part in offensive hacking.',
        claims: ['∅ → DarkMatter'],
        responses: ['DarkMatter ← denial'],
      },
    ],
  },
  rolePreposition: {
    means:
      '"accusations against China", "the embassy in Washington": a party after these words is not the one answering.',
    re: String.raw`^({words})$`,
    words: 'in | at | of | from | to | against | by | with | on | for',
    examples: [
      {
        text: "The FBI said Russian hackers breached the water utility.\n\nRussia's ambassador, asked about the accusations against Moscow, denied them.",
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
});
