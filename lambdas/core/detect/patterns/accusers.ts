/**
 * Role patterns for the accuser: who speaks, accuses or reports.
 */
import { definePatterns } from './format';

export const ACCUSERS = definePatterns('roles', 'accuser', {
  accuseVerb: {
    means:
      'Accusation verbs: "blamed", "accused", "attributed", "linked", "fingered" — who uses one accuses.',
    re: String.raw`^({words})$`,
    words: String.raw`
      blam\w* | accus\w* | attribut\w* | alleg\w* | pinn\w* | pointed | point | points
      implicat\w* | fingered | named | names | identified | identifies | link\w* | tied | ties
      traced | traces | charged | charges | indict\w* | sanction\w* | connected | connects
      suspect\w* | held | holds | condemn\w* | denounc\w* | called | calls | exposed | exposes
    `,
    examples: [
      {
        text: 'Britain fingered Russia for the hacking of its election commission.',
        claims: ['United Kingdom → Russia'],
      },
    ],
  },
  speechVerb: {
    means:
      'Speech and finding verbs: "said", "told", "assessed", "concluded", "announced" — the party before one speaks.',
    re: String.raw`^({words})$`,
    words: String.raw`
      said | says | say | stated | states | told | tells | obtained | unsealed | filed | expelled
      summoned | imposed | levied | announced | announces | alleged | alleges | accused | accuses
      blamed | blames | attributed | attributes | assessed | assesses | assess | concluded
      concludes | determined | determines | found | finds | believes? | believed | warned | warns
      identified | identifies | named | names | linked | links | charged | charges | indicted
      indicts | sanctioned | sanctions | confirmed | confirms | reported | reports | revealed
      reveals | disclosed | discloses | claimed | claims | contend | contends | contended | argued
      argues | argue | pointed | points | traced | traces | tracks | tracked | calls | called
      described | describes | published | publishes | issued | issues | released | releases
      wrote | writes | added | adds | suspects? | suspected | thinks? | thought | stressed
      emphasized | insisted | noted | notes | asserted | asserts | maintained | maintains | tied
      ties | connected | connects | exposed | exposes | condemned | condemns | denounced
      denounces | formally | publicly | has | have | had | is | was | were | are
    `,
    examples: [
      {
        text: 'Microsoft said Chinese hackers breached the email accounts of officials at the State Department.',
        claims: ['Microsoft → China'],
      },
    ],
  },
  gerundSpeech: {
    means: '"after concluding that…", "saying that…": the subject speaks through a gerund.',
    re: String.raw`^({words})$`,
    words: String.raw`
      concluding | saying | accusing | blaming | alleging | asserting | claiming | stating
      announcing | charging | determining | finding | assessing | attributing | linking | naming
      identifying | warning | arguing | insisting | noting | citing
    `,
    examples: [
      {
        text: 'In its report, Mandiant, citing forensic traces, tied the intrusions to Chinese hackers.',
        claims: ['Mandiant → China'],
      },
    ],
  },
  accuserNoun: {
    means:
      'Role nouns read past between a speaker and its verb: "officials", "foreign ministry spokesperson", "intelligence agency".',
    re: String.raw`^({words})$`,
    words: String.raw`
      panel | monitors | inspectors | officials? | authorities | government | administration
      intelligence | prosecutors? | investigators? | lawmakers | diplomats? | ministry | embassy
      spokesperson | spokesman | spokeswoman | agencies | agency | security | services? | police
      military | researchers? | analysts? | experts? | team | centre | center | department
      office | foreign | defen[cs]e | cert | cybersecurity | cyber | national | state | justice
      treasury | regulators? | parliament | president | premier | minister | secretary
      chancellor | leaders? | officers? | watchdog | council | commission | bureau | response
      emergency | court | judge | director | head | chief | adviser | advisor | attorney | general
    `,
    examples: [
      {
        text: 'Dutch intelligence officials said Russian hackers tried to break into the chemical weapons watchdog.',
        claims: ['Netherlands → Russia'],
      },
    ],
  },
  accuserAdj: {
    means:
      'Words before an accuser noun: "Canada\'s signals intelligence agency", "South Korea\'s spy agency".',
    re: String.raw`^({words})$`,
    words: String.raw`
      signals | spy | deputy | prime | vice | acting | affairs | digital | development | economy
      economic | trade | finance | public | safety | domestic | federal | top | senior | main
      counterintelligence | counter | electronic | communications | interior | home | information
      technical | computer | incident | coordination | cybercrime | crime | criminal | special
      law | enforcement | homeland | joint | central | internal | external | electoral | election
      data | protection
    `,
    examples: [
      {
        text: "Canada's signals intelligence agency said Beijing was likely behind a campaign of intrusions against federal departments.",
        claims: ['Canada → China'],
      },
    ],
  },
  reportNoun: {
    means: '"Microsoft\'s finding that…", "the NCSC\'s assessment": the possessor speaks.',
    re: String.raw`^({words})$`,
    words: String.raw`
      view | position | belief | judgment | judgement | verdict | finding | findings | report
      reports | assessment | assessments | analysis | investigation | investigators | statement
      advisory | research | researchers | analysts | attribution | conclusion | conclusions
      indictment | complaint | announcement | disclosure | blog | post | threat | security
      intelligence | experts | team | accusation | accusations | allegation | allegations | claim
      claims | charges
    `,
    examples: [
      {
        text: "Microsoft's finding that hackers working for Russia broke into its networks was confirmed by the company.",
        claims: ['Microsoft → Russia'],
      },
    ],
  },
  ownSystems: {
    means: '"…broke into its computer systems": an outlet speaking as the victim.',
    re: String.raw`\b(?:its|our) (?:own )?(?:{words})\b`,
    words: String.raw`
      computer | network | systems? | servers? | e-?mail | journalists | reporters | staff
      employees | newsroom | corporate
    `,
    flags: 'i',
    examples: [
      {
        text: 'The New York Times says hackers in China repeatedly broke into its computer systems.',
        claims: ['The New York Times → China'],
      },
    ],
  },
  namedSpeaker: {
    means:
      '"Marks & Spencer said", "The British Library confirmed": a name the gazetteer lacks, speaking.',
    re: String.raw`(?:^|[.;:]\s+|,\s+|\band\s+)((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+(?:&\s+|of\s+|and\s+|for\s+|de\s+)?[A-Z][\w&.'’-]*){0,5})(?:,[^,]{3,80},)?\s+(?:has\s+|had\s+|have\s+|also\s+|later\s+|previously\s+)?(?:{words})\b`,
    words: String.raw`
      said | says | confirmed | disclosed | announced | stated | told | wrote | added | blamed
      attributed | assessed | believes | concluded | acknowledged | revealed
    `,
    flags: 'g',
    examples: [
      {
        text: 'Marks & Spencer said hackers working for Russia had encrypted its servers.',
        claims: ['Marks & Spencer → Russia'],
      },
    ],
  },
  notASpeaker: {
    means:
      'Capitalized words that do not name an organization speaking: pronouns, roles, days, months, "Officials".',
    re: String.raw`^({words})$`,
    words: String.raw`
      It | He | She | They | We | I | This | That | These | Those | Officials? | Investigators
      Researchers | Experts | Analysts | Authorities | Police | Prosecutors | Sources | Critics
      Others | Some | Many | Most | Both | All | One | Two | Three | In | On | At | For | But
      And | Or | If | When | While | After | Before | Earlier | Later | Last | Monday | Tuesday
      Wednesday | Thursday | Friday | Saturday | Sunday | January | February | March | April | May
      June | July | August | September | October | November | December | Spokesman | Spokeswoman
      Spokesperson | Minister | Secretary | President | Chancellor | Premier | Prime | Deputy
      Foreign | Defence | Defense | Interior | Justice | Security | State | Government | Company
      Its | Their | His | Her | Our | Your | Reuters | Bloomberg
    `,
    examples: [
      {
        text: "Investigators said the cyberattack on the port had been carried out by the North's Reconnaissance General Bureau.",
        claims: ['∅ → RGB'],
      },
    ],
  },
  orgWord: {
    means:
      'Words that make a capitalized name an organization: "Inc", "Bank", "Library", "Agency", "Enterprise".',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      Inc | Corp | Corporation | Company | Co | Ltd | LLC | PLC | Group | Bank | Airlines?
      Airways | Enterprise | Library | University | College | Hospital | Health | Healthcare
      Port | Airport | Council | Agency | Authority | Ministry | Department | Office | Service
      Services | Institute | Foundation | Center | Centre | Laboratory | Labs? | Networks?
      Systems | Technologies | Technology | Security | Intelligence | Association | Commission
      Committee | Board | Police | Court | Exchange | Partners | Capital | Holdings | Media | News
      Times | Post
    `,
    examples: [
      {
        text: 'Hewlett Packard Enterprise said Russian government hackers broke into its cloud email system.',
        claims: ['Hewlett Packard Enterprise → Russia'],
      },
    ],
  },
  speakerCoref: {
    means: 'A sentence whose speaker is a pronoun or a role: "the company said", "officials said".',
    re: String.raw`\b(?:(?:the|this|that) (?:company|firm|agency|bureau|ministry|government|researchers|investigators|department|vendor|report|advisory|statement|center|centre|embassy|spokes(?:man|woman|person))|officials|[Ii]t|[Tt]hey|[Hh]e|[Ss]he) (?:{words})\b|^(?:[A-Z][\w.'-]+ )?(?:[Ss]pokes(?:man|woman|person)|[Mm]inister|[Aa]mbassador|[Ee]nvoy|[Dd]iplomat|[Pp]rosecutors?|[Oo]fficials?)\b`,
    words: String.raw`
      said | says | added | stated | wrote | noted | assessed | believes? | concluded | found
      warned | told | called | described | accused | blamed | argued | claimed | insisted
      alleged | countered | charged | suggested
    `,
    examples: [
      {
        text: 'The NCSC published its report on Tuesday. It said the campaign was carried out by APT28.',
        claims: ['NCSC → APT28'],
      },
    ],
  },
  commentator: {
    means:
      '"Li Haidong, a professor of international relations in Beijing, said…": a commentator speaks for no state — not the one named as the place or the employer.',
    re: String.raw`\b(?:{words})s?\b`,
    words: String.raw`
      professor | scholar | lecturer | academic | commentator | columnist | pundit | historian
      political scientist | think[- ]tank | fellow at
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Chinese hackers breached U.S. telecom carriers.\n\nChina denied the accusation.\n\nLi Hai, a professor of international relations in Beijing, warned that the charge could prepare the ground for more aggressive American cyber operations against China.',
        claims: ['FBI → China'],
        responses: ['China ← denial'],
      },
    ],
  },
  sourceNoun: {
    means:
      '"allegations from Microsoft", "an advisory by the NSA": the noun before "from"/"by" that makes what follows a source.',
    re: String.raw`^({words})$`,
    words: String.raw`
      allegations? | accusations? | claims? | charges? | assessments? | attribution | statements?
      reports? | advisory | advisories | warnings? | analysis | findings | research | agencies
      agency | officials | authorities | governments | investigators | prosecutors | police
      experts | analysts | researchers | blame | accused | blamed | attributed | named
      identified | linked | tied | published | issued | released | conducted | indictment
      complaint | investigation | probe
      evidence | gathered | collected
    `,
    examples: [
      {
        text: 'The sanctions follow allegations from Microsoft that Iranian hackers broke into the campaign.',
        claims: ['Microsoft → Iran'],
      },
    ],
  },
  nounRun: {
    means:
      'Words read past between a speaker and its verb: "Britain\'s foreign office last week said".',
    re: String.raw`^({words})$`,
    words: String.raw`
      the | s | and | of | its | his | her | their | spokesperson | spokesman | spokeswoman | on
      in | last | this | monday | tuesday | wednesday | thursday | friday | saturday | sunday
      week | month | year | also | previously | earlier | later | has | have | had | formally
      publicly | officially | jointly | separately | on
    `,
    examples: [
      {
        text: "Britain's foreign office last week said Russian hackers targeted the election commission.",
        claims: ['United Kingdom → Russia'],
      },
    ],
  },
  auxiliary: {
    means: 'Auxiliaries and adverbs in the speech-verb list that do not speak on their own.',
    re: String.raw`^({words})$`,
    words: String.raw`
      has | have | had | is | was | were | are | formally | publicly
    `,
    examples: [
      {
        text: 'Microsoft has been tracking the group, and the FBI said Iranian hackers breached the campaign.',
        claims: ['FBI → Iran'],
      },
    ],
  },
  peopleAt: {
    means: '"researchers at Mandiant": people of a company, who speak for it.',
    re: String.raw`^({words})$`,
    words: String.raw`
      researchers | analysts | experts | investigators | officials | specialists | scientists
      team | teams
    `,
    examples: [
      {
        text: 'Researchers at Mandiant said Chinese hackers exploited the flaw in firewalls.',
        claims: ['Mandiant → China'],
      },
    ],
  },
  objectWord: {
    means:
      '"attacks against Microsoft", "blamed Iran": a word that makes the party after it an object, not a speaker.',
    re: String.raw`^({words})$`,
    words: String.raw`
      against | at | on | to | of | with | about | blamed | accused | targeting | targeted | hit
      breached | attacked | into
    `,
    examples: [
      {
        text: 'The FBI said Russian hackers carried out attacks against Microsoft last year.',
        claims: ['FBI → Russia'],
      },
    ],
  },
  reporting: {
    means: '"The Washington Post reported": an outlet that reports the claim.',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      reported | reports | report by | report from | first reported | told
    `,
    flags: 'i',
    examples: [
      {
        text: "Russian hackers hacked the Justice Department's email system, people familiar with the matter told Reuters.",
        claims: ['∅ → Russia'],
      },
    ],
  },
  pronounSpeaks: {
    means: '"…, he said, adding that…": a pronoun that speaks, the last speaker.',
    re: String.raw`\b(?:he|she|they|it) (?:{words})\b`,
    words: String.raw`
      said | says | added | told | argued | insisted | claimed | wrote
    `,
    flags: 'i',
    examples: [
      {
        text: "Microsoft said a China-based group it calls Zirconium had gone after people close to the campaigns.\n\nChinese foreign ministry spokesman Zhao Lijian told a daily briefing that China had never interfered. Microsoft should not conjure accusations out of thin air, he said, adding that the United States was itself the world's largest source of cyberattacks.",
        claims: ['Microsoft → APT31', 'China → United States'],
      },
    ],
  },
  attributionWord: {
    means: 'Words that make a sentence an attribution when a party is accused in it.',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      blam\w+ | accus\w+ | attribut\w+ | alleg\w+ | linked | tied | connected | behind
      responsib\w+ | carried out | conducted | orchestrat\w+ | launched | sponsor\w+ | backed
      pinned | pointed | named | identified | tracked | tracks | calls | called | indict\w+
      charged | sanction\w+ | suspected | blame | culprit | perpetrat\w+ | hacked | breached
      infiltrated | compromised | targeted | targeting | attacked | stole | used | got inside
      got into | broke into | gained access | accessed | penetrated | deployed | exploited
      is part of | was part of | works for | working for | operat\w+ | run by | controlled by
      on behalf of | hack\w* | cyber\w* | spy\w* | espionage
    `,
    flags: 'i',
    examples: [
      {
        text: 'The Treasury Department sanctioned Sichuan Lumen Networks Company for its role in the hacking.',
        claims: ['Treasury Department → Sichuan Lumen Networks Company'],
      },
    ],
  },
  missionNoun: {
    means: '"the Chinese Embassy in Washington said": a mission whose place does not speak.',
    re: String.raw`^({words})$`,
    words: String.raw`
      embassy | mission | consulate | office | bureau | delegation
    `,
    examples: [
      {
        text: 'The FBI said Chinese hackers breached U.S. telecom firms.\n\nThe embassy in Washington said the accusations were groundless.',
        claims: ['FBI → China'],
      },
    ],
  },
  holderRole: {
    means:
      '"foreign ministry spokesman Zhao Lijian told…": a role whose holder\'s name is read past.',
    re: String.raw`^({words})$`,
    words: String.raw`
      spokesperson | spokesman | spokeswoman | minister | ambassador | director | secretary
      chief | head | envoy
    `,
    examples: [
      {
        text: 'The FBI said Chinese hackers breached the personnel agency.\n\nChinese foreign ministry spokesman Lin Jian said the accusations were groundless.',
        claims: ['FBI → China'],
        responses: ['China ← denial'],
      },
    ],
  },
  speakerRun: {
    means: 'Words read past after a speaking party: "Russia\'s foreign ministry spokeswoman said".',
    re: String.raw`^({words})$`,
    words: String.raw`
      the | s | and | of | spokesperson | spokesman | spokeswoman | also | has | have | had | on
    `,
    examples: [
      {
        text: "The FBI said Russian hackers breached the water utility.\n\nRussia's foreign ministry said the allegations were simply not true.",
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
});
