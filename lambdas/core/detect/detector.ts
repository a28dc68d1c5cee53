/**
 * The rule-based attribution detector. For each sentence it finds the parties (gazetteer
 * mentions and "<demonym> hackers" phrases), decides who is accused (threat actors, objects of
 * accusation verbs, "<country>-linked hackers"), who accuses (subjects of speech and accusation
 * verbs, "according to …", "allegations from …"), the target and action, then merges sentence
 * findings into one claim per accuser → accused pair and attaches evidence, confidence, denials,
 * counter-accusations, claims of responsibility and the outlets cited.
 *
 * It implements {@link Detector}; the pipeline depends only on that interface.
 */
import type { Action, Claim, ClaimResponse, DetectResult, Party, PartyKind } from '../model';
import {
  type Entity,
  type Gazetteer,
  gazetteer as defaultGazetteer,
  type Mention,
  tokenize,
  type Token,
} from './gazetteer';
import { CYBER_CUE } from './lexicon';
import { paragraphs, sentences, stripComments } from './sentences';

export const DETECTOR_VERSION = 'rules-2';

export interface DetectInput {
  id?: string;
  text: string;
  title?: string;
}

/** The replaceable detection module: anything with a version and a `detect`. */
export interface Detector {
  readonly version: string;
  detect(input: DetectInput): DetectResult;
}

// ------------------------------------------------------------------ cue lists

/** Nouns that make a preceding country an accused actor: "Chinese hackers", "Russian military intelligence". */
const HACKER_NOUN =
  /^(hackers?|hacking|hacks?|cyber(?:attacks?|spies|spying|espionage|operations?|operatives|criminals?|army|armies|units?|warfare|actors?|hackers?|forces?|troops|command|intrusions?|campaigns?)?|attackers?|spies|operatives|intelligence|military|actors?|groups?|gangs?|apt|operators?|agents?|units?|cyberspies|cybercriminals?|criminals?|trolls?|intrusions?|campaigns?|operations?|cyberoperations?|cyberattacks?|attacks?|espionage|spying|threat|state|government|services?|regime|malware|ransomware|wipers?|interference|meddling|disinformation)$/;
/** Words that can sit between the country and the hacker noun: "Chinese state-sponsored hackers". */
const FILLER =
  /^(state|sponsored|backed|linked|affiliated|nexus|based|aligned|government|military|intelligence|-|and|or|nation|the|a|an|sophisticated|so-called|suspected|alleged|elite|notorious|prolific|hacking|cyber|spy|spying|advanced|persistent|threat|group|contract|contractor|freelance|private|it|tech|remote|mercenary|criminal|ransomware|digital|online|information|election)$/;
/** "<country>-linked": the country is tied to what follows. */
const LINK_SUFFIX =
  /^(linked|backed|sponsored|affiliated|nexus|based|aligned|connected|tied|directed|run|controlled|funded|supported|allied)$/;

const ACCUSE_VERB =
  /^(blam\w*|accus\w*|attribut\w*|alleg\w*|pinn\w*|pointed|point|points|implicat\w*|fingered|named|names|identified|identifies|link\w*|tied|ties|traced|traces|charged|charges|indict\w*|sanction\w*|connected|connects|suspect\w*|held|holds|condemn\w*|denounc\w*|called|calls|exposed|exposes)$/;
const SPEECH_VERB =
  /^(said|says|say|stated|states|told|tells|obtained|unsealed|filed|expelled|summoned|imposed|levied|announced|announces|alleged|alleges|accused|accuses|blamed|blames|attributed|attributes|assessed|assesses|assess|concluded|concludes|determined|determines|found|finds|believes?|believed|warned|warns|identified|identifies|named|names|linked|links|charged|charges|indicted|indicts|sanctioned|sanctions|confirmed|confirms|reported|reports|revealed|reveals|disclosed|discloses|claimed|claims|contend|contends|contended|argued|argues|argue|pointed|points|traced|traces|tracks|tracked|calls|called|described|describes|published|publishes|issued|issues|released|releases|wrote|writes|added|adds|suspects?|suspected|thinks?|thought|stressed|emphasized|insisted|noted|notes|asserted|asserts|maintained|maintains|tied|ties|connected|connects|exposed|exposes|condemned|condemns|denounced|denounces|formally|publicly|has|have|had|is|was|were|are)$/;
/** "after concluding that…", "saying that…": the subject speaks through a gerund. */
const GERUND_SPEECH =
  /^(concluding|saying|accusing|blaming|alleging|asserting|claiming|stating|announcing|charging|determining|finding|assessing|attributing|linking|naming|identifying|warning|arguing|insisting|noting|citing)$/;
const ACCUSER_NOUN =
  /^(panel|monitors|inspectors|officials?|authorities|government|administration|intelligence|prosecutors?|investigators?|lawmakers|diplomats?|ministry|embassy|spokesperson|spokesman|spokeswoman|agencies|agency|security|services?|police|military|researchers?|analysts?|experts?|team|centre|center|department|office|foreign|defen[cs]e|cert|cybersecurity|cyber|national|state|justice|treasury|regulators?|parliament|president|premier|minister|secretary|chancellor|leaders?|officers?|watchdog|council|commission|bureau|response|emergency|court|judge|director|head|chief|adviser|advisor|attorney|general)$/;

