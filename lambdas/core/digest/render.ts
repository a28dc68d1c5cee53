/**
 * Digest rendering: claims grouped by accused, then by story, as HTML (inlined styles, readable
 * on phones and in dark mode) and plain text. Every piece of article-derived text is escaped.
 */
import type { StoredClaim } from '../records';

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Strips CR/LF and other control characters: subject lines must never carry a header break. */
export function headerSafe(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function safeUrl(u: string): string {
  return /^https?:\/\//i.test(u) ? u : '#';
}

function accusedLabel(c: StoredClaim): string {
  const a = c.accused;
  if (a.actor && a.country) return `${a.actor} (${a.country})`;
  return a.actor ?? a.name;
}

function countLabel(claims: StoredClaim[]): string {
  const byCountry = new Map<string, number>();
  for (const c of claims) {
    const k = c.accused.country ?? c.accused.actor ?? c.accused.name;
    byCountry.set(k, (byCountry.get(k) ?? 0) + 1);
  }
  const parts = [...byCountry.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} against ${k}`);
  return `${claims.length} new claim${claims.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function responseLine(c: StoredClaim): string {
  return c.responses.map((r) => `${r.kind} by ${r.by.name}`).join('; ');
}

/** Renders a digest of `claims` for the period ending `until`. */
export function renderDigest(
  claims: StoredClaim[],
  period: { since?: string; until: string; title?: string },
): RenderedDigest {
  const title = period.title ?? 'Attribution Watch digest';
  const summary = countLabel(claims);
  const groups = new Map<string, StoredClaim[]>();
  for (const c of [...claims].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))) {
    const k = accusedLabel(c);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);

  const textParts: string[] = [title, summary, ''];
  const htmlParts: string[] = [];
  for (const [accused, list] of ordered) {
    textParts.push(`== ${accused} (${list.length}) ==`);
    htmlParts.push(
      `<h2 style="font-size:18px;margin:24px 0 8px;border-bottom:1px solid #8884;padding-bottom:4px">${escapeHtml(accused)} <span style="font-weight:normal;opacity:.7">(${list.length})</span></h2>`,
    );
    for (const c of list) {
      const who = c.accuser ? c.accuser.name : 'unattributed source';
      const responses = responseLine(c);
      textParts.push(
        `* ${who} -> ${accusedLabel(c)}: ${c.action}${c.target ? ` against ${c.target.name}` : ''}`,
        `  evidence: ${c.evidence}; confidence: ${c.confidence.toFixed(2)}${responses ? `; ${responses}` : ''}`,
        ...(c.reportedBy.length ? [`  reported by: ${c.reportedBy.join(', ')}`] : []),
        `  "${c.sentences[0] ?? ''}"`,
        `  ${c.articleTitle} <${c.articleUrl}>`,
        '',
      );
      htmlParts.push(
        `<div style="margin:0 0 16px;padding:12px;border:1px solid #8884;border-radius:8px">` +
          `<div style="font-weight:bold">${escapeHtml(who)} &rarr; ${escapeHtml(accusedLabel(c))}</div>` +
          `<div>${escapeHtml(c.action)}${c.target ? ` against ${escapeHtml(c.target.name)}` : ''} &middot; evidence: ${escapeHtml(c.evidence)} &middot; confidence ${c.confidence.toFixed(2)}</div>` +
          (responses ? `<div>Response: ${escapeHtml(responses)}</div>` : '') +
          (c.reportedBy.length
            ? `<div>Reported by: ${escapeHtml(c.reportedBy.join(', '))}</div>`
            : '') +
          `<blockquote style="margin:8px 0;padding-left:8px;border-left:3px solid #8888;opacity:.9">${escapeHtml(c.sentences[0] ?? '')}</blockquote>` +
          `<a href="${escapeHtml(safeUrl(c.articleUrl))}" style="color:#3b82f6">${escapeHtml(c.articleTitle || c.articleUrl)}</a>` +
          `</div>`,
      );
    }
  }
  if (claims.length === 0) {
    textParts.push('No new attribution claims in this period.');
    htmlParts.push('<p>No new attribution claims in this period.</p>');
  }
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:16px;font-family:-apple-system,Segoe UI,Roboto,sans-serif;line-height:1.45;max-width:680px">` +
    `<h1 style="font-size:22px;margin:0 0 4px">${escapeHtml(title)}</h1><p style="margin:0 0 16px;font-weight:bold">${escapeHtml(summary)}</p>` +
    htmlParts.join('') +
    `</body></html>`;
  return {
    subject: headerSafe(`${title}: ${summary}`).slice(0, 200),
    text: textParts.join('\n'),
    html,
  };
}
