/**
 * `npm run eval:real -- --casie DIR --eurepoc DIR [--news FILE] [--no-misses]`: detection on
 * real text no one here wrote, on the development split only (ids that are multiples of 4).
 * DIR is a snapshot of Ebiquity/CASIE or michalbcz/eurepoc-database-analysis: the bare git
 * folder the search tool's `fetch` brings, or a checked-out clone. Nothing from them is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  type NewsItem,
  readCasie,
  readEurepoc,
  scoreCasie,
  scoreEurepoc,
  scoreGeneralNews,
} from './eval-real-lib';

const HOW = `usage: npm run eval:real -- --casie DIR --eurepoc DIR [--news FILE] [--no-misses]

  --casie DIR    a snapshot of github.com/Ebiquity/CASIE (data/annotation/<n>.json)
  --eurepoc DIR  a snapshot of github.com/michalbcz/eurepoc-database-analysis
                 (data/EuRepoC_Global_Database_1.1.csv)
  --news FILE    general news feed items for the prefilter (default
                 test/fixtures/prefilter/general-news.json)

Get the snapshots with the search tool's fetch verb (github:Ebiquity/CASIE,
github:michalbcz/eurepoc-database-analysis) — a bare git folder works as it is — or with
  git clone --depth 1 https://github.com/Ebiquity/CASIE
  git clone --depth 1 https://github.com/michalbcz/eurepoc-database-analysis
Only the development split (ids that are multiples of 4) is ever read; never commit their text.`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ratio = (n: number, d: number) => `${n}/${d} = ${d ? (n / d).toFixed(3) : '—'}`;
const pct = (n: number, d: number) => `${n}/${d} = ${d ? ((100 * n) / d).toFixed(1) : '—'}%`;
const clip = (s: string, n = 100) =>
  (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

function main(): number {
  const casieDir = arg('--casie');
  const eurepocDir = arg('--eurepoc');
  if (!casieDir || !eurepocDir || !fs.existsSync(casieDir) || !fs.existsSync(eurepocDir)) {
    console.error(HOW);
    return 2;
  }
  const misses = !process.argv.includes('--no-misses');
  const newsFile =
    arg('--news') ??
    path.join(__dirname, '..', 'test', 'fixtures', 'prefilter', 'general-news.json');
  const lines: string[] = [
    `# Detection on real text, development split (${new Date().toISOString().slice(0, 10)})`,
    '',
  ];
  const missLines: string[] = [];

  const casie = scoreCasie(readCasie(casieDir));
  const found = casie.named.filter((x) => x.found);
  const flagged = casie.vulnOnly.filter((x) => x.flagged);
  const kept = casie.attackStories.filter((x) => x.kept);
  lines.push(
    `CASIE (${casie.articles} dev articles)`,
    `  named-attacker recall:                        ${ratio(found.length, casie.named.length)}`,
    `  accused parties there that are the attacker:  ${ratio(
      casie.named.reduce((n, x) => n + x.parties - x.wrong.length, 0),
      casie.named.reduce((n, x) => n + x.parties, 0),
    )}`,
    `  vulnerability/patch-only flagged attribution: ${pct(flagged.length, casie.vulnOnly.length)}`,
    `  prefilter keeps attack stories (title+lead):  ${ratio(kept.length, casie.attackStories.length)}`,
  );
  for (const x of casie.named.filter((y) => !y.found))
    missLines.push(
      `casie ${x.id}: attacker ${x.attackers.map((a) => JSON.stringify(a.text)).join(', ')} · predicted ${x.predicted}`,
    );
  for (const x of casie.named.filter((y) => y.wrong.length))
    missLines.push(
      `casie ${x.id}: accused ${x.wrong.join(', ')} is not the attacker ${x.attackers.map((a) => JSON.stringify(a.text)).join(', ')}`,
    );
  for (const x of flagged)
    missLines.push(
      `casie ${x.id}: vulnerability/patch-only story flagged · predicted ${x.predicted}`,
    );
  for (const x of casie.attackStories.filter((y) => !y.kept))
    missLines.push(`casie ${x.id}: prefilter drops attack story "${clip(x.title)}"`);

  const eu = scoreEurepoc(readEurepoc(eurepocDir));
  const right = eu.scored.filter((x) => x.correct);
  const predictedAll = eu.scored.flatMap((x) => x.predicted);
  const predictedRight = eu.scored.flatMap((x) => x.predicted.filter((c) => c === x.gold));
  lines.push(
    '',
    `EuRepoC (${eu.incidents} dev incidents; ${eu.scored.length} with one initiator state, named in the text, not a receiver)`,
    `  accused-country accuracy:  ${ratio(right.length, eu.scored.length)}`,
    `  accused-country precision: ${ratio(predictedRight.length, predictedAll.length)}`,
  );
  if (eu.unmapped.length) lines.push(`  country names not mapped: ${eu.unmapped.join('; ')}`);
  for (const x of eu.scored) {
    const wrong = x.predicted.filter((c) => c !== x.gold);
    if (!x.correct || wrong.length)
      missLines.push(
        `eurepoc ${x.id}: gold ${x.gold} · predicted ${x.predicted.join(',') || 'nothing'} · "${clip(x.name, 60)}" · accused ${x.accused}`,
      );
  }

  const cyberFile = path.join(path.dirname(newsFile), 'cyber-news.json');
  if (fs.existsSync(cyberFile)) {
    const items = JSON.parse(fs.readFileSync(cyberFile, 'utf8')) as NewsItem[];
    const news = scoreGeneralNews(items);
    lines.push(
      '',
      `Cyber news items (${path.relative(process.cwd(), cyberFile)})`,
      `  prefilter keeps:           ${ratio(news.fetched.length, news.items)}`,
    );
    const kept = new Set(news.fetched.map((x) => x.id));
    for (const x of items.filter((i) => !kept.has(i.id)))
      missLines.push(`cyber-news ${x.id}: prefilter drops "${clip(x.title)}"`);
  }
  if (fs.existsSync(newsFile)) {
    const items = JSON.parse(fs.readFileSync(newsFile, 'utf8')) as NewsItem[];
    const news = scoreGeneralNews(items);
    lines.push(
      '',
      `General news (${path.relative(process.cwd(), newsFile)})`,
      `  prefilter fetches:         ${pct(news.fetched.length, news.items)} (budget 10 per 100)`,
    );
    for (const x of news.fetched) missLines.push(`news ${x.id}: fetched "${clip(x.title)}"`);
  }
  console.log(lines.join('\n'));
  if (misses && missLines.length)
    console.log(`\nMisses (${missLines.length}):\n${missLines.join('\n')}`);
  return 0;
}

process.exitCode = main();
