/**
 * The prefilter: a cheap relevance check on a feed item (title, summary, categories) that
 * decides whether its page is fetched at all. It aims at recall — a wrongly kept item costs one
 * page fetch; a wrongly dropped item is a lost claim — so an item is kept when it has any cyber
 * cue, names a threat actor or an intelligence organ, or reports a state accusing or being
 * accused. Recall is measured on the detection corpus (test/unit/prefilter.test.ts).
 */
import { gazetteer } from './detect/gazetteer';
import { CYBER_CUE } from './detect/lexicon';

export interface PrefilterInput {
  title: string;
  summary?: string;
  categories?: string[];
}

const ACCUSATION =
  /\b(accus\w*|blam\w*|allegation\w*|alleg\w*|attribut\w*|den(?:y|ies|ied)|dismiss\w*|reject\w*|ransom\w*|leak\w*|spy\w*|espionage|sanction\w*|indict\w*|charg\w*)\b/i;

/** Influence operations are attribution stories too ("a network of pro-Russian propaganda sites"). */
const INFLUENCE =
  /\b(disinformation|influence (?:operations?|campaigns?)|propaganda (?:network|sites?|campaign)|inauthentic|troll farms?|bot networks?|fake news sites?|(?:foreign|digital) interference|information manipulation)\b/i;

export function isRelevantItem(item: PrefilterInput): boolean {
  const text = [item.title, item.summary ?? '', ...(item.categories ?? [])].join(' \n ');
  if (CYBER_CUE.test(text) || INFLUENCE.test(text)) return true;
  const mentions = gazetteer().scan(text);
  if (mentions.some((m) => m.entity.type === 'actor' || m.entity.type === 'organ')) return true;
  return ACCUSATION.test(text) && mentions.some((m) => m.entity.type === 'country');
}
