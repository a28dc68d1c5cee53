/**
 * News stories in our own words for incident tests: one operation told by three outlets (a
 * government, then a vendor with evidence, then the accused's denial two days later) and another
 * operation. Stored through the real pipeline (detectAndStore), never placed into incidents here.
 */
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { silentLogger } from '../../lambdas/core/logger';
import type { Clock, Store } from '../../lambdas/core/ports';
import { detectAndStore } from '../../lambdas/core/process';
import type { ArticleRecord } from '../../lambdas/core/records';

export interface Story {
  id: string;
  published: string;
  outlet: string;
  title: string;
  text: string;
}

export const POLICE_GOVERNMENT: Story = {
  id: 'police-government',
  published: '2026-11-17T09:00:00.000Z',
  outlet: 'The Example Post',
  title: 'Dutch government says Russian hackers raided police contact lists',
  text:
    'The Netherlands said on Tuesday that hackers working for the Russian state broke into the Dutch national police and copied the work contact details of tens of thousands of officers.\n\n' +
    'The Dutch government named the group Laundry Bear and said it had used a stolen login cookie to reach the police account system. Officials did not publish technical evidence.',
};
export const POLICE_VENDOR: Story = {
  id: 'police-vendor',
  published: '2026-11-17T15:00:00.000Z',
  outlet: 'Security Ledger',
  title: 'Microsoft ties police intrusion to Laundry Bear',
  text:
    'Microsoft researchers said Laundry Bear, an espionage group working for Russia, broke into the Dutch national police. The company published indicators of compromise from the servers involved.\n\n' +
    'It said the group buys stolen login cookies from criminal markets.',
};
export const POLICE_DENIAL: Story = {
  id: 'police-denial',
  published: '2026-11-19T08:00:00.000Z',
  // An outlet name with markup characters: escaped in HTML, kept as is in text.
  outlet: 'Wire & <Post>',
  title: 'Moscow rejects Dutch claims over police breach',
  text:
    'Russia on Thursday rejected the Dutch accusation that Russian state hackers broke into the Dutch national police.\n\n' +
    'A Kremlin spokesman said the claim was baseless and that Moscow does not conduct hacking operations.',
};
export const EXCHANGE_THEFT: Story = {
  id: 'exchange-theft',
  published: '2026-11-19T10:00:00.000Z',
  outlet: 'The Example Post',
  title: 'FBI blames Lazarus for $90 million exchange theft',
  text:
    "The FBI said on Wednesday that North Korea's Lazarus Group stole about $90 million in cryptocurrency from the Singapore exchange Harbourline by tricking an engineer into running a fake coding test.\n\n" +
    'Agents traced the stolen coins through several mixing services and published the wallet addresses involved.',
};

/** Stores the stories as extracted articles, one minute apart on a clock that `advance`s. */
export async function storeStories(
  store: Store,
  clock: Clock & { advance(ms: number): void },
  stories: Story[],
): Promise<void> {
  const detector = defaultDetector();
  for (const s of stories) {
    clock.advance(60_000);
    const record: ArticleRecord = {
      id: s.id,
      url: `https://news.example/${s.id}`,
      status: 'extracted',
      attempts: 1,
      discoveredAt: s.published,
      updatedAt: clock.now().toISOString(),
      publishedTime: s.published,
      title: s.title,
      siteName: s.outlet,
      text: s.text,
    };
    await detectAndStore(
      { store, clock, detector, logger: silentLogger, http: undefined as never },
      record,
    );
  }
}
