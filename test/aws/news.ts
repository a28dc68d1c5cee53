/**
 * The news site of test/aws: clear-cut attribution stories and an RSS feed of them, and the
 * reference answer for each story — what the core itself (extract + detect) makes of the page —
 * so the tests count lost or duplicated claims without asserting the detector's heuristics.
 */
import { extractArticle } from '../../lambdas/core/extract';
import { defaultDetector } from '../../lambdas/core/detect/detector';
import { toStoredClaims } from '../../lambdas/core/process';
import type { ArticleRecord } from '../../lambdas/core/records';
import { urlId } from '../../lambdas/core/url';
import { page, rss } from '../handlers/fixtures';
import type { Handler, TestServer } from '../helpers/http-server';

const STORIES: { title: string; body: string }[] = [
  {
    title: 'Officials blame Russian hackers for ministry breach',
    body: "Government officials said on Tuesday that hackers working for Russia's GRU military intelligence agency breached the foreign ministry's email servers last month, stealing diplomatic cables.\n\nThe officials said they had assessed with high confidence that the group known as APT28 carried out the intrusion, citing forensic evidence gathered by investigators.\n\nThe Kremlin denied any involvement and called the accusation baseless.",
  },
  {
    title: 'US charges Chinese hackers over telecom espionage campaign',
    body: "The US Justice Department on Monday charged four Chinese nationals it said worked for China's Ministry of State Security, accusing them of hacking telecommunications providers to steal call records.\n\nInvestigators said the group known as APT40 was behind the intrusions and published technical indicators as evidence.\n\nChina's foreign ministry rejected the charges as groundless smears.",
  },
  {
    title: 'Microsoft says North Korean hackers stole cryptocurrency',
    body: "Microsoft said on Thursday that hackers linked to North Korea's Reconnaissance General Bureau stole cryptocurrency from several exchanges.\n\nThe company attributed the thefts to the Lazarus Group with high confidence, citing malware it recovered from the victims.\n\nNorth Korea did not respond to a request for comment.",
  },
  {
    title: 'Britain accuses Iran of cyberattack on water utility',
    body: "The British government accused Iran on Wednesday of a cyberattack that disrupted a regional water utility's control systems.\n\nThe National Cyber Security Centre said hackers working for Iran's Islamic Revolutionary Guard Corps were responsible, and shared evidence with allies.\n\nIran's embassy in London denied the accusation.",
  },
  {
    title: 'Ukraine blames Sandworm for power grid attack',
    body: "Ukraine's SBU security service said on Friday that the Russian military hacking group Sandworm attacked a power distribution company, cutting electricity to thousands of homes.\n\nThe SBU said forensic evidence tied the destructive malware to Russia's GRU.\n\nMoscow denied any involvement.",
  },
  {
    title: 'Germany says Russian hackers targeted political parties',
    body: "Germany's government said on Monday that Russian military intelligence hackers known as APT28 targeted the email accounts of several political parties.\n\nThe interior ministry said it had clear evidence of the espionage campaign and summoned the Russian ambassador.\n\nRussia's embassy dismissed the claims as unfounded.",
  },
];

export interface Story {
  path: string;
  url: string;
  articleId: string;
  title: string;
  html: string;
  /** Claim ids the core makes of this page (the reference). */
  claimIds: string[];
}

const detector = defaultDetector();

/** The ids of the claims processArticle would store for this page. */
export function referenceClaimIds(html: string, url: string): string[] {
  const ex = extractArticle(html, url);
  const result = detector.detect({ text: ex.text, title: ex.title });
  const article = { id: urlId(url), url, title: ex.title } as ArticleRecord;
  return toStoredClaims(article, result, detector.version, [], new Date().toISOString()).map(
    (c) => c.id,
  );
}

export const html = (type = 'text/html; charset=utf-8'): Record<string, string> => ({
  'content-type': type,
});

/**
 * Serves `count` stories at /news/<prefix>-<i> and their feed at /feeds/<prefix>.xml.
 * `gate(path)` may hold a page's response until the test releases it.
 */
export function publishStories(
  server: TestServer,
  prefix: string,
  count: number,
  gate?: (path: string) => Promise<void> | undefined,
): Story[] {
  const stories: Story[] = [];
  for (let i = 0; i < count; i++) {
    const s = STORIES[i % STORIES.length]!;
    const path = `/news/${prefix}-${i}`;
    const url = `${server.url}${path}`;
    const title = i < STORIES.length ? s.title : `${s.title} (${i})`;
    const body = page(title, s.body);
    const handler: Handler = (_req, res) => {
      const wait = gate?.(path);
      const send = () => {
        res.writeHead(200, html());
        res.end(body);
      };
      if (wait) void wait.then(send);
      else send();
    };
    server.routes.set(path, handler);
    stories.push({
      path,
      url,
      articleId: urlId(url),
      title,
      html: body,
      claimIds: referenceClaimIds(body, url),
    });
  }
  const feed = rss(stories.map((s) => ({ title: s.title, link: s.url })));
  server.routes.set(`/feeds/${prefix}.xml`, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(feed);
  });
  return stories;
}
