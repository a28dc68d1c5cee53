/**
 * Feed parsing: the strict pass on well-formed feeds against the lenient pass on the same feeds
 * made malformed (one unescaped `&`, or truncated), median of several runs in the same process.
 * Well-formed feeds never reach the lenient pass; this shows what a broken one costs.
 */
import { performance } from 'node:perf_hooks';
import { parseFeed } from '../lambdas/core/feeds/parse';

export interface FeedFigure {
  label: string;
  kb: number;
  items: number;
  strictMs: number;
  lenientMs: number;
  ratio: number;
}

function feed(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `<item><title>Story ${i}: officials blame a state-backed group for the intrusion</title><link>https://news.example/a/${i}</link><guid>https://news.example/a/${i}</guid><pubDate>Mon, 02 Nov 2026 08:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate><description><![CDATA[<p>The agency said the attackers used stolen credentials and that the intrusion was contained within hours. Story ${i}.</p>]]></description><category>Cyber</category></item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title><link>https://news.example/</link>\n${items}\n</channel></rss>`;
}

async function median(doc: string, rounds: number): Promise<number> {
  const bytes = Buffer.from(doc);
  await parseFeed(bytes, 'application/rss+xml', 'https://news.example/feed');
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await parseFeed(bytes, 'application/rss+xml', 'https://news.example/feed');
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchFeeds(): Promise<FeedFigure[]> {
  const out: FeedFigure[] = [];
  for (const n of [50, 1000, 5000]) {
    const good = feed(n);
    const rounds = n >= 5000 ? 5 : 15;
    const strictMs = await median(good, rounds);
    for (const [label, broken] of [
      ['one unescaped &', good.replace('<title>Story 0:', '<title>Story 0 & more:')],
      ['truncated', good.slice(0, good.lastIndexOf('</item>') - 10)],
    ] as const) {
      const lenientMs = await median(broken, rounds);
      out.push({
        label,
        kb: Math.round(good.length / 1024),
        items: n,
        strictMs,
        lenientMs,
        ratio: lenientMs / strictMs,
      });
    }
  }
  return out;
}

export function printFeeds(figures: FeedFigure[]): void {
  console.log('## Feed parsing: strict pass vs lenient pass (median per parse)');
  for (const f of figures) {
    console.log(
      `  ${String(f.items).padStart(5)} items (${f.kb} kB): well-formed ${f.strictMs.toFixed(1)} ms; ${f.label}: ${f.lenientMs.toFixed(1)} ms (${f.ratio.toFixed(2)}×)`,
    );
  }
}
