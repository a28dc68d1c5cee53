/** Pages for the benchmarks. */

/**
 * Boilerplate a real news page carries around its article (navigation, link lists, inline state
 * and styles): typical front-end pages weigh 150–500 kB of HTML, the demo pages ~10 kB.
 */
export function realisticPage(html: string, n: number): string {
  const links = (k: number, prefix: string) =>
    Array.from(
      { length: k },
      (_, i) =>
        `<li><a href="/${prefix}/${n}-${i}">${prefix} headline number ${i} about markets, politics and sport</a></li>`,
    ).join('');
  const nav = `<nav class="mega-menu"><ul>${links(250, 'section')}</ul></nav>`;
  const related = `<aside class="related"><ul>${Array.from({ length: 60 }, (_, i) => `<li class="card"><img src="/img/${i}.jpg" alt="thumbnail ${i}" width="320" height="180"><a href="/story/${i}">Related story ${i}: a longer teaser line that runs on</a><time datetime="2026-11-0${(i % 9) + 1}">Nov ${(i % 9) + 1}</time></li>`).join('')}</ul></aside>`;
  const state = `<script>window.__STATE__=${JSON.stringify({ items: Array.from({ length: 400 }, (_, i) => ({ id: i, title: `item ${i}`, tags: ['a', 'b', 'c'], url: `/x/${i}` })) })};</script>`;
  const style = `<style>${Array.from({ length: 400 }, (_, i) => `.c${i}{margin:${i}px;padding:${i % 7}px;color:#${(i * 1234567).toString(16).slice(0, 6).padEnd(6, '0')}}`).join('')}</style>`;
  const footer = `<footer><ul>${links(150, 'footer')}</ul></footer>`;
  return html
    .replace('</head>', `${style}${state}</head>`)
    .replace('<body', `<body data-x="1"`)
    .replace(/<body([^>]*)>/, `<body$1>${nav}`)
    .replace('</body>', `${related}${footer}</body>`);
}
