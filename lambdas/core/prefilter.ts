/**
 * The prefilter: a cheap relevance check on a feed item (title, summary, categories) that
 * decides whether its page is fetched at all. It aims at recall — a wrongly kept item costs one
 * page fetch; a wrongly dropped item is a lost claim — within a budget of about ten fetches per
 * hundred general news items.
 *
 * An item is kept when it has an unambiguous cyber cue ("ransomware", "phishing", "hackers
 * broke into"), an ambiguous one with cyber context beside it ("breach" with data, accounts or
 * systems; not "breach of contract"), names a threat actor or an intelligence organ, or reports
 * a state accusing or denying with no sign that the matter is a war, a trade or a rights dispute.
 * Measured on our corpus (test/unit/prefilter.test.ts) and, on real text, by `npm run eval:real`.
 */
import { gazetteer } from './detect/gazetteer';
import { CYBER_CUE } from './detect/lexicon';

export interface PrefilterInput {
  title: string;
  summary?: string;
  categories?: string[];
}

/** Cyber words that mean the same out of context. */
const STRONG =
  /\b(?:ransomware|malware|spyware|stalkerware|phishing|smishing|spear-?phishing|cyber-?(?:attacks?|espionage|criminals?|crime|security|spies|spying|warfare|operations?|incidents?|threats?|gangs?|thieves)|cybersecurity|hack(?:ers?|ed|s)?\b(?! off| away| at)|hacking(?! at| away)|hacktivists?|ddos|denial[- ]of[- ]service|booter|stresser|botnets?|zero-days?|data breach(?:es)?|infostealer|keylogger|backdoors?|rootkit|trojan (?:malware|horse program|app)|banking trojan|sim[- ]swap\w*|account takeovers?|credential(?:s| stuffing)|two-factor|2fa|login page|dark web|leak sites?|(?:stole|stolen|leaked|reused|cracked|harvested|dumped) (?:\w+ ){0,2}passwords|passwords? (?:were |was )?(?:stolen|leaked|posted|dumped|exposed|reused|cracked|harvested|phished)|scam (?:texts?|emails?|calls?|sites?|pages?|apps?|messages?)|scammers?|fraudsters? posing|malvertising|adware|scareware|keylogg\w+|threat landscape|(?:cloud|network|endpoint) security|scam (?:warning|alert)|deepfake|(?:fake|bogus|spoofed|cloned) (?:login|payment|websites?|sites?|pages?|emails?|texts?|invoices?|apps?)|unauthori[sz]ed (?:access|commands?|transactions?)|intruders? (?:logged|accessed|broke)|firmware|misconfigur\w+|open (?:database|storage bucket|cloud bucket|server)|(?:storage|cloud) bucket|exposed (?:database|server|records|data)|scraped|wiper malware|infected (?:computers|devices|machines|phones)|encrypt(?:ed|ing) (?:files|systems|servers|records)|decrypt\w*|bitcoin ransom|ransom (?:demand|note|payment)|state-sponsored|state-backed|nation-state|apt\s?\d+|threat actors?|indicators of compromise|vulnerabilit(?:y|ies)|security (?:flaw|hole|bug|patch|update|researchers?|firm)|patched|exploit(?:s|ed|ing)? (?:a |the |an )?(?:\w+ ){0,3}?(?:bugs?|flaws?|vulnerabilit\w+|weakness(?:es)?|loopholes?))\b/i;

/** Cyber words that also have everyday senses; they count with cyber context beside them. */
const AMBIGUOUS =
  /\b(?:breach(?:ed|es|ing)?|leak(?:ed|s)?|exposed|stole|stolen|theft|heist|drained|flaw|bug|intrusion|infiltrat\w+|compromised|outage|fake|ransom|scam\w*|fraud\w*|tricked|duped|posing|pretending|threaten\w*|security|secure|insecure|spoof\w*|drain\w*|unencrypted|not encrypted|scrambled|unlock\w*|hijack\w*|seized|taken down|took down|knocked (?:\w+ )?offline|wiped|erased|deleted|copied|downloaded|released by mistake|watched|snooped|passwords?)\b/gi;

/** Context that makes ambiguous words cyber: what is hacked, stolen or exposed. */
const CONTEXT =
  /\b(?:data|database|databases|servers?|systems?|networks?|computers?|online|internet|web|websites?|app|apps|software|cloud|e-?mails?|inbox|mailbox|https|whatsapp|facebook|instagram|twitter|tiktok|snapchat|netflix|paypal|gmail|outlook|accounts?|records|files|spreadsheet|personal (?:details|data|information)|card details|bank details|login|logins|digital|devices?|cameras?|footage|phones?|texts?|messages|bitcoin|crypto\w*|wallets?|private keys)\b/gi;