/** A capitalized word, as in a name: "Zhao", "Lijian". */
const CAP_WORD = /^\p{Lu}[\p{L}'’-]+$/u;
/** Verbs whose object is charged with an operation: "charging two Russian nationals with…". */
const CHARGE_VERB =
  /^(charged|charging|charges|indicted|indicting|indicts|sanctioned|sanctioning|sanctions|arrested|extradited|accused|accusing|named|naming|identified|identifying|convicted|sentenced|blamed|blaming)$/;

/** Words before an accuser noun: "Canada's signals intelligence agency", "South Korea's spy agency". */
const ACCUSER_ADJ =
  /^(signals|spy|deputy|prime|vice|acting|affairs|digital|development|economy|economic|trade|finance|public|safety|domestic|federal|top|senior|main|counterintelligence|counter|electronic|communications|interior|home|information|technical|computer|incident|coordination|cybercrime|crime|criminal|special|law|enforcement|homeland|joint|central|internal|external|electoral|election|data|protection)$/;

const DENIAL_CUE =
  /\b(den(?:y|ied|ies|ying|ial|ials)|reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|rebuff(?:ed|s)?|refut\w+|repudiat\w+|pushed back|push back|hit back|firmly oppos\w+|oppos(?:es|ed) (?:all forms|any form|hacking|cyber ?attacks)|groundless\w*|baseless|unfounded|without (?:any )?(?:factual |legal |real |solid )?(?:foundation|basis|justification|grounds)|(?:prohibits?|bans?|forbids?|outlaws?) (?:all |any )?(?:forms? of )?(?:hacking|cyber ?attacks?|cyber ?crimes?)|(?:is|are|was|were|be|being) (?:simply |absolutely |completely |entirely )?not true|(?:do|does|did)(?:n't| not) hold water|(?:played|plays|play|had|has|have) no (?:part|hand)|(?:does|do|did)(?: not|n't) (?:interfere|meddle)|never (?:interfered|meddled)|victims?,? (?:and )?not (?:the |a )?(?:perpetrators?|attackers?|aggressors?|culprits?)|(?:is|are|was|were|remains?|stands?) (?:\w+ )?(?:against|opposed to) (?:all |any )?(?:forms? of )?(?:hacking|cyber ?attacks?)|smear\w*|slander\w*|fabricat\w+(?! (?:videos?|images?|photos?|content|stories|story|articles?|news|documents?|quotes?|accounts?|personas?|websites?|sites?|recordings?|audio|footage|posts?|messages?|e-?mails?|profiles?|identit\w+))|neither (?:the |any )?\w+ nor (?:the |any )?\w+ to (?:interfer|meddl|hack|attack|launch|conduct|target|carry)\w*|neither \w+ nor \w+ (?:any )?(?:\w+ )?(?:involvement|role|part|interest|intention|intent|motive|desire|plans?)|(?:got|get|gotten|have) it (?:all )?wrong|(?:the )?wrong (?:man|person|guy|individual|suspect)|mistaken identity|fantas(?:y|ies)(?! (?:wiper|malware|ransomware))|absurd\w*|nonsense|politically (?:motivated|charged)|politici[sz]\w+|tarnish\w*|denigrat\w+|demoni[sz]\w+|vilif\w+|disinformation|misleading information|russophob\w*|sinophob\w*|hysteria|spy ?mania|witch ?hunt|provocation|false (?:accusations?|claims?|allegations?)|unsubstantiated|unscientific|irresponsible|counterproductive|no (?:basis|grounds|connection|involvement|role|link|evidence to support)|not (?:involved|responsible)|had nothing to do|has nothing to do|have nothing to do|never (?:engaged|conducted|carried out|been involved|supported|sponsored|condoned)|(?:does|do|did) not (?:engage|conduct|support|carry out|tolerate) (?:in )?(?:any )?(?:hacking|cyber\w*)|itself (?:a |the )?(?:major |leading |main |frequent |biggest |primary )?(?:victim|target)s?|(?:is|are|was|has been) (?:also |often |itself |the |a |one of the )*(?:major |main |biggest |frequent |largest |primary |leading )?victims? of (?:hacking|cyber\w*)|political manipulation|politici[sz]ation|unwarranted|defam\w+|not worth refuting|(?:reports?|claims?|allegations?|accusations?|charges?) (?:as |were |was |is |are )?(?:false|untrue|wrong|inaccurate|unprofessional)|(?:malicious )?(?:hype|hyping|speculation)|lies|fiction|show (?:us )?the evidence|produce (?:the )?evidence|not based on (?:facts|evidence)|unjustified|wild (?:guess\w*|accusations?)|blame game|cold war mentality|stop (?:slander\w*|smear\w*|accusing|spreading)|cast\w* aspersions|no knowledge|knows nothing|categorically|slanderous|malicious (?:accusations?|claims?|allegations?)|fake news|concoct\w+|trumped-up|far-fetched|ridiculous|preposterous|invented|made[- ]up|a lie|rubbish|hoax|conspiracy theor\w+|mccarthy\w*|laughed off|scoffed|ridiculed|shrugged off|brushed (?:off|aside)|refused to accept|(?:denounc|condemn)\w* (?:the |these |such |those )?(?:accusations?|allegations?|claims?|charges?|reports?)|lodged (?:a |solemn |stern |strong )*(?:representations|protests?)|strong dissatisfaction|firm opposition|anti-(?:china|chinese|russia|russian|iran|iranian)|not worth (?:commenting|a response)|no question of (?:any )?(?:\w+ ){0,2}involvement|no (?:motive|intention|intent|interest|desire|reason) (?:or (?:\w+ )?\w+ )?(?:to|in|for) (?:interfer|meddl|hack|attack|launch|conduct|target|carry)\w*|neither (?:starts|launches|conducts|initiates|wages|engages|carries out|supports)|disavow\w*|distanc\w+ (?:itself|themselves|himself|herself) from|(?:resolutely|strongly|categorically) (?:oppos\w+|reject\w+)|(?:combat\w*|crack\w* down on|fights?|fought|opposes?|opposed)(?: and (?:\w+ ){1,2})? (?:against )?(?:all|any) (?:forms?|kinds?|types?) of (?:hacking|cyber\w*)|politically[- ]driven|political (?:stunt|theatre|theater|purposes|motives|games?|tool|manipulation)|(?:another|pure|a|an|typical) (?:anti-\w+ )?fakes?\b(?! (?:accounts?|personas?|news|profiles?|websites?|sites?|pages?|identit\w+))|farce|paranoi\w+|insinuation\w*|fairy[- ]tales?|libel\w*|ungrounded|not (?:supported|backed) by (?:any )?(?:facts|evidence|proof)|lacks? (?:any )?(?:factual )?basis|false[- ]flag|scapegoat\w*|(?:is|was|were|are|being) framed)\b/i;
const RESPONSIBILITY_CUE =
  /\b(claim(?:ed|s|ing)? (?:responsibility|credit)|took (?:responsibility|credit)|takes? (?:responsibility|credit)|posted [^.]{0,80}?(?:leak|extortion|dark ?web) (?:site|portal|blog)|listed [^.]{0,80}? on its (?:leak|extortion|dark ?web) (?:site|portal|blog)|added [^.]{0,80}? to its (?:leak|extortion) (?:site|portal|blog)|said it (?:was|had been) behind|said (?:on its [^.]{0,40}?(?:site|channel|blog|account|portal) )?(?:that )?it had (?:hacked|breached|attacked|carried out|stolen|encrypted|taken down|knocked)|boasted|bragged)\b/i;
const NO_RESPONSIBILITY =
  /\b(no (?:group|one|gang|actor|hacker group)[^.]{0,40}(?:claimed|taken responsibility|has claimed)|not (?:yet )?(?:been )?(?:publicly )?(?:attributed|claimed)|has not (?:said|named|identified|disclosed) who|did not (?:say|name|identify|disclose) who|declined to (?:attribute|name|say who|comment on who)|unknown (?:attackers|hackers|actors)|unidentified (?:attackers|hackers|actors)|too early to (?:say|tell|attribute))\b/i;
const ACK_CUE = /\b(acknowledg\w+|admitt?\w*|confirmed (?:it|that it) (?:was|had))\b/i;
/** "has never acknowledged", "declined to admit": not an acknowledgement. */
const NEGATED_ACK =
  /\b(?:never|not|n't|no|without|refus\w+ to|declin\w+ to)\b[^.]{0,25}\b(?:acknowledg|admit)/i;
const HYPOTHETICAL =
  /^(if|should|imagine|suppose)\b|\?["'”’]?\s*$|\bwhether\b|\b(could|would) (?:hack|attack|target|breach|launch|cripple|disrupt)|\bwhat if\b|\bhypothetical\w*|\bscenarios?\b/i;
const HEDGE =
  /\b(suspected|suspects?|possibl[ey]|may|might|likely|probabl[ey]|believed|appears?|seem\w*|allegedly|reportedly|potential(?:ly)?|moderate confidence|low confidence|could be|tentative\w*)\b/i;
const FIRM =
  /\b(high confidence|formally|definitively|conclusively|confirmed|determined|concluded|officially|unequivocally|is responsible|was responsible|were responsible|has attributed|have attributed|indict\w+|charged|sanction\w+)\b/i;
const NOT_PROVIDED =
  /\b(?:(?:none of|no)\b[^.;]{0,40}\b(?:made public|released|published|provided|shared|presented|disclosed)\b[^.;]{0,30}\b(?:evidence|details|proof)|made (?:that |the |its |their |any )?(?:technical )?(?:evidence|proof) public|(?:gave|provided|offered|presented|released|published|shared) no (?:technical )?(?:details|evidence|proof)|(?:did|does|do|has|have|had) not (?:describe|detail|release|publish|share|disclose|give|provide|offer) (?:the |any |its |their |that )?(?:technical )?(?:details|evidence|proof)|(?:not|never|n't|yet to|failed to|declined to|refused to)\b[^.;]{0,30}?\b(?:provid|offer|present|shar|releas|publish|produc|show|giv|disclos|made public|make public|put forward|back(?:ed)? up|substantiat|lay out|laid out|set out|detail)\w*[^.;]{0,25}?\b(?:evidence|proof)|without (?:providing |offering |presenting |giving |citing |any |public )*(?:evidence|proof)|no (?:public |concrete |technical |hard |supporting )?(?:evidence|proof) (?:was|has been|had been|were) (?:provided|offered|released|presented|made public|given)|provided no (?:evidence|proof)|offered no (?:evidence|proof)|presented no (?:evidence|proof)|(?:shown|showed|produced|given|gave) no (?:public |concrete |hard |real )?(?:evidence|proof)|(?:lack|absence) of (?:public )?evidence|evidence (?:was|has been|had been) (?:not|never) (?:provided|released|made public))\b/i;
const PROVIDED =
  /\b(?:(?:internet|ip|internet protocol|network) addresses (?:registered to|tied to|linked to|traced to|belonging to|used by|associated with)|matching (?:internet protocol |ip |internet )?addresses|set out in detail|laid out in detail|detailed the (?:malware|tools|infrastructure|servers|techniques)|(?:extracted|obtained|recovered|analy[sz]ed) (?:\w+ )?samples|traced the (?:operation|attack|attacks|activity|intrusions?|campaign|hack) to|identified (?:the )?(?:servers|infrastructure|command-and-control)|(?:published|issued|released) (?:a |an )?(?:joint |technical |detailed )*(?:advisory|advisories|report) (?:describing|detailing|with|that (?:included|listed|described))|(?:included|listed|shared|with) (?:technical )?indicators|file hashes|similarities between|resemblances? in the code|(?:malware|code) (?:samples|overlaps?)|forensic (?:evidence|analysis|artifacts|traces)|technical (?:evidence|indicators|analysis|details)|indicators of compromise|iocs?|high confidence|evidence (?:shows|showed|indicates|indicated|linking|that linked|pointing)|published (?:technical )?(?:indicators|details|evidence)|malware samples|infrastructure (?:overlaps?|links)|code (?:overlaps?|similarit\w+|reuse)|overlapping (?:infrastructure|code|tooling)|shared (?:infrastructure|code|tooling)|blockchain analysis|traced the (?:funds|wallets)|intercepted communications|digital fingerprints?)\b/i;

const ACTION_RULES: { action: Action; re: RegExp }[] = [
  {
    action: 'ransomware',
    re: /\b(ransomware|ransom|extortion|encrypt\w*|leak site|double extortion)\b/i,
  },
  {
    action: 'ddos',
    re: /\b(ddos|denial[- ]of[- ]service|flood\w* (?:with traffic|websites)|knocked [^.]{0,40}offline|took [^.]{0,40}offline|websites? (?:went|were) (?:down|offline))\b/i,
  },
  {
    action: 'destructive',
    re: /\b(wiper\w*|destructive|sabotag\w+|destroy\w*|wiped|power (?:outage|grid attack)|blackout|disabled|disrupted (?:power|operations)|bricked|notpetya|shamoon|industroyer)\b/i,
  },
  {
    action: 'influence',
    re: /\b(influence operations?|influence campaigns?|disinformation campaigns?|election interference|interfer\w+ in (?:the )?elections?|hack-and-leak|propaganda|troll farms?|fake (?:accounts|personas))\b/i,
  },
  {
    action: 'espionage',
    re: /\b(espionage|spy\w*|spies|intelligence[- ]gathering|gather\w* intelligence|collect\w* intelligence|surveillance|cyberspies|snoop\w*|eavesdrop\w*|monitor\w* communications|state secrets)\b/i,
  },
  {
    action: 'data-theft',
    re: /\b(st[eo]le\w*|theft|thefts|exfiltrat\w+|stolen|leak\w*|siphon\w*|heist|looted|commercial secrets|trade secrets|intellectual property|personal data of|records of)\b/i,
  },
  {
    action: 'intrusion',
    re: /\b(breach\w*|hack\w*|intrusions?|infiltrat\w+|compromis\w+|penetrat\w+|broke into|break into|gained access|unauthori[sz]ed access|cyberattacks?|cyber ?attacks?|attacks?|exploit\w*|phishing|targeted|targeting|cyberoperations?|operations?)\b/i,
  },
];

const TARGET_VERB =
  /\b(?:(?:compromis(?:e|ed|ing)|breach(?:ed|ing)?|hack(?:ed|ing)?|penetrat(?:ed|ing)|infiltrat(?:ed|ing)|access(?:ed|ing)?|got into|broke into) (?:the )?(?:computer |internal |corporate |e-?mail )?(?:networks?|systems?|servers?|accounts?) (?:of|at|belonging to|used by)|(?:exploitation|compromise|infiltration) of|theft of (?:\w+ ){0,3}?from|went after|going after|scrambled data on|encrypted (?:data|files|systems) (?:at|of|on)|knocked (?:\w+ ){0,2}offline at|breach(?:ed|ing)?|hack(?:ed|ing)(?: into)?|infiltrat(?:ed|ing)|compromis(?:ed|ing)|penetrat(?:ed|ing)|targeted|targeting|attacked|attacking|struck|hit|broke into|breaking into|gained access to|accessed|spied on|spying on|stole (?:data|files|emails|documents|information) from|stealing (?:data|files|emails|documents|information) from|disrupt(?:ed|ing)|crippl(?:ed|ing)|paralys(?:ed|ing)|paralyz(?:ed|ing)|wiped|knocked|took down|shut down|encrypted|(?:attacks?|intrusions?|breach(?:es)?|hacks?|cyberattacks?|operations?|campaigns?|cyberoperations?|espionage|intrusion) (?:on|against|into|at|of|targeting))\s+((?:the|a|an|its|their|several|dozens of|hundreds of|multiple|some|many|at least \d+)\s+)?/gi;
/** "the Colonial Pipeline ransomware attack": a victim named before the operation noun. */
const NOUN_TARGET =
  /\b((?:\p{Lu}[\p{L}\d&.'’-]*\s+){1,4})(?:ransomware |cyber ?|data |e-?mail |hacking |supply[- ]chain )?(?:attacks?|hacks?|breach(?:es)?|intrusions?|heist|leaks?|outages?)\b/u;
const TARGET_STOP =
  /\s*(?:[,;:()\u2014\u2013"“”]|\s-\s|\.(?:\s|$)|\b(?:which|who|that|in order|to|aiming|and then|after|before|since|when|while|where|as|by|with|from|using|through|via|last|earlier|this|in (?:19|20)\d\d|in (?:a|an|the) (?:campaign|operation|attack)|according|said|says|was|were|is|are|has|have|had|on (?:behalf|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:mid-?|early |late )?(?:january|february|march|april|may|june|july|august|september|october|november|december)|and (?:a|an|then|also|later|that|to)|over (?:the|a) (?:past|last)|for (?:years|months|weeks)|showed|shows|continued|remained|appeared|seemed|in the (?:spring|summer|autumn|fall|winter|days|weeks|months|run-up)|ahead of)\b)/i;

/** "Microsoft's finding that…", "the NCSC's assessment": the possessor speaks. */
const REPORT_NOUN =
  /^(view|position|belief|judgment|judgement|verdict|finding|findings|report|reports|assessment|assessments|analysis|investigation|investigators|statement|advisory|research|researchers|analysts|attribution|conclusion|conclusions|indictment|complaint|announcement|disclosure|blog|post|threat|security|intelligence|experts|team|accusation|accusations|allegation|allegations|claim|claims|charges)$/;

/** "…broke into its computer systems": an outlet speaking as the victim. */
const OWN_SYSTEMS =
  /\b(?:its|our) (?:own )?(?:computer|network|systems?|servers?|e-?mail|journalists|reporters|staff|employees|newsroom|corporate)\b/i;

/** Counter-accusation rhetoric: "the real empire of hacking", "the world's biggest hacker". */
const COUNTER_RHETORIC =
  /\b(?:empire of hacking|hack(?:ing|er) empire|matrix of hackers|(?:world'?s? |globe'?s? |planet'?s? )?(?:biggest|largest|greatest|number one|true|real|main|leading) (?:source of cyber ?attacks|(?:cyber )?(?:hacker|hackers|attacker|perpetrator|practitioner|culprit|threat|spy)))\b/i;

/** Verbs of answering an accusation: the speaker stands before them. */
const RESPONSE_VERB =
  /^(denied|denies|deny|rejected|rejects|dismissed|dismisses|called|calls|rebuffed|refuted|slammed|condemned|insisted|countered|responded|replied|hit|pushed|urged)$/;
/** Verbs that are themselves a denial: their subject is the responder. */
const DENY_VERB =
  /^(denied|denies|deny|denying|rejected|rejects|reject|rejecting|dismissed|dismisses|dismiss|rebuffed|rebuffs|refuted|refutes|repudiated|repudiates)$/;
/** Online influence operations count as cyber operations (the contract's `influence` action). */
const ONLINE_INFLUENCE =
  /\b(disinformation (?:campaigns?|networks?|operations?)|influence (?:operations?|campaigns?)|(?:foreign )?digital interference|information (?:operations?|manipulation)|covert social media|fake (?:social media )?(?:accounts|personas|news sites)|inauthentic|troll farms?|bot networks?|propaganda (?:sites|network|websites))\b/i;
/** A role noun after a party's name: "the Chinese embassy", "Russia's foreign ministry". */
const RESPONDER_ROLE_WORD =
  /^(embassy|ministry|foreign|mission|government|officials?|spokes(?:man|woman|person)|authorities|consulate|ambassador|envoy|diplomats?|delegation|cabinet|leadership|state|president|presidential|leader)$/;
/** A role before a party: "a spokesperson for the Chinese embassy", "an official at Iran's mission". */
const ROLE_BEFORE =
  /\b(?:spokes(?:man|woman|person)|official|officials|representative|envoy|ambassador|minister|diplomat|press secretary|statement|members?|administrators?|operators?) (?:for|of|at|from) (?:the )?$/i;
/** A group referred back to as the one answering: "the gang said…", "a spokesperson for the group". */
const GROUP_VOICE =
  /\b(?:the|a|an) (?:(?:ransomware|hacking|hacker|hacktivist|extortion|cybercrime) )?(?:group|gang|hackers|crew|collective|operators|syndicate|outfit)(?:'s)? (?:spokes\w+ |representative |administrator |operator |members? )?(?:\w+ly |later |also |then |previously |initially |quickly |soon )?(?:said|says|told|wrote|posted|claimed|insisted|denied|denies|rejected|dismissed|responded|replied|stated|added|argued)\b|\b(?:spokes(?:man|woman|person)|representative|administrator|member|operator)s? (?:for|of) the (?:group|gang|hackers|crew|collective)\b/i;
/** A negated involvement: its subject is the party that denies. */
const NOT_INVOLVED =
  /\b(?:(?:was|were|is|are|had been|has been|have been) not (?:behind|involved|responsible)|(?:had|has|have|did|does|do) not (?:carried out|carry out|conducted|conduct|launched|launch|hacked|hack|attacked|attack|breached|breach|targeted|target|been involved|engaged|engage)|(?:had|has|have) nothing to do|(?:has|had|have) no (?:involvement|role|connection|link|motive|intention))\b/i;
/** Uses of denial words that are not an answer to an accusation. */
const NOT_A_DENIAL =
  /\b(?:denials?[- ]of[- ]service|neither confirm(?:ed|s)? nor den(?:y|ied|ies)|(?:did|does|do|has|have|had|would|will|could) not (?:immediately )?(?:confirm or )?den(?:y|ied)|never denied|not denying|den(?:y|ied|ies|ying) (?:\w+ ){0,2}(?:access|entry|bail|visas?|permission|requests?)|rejected (?:\w+ ){0,2}(?:ransom|demands?|payment|offer|bid|applications?)|dismissed (?:\w+ ){0,2}(?:employees|staff|workers|from (?:his|her|their) (?:post|job)s?)|dismissal)\b/gi;
/** A diplomatic role speaking with no state named: "the embassy said", "a ministry spokesman told". */
const BARE_ROLE_VOICE =
  /(?:^|["”’]\s*|,\s*)(?:the|a|an|its)\s+(?:[\w-]+\s+)?(?:embassy|foreign ministry|ministry|spokes(?:man|woman|person)|mission|consulate|ambassador|envoy)\b(?:\s+[\w-]+){0,4}?\s+(?:said|says|added|stated|told|wrote|called|described|rejected|denied|dismissed)\b/i;
/** A responder named by role only. */
const RESPONDER_ROLE =
  /\b(spokes(?:man|woman|person)|ministry|embassy|official|officials|minister|ambassador|envoy|diplomat|government|kremlin|statement)\b/i;

/** "Marks & Spencer said", "The British Library confirmed": a name the gazetteer lacks, speaking. */
const NAMED_SPEAKER =
  /(?:^|[.;:]\s+|,\s+|\band\s+)((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+(?:&\s+|of\s+|and\s+|for\s+|de\s+)?[A-Z][\w&.'’-]*){0,5})(?:,[^,]{3,80},)?\s+(?:has\s+|had\s+|have\s+|also\s+|later\s+|previously\s+)?(?:said|says|confirmed|disclosed|announced|stated|told|wrote|added|blamed|attributed|assessed|believes|concluded|acknowledged|revealed)\b/g;
const NOT_A_SPEAKER =
  /^(It|He|She|They|We|I|This|That|These|Those|Officials?|Investigators|Researchers|Experts|Analysts|Authorities|Police|Prosecutors|Sources|Critics|Others|Some|Many|Most|Both|All|One|Two|Three|In|On|At|For|But|And|Or|If|When|While|After|Before|Earlier|Later|Last|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Spokesman|Spokeswoman|Spokesperson|Minister|Secretary|President|Chancellor|Premier|Prime|Deputy|Foreign|Defence|Defense|Interior|Justice|Security|State|Government|Company|Its|Their|His|Her|Our|Your|Reuters|Bloomberg)$/;
const ORG_WORD =
  /\b(Inc|Corp|Corporation|Company|Co|Ltd|LLC|PLC|Group|Bank|Airlines?|Airways|Enterprise|Library|University|College|Hospital|Health|Healthcare|Port|Airport|Council|Agency|Authority|Ministry|Department|Office|Service|Services|Institute|Foundation|Center|Centre|Laboratory|Labs?|Networks?|Systems|Technologies|Technology|Security|Intelligence|Association|Commission|Committee|Board|Police|Court|Exchange|Partners|Capital|Holdings|Media|News|Times|Post)\b/;

/** A sentence whose speaker is a pronoun or a role: "the company said", "officials said". */
const SPEAKER_COREF =
  /\b(?:(?:the|this|that) (?:company|firm|agency|bureau|ministry|government|researchers|investigators|department|vendor|report|advisory|statement|center|centre|embassy|spokes(?:man|woman|person))|officials|[Ii]t|[Tt]hey|[Hh]e|[Ss]he) (?:said|says|added|stated|wrote|noted|assessed|believes?|concluded|found|warned|told|called|described|accused|blamed|argued|claimed|insisted|alleged|countered|charged|suggested)\b|^(?:[A-Z][\w.'-]+ )?(?:[Ss]pokes(?:man|woman|person)|[Mm]inister|[Aa]mbassador|[Ee]nvoy|[Dd]iplomat|[Pp]rosecutors?|[Oo]fficials?)\b/;

/** "…blamed its military intelligence agency": an unnamed organ of the sentence's subject. */
const BLAMED_ITS_ORGAN =
  /\b(?:blam(?:ed|ing|es)|accus(?:ed|ing|es)|attribut(?:ed|ing) (?:it|them|the \w+) to|link(?:ed|ing) (?:it|them|the \w+) to|pin(?:ned|ning) (?:it|them|the \w+) on|trac(?:ed|ing) (?:it|them|the \w+) to)\s+(?:its|their)\s+(?:own\s+)?(?:military intelligence|intelligence|spy|security|military|state|government)\s*(?:agency|agencies|service|services|units?|hackers|apparatus|directorate)\b/i;

const EVENT_REF =
  /\b(?:the|this|that|last (?:week|month|year)'s|the (?:recent|latest|massive|major)) (?:attack|attacks|hack|hacks|breach|breaches|intrusion|intrusions|campaign|operation|incident|compromise|theft|heist|outage|leak)\b/i;

const COREF =
  /\b(?:(?:the|this|that) (?:group|hackers|gang|actor|attackers|intruders|perpetrators|culprits|threat actor|hacking group|state-backed actor|state-sponsored group|crew|collective|operators|outfit|unit|adversary|spies|operatives)|(?:the )?(?:people|those|hackers|group|actors?) (?:behind|responsible for) (?:it|the (?:attack|breach|intrusion|hack|campaign|operation|theft)))\b/i;

/**
 * The text without quotation marks around words ("had 'nothing to do' with" → "had nothing to
 * do with"), and where each of its characters was in the original. Apostrophes inside words stay.
 */
/** A quotation mark: double quotes, or a single one not inside a word ("Russia's" has none). */
const QUOTE_MARK = /["“”«»]|(?<![\p{L}\p{N}])['‘’]|['‘’](?![\p{L}\p{N}])/u;
function unquoted(text: string): { text: string; at: (i: number) => number } {
  if (!QUOTE_MARK.test(text)) return { text, at: (i) => i };
  let out = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/["“”«»]/.test(ch)) continue;
    if (/['‘’]/.test(ch)) {
      const prev = text[i - 1] ?? ' ';
      const next = text[i + 1] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(prev) || !/[\p{L}\p{N}]/u.test(next)) continue;
    }
    out += ch;
    at.push(i);
  }
  at.push(text.length);
  return { text: out, at: (i) => at[i]! };
}

/** "WASHINGTON/BEIJING -", "SEOUL, Nov 3 (Reuters) -": a place, not a party. */
const DATELINE =
  /^(?:[A-Z][A-Z.'’]+(?:[ /,-]+[A-Z][A-Z.'’]+)*)(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^)]{1,40}\))?\s*(?:--|[-–—:])\s+/;
function stripDateline(p: string): string {
  const m = DATELINE.exec(p);
  return m && /[A-Z]{3}/.test(m[0]) ? p.slice(m[0].length) : p;
}

/** Names of groups the gazetteer does not know: "a group calling itself X", "tracked as Storm-1234". */
const NAMED_GROUP =
  /\b(?:call(?:s|ed|ing)? (?:itself|themselves)|known as|dubbed|nicknamed|tracked as|tracks as|tracking as|tracks it as|(?:which|that) (?:it|the company|researchers|[A-Z]\w+) (?:calls|has dubbed|dubbed|named|tracks as)|under the (?:name|moniker)|going by(?: the name)?|self-(?:described|styled)|a group named|a group called|a gang called|an outfit called)\s+(?:the\s+)?["“'‘]?((?:[A-Z0-9][\w$&.'’()-]*)(?:\s+(?:of\s+|al-|ad-|the\s+)?[A-Z0-9][\w$&.'’()-]*){0,4})/g;
const GROUP_CODE =
  /\b(?:UNC\d{3,5}|TA\d{3,4}|DEV-\d{4}|Storm-\d{4}|TAG-\d{2,4}|UAC-\d{4}|UAT-\d{4}|TEMP\.\w+|APT-C-\d{2})\b/g;
const GROUP_BEFORE_NOUN =
  /\b((?:[A-Z][\w$&.'’()-]*)(?:\s+[A-Z][\w$&.'’()-]*){0,2})\s+(?:ransomware (?:gang|group|operation|crew|operators|affiliates?)|hacking (?:group|collective|crew|team)|hacker (?:group|collective)|hacktivist (?:group|collective)|extortion (?:gang|group)|cybercrime (?:gang|group)|threat (?:group|actor)|APT group|gang|crew|hacktivists)\b/g;
const MALWARE_CONTEXT =
  /\b(web ?shells?|stealer|keylogger|rat|malware|tool|tools|toolkit|backdoor|implant|vulnerabilit\w+|flaw|bug|exploit|variant|strain|worm|trojan|wiper|virus|software|program|code|operation|campaign|botnet|loader|dropper|ransomware called|ransomware named|ransomware dubbed|payload|rootkit|spyware|family|framework|technique|attack known|cve)\b[^.]{0,40}$/i;
const INSTITUTION_BEFORE =
  /\b(service|agency|police|ministry|department|bureau|centre|center|office|council|directorate|command|administration|court|university|company|firm|institute|committee|commission|unit|team|lab|laboratory|program|programme|bank|exchange|network|system)\b,?\s+(?:(?:also|which is|widely|commonly|better|formally|officially|now)\s+)*(?:known as|called|dubbed|named)\s+(?:the\s+)?["“'‘]?$/i;
const NOT_A_GROUP =
  /^(Operation|Project|Campaign|Patch|CVE|The|A|An|This|That|Its|Their|Chinese|Russian|Iranian|North|South|American|British|Israeli|Ukrainian|State|Government|Security|Cyber|Microsoft|Google|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Some|Many|Other|One|Two|Several|Another|New|Pro|It|He|She|They|We|In|On|At|For)$/;

/** A capitalized name of two to six words ("Sichuan Juxinhe Network Technology", "Yin Kecheng"). */
const CAP_NAME = String.raw`((?:The\s+)?[A-Z][\p{L}'’-]+(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\p{L}'’.-]*){1,7})`;
/** "designated Yin Kecheng", "sanctions on Integrity Technology Group", "charged a Russian national, Mikhail Matveev". */
const DEFENDANT_OBJECT = new RegExp(
  String.raw`\b(?:sanctioned|sanctioning|designated|designating|indicted|indicting|charged|charging|charges(?=\s+\p{Lu})|blacklisted|named|naming|identified|identifying|unmasked|unmasking|exposed|exposing|accus(?:ed|ing|es)(?=\s+[A-Z][\p{L}'’-]+\s+[A-Z][\p{L}'’.-]*\s+of\b)|sanctions (?:on|against)|penalties (?:on|against)|arrest warrants? (?:for|against)|wanted notices? for|bounty on|reward for information (?:on|about))\s+(?:(?:an?|the|two|three|four|five)\s+(?:[\w-]+\s+){0,4}?(?:company|firm|contractor|hacker|national|citizen|officer|man|woman|individual|businessman|entity|resident)s?\s*(?:,|called|named)?\s+)?(?:the\s+)?(?:[A-Z][\w.-]*-based\s+)?${CAP_NAME}`,
  'gu',
);
/** "charging Guan", "accusing Khoroshev of", "sanctioned Yin": one name of a person named before. */
const DEFENDANT_SHORT =
  /\b(?:sanctioned|sanctioning|designated|designating|indicted|indicting|charged|charging|accused|accusing|accuses|linked|tied)\s+(\p{Lu}[\p{L}'’-]{2,})\b(?!\s+\p{Lu})/gu;
/** "traced the activity to CyberOne Group", "linked Aleksandr Ermakov to the attack". */
const DEFENDANT_LINKED = new RegExp(
  String.raw`\b(?:(?:linked|tied|traced|connected|attributed|pinned)\s+(?:(?:the|this|that|its|these|those)\s+(?:[\w-]+\s+){0,2}(?:activity|attacks?|operations?|campaigns?|intrusions?|breach(?:es)?|hacks?|accounts?|network)\s+|it\s+|them\s+)?to|behind the \w+ (?:was|were))\s+(?:the\s+)?${CAP_NAME}|\b(?:linked|tied|connected)\s+${CAP_NAME}\s+to\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,2}(?:attack|attacks|breach|hack|intrusion|intrusions|operation|campaign|theft|leak)\b`,
  'gu',
);
/** "set up and administered by TigerWeb, a Russian web-development company", "directed by the Democratic Progressive Party". */
const DEFENDANT_AGENT = new RegExp(
  String.raw`\b(?:set up|administered|run|operated|created|built|developed|controlled|directed|orchestrated|ordered|commissioned|masterminded|financed|funded|carried out|conducted|instigated|coordinated)\s+by\s+(?:the\s+)?((?:The\s+)?[A-Z][\p{L}'’-]+(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\p{L}'’.-]*){0,5})`,
  'gu',
);
/** "Sichuan Juxinhe Network Technology had taken part in exploiting…". */
const DEFENDANT_SUBJECT = new RegExp(
  String.raw`${CAP_NAME}(?:,(?:(?!\b(?:said|says|told|added|stated)\b)[^.;]){3,120}?,)?(?:\s+and\s+(?:two|three|four|five|several|other|his|her|their)\s+(?:\w+\s+)?(?:associates|others|co-conspirators|accomplices|colleagues))?,?\s+(?:(?:which|that|who)\s+)?(?:had\s+|has\s+|have\s+|was\s+|were\s+|is\s+)?(?:been\s+)?(?:directly\s+|allegedly\s+|also\s+)?(?:involved in|taken part in|took part in|participated in|carried out|conducted|helped (?:to )?(?:carry out|conduct|hack|breach)|hacked|breached|exploited|infected|deployed|(?:the (?:person|man|woman|hacker|administrator|leader|boss|mastermind|developer|operator) )?behind|developed the|ran the|(?:close |deep |direct )?(?:ties|links) to|(?:supports?|supported|helps?|helped|assists?|assisted|aids?|aided)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:hacking|cyber\w*|intrusions?|espionage)|works? (?:for|with)|worked (?:for|with)|(?:is|was|served as) a front)\b`,
  'gu',
);
/**
 * "Amin Stigal, a Russian civilian first charged in June…", and the later names of a list
 * after a designation ("designated X LLC, a company it said Ahmadi runs, and Afkar System Yazd
 * Company").
 */
const DEFENDANT_APPOSITIVE = new RegExp(
  String.raw`${CAP_NAME},\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:national|civilian|citizen|hacker|officer|man|woman|programmer|resident|businessman|engineer|employee)\b[^.;]{0,80}?\b(?:charged|indicted|sanctioned|designated|accused|wanted|co-conspirator|arrested|extradited)`,
  'gu',
);
const DEFENDANT_LIST = new RegExp(
  String.raw`\b(?:designated|sanctioned|charged|charges|indicted|sanctions (?:on|against))\s[^.;]{3,160}?,?\s+and\s+${CAP_NAME}`,
  'gu',
);
/** Words that end a company's name. */
const DEFENDANT_COMPANY_WORD =
  /^(?:Inc|Corp|Corporation|Company|Co|Ltd|LLC|PLC|Group|Technology|Technologies|Tech|Network|Networks|Information|Science|Sciences|Security|Cybersecurity|Solutions|Systems|Consulting|Labs?|Laboratory|Institute|Services|Software|Development|Studio|Holding|Holdings|Enterprises?|Trading|Industries|JSC|GmbH|SA|AG)\.?$/;
/** Words no defendant's name contains: titles, places in datelines, days, months, pronouns. */
const DEFENDANT_STOP =
  /^(?:President|Prime|Minister|Secretary|General|Attorney|Deputy|Director|Chief|Spokesman|Spokeswoman|Spokesperson|Senator|Ambassador|Mr|Ms|Mrs|Dr|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Department|Ministry|Treasury|Justice|Office|Agency|Bureau|Police|Court|Army|Navy|Force|Forces|Command|Directorate|Service|Government|State|States|Federal|National|Foreign|Defence|Defense|Interior|It|He|She|They|We|This|That|These|Those|Its|Their|His|Her|Operation|University|College|Hospital|Bank|Airport|Port|City|District|Province|Region|County|Republic|Kingdom|Union|Council|Parliament|Congress|Senate|Party|Cyber|CVE)$/;

// ------------------------------------------------------------------ types

interface Finding {
  accuser: Party | null;
  accuserCountry: string | null;
  accused: Party;
  sentence: string;
  sentenceIndex: number;
  paragraphIndex: number;
  reportedBy: string[];
  target: Party | null;
  action: Action;
  hedged: boolean;
  firm: boolean;
  selfClaim: boolean;
}

interface SentenceInfo {
  text: string;
  paragraphIndex: number;
  index: number;
  tokens: Token[];
  mentions: Mention[];
  cyber: boolean;
}

// ------------------------------------------------------------------ helpers

function entityParty(e: Entity): Party {
  if (e.type === 'country') {
    return { name: e.name, kind: e.bloc ? 'unknown' : 'state', country: e.bloc ? null : e.country };
  }
  const party: Party = { name: e.name, kind: e.kind, country: e.country };
  if (e.type === 'actor' || e.type === 'organ') party.actor = e.name;
  return party;
}

function countryOfParty(p: Party | null): string | null {
  return p?.country ?? null;
}

function sameParty(a: Party, b: Party): boolean {
  if (a.actor && b.actor) return a.actor === b.actor;
  if (a.actor || b.actor) return false;
  if (a.country && b.country) return a.country === b.country;
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/**
 * Accused identity for merging: the actor when named; a company or person by its name (a
 * sanctioned firm is not its state); else the country, else the name.
 */
function accusedKey(p: Party): string {
  return p.actor
    ? `actor:${p.actor}`
    : p.kind === 'company' || p.kind === 'person' || p.kind === 'unknown'
      ? `name:${p.name.toLowerCase()}`
      : p.country
        ? `country:${p.country}`
        : `name:${p.name.toLowerCase()}`;
}

function accuserKey(p: Party | null): string {
  if (!p) return 'none';
  if (p.kind === 'state' && p.country) return `country:${p.country}`;
  return `name:${(p.actor ?? p.name).toLowerCase()}`;
}

/** Whether a position is inside a quotation ("…", “…”): quoted words are not the speaker. */
function insideQuote(text: string, pos: number): boolean {
  const before = text.slice(0, pos);
  const straight = (before.match(/"/g) ?? []).length;
  const open = (before.match(/“/g) ?? []).length;
  const close = (before.match(/”/g) ?? []).length;
  return straight % 2 === 1 || open > close;
}

function classifyAction(text: string): Action {
  for (const r of ACTION_RULES) if (r.re.test(text)) return r.action;
  return 'other';
}

// ------------------------------------------------------------------ the detector

export class RuleDetector implements Detector {
  readonly version = DETECTOR_VERSION;
  constructor(private readonly gaz: Gazetteer = defaultGazetteer()) {}

  detect(input: DetectInput): DetectResult {
    const { text } = stripComments(input.text ?? '');
    const paras = paragraphs(text).map(stripDateline);
    const title = (input.title ?? '').trim();
    if (title && paras[0] !== title) paras.unshift(title);

    const infos: SentenceInfo[] = [];
    paras.forEach((p, pi) => {
      for (const s of sentences(p)) {
        const tokens = tokenize(s);
        infos.push({
          text: s,
          paragraphIndex: pi,
          index: infos.length,
          tokens,
          mentions: this.gaz.scan(s, tokens),
          cyber: CYBER_CUE.test(s) || ONLINE_INFLUENCE.test(s),
        });
      }
    });
    const cyberSentences = infos.filter((s) => s.cyber).length;
    const hasActor = infos.some((s) => s.mentions.some((m) => m.entity.type === 'actor'));
    // A story is cyber when cyber vocabulary recurs, or appears in a short text, or when it names
    // a threat actor: one passing mention in a long story about a missile strike is not enough.
    const isCyber =
      cyberSentences >= 2 ||
      hasActor ||
      (cyberSentences >= 1 && cyberSentences / infos.length >= 0.15);

    const findings: Finding[] = [];
    let lastAccused: Party | null = null;
    let lastParagraph = -1;
    const paraCyber = new Map<number, boolean>();
    for (const s of infos)
      paraCyber.set(s.paragraphIndex, (paraCyber.get(s.paragraphIndex) ?? false) || s.cyber);

    if (isCyber) {
      let lastSpeaker: Party | null = null;
      const people = new Map<string, Party>();
      for (const s of infos) {
        if (s.paragraphIndex !== lastParagraph && s.paragraphIndex > lastParagraph + 2)
          lastAccused = null;
        lastParagraph = s.paragraphIndex;
        const found = this.sentenceFindings(
          s,
          // The lead's cyber story carries into the paragraph that follows it.
          (paraCyber.get(s.paragraphIndex) ?? false) ||
            (s.paragraphIndex <= 2 && (paraCyber.get(s.paragraphIndex - 1) ?? false)),
          lastAccused,
          lastSpeaker,
          people,
        );
        if (found.length) lastAccused = found[found.length - 1]!.accused;
        // People named in full once are named by one of their names afterwards ("Guan").
        for (const f of found)
          if (f.accused.kind === 'person' && !f.accused.actor)
            for (const w of f.accused.name.split(/\s+/))
              if (/^\p{Lu}[\p{L}'’-]{2,}$/u.test(w)) people.set(w, f.accused);
        lastSpeaker = this.speakerOf(s) ?? found.find((f) => f.accuser)?.accuser ?? lastSpeaker;
        findings.push(...found);
      }
    }

    const claims = this.merge(findings);
    // A claim whose own sentences name no victim takes the one the story opens with ("…hackers
    // broke into the networks of Sony Pictures…"): most stories are about one operation.
    if (claims.some((c) => !c.target)) {
      let lead: Party | null = null;
      for (const s of infos) {
        if (s.paragraphIndex > 1) break;
        if (!s.cyber) continue;
        lead = this.findTarget(s.text, []);
        if (lead) break;
      }
      if (lead)
        for (const c of claims)
          if (
            !c.target &&
            !sameParty(lead, c.accused) &&
            !(c.accuser && sameParty(lead, c.accuser)) &&
            !(lead.kind === 'state' && lead.country === c.accused.country)
          )
            c.target = lead;
    }
    // The sponsor the article names for a group anywhere ("APT29, part of Russia's SVR") holds
    // for every claim against that group.
    const sponsors = new Map<string, string>();
    for (const f of findings)
      if (f.accused.actor && f.accused.sponsor) sponsors.set(f.accused.actor, f.accused.sponsor);
    for (const c of claims) {
      const sponsor = c.accused.actor ? sponsors.get(c.accused.actor) : undefined;
      // …and so does the state of that sponsor (the article ties "Ghostwriter" to the GRU).
      const state = sponsor ? this.gaz.resolve(sponsor)?.country : undefined;
      if (sponsor) c.accused = { ...c.accused, sponsor, ...(state ? { country: state } : {}) };
    }
    // A company or person named with no state, in a story whose other side is one state only
    // ("US sanctions Chengdu company…; China's foreign ministry said…"), belongs to that state.
    const named = (p: Party) => (p.kind === 'company' || p.kind === 'person') && !p.actor;
    for (const c of claims) {
      if (c.accused.country || !named(c.accused)) continue;
      const sides = new Set<string>();
      for (const o of claims) {
        for (const p of [o.accused, o.accuser]) {
          if (!p?.country || p === c.accused || named(p) || p.kind === 'company') continue;
          if (p.kind === 'media') continue;
          if (this.gaz.country(p.country)?.bloc) continue;
          sides.add(p.country);
        }
      }
      if (c.accuser?.country) sides.delete(c.accuser.country);
      if (sides.size === 1) c.accused = { ...c.accused, country: [...sides][0]! };
    }
    for (const c of claims) {
      if (c.accused.country || !named(c.accused)) continue;
      const same = claims.find((o) => o.accused.country && o.accused.name === c.accused.name);
      if (same) c.accused = { ...c.accused, country: same.accused.country };
    }
    // "The embassy said Washington should look at its own record, pointing to the NSA's
    // surveillance": a claim against the accusing side, voiced by an embassy or ministry named
    // by role alone, is the one accused side answering back.
    {
      const accusingSides = new Set(
        claims
          .filter((c) => c.accuser?.country && c.accused.country !== c.accuser.country)
          .map((c) => c.accuser!.country!),
      );
      const accusedSides = new Set(
        claims
          .filter(
            (c) => c.accused.country && accusingSides.size && !accusingSides.has(c.accused.country),
          )
          .map((c) => c.accused.country!),
      );
      const side = accusedSides.size === 1 ? this.gaz.country([...accusedSides][0]!) : undefined;
      if (side)
        for (const c of claims)
          if (
            !c.accuser &&
            c.accused.country &&
            accusingSides.has(c.accused.country) &&
            c.sentences.some((x) => BARE_ROLE_VOICE.test(x))
          )
            c.accuser = entityParty(side);
    }
    this.attachEvidence(claims, infos);
    this.attachResponses(claims, infos);
    const position = new Map(infos.map((s) => [s.text, s.index]));
    this.markCounterAccusations(claims, (c) =>
      Math.min(...c.sentences.map((x) => position.get(x) ?? Infinity)),
    );
    const score = claims.length ? Math.max(...claims.map((c) => c.confidence)) : 0;
    const result: DetectResult = {
      isCyber,
      isAttribution: claims.length > 0,
      score: Math.round(score * 100) / 100,
      claims,
    };
    if (input.id !== undefined) return { id: input.id, ...result };
    return result;
  }

  // ---------------------------------------------------------------- per sentence

  private sentenceFindings(
    s: SentenceInfo,
    paragraphIsCyber: boolean,
    lastAccused: Party | null,
    lastSpeaker: Party | null,
    people: Map<string, Party> = new Map(),
  ): Finding[] {
    const text = s.text;
    if (NO_RESPONSIBILITY.test(text) && !s.mentions.some((m) => m.entity.type === 'actor'))
      return [];
    const hasActor = s.mentions.some((m) => m.entity.type === 'actor');
    const corefers = !!lastAccused && COREF.test(text);
    // In a cyber story, "the attack", "the breach" refer to its cyber event.
    const eventRef = EVENT_REF.test(text);
    if (!s.cyber && !hasActor && !paragraphIsCyber && !corefers && !eventRef) return [];
    if (HYPOTHETICAL.test(text) && !/\b(said|says|blamed|accused|attributed)\b/i.test(text))
      return [];

    const tokens = s.tokens;
    const accused: { party: Party; tokenStart: number; tokenEnd: number }[] = [];
    const accuserCandidates: {
      party: Party;
      tokenStart: number;
      tokenEnd: number;
      outlet: boolean;
    }[] = [];
    const reportedBy: string[] = [];

    const selfClaim = RESPONSIBILITY_CUE.test(text) && !NO_RESPONSIBILITY.test(text);
    // A country or organ tied to the operation by the phrase around it is itself an attribution.
    let tiedByPhrase = false;

    for (const m of s.mentions) {
      const e = m.entity;
      if (e.type === 'actor') {
        accused.push({ party: entityParty(e), tokenStart: m.tokenStart, tokenEnd: m.tokenEnd });
        continue;
      }
      if (e.type === 'outlet') {
        accuserCandidates.push({
          party: entityParty(e),
          tokenStart: m.tokenStart,
          tokenEnd: m.tokenEnd,
          outlet: true,
        });
        continue;
      }
      if (e.type === 'vendor' || e.type === 'person') {
        accuserCandidates.push({
          party: entityParty(e),
          tokenStart: m.tokenStart,
          tokenEnd: m.tokenEnd,
          outlet: false,
        });
        continue;
      }
      // countries and organs: accused when tied to hacking, accuser when speaking
      if (this.isAccusedMention(m, tokens, s)) {
        accused.push({ party: entityParty(e), tokenStart: m.tokenStart, tokenEnd: m.tokenEnd });
        tiedByPhrase = true;
      } else {
        accuserCandidates.push({
          party: entityParty(e),
          tokenStart: m.tokenStart,
          tokenEnd: m.tokenEnd,
          outlet: false,
        });
      }
    }

    // "China's Ministry of State Security", "Russia's GRU": an organ owned by an accused state is accused.
    for (let i = accuserCandidates.length - 1; i >= 0; i--) {
      const c = accuserCandidates[i]!;
      if (c.outlet || c.party.kind !== 'agency') continue;
      const owner = accused.find(
        (a) =>
          a.tokenEnd === c.tokenStart - 1 &&
          tokens[a.tokenEnd]?.norm === 's' &&
          a.party.kind === 'state',
      );
      if (owner && owner.party.country === c.party.country) {
        accused.splice(accused.indexOf(owner), 1, {
          party: c.party,
          tokenStart: owner.tokenStart,
          tokenEnd: c.tokenEnd,
        });
        accuserCandidates.splice(i, 1);
      }
    }
    // "Russia and Iran continue to conduct cyber operations": coordinated parties share the role.
    // ("Russia, China and Iran…": repeated until no more join, as the list joins from its end.)
    for (let joinedAny = true; joinedAny;) {
      joinedAny = false;
      for (let i = 0; i < accuserCandidates.length; i++) {
        const c = accuserCandidates[i]!;
        if (c.outlet || (c.party.kind !== 'state' && c.party.kind !== 'agency')) continue;
        // "…carried out by North Korea, the FBI said": the party after the comma speaks.
        if (
          /^\s*(?:[\w'’.-]+\s+){0,3}?(?:said|says|told|added|concluded|concludes|stated|assessed|assesses|believes|wrote|announced|found|determined|reported|warned|alleged|argued|insisted|confirmed|noted|claimed)\b/.test(
            text.slice(tokens[c.tokenEnd - 1]!.end),
          )
        )
          continue;
        const joined = accused.some((a) => {
          const [from, to] =
            a.tokenStart >= c.tokenEnd ? [c.tokenEnd, a.tokenStart] : [a.tokenEnd, c.tokenStart];
          if (to < from || to - from > 2) return false;
          const between = text.slice(tokens[from - 1]!.end, tokens[to]!.start);
          // A bare comma joins only inside a list that goes on ("Russia, China and Iran"), not
          // "According to the White House, North Korean IT workers…".
          const later = a.tokenStart >= c.tokenEnd ? a : c;
          const commaOnly = /^\s*,\s*(?:the\s+)?$/.test(between);
          return (
            /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$/.test(between) &&
            (!commaOnly ||
              // …or restates the same side ("the GRU, Russia's military intelligence agency").
              (!!a.party.country && a.party.country === c.party.country) ||
              /^\s*,?\s*(?:and|or)\s|^\s*,\s*(?:the\s+)?\p{Lu}/u.test(
                text.slice(tokens[later.tokenEnd - 1]!.end),
              )) &&
            (a.party.kind === 'state' || a.party.kind === 'agency')
          );
        });
        if (joined) {
          accused.push({ party: c.party, tokenStart: c.tokenStart, tokenEnd: c.tokenEnd });
          accuserCandidates.splice(i--, 1);
          joinedAny = true;
        }
      }
    }
    // "…the United States cannot change the fact that it is itself the empire of hacking": the
    // rhetoric names the last state before it, even through a pronoun.
    const rhetoric = COUNTER_RHETORIC.exec(text);
    if (rhetoric && !accused.some((a) => a.party.kind === 'state')) {
      const before = accuserCandidates.filter(
        (c) =>
          !c.outlet && c.party.kind === 'state' && tokens[c.tokenStart]!.start < rhetoric.index,
      );
      const target = before[before.length - 1];
      if (
        target &&
        (before.length > 1 ||
          !/^\s*(?:\S+\s+){0,2}(?:said|says|told|added|argued|insisted)\b/.test(
            text.slice(tokens[target.tokenEnd - 1]!.end),
          ))
      ) {
        accused.push({
          party: target.party,
          tokenStart: target.tokenStart,
          tokenEnd: target.tokenEnd,
        });
        accuserCandidates.splice(accuserCandidates.indexOf(target), 1);
      }
    }
    // "Iran's Revolutionary Guards", both tied to hacking: one party, the organ.
    for (const o of [...accused]) {
      if (o.party.kind !== 'agency') continue;
      const owner = accused.find(
        (a) =>
          a.party.kind === 'state' &&
          a.party.country === o.party.country &&
          a.tokenEnd === o.tokenStart - 1 &&
          tokens[a.tokenEnd]?.norm === 's',
      );
      if (owner) accused.splice(accused.indexOf(owner), 1);
    }
    // Groups the gazetteer does not know, named by a pattern.
    for (const g of this.namedGroups(text, tokens, s.mentions)) accused.push(g);
    // Companies and people a government sanctions, charges or ties to the operation.
    for (const d of this.namedDefendants(
      text,
      tokens,
      s.mentions,
      lastAccused,
      people,
      s.cyber || paragraphIsCyber,
    ))
      if (!accused.some((a) => a.tokenStart < d.tokenEnd && d.tokenStart < a.tokenEnd))
        accused.push(d);

    // A named group describes its state in the same sentence: "Russia's APT29", "Midnight
    // Blizzard, part of Russia's SVR", "North Korea's Lazarus Group" are one claim, against the group.
    // (A political party is not a group its state's organs belong to.)
    const describable = (a: (typeof accused)[number]) =>
      a.party.kind !== 'state' &&
      a.party.kind !== 'agency' &&
      !!a.party.country &&
      (a.party.kind !== 'unknown' || !!a.party.actor);
    const retied = new Set<string>();
    // "linking the activities of Ghostwriter to cyber actors of the Russian state, and
    // specifically to the GRU": the state the article ties a known group to is its country here,
    // whatever the gazetteer says (rule 6 of the labels).
    for (const g of accused) {
      if (g.party.kind === 'state' || g.party.kind === 'agency' || !g.party.actor) continue;
      const organ = accused.find(
        (o) =>
          o.party.kind === 'agency' &&
          !!o.party.country &&
          o.party.country !== g.party.country &&
          o.tokenStart >= g.tokenEnd &&
          /\b(?:link(?:ed|ing|s)?|tie[sd]?|tying|to|part of|run by|controlled by|associated with|belongs? to|works? for|working for|on behalf of|unit of)\b/i.test(
            text.slice(tokens[g.tokenEnd - 1]!.end, tokens[o.tokenStart]!.start),
          ) &&
          text.slice(tokens[g.tokenEnd - 1]!.end, tokens[o.tokenStart]!.start).length < 120,
      );
      if (organ) {
        g.party = { ...g.party, country: organ.party.country };
        retied.add(organ.party.country!);
      }
    }
    const groupCountries = new Set(accused.filter(describable).map((a) => a.party.country));
    // The organ stays on the group as its sponsor, so a query for the organ finds the claim.
    const groupSpans = accused.filter(describable);
    const organs: (typeof accused)[number][] = [];
    for (let i = accused.length - 1; i >= 0; i--) {
      const a = accused[i]!;
      // "FBI pinning the hack on Iran, and Microsoft tying it to Iranian groups": a state named
      // on its own, away from the group, is a claim of its own.
      const mention = s.mentions.find((m) => m.tokenStart === a.tokenStart);
      const describesGroup =
        a.party.kind !== 'state' ||
        !mention ||
        mention.form !== 'name' ||
        mention.possessive ||
        groupSpans.some(
          (g) =>
            g.party.country === a.party.country &&
            Math.min(Math.abs(g.tokenStart - a.tokenEnd), Math.abs(a.tokenStart - g.tokenEnd)) <= 6,
        );
      if (
        (a.party.kind === 'state' || a.party.kind === 'agency') &&
        a.party.country &&
        groupCountries.has(a.party.country) &&
        describesGroup &&
        // A state the article ties a group to against the gazetteer stays a claim of its own.
        !(a.party.kind === 'state' && retied.has(a.party.country))
      ) {
        if (a.party.kind === 'agency' && a.party.actor) organs.push(a);
        accused.splice(i, 1);
      }
    }
    // Each group takes the organ named after it ("Fancy Bear was associated with the GRU, and
    // Cozy Bear might be linked to the FSB"), else the nearest one named before it.
    for (const g of accused) {
      if (g.party.kind === 'state' || g.party.kind === 'agency') continue;
      const own = organs.filter((o) => o.party.country === g.party.country);
      if (!own.length) continue;
      const after = own
        .filter((o) => o.tokenStart >= g.tokenEnd)
        .sort((x, y) => x.tokenStart - y.tokenStart)[0];
      const before = own
        .filter((o) => o.tokenEnd <= g.tokenStart)
        .sort((x, y) => y.tokenStart - x.tokenStart)[0];
      const organ = after ?? before ?? own[0]!;
      g.party = { ...g.party, sponsor: organ.party.actor! };
    }

    // "North Korea rejected the findings of an investigation that blamed its military
    // intelligence agency": the organ is unnamed, its owner is the sentence's subject.
    const ownOrgan = BLAMED_ITS_ORGAN.exec(text);
    if (ownOrgan && accused.every((a) => a.party.kind !== 'state')) {
      const subject = s.mentions[0];
      if (
        subject &&
        subject.entity.type === 'country' &&
        !subject.entity.bloc &&
        subject.start < ownOrgan.index &&
        !accused.some((a) => a.party.country === subject.entity.country)
      ) {
        // Placed where the organ is, so the accuser is read before it.
        const at = tokens.findIndex((t) => t.start >= ownOrgan.index + ownOrgan[0].length);
        const end = at < 0 ? tokens.length : at;
        accused.push({ party: entityParty(subject.entity), tokenStart: end - 1, tokenEnd: end });
      }
    }

    // Light coreference: "the group said…", "the hackers, who…".
    if (accused.length === 0 && lastAccused && corefers) {
      accused.push({ party: lastAccused, tokenStart: -1, tokenEnd: -1 });
    }
    if (accused.length === 0) return [];

    // Does the sentence actually attribute? Either an attribution cue, an actor named as doing
    // something cyber, or a self-claim.
    const attributes =
      selfClaim ||
      tiedByPhrase ||
      // "Minister X said the groups, which researchers call APT27 and APT31, undermined…"
      (hasActor &&
        s.tokens.some(
          (t) => SPEECH_VERB.test(t.norm) && !/^(has|have|had|is|was|were|are)$/.test(t.norm),
        )) ||
      /\b(blam\w+|accus\w+|attribut\w+|alleg\w+|linked|tied|connected|behind|responsib\w+|carried out|conducted|orchestrat\w+|launched|sponsor\w+|backed|pinned|pointed|named|identified|tracked|tracks|calls|called|indict\w+|charged|sanction\w+|suspected|blame|culprit|perpetrat\w+|hacked|breached|infiltrated|compromised|targeted|targeting|attacked|stole|used|got inside|got into|broke into|gained access|accessed|penetrated|deployed|exploited|is part of|was part of|works for|working for|operat\w+|run by|controlled by|on behalf of|hack\w*|cyber\w*|spy\w*|espionage)\b/i.test(
        text,
      );
    if (!attributes) return [];

    // Accuser: who speaks or accuses — "X said", "according to X", "allegations from X",
    // "X blamed …", a trailing ", X officials said." Coordinated accusers ("the US, Britain and
    // the EU accused…") all count.
    const accusedSpans = accused.map((a) => [a.tokenStart, a.tokenEnd] as const);
    const inAccused = (i: number) => accusedSpans.some(([a, b]) => i >= a && i < b);
    const firstAccused = Math.min(
      ...accused.map((a) => (a.tokenStart === -1 ? tokens.length : a.tokenStart)),
    );
    const according = /\baccording to\b/i.exec(text);
    const scored: { c: (typeof accuserCandidates)[number]; score: number }[] = [];
    for (const c of accuserCandidates) {
      if (inAccused(c.tokenStart)) continue;
      const before = tokens.slice(Math.max(0, c.tokenStart - 4), c.tokenStart).map((t) => t.norm);
      // Read past a relative clause: "Microsoft, which helped Albania respond, said…".
      let afterStart = c.tokenEnd;
      const rel = /^\s*,\s*(?:which|who|whose|that|where)\b[^,]{0,120},/.exec(
        text.slice(tokens[c.tokenEnd - 1]!.end),
      );
      if (rel) {
        const endChar = tokens[c.tokenEnd - 1]!.end + rel[0].length;
        const idx = tokens.findIndex((t) => t.start >= endChar);
        if (idx > 0) afterStart = idx;
      }
      const after = tokens.slice(afterStart, afterStart + 9).map((t) => t.norm);
      const viaAccording =
        !!according &&
        tokens[c.tokenStart]!.start > according.index &&
        tokens[c.tokenStart]!.start - according.index < 60;
      const last = before[before.length - 1] ?? '';
      const viaFrom =
        /^(from|by)$/.test(last) &&
        before
          .slice(0, -1)
          .some((w) =>
            /^(allegations?|accusations?|claims?|charges?|assessments?|attribution|statements?|reports?|advisory|advisories|warnings?|analysis|findings|research|agencies|agency|officials|authorities|governments|investigators|prosecutors|police|experts|analysts|researchers|blame|accused|blamed|attributed|named|identified|linked|tied|published|issued|released|conducted|indictment|complaint|investigation|probe)$/.test(
              w,
            ),
          );
      // Skip the accuser-noun run ("officials", "foreign ministry spokesperson") to the verb.
      let k = 0;
      while (
        k < after.length &&
        (ACCUSER_NOUN.test(after[k]!) ||
          ACCUSER_ADJ.test(after[k]!) ||
          /^(the|s|and|of|its|his|her|their|spokesperson|spokesman|spokeswoman|on|in|last|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|also|previously|earlier|later|has|have|had|formally|publicly|officially|jointly|separately|on)$/.test(
            after[k]!,
          ) ||
          // "the US director of national intelligence, John Ratcliffe, said": the holder's name.
          (k > 0 &&
            ACCUSER_NOUN.test(after[k - 1]!) &&
            CAP_WORD.test(tokens[afterStart + k]!.raw) &&
            CAP_WORD.test(tokens[afterStart + k + 1]?.raw ?? '')) ||
          (k > 1 &&
            CAP_WORD.test(tokens[afterStart + k - 1]!.raw) &&
            CAP_WORD.test(tokens[afterStart + k]!.raw) &&
            ACCUSER_NOUN.test(after[k - 2]!)))
      )
        k++;
      const verb = after[k] ?? '';
      const possessiveReport = after[0] === 's' && REPORT_NOUN.test(after[1] ?? '');
      // "…and the United Nations, prosecutors said": the role after the comma is the speaker.
      const roleAfterComma = !rel && k > 0 && /^\s*,/.test(text.slice(tokens[c.tokenEnd - 1]!.end));
      const speaks =
        possessiveReport ||
        (!roleAfterComma &&
          ((SPEECH_VERB.test(verb) &&
            !/^(has|have|had|is|was|were|are|formally|publicly)$/.test(verb)) ||
            ACCUSE_VERB.test(verb)));
      const byPeople =
        /^(at|from|with|of)$/.test(last) &&
        /^(researchers|analysts|experts|investigators|officials|specialists|scientists|team|teams)$/.test(
          before[before.length - 2] ?? '',
        );
      const isObject =
        !byPeople &&
        /^(against|at|on|to|of|with|about|blamed|accused|targeting|targeted|hit|breached|attacked|into)$/.test(
          last,
        );
      let score = 0;
      if (viaAccording) score = 4;
      else if (viaFrom) score = 4;
      else if (speaks && !isObject) score = c.tokenStart < firstAccused ? 3 : 2.5;
      else if (
        !isObject &&
        c.tokenStart < firstAccused &&
        tokens
          .slice(c.tokenEnd, firstAccused)
          .some((t) => ACCUSE_VERB.test(t.norm) || GERUND_SPEECH.test(t.norm))
      )
        score = c.tokenStart <= 2 ? 1.5 : 1;
      // An outlet that speaks of its own systems being hacked is the victim accusing, not a reporter.
      const selfVictim =
        c.outlet && score >= 2.5 && OWN_SYSTEMS.test(text.slice(tokens[c.tokenEnd - 1]!.end));
      if (c.outlet && !selfVictim) {
        if (
          score > 0 ||
          /\b(reported|reports|report by|report from|first reported|told)\b/i.test(text)
        ) {
          if (!reportedBy.includes(c.party.name)) reportedBy.push(c.party.name);
        }
        continue;
      }
      // An institution that speaks outranks an official quoted in the same sentence.
      if (score > 0) scored.push({ c, score: c.party.kind === 'person' ? score - 0.75 : score });
    }
    scored.sort((a, b) => b.score - a.score || a.c.tokenStart - b.c.tokenStart);
    const accusers: Party[] = [];
    // "Microsoft should not conjure accusations…, he said, adding that the United States was…":
    // a pronoun that speaks outranks a name that only stands near an accusation word.
    const pronounSpeaks =
      !!lastSpeaker &&
      !!scored[0] &&
      scored[0].score < 2.5 &&
      /\b(?:he|she|they|it) (?:said|says|added|told|argued|insisted|claimed|wrote)\b/i.test(text) &&
      !sameParty(scored[0].c.party, lastSpeaker);
    const best = pronounSpeaks ? undefined : scored[0];
    if (pronounSpeaks) accusers.push(lastSpeaker!);
    if (best) {
      accusers.push(best.c.party);
      // Coordination: other candidates joined to the best one by commas / "and" only.
      const joined = (from: number, to: number) =>
        tokens
          .slice(from, to)
          .every(
            (t) => /^(and|the|as well as|well|as|its|allies|-)$/.test(t.norm) || t.raw === ',',
          );
      const group = accuserCandidates
        .filter((c) => !c.outlet && !inAccused(c.tokenStart))
        .sort((a, b) => a.tokenStart - b.tokenStart);
      const idx = group.indexOf(best.c);
      for (
        let i = idx - 1;
        i >= 0 &&
        joined(group[i]!.tokenEnd, group[i + 1]!.tokenStart) &&
        text.slice(tokens[group[i]!.tokenEnd - 1]!.end, tokens[group[i + 1]!.tokenStart]!.start)
          .length < 12;
        i--
      )
        accusers.push(group[i]!.party);
      for (
        let i = idx + 1;
        i < group.length &&
        joined(group[i - 1]!.tokenEnd, group[i]!.tokenStart) &&
        text.slice(tokens[group[i - 1]!.tokenEnd - 1]!.end, tokens[group[i]!.tokenStart]!.start)
          .length < 12;
        i++
      )
        accusers.push(group[i]!.party);
    }
    // An organization or person the gazetteer does not know, speaking: "Marks & Spencer said",
    // "The British Library confirmed", "Ciaran Martin, the former head of the NCSC, said".
    if (accusers.length === 0) {
      const named = this.namedSpeaker(text, s.mentions, accused);
      if (named) accusers.push(named);
    }
    if (accusers.length === 0 && lastSpeaker && SPEAKER_COREF.test(text))
      accusers.push(lastSpeaker);
    // "the US director of national intelligence": the state names the organ's country, one
    // accuser, the organ.
    for (let i = accusers.length - 1; i >= 0; i--) {
      const p = accusers[i];
      if (!p || p.kind !== 'state') continue;
      const c = accuserCandidates.find((x) => x.party === p);
      if (
        c &&
        accuserCandidates.some(
          (o) =>
            o.party !== p &&
            o.party.kind === 'agency' &&
            o.party.country === p.country &&
            accusers.includes(o.party) &&
            o.tokenStart === c.tokenEnd,
        )
      )
        accusers.splice(i, 1);
    }
    const position = new Map(accuserCandidates.map((c) => [c.party, c.tokenStart]));
    accusers.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    if (accusers.length === 0) accusers.push(null as unknown as Party);

    const hedged = HEDGE.test(text);
    const firm = FIRM.test(text);
    const action = classifyAction(text);
    const target = this.findTarget(
      text,
      accused.map((a) => a.party),
    );
    const out: Finding[] = [];
    const seen = new Set<string>();
    const governmental = (p: Party) => p.kind === 'state' || p.kind === 'agency';
    // "Chinese agencies dismissed the group Washington calls Volt Typhoon and accused the United
    // States of…": when every accuser found is the accused itself, the next speaker accuses it.
    const pairs: [Party | null, (typeof accused)[number]][] = [];
    // "Moscow says Berlin has shown no proof for 'Ghostwriter' hacking claim": a group named as
    // the subject of someone else's claim, in an answer, is not accused by the one answering.
    let answeringMemo: boolean | undefined;
    const answering = () =>
      (answeringMemo ??= DENIAL_CUE.test(unquoted(text).text) || NOT_PROVIDED.test(text));
    for (const a of accused) {
      if (
        a.tokenEnd > 0 &&
        /^(?:['’"”]\s*)?(?:(?:hacking|cyber|spying|espionage)\s+)?(?:claims?|allegations?|accusations?|charges?)\b(?!\s+(?:credit|responsibility|that|to|it|its|the|a|an)\b)/i.test(
          text.slice(tokens[a.tokenEnd - 1]!.end).trimStart(),
        ) &&
        answering()
      ) {
        pairs.push([null, a]);
        continue;
      }
      const own = accusers.filter((p) => p && !sameParty(p, a.party));
      if (own.length || accusers.every((p) => !p)) {
        for (const p of accusers) pairs.push([p ?? null, a]);
        continue;
      }
      const next = scored.find(
        (x) =>
          !sameParty(x.c.party, a.party) &&
          !(x.c.party.country && x.c.party.country === a.party.country),
      );
      if (next) pairs.push([next.c.party, a]);
    }
    for (const [accuser, a] of pairs) {
      {
        if (accuser && sameParty(accuser, a.party)) continue;
        // A state does not attribute to its own organs ("the NSA's Tailored Access Operations").
        if (
          accuser &&
          governmental(accuser) &&
          governmental(a.party) &&
          !!accuser.country &&
          accuser.country === a.party.country
        )
          continue;
        const key = `${accuserKey(accuser)}=>${accusedKey(a.party)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          accuser,
          accuserCountry: countryOfParty(accuser),
          accused: a.party,
          sentence: text,
          sentenceIndex: s.index,
          paragraphIndex: s.paragraphIndex,
          reportedBy,
          target,
          action,
          hedged,
          firm,
          selfClaim,
        });
      }
    }
    return out;
  }

  /** Group names the gazetteer does not know: "calling itself X", "X ransomware gang", "Storm-1234". */
  private namedGroups(
    text: string,
    tokens: Token[],
    mentions: Mention[],
  ): { party: Party; tokenStart: number; tokenEnd: number }[] {
    const out: { party: Party; tokenStart: number; tokenEnd: number }[] = [];
    const taken = (start: number, end: number) =>
      mentions.some((m) => m.start < end && start < m.end) ||
      out.some((o) => tokens[o.tokenStart]!.start < end && start < tokens[o.tokenEnd - 1]!.end);
    const add = (name: string, start: number) => {
      name = name
        .replace(/[.,'’"”]+$/, '')
        .replace(/['’]s$/, '')
        .trim();
      const first = name.split(/\s+/)[0] ?? '';
      // "The Police Security Service, known as PST": an institution's short name, not a group.
      if (INSTITUTION_BEFORE.test(text.slice(Math.max(0, start - 70), start))) return;
      if (name.length < 3 || NOT_A_GROUP.test(first) || /^\d+$/.test(name) || /^CVE-/i.test(name))
        return;
      // "malware known as X", "the flaw, dubbed X": a tool or a bug, not a group.
      if (MALWARE_CONTEXT.test(text.slice(Math.max(0, start - 60), start))) return;
      const end = start + name.length;
      if (taken(start, end)) return;
      // A name the gazetteer knows by another spelling or context ("BlackCat"): that entity.
      const known = this.gaz.resolve(name);
      if (known && known.type !== 'actor') return;
      const tStart = tokens.findIndex((t) => t.start >= start);
      let tEnd = tokens.findIndex((t) => t.start >= end);
      if (tEnd === -1) tEnd = tokens.length;
      if (tStart === -1 || tEnd <= tStart) return;
      const window = text.slice(Math.max(0, start - 80), Math.min(text.length, end + 80));
      const kind: PartyKind = /ransom|extort|criminal|cybercrim|gang/i.test(window)
        ? 'criminal-group'
        : /hacktivis/i.test(window)
          ? 'hacktivist-group'
          : /state|government|military|intelligence|espionage|spy|nation/i.test(window)
            ? 'state-linked-group'
            : 'unknown';
      const country =
        mentions.find(
          (m) =>
            m.entity.type === 'country' &&
            !m.entity.bloc &&
            Math.abs(m.start - start) < 80 &&
            (m.form === 'demonym' ||
              /-(?:linked|backed|based|nexus|sponsored|aligned)/.test(
                text.slice(m.end, m.end + 12),
              )),
        )?.entity.country ?? null;
      out.push({
        party: known ? entityParty(known) : { name, kind, country, actor: name },
        tokenStart: tStart,
        tokenEnd: tEnd,
      });
    };
    for (const re of [NAMED_GROUP, GROUP_CODE, GROUP_BEFORE_NOUN]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        const name = m[1] ?? m[0];
        add(name, m.index + m[0].indexOf(name));
      }
    }
    return out;
  }

  /**
   * Companies and people the gazetteer cannot know, accused by what is done to them or said of
   * them: "designated Yin Kecheng", "sanctions on Integrity Technology Group", "traced the
   * activity to CyberOne Group, an IT firm", "linked Aleksandr Ermakov to the attack",
   * "Sichuan Juxinhe Network Technology had taken part in…". A company needs a company word in
   * its name or beside it, a person a word that says so (a hacker, a national, whom, his), so
   * places and officials are not taken for defendants.
   */
  private namedDefendants(
    text: string,
    tokens: Token[],
    mentions: Mention[],
    lastAccused: Party | null,
    people: Map<string, Party> = new Map(),
    cyberContext = false,
  ): { party: Party; tokenStart: number; tokenEnd: number }[] {
    const out: { party: Party; tokenStart: number; tokenEnd: number }[] = [];
    // "…unsealed an indictment charging Guan with…": a person named in full earlier.
    if (people.size) {
      DEFENDANT_SHORT.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = DEFENDANT_SHORT.exec(text))) {
        const person = people.get(m[1]!);
        if (!person) continue;
        const start = m.index + m[0].length - m[1]!.length;
        const tStart = tokens.findIndex((t) => t.start >= start);
        if (tStart < 0 || mentions.some((x) => x.start <= start && start < x.end)) continue;
        out.push({ party: person, tokenStart: tStart, tokenEnd: tStart + 1 });
      }
    }
    // Each shape with a cheap test of the words it needs, so most sentences cost nothing.
    const shapes: [RegExp, RegExp][] = [
      [
        DEFENDANT_OBJECT,
        /sanction|designat|indict|charg|blacklist|penalt|warrant|wanted|bounty|reward|named|naming|identif|unmask|expos/i,
      ],
      [DEFENDANT_LINKED, /linked|tied|traced|connected|attributed|pinned|behind/i],
      [DEFENDANT_AGENT, / by /],
      [
        DEFENDANT_SUBJECT,
        /involved|part in|participated|carried|conducted|helped|hacked|breached|exploited|infected|deployed|behind|developed|ran the|ties|links|work|front|support|assist|aid/i,
      ],
      [
        DEFENDANT_APPOSITIVE,
        /charged|indicted|sanctioned|designated|accused|wanted|conspirator|arrested|extradited/i,
      ],
      [DEFENDANT_LIST, /designated|sanction|charge[ds]|indicted/i],
    ];
    for (const [re, gate] of shapes) {
      if (!gate.test(text)) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        const raw = m[1] ?? m[2]!;
        const lead = m[0].slice(0, m[0].indexOf(raw));
        // "named a Russian national, Aleksandr Ermakov, as the hacker behind…": naming is an
        // accusation only with the role it names him in.
        if (
          re === DEFENDANT_OBJECT &&
          /^(?:named|naming|identified|identifying|unmasked|unmasking|exposed|exposing)\b/.test(
            m[0],
          ) &&
          !/^[^.;]{0,40}?\bas\s+(?:the|a|an|one of the)\s+(?:[\w-]+\s+){0,3}?(?:hacker|hackers|leader|administrator|operator|developer|mastermind|member|head|boss|person|man|woman|individual|figure|culprit|perpetrator|author)\b/.test(
            text.slice(m.index + m[0].length),
          )
        )
          continue;
        // "the phones of … Margarita Robles had been infected": a victim, not a doer.
        if (
          re === DEFENDANT_SUBJECT &&
          /\bbeen\s+(?:\w+\s+)?(?:hacked|breached|exploited|infected|deployed|carried out|conducted|targeted)\b/.test(
            m[0].slice(lead.length + raw.length),
          )
        )
          continue;
        // "The forensic review was carried out by FTI Consulting": who did something that is
        // not an operation.
        if (
          re === DEFENDANT_AGENT &&
          /\b(?:review|investigation|analysis|audit|study|report|research|probe|assessment|examination|response|clean-?up|remediation|inquiry)(?:\s+\w+){0,2}\s+(?:was|were|is|are|had been|has been|have been|being)\s*$/i.test(
            text.slice(Math.max(0, m.index - 60), m.index),
          )
        )
          continue;
        // Named as the object of the charge or of the link itself ("charged Ruslan Astamirov",
        // "linked Aleksandr Ermakov to the attack"): a person needs no other word.
        const direct =
          re !== DEFENDANT_SUBJECT &&
          re !== DEFENDANT_LIST &&
          !/(?:,|called|named)\s*$/.test(lead) &&
          !/\s(?:an?|the|two|three|four|five)\s/.test(lead);
        let name = raw
          .replace(/^The\s+/, '')
          .replace(/['’]s$/, '')
          .replace(/\s+(?:and|of|&)$/, '');
        // "Sichuan Silence Information Technology Co. and Guan Tianfeng": two names.
        const pair =
          /^(.+?\b(?:Co|Ltd|Inc|LLC|Corp|Group|Company|GmbH|JSC)\.?)\s+and\s+\p{Lu}/u.exec(name);
        if (pair) name = pair[1]!;
        const start = m.index + lead.length + (raw.length - raw.replace(/^The\s+/, '').length);
        const end = start + name.length;
        // A later name inside this match ("X, based in Chengdu, and Guan Tianfeng, who…") is
        // looked at too.
        re.lastIndex = Math.max(m.index + 1, end);
        const words = name.split(/\s+/).filter((w) => !/^(?:and|of|&)$/.test(w));
        // The subject of the operation itself ("Mansour Ahmadi and two associates exploited…",
        // "X was the person behind LockBitSupp"): a person needs no other word either.
        // …and the sentence goes on about a cyber operation ("Dani Okafor hacked away at the
        // lead" is football).
        const verbAt = m.index + m[0].length;
        const doer =
          re === DEFENDANT_SUBJECT &&
          /\b(?:carried out|hacked|breached|exploited|infected|deployed|behind|took part in|taken part in|participated in)\b/.test(
            m[0].slice(lead.length + raw.length),
          ) &&
          !/^\s+(?:away|off|down|at)\b/.test(text.slice(verbAt)) &&
          (CYBER_CUE.test(text.slice(verbAt)) ||
            // "…was the person behind LockBitSupp", in a paragraph about an operation.
            (cyberContext && /\bbehind$/.test(m[0])));
        // A political party ("the Democratic Progressive Party") answers for its government's
        // operations; its own name is its identity.
        const party = /^[A-Z]\w+(?:\s+[A-Z]\w+){0,3}\s+Party$/.test(name);
        if (words.length > 7) continue;
        if (!party && words.some((w) => DEFENDANT_STOP.test(w))) continue;
        // A security company sanctioned or said to help an operation ("Positive Technologies
        // supports the hacking operations of the FSB") is accused like any company.
        const vendor = mentions.find(
          (x) => x.entity.type === 'vendor' && x.start === start && x.end === end,
        );
        if (!vendor && mentions.some((x) => x.start < end && start < x.end)) continue;
        if (vendor && (re === DEFENDANT_LINKED || re === DEFENDANT_AGENT)) continue;
        // "a server linked to NSO's Pegasus spyware": a product, not who made it.
        if (/['’]s\s/.test(name)) continue;
        const after = text.slice(end, end + 90);
        if (
          /^\s+(?:spyware|malware|software|tool|tools|ransomware|exploit|app|platform|servers?|domains?)\b/i.test(
            after,
          )
        )
          continue;
        const before = text.slice(Math.max(0, start - 70), start);
        const company =
          !!vendor ||
          DEFENDANT_COMPANY_WORD.test(words[words.length - 1]!) ||
          /^,?\s+(?:an?|the)\s+(?:(?!of\b)[\w-]+\s+){0,3}(?:company|firm|contractor|vendor|business|startup|enterprise|front)\b/i.test(
            after,
          ) ||
          /\b(?:company|firm|contractor|front)\s*(?:called|named|,)?\s*$/i.test(before);
        const person =
          !company &&
          words.length <= 4 &&
          !ORG_WORD.test(name) &&
          (((direct || doer) && words.length <= 3) ||
            /^,?\s+(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:hacker|national|citizen|civilian|officer|man|woman|resident|individual|programmer|developer|administrator|operator|member|employee|official|engineer|manager|contractor)\b|who\b|whom\b|aged\b|\d{2}\b)/i.test(
              after,
            ) ||
            /\b(?:hacker|national|citizen|officer|man|woman|resident|individual|programmer|developer|administrator|operator|businessman|suspects?)s?\s*(?:named|called|,)?\s*$/i.test(
              before,
            ));
        if (!company && !person && !party) continue;
        // One word is a name only beside a company word ("TigerWeb, a web-development company").
        if (words.length < 2 && !(company && !DEFENDANT_COMPANY_WORD.test(words[0]!))) continue;
        const tStart = tokens.findIndex((t) => t.start >= start);
        let tEnd = tokens.findIndex((t) => t.start >= end);
        if (tEnd === -1) tEnd = tokens.length;
        if (tStart === -1 || tEnd <= tStart) continue;
        if (out.some((o) => o.tokenStart < tEnd && tStart < o.tokenEnd)) continue;
        // Its state: a demonym just before ("a Chinese company"), else the state or organ the
        // sentence ties it to after the name ("had close ties to the Ministry of State Security").
        const tie =
          mentions.find(
            (x) =>
              x.form === 'demonym' &&
              !x.entity.bloc &&
              x.end <= start &&
              start - x.end < 50 &&
              x.entity.country,
          ) ??
          mentions.find(
            (x) =>
              x.start >= end &&
              !x.entity.bloc &&
              !!x.entity.country &&
              // Not the one speaking ("…, the Justice Department said").
              !/^['’]?s?\s+(?:has\s+|had\s+)?(?:said|says|announced|told|stated|alleged|added)\b/.test(
                text.slice(x.end, x.end + 20),
              ) &&
              !/according to\s+(?:the\s+)?$/i.test(
                text.slice(Math.max(0, x.start - 20), x.start),
              ) &&
              (x.entity.type === 'organ' ||
                x.entity.type === 'actor' ||
                // "an IT firm in Vietnam", "a Russian web-development company" — not the
                // target ("intrusions aimed at U.S. infrastructure").
                (x.entity.type === 'country' &&
                  x.start - end < 70 &&
                  !/\b(?:at|against|into|on|targeting|targeted|hit|breached)\s+(?:the\s+)?$/i.test(
                    text.slice(Math.max(0, x.start - 20), x.start),
                  ))),
          );
        out.push({
          party: {
            name,
            kind: company ? 'company' : person ? 'person' : 'unknown',
            // Else the state of the party the sentence before accused ("It also sanctioned
            // Zhao Guangzong, an employee of the firm").
            country:
              tie?.entity.country ??
              (lastAccused && lastAccused.kind !== 'state' ? lastAccused.country : null) ??
              null,
          },
          tokenStart: tStart,
          tokenEnd: tEnd,
        });
      }
    }
    return out;
  }

  /** A capitalized name before a speech verb that no gazetteer entry covers. */
  private namedSpeaker(
    text: string,
    mentions: Mention[],
    accused: { party: Party; tokenStart: number; tokenEnd: number }[],
  ): Party | null {
    NAMED_SPEAKER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NAMED_SPEAKER.exec(text))) {
      let name = m[1]!
        .replace(/^(?:The|A|An)\s+/, '')
        .replace(/,\s*$/, '')
        .trim();
      const start = m.index + m[0].indexOf(m[1]!);
      const end = start + m[1]!.length;
      if (mentions.some((x) => x.start < end && start < x.end)) continue;
      if (accused.some((a) => a.party.name === name)) continue;
      const words = name.split(/\s+/);
      if (NOT_A_SPEAKER.test(words[0]!) || words.length > 6 || name.length < 3) continue;
      name = name.replace(/['’]s$/, '');
      const org = ORG_WORD.test(name) || words.length > 3 || /&/.test(name);
      const person =
        !org &&
        words.length >= 2 &&
        words.length <= 3 &&
        words.every((w) => /^[A-Z][a-z'’-]+$/.test(w));
      // Only names that read as organizations: bare capitalized words are too often places,
      // products or people already counted elsewhere.
      if (!org || person) continue;
      return { name, kind: 'company', country: null };
    }
    return null;
  }

  /** The party that speaks in a sentence ("Microsoft said", "the FBI assessed"), if any. */
  private speakerOf(s: SentenceInfo): Party | null {
    // "The state-run tabloid Global Times took a sharper line…": state media opening a sentence
    // is who "it" is in the next one.
    const first = s.mentions[0];
    if (first?.entity.type === 'outlet' && first.entity.stateMedia && first.tokenStart <= 5)
      return entityParty(first.entity);
    for (const m of s.mentions) {
      if (m.entity.type === 'outlet' || m.entity.type === 'actor') continue;
      // "the Chinese Embassy in Washington said": the place an embassy is in does not speak.
      if (
        s.tokens[m.tokenStart - 1]?.norm === 'in' &&
        /^(embassy|mission|consulate|office|bureau|delegation)$/.test(
          s.tokens[m.tokenStart - 2]?.norm ?? '',
        )
      )
        continue;
      let base = m.tokenEnd;
      let after = s.tokens.slice(base, base + 5).map((t) => t.norm);
      let k = 0;
      for (;;) {
        while (
          k < after.length &&
          (ACCUSER_NOUN.test(after[k]!) ||
            /^(the|s|and|of|spokesperson|spokesman|spokeswoman|also|has|have|had|on)$/.test(
              after[k]!,
            ))
        )
          k++;
        // "…embassy in Washington said": read past the place.
        const place =
          after[k] === 'in' &&
          /^(embassy|mission|consulate|office|bureau)$/.test(after[k - 1] ?? '')
            ? s.mentions.find((o) => o.tokenStart === m.tokenEnd + k + 1)
            : undefined;
        if (!place) break;
        base = place.tokenEnd;
        after = s.tokens.slice(base, base + 5).map((t) => t.norm);
        k = 0;
      }
      // "Chinese foreign ministry spokesman Zhao Lijian told…": read past the holder's name.
      let verb = after[k] ?? '';
      if (
        k > 0 &&
        /^(spokesperson|spokesman|spokeswoman|minister|ambassador|director|secretary|chief|head|envoy)$/.test(
          after[k - 1]!,
        )
      ) {
        let j = base + k;
        while (j < base + k + 3 && CAP_WORD.test(s.tokens[j]?.raw ?? '')) j++;
        if (j > base + k) verb = s.tokens[j]?.norm ?? '';
      }
      if (
        SPEECH_VERB.test(verb) &&
        !/^(has|have|had|is|was|were|are|formally|publicly)$/.test(verb)
      )
        return entityParty(m.entity);
    }
    // "In a commentary carried by KCNA, the North called…": state media carrying the answer
    // is its state speaking.
    const carried = s.mentions.find((m) => m.entity.type === 'outlet' && m.entity.stateMedia);
    const state = carried?.entity.country ? this.gaz.country(carried.entity.country) : undefined;
    if (
      state &&
      s.tokens.some((t) => RESPONSE_VERB.test(t.norm) || /^(said|says|stated)$/.test(t.norm))
    )
      return entityParty(state);
    return null;
  }

  /** Whether a country or organ mention is the party being blamed in this sentence. */
  private isAccusedMention(m: Mention, tokens: Token[], s: SentenceInfo): boolean {
    const after = tokens.slice(m.tokenEnd, m.tokenEnd + 6);
    const before = tokens.slice(Math.max(0, m.tokenStart - 6), m.tokenStart);
    const e = m.entity;
    // "…whether a foreign ministry was behind it", "if Russia hacked…": not asserted.
    if (before.slice(-8).some((t) => /^(whether|if)$/.test(t.norm))) return false;
    // "APT41, a Chinese group that…": the demonym describes the actor named just before.
    const prevMention = s.mentions.filter((o) => o.tokenEnd <= m.tokenStart).pop();
    if (
      m.form === 'demonym' &&
      prevMention?.entity.type === 'actor' &&
      m.tokenStart - prevMention.tokenEnd <= 2 &&
      before
        .slice(-(m.tokenStart - prevMention.tokenEnd))
        .every((t) => /^(a|an|the)$/.test(t.norm)) &&
      /,\s*(?:a|an|the)?\s*$/.test(s.text.slice(prevMention.end, m.start))
    )
      return false;
    // "possible U.S. cyberattacks", "any future Chinese hacking": a hypothetical, not a claim.
    const justBefore = before.slice(-3).map((t) => t.norm);
    if (
      justBefore.some((w) =>
        /^(possible|potential|future|hypothetical|any|prospective|imagined|eventual)$/.test(w),
      )
    )
      return false;
    // "<Country>-linked ..." / "<Country>-backed hackers"
    if (after[0]?.norm === '-' && after[1] && LINK_SUFFIX.test(after[1].norm)) {
      // "China-based hackers" blames; "a Singapore-based exchange" only locates a victim.
      if (after[1].norm !== 'based') return true;
      if (
        after
          .slice(2, 5)
          .some((t) => HACKER_NOUN.test(t.norm) && !/^(government|state|services?)$/.test(t.norm))
      )
        return true;
    }
    // "Chinese (state-sponsored) hackers", "Russian military intelligence", "U.S. cyberoperations"
    // Another party's mention ends this one's description ("the AIVD and the military
    // intelligence service MIVD": MIVD's words are not AIVD's).
    const nextMention = s.mentions.find((o) => o.tokenStart >= m.tokenEnd);
    for (let k = 0; k < after.length; k++) {
      if (nextMention && m.tokenEnd + k >= nextMention.tokenStart) break;
      if (
        /^(and|or)$/.test(after[k]!.norm) &&
        /^(the|a|an|its|their)$/.test(after[k + 1]?.norm ?? '')
      )
        break;
      const w = after[k]!.norm;
      // "hackers targeting U.S. campaigns": the object of an operation verb is its target.
      if (
        k === 0 &&
        /^(targeting|targeted|attacking|hitting|breaching|breached|infiltrating|infiltrated|compromising|compromised|penetrating|penetrated)$/.test(
          before[before.length - 1]?.norm ?? '',
        )
      )
        break;
      // "North Korean IT workers" who hack for their state.
      if (
        w === 'workers' &&
        /^(it|tech|remote|software)$/.test(after[k - 1]?.norm ?? '') &&
        CYBER_CUE.test(s.text)
      )
        return true;
      if (HACKER_NOUN.test(w)) {
        // "Chinese hackers could in theory disrupt pipelines": a capability, not an operation
        // ("may have stolen" is still a claim, hedged).
        const modal = tokens.slice(m.tokenEnd + k + 1, m.tokenEnd + k + 3).map((t) => t.norm);
        if (
          /^(could|would|might|can)$/.test(modal[0] ?? '') &&
          modal[1] !== 'have' &&
          modal[1] !== 'not'
        )
          return false;
        // "a Chinese cyber emergency response team", "the U.S. cyber agency": an institution speaking.
        if (
          /^(cyber|state|national|government)$/.test(w) &&
          /^(emergency|response|team|agency|agencies|centre|center|security|authority|regulator|administration|ministry|office|council|watchdog|cert|department|directorate|police|crime|crimes|defense|defence|division|section|squad|desk|branch|task|chief|director|head|official|officials|experts|investigators)$/.test(
            after[k + 1]?.norm ?? '',
          )
        ) {
          return false;
        }
        // "Chinese government said" → speaker, not accused; "Chinese government hackers" → accused.
        if (/^(government|state|military|intelligence|services?|regime)$/.test(w)) {
          const next = after[k + 1]?.norm ?? '';
          if (
            /^(hackers?|hacking|cyber(?!security)\w*|spies|operatives|actors?|groups?|units?|agents?|-)$/.test(
              next,
            )
          )
            return true;
          if (
            /^(linked|backed|sponsored|affiliated)$/.test(after[k + 2]?.norm ?? '') &&
            next === '-'
          )
            return true;
          if (e.type === 'organ' || w === 'intelligence' || w === 'military') {
            // "Russian military intelligence" is accused unless it speaks ("German intelligence
            // had concluded that…").
            const aux = /^(has|have|had|is|was|were|are)$/;
            if (SPEECH_VERB.test(next) && !aux.test(next)) return false;
            const then = after[k + 2]?.norm ?? '';
            if (/^(has|have|had)$/.test(next) && SPEECH_VERB.test(then) && !aux.test(then))
              return false;
            // "Russian intelligence services were behind…" accuses; "Russian intelligence
            // services said…" speaks.
            if (
              (w === 'military' || w === 'intelligence') &&
              /^(services?|agency|agencies|officers)$/.test(next)
            ) {
              // "charged two Russian intelligence officers over…": the object of a charge.
              if (before.slice(-3).some((t) => CHARGE_VERB.test(t.norm))) return true;
              // Only with an operation after it: "…were behind", "…hacked", "…targeted".
              const rest = tokens
                .slice(m.tokenEnd + k + 2, m.tokenEnd + k + 6)
                .map((t) => t.norm)
                .join(' ');
              return /^(?:(?:were|was|are|is|have been|has been|had been|also|allegedly|likely|probably) )*(?:behind|responsible|hacked|breached|targeted|attacked|carried out|conducted|launched|orchestrated|infiltrated|compromised|stole|deployed|directed)\b/.test(
                rest,
              );
            }
            // "Ukrainian military forums", "a Russian military officer" only describe.
            if (w === 'military' || w === 'intelligence')
              return /^(hackers?|hacking|cyber\w*|spies|spy|operatives|units?|intelligence|directorate|-|and|or|was|is|were|are|has|had|have|had|carried|conducted|launched|hacked|targeted|breached|stole|deployed|used|behind|for|in|of|to|)$/.test(
                next,
              );
          }
          continue;
        }
        // "Seoul's hacking probe": the owner of an inquiry into an operation, not its doer
        // ("the Russian hacking investigation" still names the suspect — unless another state
        // was named before it: "Moscow finds U.S. hacking charge 'flattering'").
        if (
          (m.possessive ||
            s.mentions.some(
              (o) =>
                o.tokenEnd <= m.tokenStart &&
                (o.entity.type === 'country' || o.entity.type === 'organ') &&
                !o.entity.bloc &&
                o.entity.country !== e.country,
            )) &&
          /^(probe|probes|investigation|investigations|inquiry|inquiries|report|findings|case|cases|charges|charge|allegations?|accusations?|claims?|laws?|rules|defen[cs]es?|experts?|researchers?|officials?|chief|agency|centre|center|warnings?|advisory|drills?|exercises?|sanctions|indictments?|victims?)$/.test(
            after[k + 1]?.norm ?? '',
          ) &&
          w !== 'military' &&
          w !== 'intelligence'
        )
          return false;
        return true;
      }
      if (!FILLER.test(w) && !(m.possessive && k === 0)) break;
    }
    // "hackers linked to / working for / backed by (the) Chinese government / China"
    // "…a front company of China's Ministry of State Security": read past the possessive owner.
    let ctx = before;
    let ctxStart = m.tokenStart;
    if (before[before.length - 1]?.norm === 's') {
      const owner = s.mentions.find(
        (o) => o.tokenEnd === m.tokenStart - 1 && o.entity.type === 'country',
      );
      if (owner) {
        ctx = tokens.slice(Math.max(0, owner.tokenStart - 6), owner.tokenStart);
        ctxStart = owner.tokenStart;
      } else if (e.type === 'organ') {
        // "carried out by the North's Reconnaissance General Bureau": an owner the gazetteer
        // does not name is read past too.
        let k = m.tokenStart - 2;
        while (k >= 0 && /^\p{Lu}/u.test(tokens[k]!.raw) && m.tokenStart - 2 - k < 3) k--;
        if (k < m.tokenStart - 2) {
          if (tokens[k]?.norm === 'the') k--;
          ctx = tokens.slice(Math.max(0, k - 5), k + 1);
          ctxStart = k + 1;
        }
      }
    }
    // "Microsoft has linked Cotton Sandstorm to Iran's Revolutionary Guard": the group's owner.
    const linkedActor = s.mentions
      .filter((o) => o.entity.type === 'actor' && o.tokenEnd <= ctxStart)
      .pop();
    if (
      linkedActor &&
      /^(?:to|with)(?: the)?$/.test(
        tokens
          .slice(linkedActor.tokenEnd, ctxStart)
          .map((t) => t.norm)
          .join(' '),
      ) &&
      /^(linked|links|tied|ties|connected|connects|attributed|attributes|traced|traces|pinned)$/.test(
        tokens[linkedActor.tokenStart - 1]?.norm ?? '',
      )
    )
      return true;
    const beforeNorm = ctx.map((t) => t.norm).join(' ');
    // "figures it attributed to the London-based institute": a place, not the state.
    const locatesOnly =
      (after[0]?.norm === '-' &&
        after[1]?.norm === 'based' &&
        !after.slice(2, 5).some((t) => HACKER_NOUN.test(t.norm))) ||
      // "false remarks attributed to Qatar's ruler": words put in a mouth, not an operation.
      /\b(?:remarks|quotes?|quotations|statements?|comments?|words|posts?|messages?|articles?|letters?|speech(?:es)?|tweets?)\s+(?:\w+\s+){0,2}attributed\s+to\s+(?:the\s+)?$/i.test(
        s.text.slice(Math.max(0, m.start - 80), m.start),
      );
    if (
      !locatesOnly &&
      /\b(linked|linking|tied|tying|connected|connecting|attributed|attributing|traced|tracing|pinned|pinning|blamed|blaming|pointing|points|pointed|attribute|link|ties|tie|links) (?:it |them |this |the (?:attack|hack|breach|intrusion|campaign|operation|incident) )?(?:back )?(?:to|on|at)(?: the)?$/.test(
        beforeNorm,
      )
    )
      return true;
    // "an event backed by the White House": sponsorship of something that is not an operation.
    const sponsorship =
      /\b(?:backed|sponsored|supported|funded|run|controlled|directed) by(?: the)?$/.exec(
        beforeNorm,
      );
    if (sponsorship) {
      const head = ctx.slice(0, -sponsorship[0].split(' ').length).slice(-3);
      const ok =
        head.some((t) => HACKER_NOUN.test(t.norm) || /^(it|they|them|which|who)$/.test(t.norm)) ||
        s.mentions.some(
          (o) =>
            o.entity.type === 'actor' &&
            o.tokenEnd <= m.tokenStart &&
            m.tokenStart - o.tokenEnd <= 6,
        );
      if (!ok) return false;
    }
    // "the Canadian Centre for Cyber Security, part of the Communications Security
    // Establishment": an institution's place in its government, not an operation's sponsor.
    const institutionPart =
      /\bpart of(?: the)?$/.test(beforeNorm) &&
      /\b(?:Security|Centre|Center|Agency|Office|Department|Ministry|Bureau|Directorate|Service|Services|Authority|Commission|Council|Institute|Police|Command)\s*,?\s*(?:which is\s+)?part of\s+(?:the\s+)?$/.test(
        s.text.slice(Math.max(0, m.start - 80), m.start),
      );
    if (
      !institutionPart &&
      /\b((?:hacking|cyber|espionage|offensive|covert|intrusion|influence) (?:operations?|campaigns?|activities|programs?|programmes?) of|with help from|with the help of|with support from|with the support of|helped by|aided by|assisted by|supported by|provided by|in league with|members of|member of|officers of|officers from|operatives of|agents of|hackers from|hackers of|operatives from|agents from|actors from|spies from|attackers from|intruders from|crews? from|gangs? from|groups? from|units? from|teams? from|hackers in|operatives in|hackers based in|a unit of|units of|an arm of|the arm of|branch of|working for|work for|works for|worked for|front company of|front companies of|a front for|fronts for|employed by|hired by|contracted by|on the payroll of|at the direction of|at the behest of|under the direction of|for the benefit of|at the request of|backed by|sponsored by|run by|controlled by|directed by|on behalf of|acting for|tasked by|part of|belongs to|belong to|associated with|affiliated with|aligned with|loyal to|serving|operating for|operating from|operating out of|on orders from|on the orders of|on orders of|under orders from|taking orders from|operate from|operates from|operated from|operate out of|operates out of|based out of|working out of|run from|run out of)(?: the)?$/.test(
        beforeNorm,
      )
    ) {
      return true;
    }
    if (
      /\b(originat\w*|came|coming|emanat\w*|launched|stemm\w*|sourced|conducted|carried out|orchestrated|directed|ordered) (?:from|in|out of|by)(?: the)?$/.test(
        beforeNorm,
      )
    )
      return true;
    // "the operation… was developed by the National Security Agency", "the worm was built by
    // Unit 8200": an operation made by a state; "an exploit developed by the NSA" is only a tool.
    if (
      /\b(?:developed|built|created|designed|written|engineered|planted|launched|masterminded|devised|operated) by(?: the)?$/.test(
        beforeNorm,
      )
    ) {
      const head =
        /\b(worm|operation|attack|attacks|cyberattacks?|campaign|cyberweapons?|virus|sabotage|intrusions?|hack|breach|exploit|exploits|tool|tools|vulnerabilit\w+|software|program|app|spyware)\b(?![^.;]*\b(?:worm|operation|attack|attacks|cyberattacks?|campaign|cyberweapons?|virus|sabotage|intrusions?|hack|breach|exploit|exploits|tool|tools|vulnerabilit\w+|software|program|app|spyware)\b)/i.exec(
          s.text.slice(0, m.start),
        );
      if (
        head &&
        !/^(exploits?|tools?|vulnerabilit\w+|software|program|app|spyware)$/i.test(head[1]!)
      )
        return true;
    }
    // "…hacked email accounts to order for China's Ministry of Public Security": done for an organ.
    if (
      e.type === 'organ' &&
      /\b(?:for|to order for|at the request of)$/.test(beforeNorm) &&
      /\b(hack\w*|breach\w*|stole|steal\w*|spied|spying|intrusions?|broke into|infiltrat\w+|compromis\w+|espionage)\b/i.test(
        s.text.slice(0, m.start),
      )
    )
      return true;
    // "charging two Russian nationals with hacking": people of a state charged over an operation.
    if (
      m.form === 'demonym' &&
      /^(nationals?|citizens?|men|man|women|woman|officers?|officials?|individuals?|residents?|businessm[ae]n|programmers?|suspects?|operatives?|agents?)$/.test(
        after[0]?.norm ?? '',
      ) &&
      before.slice(-3).some((t) => CHARGE_VERB.test(t.norm)) &&
      CYBER_CUE.test(s.text.slice(m.end)) &&
      // "…on behalf of the Islamic Revolutionary Guard Corps": the organ is the accused.
      !s.mentions.some((o) => o.entity.type === 'organ' && o.entity.country === e.country)
    )
      return true;
    // "Albania cut diplomatic ties with Iran over a July cyberattack": a state answered for one.
    if (
      /\b(?:cut|cuts|severed|severs|broke|broken|suspended|downgraded|downgrades) (?:off )?(?:all )?(?:diplomatic )?(?:ties|relations) with(?: the)?$/.test(
        beforeNorm,
      ) &&
      /^[^.;]{0,40}?\b(?:over|after|in response to|because of)\b[^.;]{0,60}?\b(?:cyber\w*|hack\w*|breach\w*)/i.test(
        s.text.slice(m.end),
      )
    )
      return true;
    // Object of an accusation verb: "blamed China", "accused Russia of", "accusations against the U.S."
    const prev = before.map((t) => t.norm).filter((w) => w !== 'the');
    const p1 = prev[prev.length - 1] ?? '';
    const p2 = prev[prev.length - 2] ?? '';
    if (
      /^(blamed|blames|blame|blaming|accused|accuses|accuse|accusing|implicated|implicates|named|names|fingered|sanctioned|sanctions|indicted|charged|condemned|condemns|denounced|exposed|suspects?|suspected|singled)$/.test(
        p1,
      ) &&
      // "accused Taiwan's ruling party of exaggerating threats" is not a cyber accusation.
      (CYBER_CUE.test(s.text.slice(m.end)) ||
        EVENT_REF.test(s.text.slice(m.end)) ||
        /^[^.;]{0,60}\b(?:digital|online|electronic) (?:spy\w*|espionage|theft|surveillance)/i.test(
          s.text.slice(m.end),
        ))
    )
      return true;
    // "…technical information linking the GRU to the attacks".
    if (
      /^(linking|linked|links|tying|tied|ties|connecting|connected|attributing)$/.test(p1) &&
      /^\s*(?:[\w'’-]+\s+){0,3}?to\b/.test(s.text.slice(m.end)) &&
      (CYBER_CUE.test(s.text.slice(m.end)) || EVENT_REF.test(s.text.slice(m.end)))
    )
      return true;
    if (
      /^(against|at)$/.test(p1) &&
      /^(accusations?|allegations?|charges?|claims?|finger|blame|case|counter-accusations?)$/.test(
        p2,
      )
    )
      return true;
    // Subject of an operation verb: "Russia was behind", "China hacked", "Iran is responsible";
    // read past a coordinated party and an appositive ("Iran and its Quds Force, an elite unit
    // of the Revolutionary Guard, were responsible").
    let subjEnd = m.tokenEnd;
    // "the North Korean government was responsible", "Russia's government was behind".
    if (tokens[subjEnd]?.norm === 's' && m.possessive) subjEnd++;
    if (
      /^(government|regime|state|military|authorities|leadership|intelligence)$/.test(
        tokens[subjEnd]?.norm ?? '',
      )
    )
      subjEnd++;
    else if (subjEnd !== m.tokenEnd) subjEnd = m.tokenEnd;
    for (let hop = 0; hop < 3 && subjEnd < tokens.length; hop++) {
      let k = subjEnd;
      if (/^(and|or)$/.test(tokens[k]?.norm ?? '')) {
        k++;
        if (/^(its|their|the)$/.test(tokens[k]?.norm ?? '')) k++;
        const next = s.mentions.find((o) => o.tokenStart === k);
        if (next && next.entity.type !== 'outlet' && next.entity.type !== 'vendor') {
          subjEnd = next.tokenEnd;
          continue;
        }
      }
      const appositive =
        /^\s*,\s*(?:an?|the|its|their|through|via|with|by|as|which|who|whose|like|including|along with|together with|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?['’]s)\s[^,.;:()"“”]{2,100},/.exec(
          s.text.slice(tokens[subjEnd - 1]!.end),
        );
      if (appositive) {
        const endChar = tokens[subjEnd - 1]!.end + appositive[0].length;
        const idx = tokens.findIndex((t) => t.start >= endChar);
        if (idx > subjEnd) {
          subjEnd = idx;
          continue;
        }
      }
      break;
    }
    const nextWords = tokens
      .slice(subjEnd, subjEnd + 10)
      .map((t) => t.norm)
      .join(' ');
    // "China was hacked", "Russia's networks have been targeted": a victim, not a doer.
    const passive =
      /^(?:'s )?(?:(?:that|who|which|also|allegedly|reportedly|repeatedly|itself|often|recently|previously|already) )*(?:was|were|is|are|been|be|being|got|gets|has been|have been|had been) (?:(?:also|repeatedly|itself|allegedly|reportedly|previously|recently|successfully) )*(?:hacked|breached|infiltrated|attacked|targeted|penetrated|compromised|spied on|launched|deployed|directed|conducted|carried out|orchestrated|stole|sponsored)\b/.test(
        nextWords,
      );
    if (
      !passive &&
      /^(?:'s )?(?:(?:that|who|was|is|were|are|had been|has been|have been|may have been|might have been|likely|probably|also|allegedly|reportedly|directly|ultimately|solely|primarily|partly|largely|most|almost|certainly|highly|very|believed|thought|suspected|assessed|to|be|have|been|itself|themselves|continue|continues|continued|routinely|regularly|repeatedly|often|still|actively|increasingly|has|had|for|a|long|time|years|decades|the|past|many|since|long) )*(?:behind|responsible|hacked|breached|infiltrated|attacked|targeted|carried out|carries out|carry out|conducted|conducts|conduct|orchestrated|launched|launches|stole|steals|penetrated|compromised|spied on|spies on|spy on|sponsored|sponsors|directed|deployed|wages|waged|engaged in|engages in|obtained|accessed|gained access|broke into|hijacked|impersonated|caught (?:spying|hacking|snooping|eavesdropping)|interfered|meddled|tried to (?:interfere|meddle|hack|breach|influence)|sought to (?:interfere|meddle|hack|breach|influence))\b/.test(
        nextWords,
      )
    ) {
      return true;
    }
    // Counter-accusation rhetoric: "the United States is itself the world's biggest hacker",
    // "Washington, the real empire of hacking".
    if (
      /^(?:'s )?(?:,? )?(?:(?:was|is|remains|has been|itself|actually|in fact|the|a|world s|world's|globe s|planet s|biggest|largest|main|real|leading|primary|greatest|number one|true|single) )*(?:biggest|largest|main|real|leading|primary|greatest|number one|true|most active|most capable|most persistent|most significant|most dangerous|foremost) (?:and \w+ )?(?:foreign )?(?:cyber )?(?:source|perpetrator|practitioner|threat|hacker|hackers|attacker|culprit|offender|empire|cyber|surveillance|spy|violator|actor|adversary)/.test(
        nextWords,
      ) ||
      /^(?:,? )?(?:the )?(?:(?:real|true|biggest|largest|world s) )*(?:empire of hacking|hacker empire|hacking empire|matrix of hackers)/.test(
        nextWords,
      )
    ) {
      return true;
    }
    // "Ukraine's military intelligence agency, the HUR, claimed responsibility for…": an organ
    // that claims an operation is its doer.
    if (
      RESPONSIBILITY_CUE.test(s.text) &&
      /^(?:\s*,[^,.;]{2,60},)?\s+(?:\w+\s+){0,2}?(?:claim(?:ed|s)|took|takes|said it (?:was|had been) behind)\b/.test(
        s.text.slice(m.end),
      )
    )
      return true;
    // "<organ> hackers" handled above; an organ named with a unit ("GRU Unit 74455").
    if (
      e.type === 'organ' &&
      /^(unit|units|officers?|hackers?|operatives)$/.test(after[0]?.norm ?? '')
    )
      return true;
    return false;
  }

  private findTarget(text: string, accused: Party[]): Party | null {
    TARGET_VERB.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TARGET_VERB.exec(text))) {
      const rest = text.slice(m.index + m[0].length);
      const stop = TARGET_STOP.exec(rest);
      let phrase = (stop ? rest.slice(0, stop.index) : rest).trim();
      phrase = phrase
        .replace(/^(?:out|down|offline|off)\s+/i, '')
        .replace(/^(?:the|a|an)\s+/i, '')
        .replace(
          /^(?:(?:computer|internal|corporate|IT)\s+)?(?:networks?|systems?|servers?|computers?)\s+(?:of|at|belonging to)\s+(?:the\s+)?(?=\p{Lu})/u,
          '',
        )
        .replace(/['’]s$/, '')
        .trim();
      // A generic word alone ("campaign", "equipment") or an operation word is no victim.
      if (
        (!/\s/.test(phrase) && !/^\p{Lu}/u.test(phrase)) ||
        /^(?:campaigns?|claims?|accusations?|allegations?|units? of|operations?|attacks?|tools?|ddos|malware|ransomware|own|empire|past|last|next|(?:more than |at least |about |some |nearly |over )?[\d,.]+$)\b/i.test(
          phrase,
        )
      )
        continue;
      phrase = phrase.replace(/\s+(?:and|or|in|at|of)$/i, '').trim();
      const words = phrase.split(/\s+/);
      if (words.length > 9) phrase = words.slice(0, 9).join(' ');
      if (
        !phrase ||
        phrase.length < 3 ||
        /^(it|them|him|her|us|you|data|systems|networks|information|victims|targets|this|that|these|those)$/i.test(
          phrase,
        ) ||
        // A clause, not a noun phrase: "because the pressure…", "and described the attacks".
        /^(and|or|but|because|as|so|that|which|who|when|while|after|before|to|in|on|at|by|with|from|for|of|its|their|his|her|group|groups|hackers|attackers|itself|themselves)\b/i.test(
          phrase,
        )
      )
        continue;
      const mentions = this.gaz.scan(phrase);
      // The accused is never its own target, nor its own state ("Russian digital interference").
      if (
        mentions.some((mm) =>
          accused.some(
            (a) =>
              (a.actor ? a.actor === mm.entity.name : false) ||
              (mm.start === 0 &&
                mm.entity.type === 'country' &&
                !!a.country &&
                mm.entity.country === a.country),
          ),
        )
      )
        continue;
      const country =
        mentions.find((mm) => mm.entity.type === 'country' && !mm.entity.bloc)?.entity.country ??
        null;
      const onlyCountry =
        mentions.length === 1 &&
        mentions[0]!.entity.type === 'country' &&
        mentions[0]!.text.length >= phrase.length - 1;
      const kind: Party['kind'] = onlyCountry
        ? 'state'
        : /\b(ministry|department|agency|office|government|parliament|bundestag|congress|treasury|administration|military|army|navy|embassy|council|commission|police|state|federal|national|electoral)\b/i.test(
              phrase,
            )
          ? 'agency'
          : /\b(inc|corp|company|companies|firms?|bank|banks|group|ltd|llc|plc|airlines?|hospitals?|universit\w+|pipeline|exchange|utilit\w+|providers?|operators?|telecoms?|carriers?|manufacturers?|retailers?|studios?|pictures)\b/i.test(
                phrase,
              )
            ? 'company'
            : 'unknown';
      return { name: onlyCountry ? mentions[0]!.entity.name : phrase, kind, country };
    }
    // "the Colonial Pipeline ransomware attack", "over Yahoo breach": the victim named before
    // the operation noun (never a country, a demonym or the accused).
    const noun = NOUN_TARGET.exec(text);
    if (noun) {
      const phrase = noun[1]!.trim().replace(/['’]s$/, '');
      const mentions = this.gaz.scan(phrase);
      if (
        phrase.length >= 3 &&
        !mentions.length &&
        !accused.some((a) => a.name === phrase) &&
        !/^(?:The|A|An|This|That|Its|Their|Last|Latest|New|Major|Massive|Recent|Suspected|Alleged|State|Cyber|DDoS|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d+)$/.test(
          phrase.split(/\s+/)[0]!,
        )
      )
        return {
          name: phrase,
          kind: /\b(?:Inc|Corp|Company|Pipeline|Bank|Group|Airlines?|Hospital|University)\b/.test(
            phrase,
          )
            ? 'company'
            : 'unknown',
          country: null,
        };
    }
    return null;
  }

  // ---------------------------------------------------------------- merge & attach

  private merge(findings: Finding[]): Claim[] {
    // A finding with no accuser inherits the accuser of the nearest sentence that names one for
    // the same accused (the same actor first, then the same country), preferring earlier text.
    const withAccuser = findings.filter((f) => f.accuser && !f.selfClaim);
    const nearest = (f: Finding, same: (g: Finding) => boolean): Party | undefined => {
      let best: Finding | undefined;
      for (const g of withAccuser) {
        if (!same(g)) continue;
        // Never the accused itself, nor (for a state-level accuser) the accused's own state.
        if (sameParty(g.accuser!, f.accused)) continue;
        if (
          g.accuser!.country &&
          g.accuser!.country === f.accused.country &&
          (g.accuser!.kind === 'state' || g.accuser!.kind === 'agency')
        )
          continue;
        const d =
          g.sentenceIndex <= f.sentenceIndex
            ? f.sentenceIndex - g.sentenceIndex
            : (g.sentenceIndex - f.sentenceIndex) * 1.5 + 0.5;
        const bd = best
          ? best.sentenceIndex <= f.sentenceIndex
            ? f.sentenceIndex - best.sentenceIndex
            : (best.sentenceIndex - f.sentenceIndex) * 1.5 + 0.5
          : Infinity;
        if (d < bd) best = g;
      }
      return best?.accuser ?? undefined;
    };
    for (const f of findings) {
      if (!f.accuser && !f.selfClaim) {
        f.accuser =
          nearest(f, (g) => accusedKey(g.accused) === accusedKey(f.accused)) ??
          (f.accused.country
            ? nearest(f, (g) => g.accused.country === f.accused.country)
            : undefined) ??
          null;
      }
    }
    // One claim per accuser → accused pair. A state and a group of that state stay separate
    // claims ("Britain blamed China" and "APT31 targeted MPs" are two attributions); an organ
    // named with its state ("China's MSS") was already folded into one party per sentence.
    const groups = new Map<string, { f: Finding[]; accused: Party }>();
    for (const f of findings) {
      const accused = f.accused;
      const key = `${accuserKey(f.accuser)}=>${accusedKey(accused)}`;
      const g = groups.get(key) ?? { f: [], accused };
      g.f.push(f);
      groups.set(key, g);
    }
    const claims: Claim[] = [];
    for (const { f, accused } of groups.values()) {
      const first = f[0]!;
      const sentencesList = [...new Set(f.map((x) => x.sentence))];
      const reportedBy = [...new Set(f.flatMap((x) => x.reportedBy))];
      const actions = f.map((x) => x.action);
      const action = ACTION_RULES.map((r) => r.action).find((a) => actions.includes(a)) ?? 'other';
      const target = f.find((x) => x.target)?.target ?? null;
      const hedged = f.every((x) => x.hedged);
      const firm = f.some((x) => x.firm);
      let confidence = 0.6;
      if (firm) confidence = 0.8;
      if (hedged && !firm) confidence = 0.4;
      if (!first.accuser) confidence -= 0.1;
      if (f.length > 1) confidence += 0.05;
      const responses: ClaimResponse[] = [];
      const self = f.find((x) => x.selfClaim);
      if (self)
        responses.push({ by: accused, kind: 'claim-of-responsibility', text: self.sentence });
      const fillTarget =
        target && !target.country && target.kind === 'agency' && first.accuser?.kind === 'state'
          ? { ...target, country: first.accuser.country }
          : target;
      claims.push({
        accuser: first.accuser,
        accused,
        target: fillTarget,
        action,
        evidence: 'unspecified',
        confidence: Math.max(0.05, Math.min(0.99, Math.round(confidence * 100) / 100)),
        reportedBy,
        sentences: sentencesList,
        responses,
      });
    }
    return claims;
  }

  private attachEvidence(claims: Claim[], infos: SentenceInfo[]): void {
    for (const s of infos) {
      const notMatch = NOT_PROVIDED.exec(s.text);
      const yesMatch = notMatch ? null : PROVIDED.exec(s.text);
      const match = notMatch ?? yesMatch;
      if (!match) continue;
      // The subject of "has not provided evidence": the nearest party named before the phrase.
      const subject = [...s.mentions]
        .reverse()
        .find(
          (m) => m.end <= match.index && m.entity.type !== 'outlet' && m.entity.type !== 'actor',
        );
      const concerned = claims.filter((c) => {
        if (subject) {
          const e = subject.entity;
          return (
            !!c.accuser &&
            (c.accuser.name === e.name ||
              (!!e.country &&
                c.accuser.kind === 'state' &&
                c.accuser.country === e.country &&
                e.type === 'country'))
          );
        }
        return c.sentences.includes(s.text);
      });
      // "China accused the United States of hacking… but has not provided evidence": the
      // party just before the phrase is the accused; the claims of this sentence are concerned.
      let here = claims.filter((c) => c.sentences.includes(s.text));
      // "The advisory included indicators of compromise…": the claims of the same paragraph.
      if (!here.length && !subject) {
        const para = new Set(
          infos.filter((x) => x.paragraphIndex === s.paragraphIndex).map((x) => x.text),
        );
        here = claims.filter((c) => c.sentences.some((x) => para.has(x)));
      }
      const targets = concerned.length
        ? concerned
        : here.length
          ? here
          : !subject && claims.length === 1
            ? claims
            : [];
      for (const c of targets) {
        c.evidence = notMatch ? 'not-provided' : 'provided';
        if (yesMatch && /high confidence/i.test(s.text)) c.confidence = Math.max(c.confidence, 0.9);
      }
    }
  }

  private attachResponses(claims: Claim[], infos: SentenceInfo[]): void {
    let lastSpeaker: Entity | null = null;
    let lastActor: Entity | null = null;
    // Claims against a party the gazetteer does not know, which may answer for itself.
    const unknown = claims.filter(
      (c) =>
        c.accused.kind !== 'state' &&
        c.accused.kind !== 'agency' &&
        !(c.accused.actor && this.gaz.resolve(c.accused.actor)),
    );
    const cueOf = (text: string) => unquoted(text).text.replace(NOT_A_DENIAL, ' ');
    // The states accused (by someone else) in the story; when there is one, it is "the embassy".
    const accusedSides = new Set(
      claims
        .filter((c) => c.accused.country && c.accused.country !== c.accuser?.country)
        .map((c) => c.accused.country!),
    );
    const oneSide =
      accusedSides.size === 1 ? (this.gaz.country([...accusedSides][0]!) ?? null) : null;
    for (const s of infos) {
      // "the Kremlin had 'nothing to do' with the hack": quoted words are read as words.
      const cueText = cueOf(s.text);
      // A negated involvement ("was not behind", "had nothing to do") is itself a denial.
      const denial = DENIAL_CUE.test(cueText) || NOT_INVOLVED.test(cueText);
      const ack = !denial && ACK_CUE.test(s.text) && !NEGATED_ACK.test(s.text);
      // "Iran's mission said Tehran has no motive to meddle, while a spokesperson for the Chinese
      // Embassy said China…": each clause has its own speaker.
      const clauses = denial || ack ? this.clauses(s) : [s];
      const said = clauses.map((c) => {
        if (clauses.length === 1) return denial;
        const own = cueOf(c.text);
        return DENIAL_CUE.test(own) || NOT_INVOLVED.test(own);
      });
      // "FBI says the spree reached 80 countries; China calls it a smear": only the clause with
      // the answer in it has the responder (unless the answer spans the clauses).
      const anySaid = said.some(Boolean);
      const speakers = clauses.map((c, i) => {
        if (denial && anySaid && !said[i]) return null;
        const e = this.responder(c, said[i]!, lastSpeaker, lastActor);
        // "'Stop the smears,' the embassy said": an embassy or ministry named by role alone, in a
        // story that accuses one side only, is that side's.
        const bare = said[i] && oneSide ? BARE_ROLE_VOICE.exec(c.text) : null;
        if (
          bare &&
          (!e || !e.country || !accusedSides.has(e.country)) &&
          !c.mentions.some(
            (m) =>
              (m.entity.type === 'country' || m.entity.type === 'organ') &&
              m.start <= bare.index + bare[0].length &&
              !insideQuote(c.text, m.start),
          )
        )
          return oneSide;
        return e;
      });
      const named = this.firstNamedSpeaker(s);
      if (named) lastSpeaker = named.entity;
      for (const m of s.mentions) if (m.entity.type === 'actor') lastActor = m.entity;
      if (!denial && !ack) continue;
      const kind = denial ? 'denial' : 'acknowledgement';
      // A company, person or group the gazetteer does not know, answering for itself
      // ("DarkMatter has consistently denied taking part…", "Positive Technologies said it
      // rejected the groundless accusations").
      for (const c of unknown) {
        const at = s.text.indexOf(c.accused.name);
        if (at < 0 || at > 80) continue;
        const rest = s.text.slice(at + c.accused.name.length, at + c.accused.name.length + 90);
        if (
          !/^(?:,[^,]{0,60},)?\s+(?:\w+\s+){0,4}?(?:denied|denies|rejected|rejects|dismissed|dismisses|said|says|told|called|insisted|maintained|responded|wrote|posted)\b/.test(
            rest,
          )
        )
          continue;
        if (c.responses.some((r) => r.kind === kind)) continue;
        c.responses.push({ by: { ...c.accused }, kind, text: s.text });
      }
      for (const e of speakers) {
        if (!e) continue;
        const against = claims.filter(
          (c) =>
            (c.accused.actor && e.name === c.accused.actor) ||
            (!!c.accused.country && e.country === c.accused.country && e.type !== 'actor'),
        );
        // A denial answers every claim against that side in the article ("rejected the
        // accusation, as it had the earlier company reports"); replies are often paragraphs away.
        for (const c of against) {
          // The accuser's own voice never denies its claim.
          if (c.accuser?.country && c.accuser.country === e.country && e.type !== 'actor') continue;
          if (c.responses.some((r) => r.kind === kind)) continue;
          c.responses.push({ by: entityParty(e), kind, text: s.text });
        }
      }
    }
  }

  /** A sentence cut at ", while" and ";" into clauses, each read as a sentence of its own. */
  private clauses(s: SentenceInfo): SentenceInfo[] {
    const parts = s.text.split(/,\s+while\s+|;\s+|,\s+whereas\s+/);
    if (parts.length < 2) return [s];
    return parts.map((text) => {
      const tokens = tokenize(text);
      return { ...s, text, tokens, mentions: this.gaz.scan(text, tokens) };
    });
  }

  /** Whether a mention is the object of a preposition ("accusations against China"). */
  private afterPreposition(s: SentenceInfo, m: Mention, preps: RegExp): boolean {
    const prev = s.tokens[m.tokenStart - 1]?.norm ?? '';
    const prev2 = s.tokens[m.tokenStart - 2]?.norm ?? '';
    return preps.test(prev) || (prev === 'the' && preps.test(prev2));
  }

  /**
   * The first party named before the sentence's first speech or response verb, and not as the
   * object of a preposition ("accusations against China" is not China speaking; "…said Washington
   * had fabricated…" is not Washington speaking). A quote before "said X" puts the speaker after.
   */
  private firstNamedSpeaker(s: SentenceInfo): Mention | undefined {
    const verbAt = this.speechVerbAt(s);
    return s.mentions.find((m) => {
      if (m.entity.type === 'vendor' || (m.entity.type === 'outlet' && !m.entity.stateMedia))
        return false;
      if (!this.beforeVerb(s, m, verbAt)) return false;
      return !this.afterPreposition(s, m, /^(against|at|on|to|of|by|from|with)$/);
    });
  }

  /** Before the first speech verb, or just after it when a quote comes first ('"…," said X'). */
  private beforeVerb(s: SentenceInfo, m: Mention, verbAt: number): boolean {
    const inverted = /["”’'],?\s+(?:said|says|added|told|wrote|stated)\s/i.test(s.text);
    return verbAt < 0 || m.tokenStart < verbAt || (inverted && m.tokenStart - verbAt <= 6);
  }

  /** The first speech or response verb of a sentence, as a token index (-1 if none). */
  private speechVerbAt(s: SentenceInfo): number {
    return s.tokens.findIndex(
      (t) =>
        (SPEECH_VERB.test(t.norm) &&
          !/^(has|have|had|is|was|were|are|formally|publicly)$/.test(t.norm)) ||
        RESPONSE_VERB.test(t.norm),
    );
  }

  /**
   * Who answers in a sentence, in order of evidence: the party just before a denial verb or a
   * negated involvement ("Beijing rejects the charge", "…that Tehran had nothing to do with it");
   * a party named with its role ("a spokesperson for the Chinese embassy", "Russia's foreign
   * ministry"); the first party named before the verb; state media voicing their government; a
   * group referred back to ("the gang said…"); the last speaker when only a role is named.
   */
  private responder(
    s: SentenceInfo,
    denial: boolean,
    lastSpeaker: Entity | null,
    lastActor: Entity | null,
  ): Entity | null {
    const voice = (e: Entity): Entity =>
      e.type === 'outlet' && e.stateMedia && e.country ? (this.gaz.country(e.country) ?? e) : e;
    const usable = (m: Mention) =>
      m.entity.type !== 'vendor' && (m.entity.type !== 'outlet' || !!m.entity.stateMedia);
    const preposition = /^(in|at|of|from|to|against|by|with|on|for)$/;
    if (denial) {
      // Anchors: a denial verb, or a negated involvement.
      const anchors: number[] = [];
      const denyAt = s.tokens.findIndex((t) => DENY_VERB.test(t.norm));
      if (denyAt > 0) anchors.push(denyAt);
      const plain = unquoted(s.text);
      const neg = NOT_INVOLVED.exec(plain.text);
      if (neg) {
        const at = s.tokens.findIndex((t) => t.start >= plain.at(neg.index));
        if (at > 0) anchors.push(at);
      }
      for (const at of anchors) {
        const before = [...s.mentions]
          .reverse()
          .find(
            (m) =>
              usable(m) &&
              m.tokenEnd <= at &&
              at - m.tokenEnd <= 4 &&
              !this.afterPreposition(s, m, preposition),
          );
        if (before) return voice(before.entity);
      }
    }
    // "a spokesperson for the Chinese embassy", "Russia's foreign ministry", "Iranian officials".
    const verbAt = this.speechVerbAt(s);
    const roleAnchored = s.mentions.find((m) => {
      if (!usable(m) || m.entity.type === 'outlet' || insideQuote(s.text, m.start)) return false;
      if (!this.beforeVerb(s, m, verbAt)) return false;
      if (ROLE_BEFORE.test(s.text.slice(Math.max(0, m.start - 60), m.start))) return true;
      const next = s.tokens[m.tokenEnd]?.norm === 's' ? m.tokenEnd + 1 : m.tokenEnd;
      return (
        RESPONDER_ROLE_WORD.test(s.tokens[next]?.norm ?? '') &&
        !this.afterPreposition(s, m, /^(against|at|on|to|of|by|from|with|about)$/)
      );
    });
    if (roleAnchored && (denial || ACK_CUE.test(s.text))) return voice(roleAnchored.entity);
    const named = this.firstNamedSpeaker(s);
    if (named) return voice(named.entity);
    const stateMedia = s.mentions.find((m) => m.entity.type === 'outlet' && m.entity.stateMedia);
    if (stateMedia) return voice(stateMedia.entity);
    if (lastActor && GROUP_VOICE.test(s.text)) return lastActor;
    // "The embassy said China was itself a victim of cyberattacks": a role with no state of its
    // own speaks for the state its answer is about.
    if (
      denial &&
      verbAt > 0 &&
      RESPONDER_ROLE.test(s.text.slice(0, s.tokens[verbAt]!.start)) &&
      !s.mentions.some((m) => usable(m) && m.tokenEnd <= verbAt)
    ) {
      const k = s.tokens[verbAt + 1]?.norm === 'that' ? verbAt + 2 : verbAt + 1;
      const subject = s.mentions.find(
        (m) =>
          m.tokenStart === k &&
          !m.entity.bloc &&
          (m.entity.type === 'country' || m.entity.type === 'organ'),
      );
      if (subject) return subject.entity;
    }
    return verbAt >= 0 && RESPONDER_ROLE.test(s.text) ? lastSpeaker : null;
  }

  private markCounterAccusations(claims: Claim[], order: (c: Claim) => number): void {
    for (const a of claims) {
      for (const b of claims) {
        if (
          a === b ||
          !a.accuser?.country ||
          !b.accuser?.country ||
          !a.accused.country ||
          !b.accused.country
        )
          continue;
        // b answers a when b's accuser is a's accused, b accuses a's accuser, and b comes later.
        if (b.accuser.country !== a.accused.country || b.accused.country !== a.accuser.country)
          continue;
        if (order(b) < order(a) || (order(b) === order(a) && claims.indexOf(b) < claims.indexOf(a)))
          continue;
        b.counterAccusation = true;
        if (!a.responses.some((r) => r.kind === 'counter-accusation')) {
          a.responses.push({
            by: b.accuser,
            kind: 'counter-accusation',
            text: b.sentences[0] ?? '',
          });
        }
      }
    }
  }
}

let shared: RuleDetector | undefined;
/** The default detector, built once. */
export function defaultDetector(): Detector {
  shared ??= new RuleDetector();
  return shared;
}
