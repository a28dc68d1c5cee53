import { isRelevantItem } from '../../lambdas/core/prefilter';
import { loadCorpus } from '../../scripts/eval-lib';

/** A feed item as a feed would show the article: its title and first paragraph. */
const asItem = (a: { title: string; text: string }) => ({
  title: a.title,
  summary: a.text.split('\n\n')[0],
});

describe('prefilter', () => {
  const corpus = [...loadCorpus('dev'), ...loadCorpus('test')];

  it('keeps every attribution story of the corpus (recall on title + first paragraph)', () => {
    const stories = corpus.filter((a) => a.label.isAttribution);
    const dropped = stories.filter((a) => !isRelevantItem(asItem(a))).map((a) => a.id);
    expect(dropped).toEqual([]);
    expect(stories.length).toBeGreaterThanOrEqual(60);
  });

  it('skips ordinary general news', () => {
    for (const item of [
      {
        title: 'Late goal lifts United past City',
        summary: 'A derby decided in stoppage time.',
        categories: ['Sport'],
      },
      {
        title: 'Storm brings heavy snow to the north-east',
        summary: 'Forecasters expect more tomorrow.',
      },
      {
        title: 'Stocks slip as investors await rate decision',
        summary: 'The index fell 0.4%.',
        categories: ['Markets'],
      },
    ]) {
      expect(isRelevantItem(item)).toBe(false);
    }
  });

  it('keeps items by cyber words, actor names, organs, categories, and state accusations', () => {
    expect(isRelevantItem({ title: 'Ministry confirms data breach' })).toBe(true);
    expect(isRelevantItem({ title: 'Fancy Bear returns with new lures' })).toBe(true);
    expect(isRelevantItem({ title: 'Dutch agencies name SVR in new report' })).toBe(true);
    expect(isRelevantItem({ title: 'Weekly roundup', categories: ['Ransomware'] })).toBe(true);
    expect(
      isRelevantItem({
        title: 'Kremlin dismisses Western accusations',
        summary: 'Moscow called the claims baseless.',
      }),
    ).toBe(true);
  });
});
