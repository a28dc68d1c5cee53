/**
 * Articles in our own words about two invented-detail operations, stored through the real
 * detector (detectAndStore) and placed into incidents by the real sync job: the API, STIX and
 * explorer tests of incidents read what the pipeline made, not hand-built records.
 *
 * - The Storting mail breach: Norway accuses China (first report), China denies, a security
 *   firm names APT31 and publishes indicators (new accuser, evidence), a later outlet repeats.
 * - A DDoS wave on Lithuanian ministries blamed on Russia, another month: another incident.
 * - A Czech foreign-ministry breach blamed on APT28, a month earlier: a third.
 */
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { syncIncidents } from '../../lambdas/core/incidents/sync';
import { silentLogger } from '../../lambdas/core/logger';
import type { Store } from '../../lambdas/core/ports';
import { detectAndStore } from '../../lambdas/core/process';
import type { ArticleRecord } from '../../lambdas/core/records';
import type { TestClock } from '../helpers/store';

export interface SeedArticle {
  id: string;
  published: string;
  title: string;
  site: string;
  text: string;
}

export const INCIDENT_ARTICLES: SeedArticle[] = [
  {
    id: 'storting-first',
    published: '2026-09-02T08:00:00.000Z',
    title: 'Norway says Chinese state hackers broke into parliament email',
    site: 'Nordic Wire',
    text:
      "Norway's government said on Wednesday that hackers working for the Chinese government broke into the email system of the Storting, the Norwegian parliament.\n\n" +
      'Officials said the intruders abused a flaw in Microsoft Exchange servers and copied the mailboxes of several lawmakers.',
  },
  {
    id: 'storting-denial',
    published: '2026-09-03T10:00:00.000Z',
    title: 'China rejects Norway accusation over Storting hack',
    site: 'Asia Desk',
    text:
      "China on Thursday rejected Norway's accusation that Chinese state hackers breached the Storting email system.\n\n" +
      'A foreign ministry spokesperson said the charge was groundless and that Beijing firmly opposes all forms of hacking.',
  },
  {
    id: 'storting-vendor',
    published: '2026-09-10T12:00:00.000Z',
    title: 'Security firm ties Storting intrusion to APT31',
    site: 'Security Ledger',
    text:
      'The security company Mandiant said the group behind the Storting email intrusion was APT31, a Chinese state-sponsored espionage crew, and published indicators of compromise from the Exchange servers it examined.\n\n' +
      'The firm said the attackers had been inside the network for weeks before the breach was found.',
  },
  {
    id: 'lithuania-ddos',
    published: '2026-08-14T07:30:00.000Z',
    title: 'Lithuania blames Russia for DDoS attacks on ministries',
    site: 'Baltic Times Example',
    text:
      'Lithuania said on Friday that hackers backed by Russia launched DDoS attacks that knocked the websites of three ministries offline.\n\n' +
      'The national cyber security centre said the attacks followed a transit dispute with Moscow.',
  },
  {
    id: 'czech-apt28',
    published: '2026-07-21T15:00:00.000Z',
    title: 'Czech government blames APT28 for foreign ministry breach',
    site: 'Central Europe Daily',
    text:
      'The Czech government said on Tuesday that APT28, a group run by Russian military intelligence, broke into unclassified email accounts at its foreign ministry.\n\n' +
      'Prague said the campaign lasted more than a year and summoned the Russian ambassador.',
  },
];

export function articleRecord(a: SeedArticle, updatedAt: string): ArticleRecord {
  return {
    id: a.id,
    url: `https://news.example/${a.id}`,
    status: 'extracted',
    attempts: 1,
    discoveredAt: a.published,
    updatedAt,
    publishedTime: a.published,
    title: a.title,
    siteName: a.site,
    text: a.text,
  };
}

/** Stores the articles through the detector, then runs the incidents job once. */
export async function seedIncidents(
  store: Store,
  clock: TestClock,
  articles: SeedArticle[] = INCIDENT_ARTICLES,
): Promise<void> {
  const detector = defaultDetector();
  for (const a of articles) {
    clock.advance(1000);
    await detectAndStore(
      { store, clock, detector, logger: silentLogger, http: undefined as never },
      articleRecord(a, clock.now().toISOString()),
    );
  }
  await syncIncidents({ store, clock, logger: silentLogger });
}
