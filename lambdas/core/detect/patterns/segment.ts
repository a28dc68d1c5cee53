/**
 * Segment-stage patterns: what is not part of the story's text.
 */
import { definePatterns } from './format';

export const SEGMENT = definePatterns('segment', '', {
  dateline: {
    means: '"WASHINGTON/BEIJING -", "SEOUL, Nov 3 (Reuters) -": a place, not a party.',
    re: String.raw`^(?:[A-Z][A-Z.'’]+(?:[ /,-]+[A-Z][A-Z.'’]+)*)(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^)]{1,40}\))?\s*(?:--|[-–—:])\s+`,
    examples: [
      {
        text: 'OSLO, March 3 (Newswire) - Norway said Russian hackers broke into the email system of its parliament.',
        claims: ['Norway → Russia'],
      },
    ],
  },
});
