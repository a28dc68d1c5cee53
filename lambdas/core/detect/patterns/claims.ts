/**
 * Claim-stage patterns: what the article as a whole says about its claims.
 */
import { definePatterns } from './format';

const PATCH_STORY = `Microsoft released a fix on Tuesday for a flaw in its mail server software.

The vulnerability lets an attacker run code on unpatched servers, the company said.

Administrators should install the security update at once, and a patch for older versions follows next week.

The flaw was also noted as having been used by APT28 last year, researchers said.`;

export const CLAIMS = definePatterns('claims', '', {
  vulnerabilityWording: {
    means:
      'Wording of a vulnerability or patch story: "vulnerability", "patch", "CVE-…", "flaw", "zero-day", "security update".',
    re: String.raw`\b({words})\b`,
    words: String.raw`
      vulnerabilit\w+ | patch\w* | CVE-\d | flaws? | bugs? | zero-days? | 0-days? | security updates?
      fix(?:ed|es)? | exploits?
    `,
    flags: 'i',
    examples: [{ text: PATCH_STORY, claims: [] }],
  },
  passingMention: {
    means:
      'A background mention of who once used a flaw ("was also used by APT28", "another zero-day that had been used by…", "a bug found in 2017 was adopted by North Korean hackers"): in a patch story it is not the attribution the story reports.',
    re: String.raw`\b(?:also|previously|earlier|another|other|last year|in the past|once|had been|in (?:19|20)\d\d)\b[^.]{0,80}?\b(?:used|exploited|adopted|abused|leveraged|weaponi[sz]ed)\b[^.]{0,30}?\bby\b`,
    flags: 'i',
    examples: [
      { text: PATCH_STORY, claims: [] },
      {
        text: 'Microsoft patched a zero-day in Windows on Tuesday.\n\nThe flaw lets attackers gain system rights on unpatched machines, the advisory said.\n\nLast month Microsoft fixed another zero-day that had been used by a state-backed group known as FruityArmor.',
        claims: [],
      },
    ],
  },
});
