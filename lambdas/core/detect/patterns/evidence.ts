/**
 * Evidence and confidence patterns: how firmly a claim is made and whether proof is given.
 */
import { definePatterns } from './format';

export const EVIDENCE = definePatterns('evidence', '', {
  hedge: {
    means:
      'Hedged wording: "suspected", "may", "likely", "believed", "moderate confidence" — the claim is less firm.',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      suspected | suspects? | possibl[ey] | may | might | likely | probabl[ey] | believed
      appears? | seem\w* | allegedly | reportedly | potential(?:ly)? | moderate confidence
      low confidence | could be | tentative\w*
    `,
    flags: 'i',
    examples: [
      {
        text: 'Researchers said the intrusion may be linked to a suspected Chinese hacking group.',
        claims: ['∅ → China'],
      },
    ],
  },
  firm: {
    means:
      'Firm wording: "high confidence", "formally", "concluded", "indicted", "sanctioned" — the claim is firm.',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      high confidence | formally | definitively | conclusively | confirmed | determined
      concluded | officially | unequivocally | is responsible | was responsible | were responsible
      has attributed | have attributed | indict\w+ | charged | sanction\w+
    `,
    flags: 'i',
    examples: [
      {
        text: 'The NCSC assessed with high confidence that APT28 carried out the campaign, citing forensic evidence.',
        claims: ['NCSC → APT28'],
        evidence: 'provided',
      },
    ],
  },
  notProvided: {
    means:
      '"has not provided evidence", "without presenting proof", "gave no details": evidence not provided.',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      (?:none of|no)\b[^.;]{0,40}\b(?:made public|released|published|provided|shared|presented|disclosed)\b[^.;]{0,30}\b(?:evidence|details|proof)
      made (?:that |the |its |their |any )?(?:technical )?(?:evidence|proof) public
      (?:gave|provided|offered|presented|released|published|shared) no (?:technical )?(?:details|evidence|proof)
      (?:did|does|do|has|have|had) not (?:describe|detail|release|publish|share|disclose|give|provide|offer) (?:the |any |its |their |that )?(?:technical )?(?:details|evidence|proof)
      (?:not|never|n't|yet to|failed to|declined to|refused to)\b[^.;]{0,30}?\b(?:provid|offer|present|shar|releas|publish|produc|show|giv|disclos|made public|make public|put forward|back(?:ed)? up|substantiat|lay out|laid out|set out|detail)\w*[^.;]{0,25}?\b(?:evidence|proof)
      without (?:providing |offering |presenting |giving |citing |any |public )*(?:evidence|proof)
      no (?:public |concrete |technical |hard |supporting )?(?:evidence|proof) (?:was|has been|had been|were) (?:provided|offered|released|presented|made public|given)
      provided no (?:evidence|proof) | offered no (?:evidence|proof)
      presented no (?:evidence|proof)
      (?:shown|showed|produced|given|gave) no (?:public |concrete |hard |real )?(?:evidence|proof)
      (?:lack|absence) of (?:public )?evidence
      evidence (?:was|has been|had been) (?:not|never) (?:provided|released|made public)
    `,
    flags: 'i',
    examples: [
      {
        text: 'China accused the United States of hacking its universities but has not provided evidence.',
        claims: ['China → United States'],
        evidence: 'not-provided',
      },
    ],
  },
  provided: {
    means:
      '"published indicators of compromise", "forensic evidence", "code overlaps": evidence provided.',
    re: String.raw`\b(?:{words})\b`,
    words: String.raw`
      (?:internet|ip|internet protocol|network) addresses (?:registered to|tied to|linked to|traced to|belonging to|used by|associated with)
      matching (?:internet protocol |ip |internet )?addresses | set out in detail
      laid out in detail | detailed the (?:malware|tools|infrastructure|servers|techniques)
      (?:extracted|obtained|recovered|analy[sz]ed) (?:\w+ )?samples
      traced the (?:operation|attack|attacks|activity|intrusions?|campaign|hack) to
      identified (?:the )?(?:servers|infrastructure|command-and-control)
      (?:published|issued|released) (?:a |an )?(?:joint |technical |detailed )*(?:advisory|advisories|report) (?:describing|detailing|with|that (?:included|listed|described))
      (?:included|listed|shared|with) (?:technical )?indicators | file hashes
      similarities between | resemblances? in the code | (?:malware|code) (?:samples|overlaps?)
      forensic (?:evidence|analysis|artifacts|traces)
      technical (?:evidence|indicators|analysis|details) | indicators of compromise | iocs?
      high confidence | evidence (?:shows|showed|indicates|indicated|linking|that linked|pointing)
      published (?:technical )?(?:indicators|details|evidence) | malware samples
      infrastructure (?:overlaps?|links) | code (?:overlaps?|similarit\w+|reuse)
      overlapping (?:infrastructure|code|tooling) | shared (?:infrastructure|code|tooling)
      blockchain analysis | traced the (?:funds|wallets) | intercepted communications
      digital fingerprints?
    `,
    flags: 'i',
    examples: [
      {
        text: 'The FBI said Chinese hackers known as Volt Typhoon burrowed into U.S. networks. The agency published indicators of compromise for defenders.',
        claims: ['FBI → Volt Typhoon'],
        evidence: 'provided',
      },
    ],
  },
});
