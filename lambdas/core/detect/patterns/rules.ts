/**
 * Decisions made in code rather than by one expression, named and exemplified like patterns so
 * that `--explain` can name them and the examples test can run them.
 */
import { defineRules } from './format';

export const MENTION_RULES = defineRules('mentions', '', {
  namedBefore: {
    means:
      'A group named once by a pattern is named by its bare name anywhere in the article: "a hacker who goes by Cipher0007" … "Cipher0007 then broke into…".',
    examples: [
      {
        text: "A hacker who goes by the nickname of Cipher0007 posted the stolen files on a forum.\n\nCipher0007 broke into the marketplace's database last week.",
        claims: ['∅ → Cipher0007'],
      },
    ],
  },
  gluedWords: {
    means:
      'A place glued to the next word is two words: "NorthKorea", "SouthKorean", "Syrianhackers", "IranianHacker" (hand-coded databases, handles and hashtags drop the space); a glued hacker noun is cyber wording.',
    examples: [
      {
        text: 'The central bank said NorthKorea was behind the hacking of its payment system.',
        claims: ['∅ → North Korea'],
      },
      {
        text: 'The ministry website was defaced by Syrianhackers who left a message about the war.',
        claims: ['∅ → Syria'],
      },
    ],
  },
  gazetteer: {
    means:
      'A name, alias, demonym or metonym of an actor, state, organ, company, person or outlet in the gazetteer.',
    examples: [
      {
        text: 'Microsoft said Fancy Bear targeted the email accounts of European diplomats.',
        claims: ['Microsoft → APT28'],
      },
    ],
  },
});

export const ACCUSED_RULES = defineRules('roles', 'accused', {
  demonymOfActor: {
    means:
      '"APT41, a Chinese group that…": a demonym right after an actor describes the actor; the state is not accused on its own.',
    examples: [
      {
        text: 'Mandiant said APT41, a Chinese group, breached the networks of six state governments.',
        claims: ['Mandiant → APT41'],
        country: 'APT41: CN',
      },
    ],
  },
  linkedActorOwner: {
    means:
      '"Microsoft has linked Cotton Sandstorm to Iran\'s Revolutionary Guard": the owner a group is linked to.',
    examples: [
      {
        text: "Microsoft has linked Cotton Sandstorm to Iran's Revolutionary Guard.",
        claims: ['Microsoft → Emennet Pasargad'],
      },
    ],
  },
  coordination: {
    means:
      '"Russia and Iran continue to conduct cyber operations": a state or organ in one list with an accused one is accused too.',
    examples: [
      {
        text: 'The FBI said the cyberattacks on election offices came from China and Russia.',
        claims: ['FBI → China', 'FBI → Russia'],
      },
    ],
  },
});

export const ACCUSER_RULES = defineRules('roles', 'accuser', {
  accordingTo: {
    means:
      '"…, according to Germany\'s domestic intelligence agency": the party after "according to" is the accuser.',
    examples: [
      {
        text: "The intrusion at the foreign ministry was carried out by APT28, according to Germany's domestic intelligence agency.",
        claims: ['Germany → APT28'],
      },
    ],
  },
  leakedDocument: {
    means:
      '"according to a leaked NSA document": the author of a leaked or stolen document does not accuse anyone in public; the document is the source, not an accuser.',
    examples: [
      {
        text: 'According to a leaked GCHQ document, British spies hacked the computer networks of a Belgian telecom operator.',
        claims: ['∅ → United Kingdom'],
      },
    ],
  },
  coordination: {
    means:
      '"The United States, Britain and Canada accused…": parties in one list with the accuser accuse too.',
    examples: [
      {
        text: 'The United States, Britain and Canada accused Russia of hacking vaccine researchers.',
        claims: ['United States → Russia', 'United Kingdom → Russia', 'Canada → Russia'],
      },
    ],
  },
});

export const VOICE_RULES = defineRules('responses', '', {
  firstNamedSpeaker: {
    means:
      "The first party named before the sentence's speech or response verb, not as the object of a preposition, answers.",
    examples: [
      {
        text: 'The FBI said Russian hackers breached the water utility.\n\nMoscow called the claims "fantasies."',
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
  stateMedia: {
    means:
      'State media carrying an answer voice their government: "the answer carried by KCNA" is North Korea\'s.',
    examples: [
      {
        text: 'The FBI said North Korean hackers stole $600 million in cryptocurrency.\n\nThe accusation was a fabrication, according to KCNA.',
        claims: ['FBI → North Korea'],
        responses: ['North Korea ← denial'],
      },
    ],
  },
  lastSpeaker: {
    means:
      '"The spokesman said the report was groundless": a role with no party of its own is the last one named speaking.',
    examples: [
      {
        text: "The FBI said Russian hackers breached the water utility.\n\nRussia's foreign ministry was asked about the report on Monday. A spokeswoman said it was groundless.",
        claims: ['FBI → Russia'],
        responses: ['Russia ← denial'],
      },
    ],
  },
});

export const CLAIM_RULES = defineRules('claims', '', {
  oneClaimPerAccusation: {
    means:
      'One accuser naming a group (or an organ) and the state behind it makes one claim, against the group, the state kept in accused.alsoNamed.',
    examples: [
      {
        text: 'Mandiant said APT41, a Chinese state-sponsored group, breached six state governments. Mandiant said China was behind the campaign.',
        claims: ['Mandiant → APT41'],
        country: 'APT41: CN',
      },
    ],
  },
});
