/**
 * The demo's local news site: serves the bundled sample articles (demo/site/) and an RSS feed
 * built from their manifest, on 127.0.0.1 only. Used by `attribution-watch demo` and the tests.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface DemoItem {
  slug: string;
  title: string;
  published: string;
  summary: string;
  categories: string[];
  author?: string;
}

export interface DemoSite {
  url: string;
  feedUrl: string;
  items: DemoItem[];
  close(): Promise<void>;
}

const xml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

export function rssFor(base: string, site: string, items: DemoItem[]): string {
  const entries = items
    .map(
      (i) => `    <item>
      <title>${xml(i.title)}</title>
      <link>${base}/articles/${i.slug}.html?utm_source=rss&amp;utm_medium=feed</link>
      <guid isPermaLink="false">${xml(i.slug)}</guid>
      <pubDate>${new Date(i.published).toUTCString()}</pubDate>
      <description>${xml(i.summary)}</description>
${i.categories.map((c) => `      <category>${xml(c)}</category>`).join('\n')}
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${xml(site)}</title>
    <link>${base}/</link>
    <description>Sample news written for the Attribution Watch demo</description>
${entries}
  </channel>
</rss>
`;
}

/** Starts the demo site on a free loopback port. */
export async function startDemoSite(siteDir: string): Promise<DemoSite> {
  const manifest = JSON.parse(fs.readFileSync(path.join(siteDir, 'manifest.json'), 'utf8')) as {
    site: string;
    items: DemoItem[];
  };
  const pages = new Map<string, Buffer>();
  for (const item of manifest.items) {
    pages.set(
      `/articles/${item.slug}.html`,
      fs.readFileSync(path.join(siteDir, 'articles', `${item.slug}.html`)),
    );
  }
  let base = '';
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(rssFor(base, manifest.site, manifest.items));
    }
    const page = pages.get(pathname);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    feedUrl: `${base}/feed.xml`,
    items: manifest.items,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
