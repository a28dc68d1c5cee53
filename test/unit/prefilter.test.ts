import fs from 'node:fs';
import path from 'node:path';
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

  // Feed items written for the project, blind to these rules (test/fixtures/prefilter/README.md).
  const fixture = (name: string) =>
    JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'prefilter', name), 'utf8'),
    ) as { id: string; title: string; summary: string }[];

  it('keeps at least 95% of cyber-incident feed items, many without "cyber", "hack" or "attack"', () => {
    const items = fixture('cyber-news.json');
    const kept = items.filter((i) => isRelevantItem(i));
    expect(items.length).toBe(120);
    expect(kept.length / items.length).toBeGreaterThanOrEqual(0.95);
  });

  it('fetches at most 5 in 100 general news items, near-misses included', () => {
    const items = fixture('general-news.json');
    const fetched = items.filter((i) => isRelevantItem(i));
    expect(items.length).toBe(400);
    expect(fetched.length / items.length).toBeLessThanOrEqual(0.05);
  });

  it.each([
    [
      'Airline sued for breach of contract over cancelled jets',
      'The carrier says the maker missed every delivery date.',
    ],
    ['Cyber Monday sales top records', 'Shoppers spent more online than ever.'],
    ['Weekend hacker, 62, bags hole-in-one', 'The retired teacher had never broken 90.'],
    ['Trojan asteroids to be visited by probe', 'The spacecraft will fly past seven of them.'],
    [
      'Russia accuses Ukraine of drone strike on refinery',
      'The defence ministry said air defences shot down 30 drones.',
    ],
    ['Heatwave blamed for hospital admissions in India', 'Doctors said wards were full.'],
  ])('skips the everyday sense in "%s"', (title, summary) => {
    expect(isRelevantItem({ title, summary })).toBe(false);
  });

  it.each([
    [
      'Personal details of 2 million voters left online',
      'A misconfigured storage bucket held names and addresses.',
    ],
    [
      'Clinic pays thieves to unlock patient files',
      'Its records system was scrambled overnight and it paid in bitcoin.',
    ],
    [
      "Toy maker exposed children's voice messages",
      "Recordings were stored in a public database with parents' e-mails.",
    ],
    [
      'Fake parcel texts trick thousands',
      'The messages linked to a copy of the postal service site that took card details.',
    ],
    [
      'Activists say they encrypted hospital booking servers in protest',
      'The group posted screenshots of the locked machines.',
    ],
    [
      'Beijing rejects US accusations',
      'A foreign ministry spokesman called the claims groundless.',
    ],
  ])('keeps "%s"', (title, summary) => {
    expect(isRelevantItem({ title, summary })).toBe(true);
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
