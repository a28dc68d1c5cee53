/**
 * The prefilter: a cheap relevance check on a feed item (title, summary, categories) that
 * decides whether its page is fetched at all. It aims at recall — a wrongly kept item costs one
 * page fetch; a wrongly dropped item is a lost claim — so any cyber cue or known actor name keeps
 * the item. Its recall is measured on the detection corpus (test/unit/prefilter.test.ts).
 */
import { mentionsKnownActor } from './detect/gazetteer';
import { CYBER_CUE } from './detect/lexicon';

export interface PrefilterInput {
  title: string;
  summary?: string;
  categories?: string[];
}

export function isRelevantItem(item: PrefilterInput): boolean {
  const text = [item.title, item.summary ?? '', ...(item.categories ?? [])].join(' \n ');
  return CYBER_CUE.test(text) || mentionsKnownActor(text);
}