/** Everyday senses that never mean a cyber operation. */
const NOT_CYBER =
  /\b(?:cyber monday|breach(?:es|ed)? of (?:contract|the peace|duty|rules|privilege|trust|the code|ministerial code)|in breach of|breach(?:ed)? (?:the |a )?(?:vault|hull|wall|dam|levee|defence|defense|line|border|airspace|ceasefire)|water main|trojan asteroids?|weekend hacker|hacked[- ]off|hack(?:s|ed|ing)? (?:at|away)|hackathons?|life hacks?|data cent(?:re|er)s?|password-(?:sharing|protected))\b/gi;

/** Organs whose mention alone makes an item worth fetching: intelligence, security and cyber bodies. */
const SECRET_ORGAN =
  /\b(?:intelligence|security|cyber\w*|signals|GRU|FSB|SVR|MSS|NSA|GCHQ|RGB|IRGC|MOIS|CIA|Mossad|ASD|CSE|NCSC|AIVD|MIVD|BND|BfV|DGSE|ANSSI|SBU|HUR|PLA|Strategic Support|Bureau 121|Unit \d+|Reconnaissance)\b/;

const ACCUSATION =
  /\b(accus\w*|blam\w*|allegation\w*|alleg\w+|attribut\w*|den(?:y|ies|ied)|dismiss\w*|reject\w*|sanction\w*|indict\w*|charg\w*|spy\w*|espionage|surveillance)\b/i;

/** Words that make an accusation one between states: a second state, a government voice. */
const DIPLOMATIC =
  /\b(?:west(?:ern)?|foreign|allies|embassy|ministry|minister|government|kremlin|white house|spokes(?:man|woman|person)|officials|intelligence|spy chief|agency|lawmakers)\b/i;

/** What an accusation between states is about when it is not a cyber operation. */
const OTHER_DISPUTE =
  /\b(?:drones?|missiles?|strikes?|air ?strikes?|bomb\w*|shell\w*|troops|soldiers|army|tanks?|border|ceasefire|massacre|killings?|killed|died|dies|death|murder\w*|prison|crash|genocide|dumping|tariffs?|steel|oil|gas|grain|exports?|imports?|trade|uyghurs?|human rights|refugees?|doping|athletes?|ship\w*|vessels?|coast guard|reef|islands?|nuclear plant|assassinat\w*|poison\w*|election fraud|corruption|bribe\w*|funds)\b/i;

/** Influence operations are attribution stories too ("a network of pro-Russian propaganda sites"). */
const INFLUENCE =
  /\b(disinformation|influence (?:operations?|campaigns?)|propaganda (?:network|sites?|campaign)|inauthentic|troll farms?|bot networks?|fake news sites?|(?:foreign|digital) interference|information manipulation)\b/i;

export function isRelevantItem(item: PrefilterInput): boolean {
  const raw = [item.title, item.summary ?? '', ...(item.categories ?? [])].join(' \n ');
  const text = raw.replace(NOT_CYBER, ' ');
  if (STRONG.test(text) || INFLUENCE.test(text)) return true;
  if (cyberInContext(text)) return true;
  const mentions = gazetteer().scan(raw);
  if (
    mentions.some(
      (m) =>
        m.entity.type === 'actor' ||
        (m.entity.type === 'organ' && SECRET_ORGAN.test(`${m.entity.name} ${m.text}`)),
    )
  )
    return true;
  const states = new Set(
    mentions.filter((m) => m.entity.type === 'country').map((m) => m.entity.country),
  );
  return (
    ACCUSATION.test(text) &&
    states.size > 0 &&
    (states.size > 1 || DIPLOMATIC.test(text)) &&
    !OTHER_DISPUTE.test(text)
  );
}

/** Matches of the shared cue list too weak for a feed item on their own ("servers"). */
const WEAK_CUE =
  /^(?:servers?|email accounts?|crypto(?:currency)? exchange|exploit\w*|breach\w*)$/i;

/**
 * A cue with cyber context: a strong match of the shared cue list (which the detector reads on
 * whole sentences), or an ambiguous word beside a word for what is hacked, stolen or exposed
 * ("records exposed", "stole card details", "fake texts").
 */
function cyberInContext(text: string): boolean {
  const shared = new RegExp(CYBER_CUE.source, 'gi');
  for (const m of text.matchAll(shared)) if (!WEAK_CUE.test(m[0])) return true;
  AMBIGUOUS.lastIndex = 0;
  CONTEXT.lastIndex = 0;
  return AMBIGUOUS.test(text) && (text.match(CONTEXT) ?? []).length > 0;
}
