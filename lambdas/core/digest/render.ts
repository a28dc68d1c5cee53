/**
 * Digest rendering: claims grouped by accused actor, then by story (the article), as HTML
 * (inlined styles, one column that fits a phone, colours that read in light and dark mode) and
 * as complete plain text. Every piece of article-derived text is escaped; links are http(s) only.
 */
import type { IncidentRecord, StoredClaim } from '../records';
import {
  countryName,
  type DigestIncidents,
  type IncidentUpdate,
  incidentsLine,
  shortDate,
  stepLines,
} from './incidents';

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

export interface RenderOptions {
  /** Start of the period (ISO), for the heading. */
  since?: string;
  /** End of the period (ISO). */
  until: string;
  /** @default 'Attribution Watch digest' */
  title?: string;
  /** The visible unsubscribe link (also sent as List-Unsubscribe by the caller). */
  unsubscribeUrl?: string;
  preferencesUrl?: string;
  /** What the subscriber follows, shown in the footer ("accused: RU; actions: ddos"). */
  filtersLabel?: string;
  /** Link to the full list when the digest is cut. */
  moreUrl?: string;
  /**
   * At most this many claims are written out (the summary counts all): Gmail clips messages
   * over 102 kB, and a digest is a pointer, not an archive. @default 50
   */
  maxClaims?: number;
  /** Reuse rendered claim fragments across digests of one run (10,000 subscribers, 1 render). */
  cache?: RenderCache;
  /** New incidents and updates to known ones, listed before the claims. */
  incidents?: DigestIncidents;
  /** At most this many new incidents and this many updates are written out. @default 20 */
  maxIncidents?: number;
}

/** Rendered fragments by claim id, shared by the digests of one run. */
export type RenderCache = Map<string, { html: string; text: string }>;

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
      .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Article-derived text on one line (plain-text part). */
function line(s: string): string {
  return headerSafe(s);
}

function safeUrl(u: string | undefined): string | undefined {
  if (!u) return undefined;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function accusedLabel(c: StoredClaim): string {
  const a = c.accused;
  const name = a.actor ?? a.name;
  if (a.country && a.kind !== 'state') return `${name} (${countryName(a.country)})`;
  return a.kind === 'state' && a.country ? countryName(a.country) : name;
}

/** "7 new claims: 4 against China, 2 against Russia, 1 against LockBit". */
export function summaryLine(claims: StoredClaim[]): string {
  const by = new Map<string, number>();
  for (const c of claims) {
    const k = c.accused.country
      ? countryName(c.accused.country)
      : (c.accused.actor ?? c.accused.name);
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  const parts = [...by.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${n} against ${k}`);
  const shown = parts.slice(0, 5);
  if (parts.length > 5) shown.push(`${parts.length - 5} more`);
  if (!claims.length) return 'No new claims';
  return `${claims.length} new claim${claims.length === 1 ? '' : 's'}: ${shown.join(', ')}`;
}

const RESPONSE_LABEL: Record<string, string> = {
  denial: 'Denied',
  'counter-accusation': 'Counter-accusation',
  acknowledgement: 'Acknowledged',
  'claim-of-responsibility': 'Claimed responsibility',
};

function claimFragment(c: StoredClaim): { html: string; text: string } {
  const who = c.accuser ? c.accuser.name : 'Unattributed source';
  const target = c.target ? ` against ${c.target.name}` : '';
  const facts = `${c.action}${target} · evidence ${c.evidence} · confidence ${c.confidence.toFixed(2)}`;
  const responses = c.responses.map((r) => ({
    label: `${RESPONSE_LABEL[r.kind] ?? r.kind} by ${r.by.name}`,
    text: r.text,
  }));
  const text = [
    `  * ${line(who)} -> ${line(accusedLabel(c))}: ${line(facts)}`,
    ...responses.map((r) => `    ${line(r.label)}: "${line(r.text)}"`),
    ...(c.reportedBy.length ? [`    Reported by: ${line(c.reportedBy.join(', '))}`] : []),
    ...(c.sentences[0] ? [`    "${line(c.sentences[0])}"`] : []),
  ].join('\n');
  const html =
    `<div style="margin:8px 0 0;padding:0 0 0 10px;border-left:3px solid #3b82f6">` +
    `<div style="font-weight:600">${escapeHtml(who)} &rarr; ${escapeHtml(accusedLabel(c))}</div>` +
    `<div style="font-size:14px;opacity:.85">${escapeHtml(facts)}</div>` +
    responses
      .map(
        (r) =>
          `<div style="font-size:14px;margin-top:4px"><strong>${escapeHtml(r.label)}:</strong> &ldquo;${escapeHtml(r.text)}&rdquo;</div>`,
      )
      .join('') +
    (c.reportedBy.length
      ? `<div style="font-size:14px;opacity:.85">Reported by: ${escapeHtml(c.reportedBy.join(', '))}</div>`
      : '') +
    (c.sentences[0]
      ? `<blockquote style="margin:6px 0 0;padding:0;font-style:italic;opacity:.85">&ldquo;${escapeHtml(c.sentences[0])}&rdquo;</blockquote>`
      : '') +
    `</div>`;
  return { html, text };
}

function storyHead(c: StoredClaim): { html: string; text: string } {
  const url = safeUrl(c.articleUrl);
  const title = c.articleTitle || c.articleUrl || 'Untitled article';
  const meta = [c.outlet, c.publishedAt.slice(0, 10)].filter(Boolean).join(' · ');
  return {
    text: `- ${line(title)}${meta ? ` (${line(meta)})` : ''}\n  ${url ?? '(no link)'}`,
    html:
      `<div style="font-size:16px;font-weight:600;margin:0">` +
      (url
        ? `<a href="${escapeHtml(url)}" style="color:#3b82f6;text-decoration:underline">${escapeHtml(title)}</a>`
        : escapeHtml(title)) +
      `</div>` +
      (meta ? `<div style="font-size:13px;opacity:.75">${escapeHtml(meta)}</div>` : ''),
  };
}

function incidentAccused(i: IncidentRecord): string {
  const a = i.accused;
  const base =
    a.country && a.kind !== 'state'
      ? `${a.name} (${countryName(a.country)})`
      : a.kind === 'state' && a.country
        ? countryName(a.country)
        : a.name;
  const also = (a.alsoNamed ?? []).map((p) =>
    p.kind === 'state' && p.country ? countryName(p.country) : p.name,
  );
  return also.length ? `${base}; also named: ${also.join(', ')}` : base;
}

function partyName(p: { name: string; kind: string; country: string | null }): string {
  return p.kind === 'state' && p.country ? countryName(p.country) : p.name;
}

/** A new incident: its name, who is accused by whom, what was hit, the strongest evidence. */
function newIncidentFragment(i: IncidentRecord): { html: string; text: string } {
  const facts: [string, string][] = [
    ['Accused', incidentAccused(i)],
    ...(i.targets.length
      ? [['Targets', i.targets.map(partyName).join(', ')] as [string, string]]
      : []),
    ['Accused by', i.accusers.map(partyName).join(', ') || 'unattributed reports'],
    [
      'Strongest evidence',
      `${i.evidence.replace('-', ' ')} · confidence ${i.confidence.toFixed(2)}`,
    ],
  ];
  const denials = [
    ...new Set(i.responders.filter((r) => r.kind === 'denial').map((r) => partyName(r.by))),
  ];
  const meta = `${i.claimCount} claim${i.claimCount === 1 ? '' : 's'} in ${i.articleCount} article${i.articleCount === 1 ? '' : 's'}, first reported ${shortDate(i.firstSeen)}${denials.length ? ` · denied by ${denials.join(', ')}` : ''}`;
  const text = [
    `* ${line(i.name)}`,
    ...facts.map(([k, v]) => `  ${k}: ${line(v)}`),
    `  ${line(meta)}`,
  ].join('\n');
  const html =
    `<div style="margin:8px 0 14px;padding:0 0 0 10px;border-left:3px solid #f59e0b">` +
    `<div style="font-size:16px;font-weight:600">${escapeHtml(i.name)}</div>` +
    facts
      .map(
        ([k, v]) =>
          `<div style="font-size:14px"><strong>${escapeHtml(k)}:</strong> ${escapeHtml(v)}</div>`,
      )
      .join('') +
    `<div style="font-size:13px;opacity:.75">${escapeHtml(meta)}</div></div>`;
  return { html, text };
}

/** An update to a known incident: one line per step the digest's claims brought. */
function updateFragment(u: IncidentUpdate): { html: string; text: string } {
  const steps = stepLines(u);
  const head = `${u.incident.name} (known since ${shortDate(u.incident.firstSeen)})`;
  const text = [`* ${line(head)}`, ...steps.map((st) => `  - ${line(st.text)}`)].join('\n');
  const html =
    `<div style="margin:8px 0 14px;padding:0 0 0 10px;border-left:3px solid #a855f7">` +
    `<div style="font-size:16px;font-weight:600">${escapeHtml(u.incident.name)} <span style="font-weight:normal;font-size:13px;opacity:.75">(known since ${escapeHtml(shortDate(u.incident.firstSeen))})</span></div>` +
    `<ul style="margin:4px 0 0;padding-left:20px;font-size:14px">` +
    steps
      .map((st) => {
        const url = safeUrl(st.url);
        return `<li>${escapeHtml(st.text)}${url ? ` &middot; <a href="${escapeHtml(url)}" style="color:#3b82f6">article</a>` : ''}</li>`;
      })
      .join('') +
    `</ul></div>`;
  return { html, text };
}

/** The incident sections (new first, then updates) as text lines and HTML pieces. */
function incidentSections(
  inc: DigestIncidents,
  max: number,
  cached: (
    key: string,
    make: () => { html: string; text: string },
  ) => { html: string; text: string },
): { text: string[]; html: string[] } {
  const text: string[] = [];
  const html: string[] = [];
  const h2 = (label: string, n: number) =>
    `<h2 style="font-size:19px;line-height:1.3;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #999">${escapeHtml(label)} <span style="font-weight:normal;opacity:.7">(${n})</span></h2>`;
  const more = (n: number, what: string) => {
    if (n <= 0) return;
    text.push(`  … and ${n} more ${what}`, '');
    html.push(`<p style="margin:4px 0 12px">&hellip; and ${n} more ${escapeHtml(what)}</p>`);
  };
  if (inc.fresh.length) {
    text.push(`== New incidents (${inc.fresh.length}) ==`);
    html.push(h2('New incidents', inc.fresh.length));
    for (const i of inc.fresh.slice(0, max)) {
      const f = cached(`inc#new#${i.id}#${i.updatedAt}`, () => newIncidentFragment(i));
      text.push(f.text, '');
      html.push(f.html);
    }
    more(inc.fresh.length - max, 'new incidents');
  }
  if (inc.updates.length) {
    text.push(`== Updates to known incidents (${inc.updates.length}) ==`);
    html.push(h2('Updates to known incidents', inc.updates.length));
    for (const u of inc.updates.slice(0, max)) {
      const key = `inc#upd#${u.incident.id}#${u.incident.updatedAt}#${u.steps.map((e) => `${e.kind}:${e.claimId}`).join(',')}#${u.reports.map((r) => r.articleUrl).join(',')}`;
      const f = cached(key, () => updateFragment(u));
      text.push(f.text, '');
      html.push(f.html);
    }
    more(inc.updates.length - max, 'updated incidents');
  }
  return { text, html };
}

function fmtPeriod(since: string | undefined, until: string): string {
  const u = until.slice(0, 16).replace('T', ' ');
  return since ? `${since.slice(0, 16).replace('T', ' ')} – ${u} UTC` : `until ${u} UTC`;
}

/** The `n` first claims in `order`, without sorting them all (a digest shows 50 of thousands). */
function topNewest(
  claims: StoredClaim[],
  n: number,
  order: (a: StoredClaim, b: StoredClaim) => number,
): StoredClaim[] {
  if (claims.length <= n * 4) return [...claims].sort(order).slice(0, n);
  const top: StoredClaim[] = [];
  for (const c of claims) {
    if (top.length === n && order(c, top[n - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && order(c, top[i - 1]!) < 0) i--;
    top.splice(i, 0, c);
    if (top.length > n) top.pop();
  }
  return top;
}

/** Renders a digest of `claims` (newest first within each group). */
export function renderDigest(claims: StoredClaim[], opts: RenderOptions): RenderedDigest {
  const title = opts.title ?? 'Attribution Watch digest';
  const incidents = opts.incidents ?? { fresh: [], updates: [] };
  const incLine = incidentsLine(incidents);
  // New incidents lead: "1 new incident, 2 updated · 7 new claims: 4 against China…".
  const summary = incLine ? `${incLine} · ${summaryLine(claims)}` : summaryLine(claims);
  const max = opts.maxClaims ?? 50;
  const newest = (a: StoredClaim, b: StoredClaim) =>
    a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? -1 : 1;
  const shown = topNewest(claims, max, newest);
  const hidden = claims.length - shown.length;
  // accused → story (article) → claims
  const groups = new Map<string, Map<string, StoredClaim[]>>();
  for (const c of shown) {
    const k = accusedLabel(c);
    let stories = groups.get(k);
    if (!stories) groups.set(k, (stories = new Map()));
    stories.set(c.articleId, [...(stories.get(c.articleId) ?? []), c]);
  }
  const size = (m: Map<string, StoredClaim[]>) => [...m.values()].reduce((n, l) => n + l.length, 0);
  const ordered = [...groups.entries()].sort(
    (a, b) => size(b[1]) - size(a[1]) || a[0].localeCompare(b[0]),
  );

  const frag = (c: StoredClaim) => {
    let f = opts.cache?.get(c.id);
    if (!f) {
      f = claimFragment(c);
      opts.cache?.set(c.id, f);
    }
    return f;
  };

  const period = fmtPeriod(opts.since, opts.until);
  const text: string[] = [line(title), summary, period, ''];
  const html: string[] = [];
  const cached = (key: string, make: () => { html: string; text: string }) => {
    let f = opts.cache?.get(key);
    if (!f) {
      f = make();
      opts.cache?.set(key, f);
    }
    return f;
  };
  if (incLine) {
    const sections = incidentSections(incidents, opts.maxIncidents ?? 20, cached);
    text.push(...sections.text);
    html.push(...sections.html);
    if (claims.length) {
      text.push(`== Claims (${claims.length}) ==`, '');
      html.push(
        `<h2 style="font-size:19px;line-height:1.3;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #999">Claims <span style="font-weight:normal;opacity:.7">(${claims.length})</span></h2>`,
      );
    }
  }
  for (const [accused, stories] of ordered) {
    const n = size(stories);
    text.push(`== ${line(accused)} (${n}) ==`);
    html.push(
      `<h2 style="font-size:19px;line-height:1.3;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #999">${escapeHtml(accused)} <span style="font-weight:normal;opacity:.7">(${n})</span></h2>`,
    );
    for (const list of stories.values()) {
      const head = storyHead(list[0]!);
      text.push(head.text, ...list.map((c) => frag(c).text), '');
      html.push(
        `<div style="margin:0 0 18px">${head.html}${list.map((c) => frag(c).html).join('')}</div>`,
      );
    }
  }
  if (hidden > 0) {
    const more = hidden;
    const url = safeUrl(opts.moreUrl);
    text.push(`… and ${more} more claim${more === 1 ? '' : 's'}${url ? `: ${url}` : ''}`, '');
    html.push(
      `<p style="margin:16px 0">&hellip; and ${more} more claim${more === 1 ? '' : 's'}${url ? ` &middot; <a href="${escapeHtml(url)}" style="color:#3b82f6">see them all</a>` : ''}</p>`,
    );
  }
  if (claims.length === 0) {
    text.push('No new attribution claims matched in this period.', '');
    html.push('<p style="margin:16px 0">No new attribution claims matched in this period.</p>');
  }

  const unsub = safeUrl(opts.unsubscribeUrl);
  const prefs = safeUrl(opts.preferencesUrl);
  text.push('--');
  if (opts.filtersLabel) text.push(`You follow: ${line(opts.filtersLabel)}`);
  if (prefs) text.push(`Change what you get: ${prefs}`);
  if (unsub) text.push(`Unsubscribe: ${unsub}`);
  text.push('Attribution Watch reports what news outlets say; claims are not verified findings.');

  const footer =
    `<div style="margin:32px 0 0;padding-top:12px;border-top:1px solid #999;font-size:13px;opacity:.8">` +
    (opts.filtersLabel
      ? `<p style="margin:0 0 6px">You follow: ${escapeHtml(opts.filtersLabel)}</p>`
      : '') +
    `<p style="margin:0 0 6px">` +
    [
      prefs ? `<a href="${escapeHtml(prefs)}" style="color:#3b82f6">Change preferences</a>` : '',
      unsub ? `<a href="${escapeHtml(unsub)}" style="color:#3b82f6">Unsubscribe</a>` : '',
    ]
      .filter(Boolean)
      .join(' &middot; ') +
    `</p><p style="margin:0">Attribution Watch reports what news outlets say; claims are not verified findings.</p></div>`;

  const doc =
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">` +
    `<title>${escapeHtml(title)}</title>` +
    `<style>:root{color-scheme:light dark}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}a{color:#7fb0ff!important}}</style>` +
    `</head><body style="margin:0;padding:0">` +
    // Preheader: the summary shown next to the subject in inbox lists.
    `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(summary)}</div>` +
    `<div style="max-width:640px;margin:0 auto;padding:16px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;word-wrap:break-word">` +
    `<h1 style="font-size:22px;line-height:1.25;margin:0 0 4px">${escapeHtml(title)}</h1>` +
    `<p style="margin:0 0 2px;font-size:17px;font-weight:600">${escapeHtml(summary)}</p>` +
    `<p style="margin:0 0 8px;font-size:13px;opacity:.75">${escapeHtml(period)}</p>` +
    html.join('') +
    footer +
    `</div></body></html>`;
  return {
    subject: headerSafe(`${title}: ${summary}`).slice(0, 200),
    text: text.join('\n'),
    html: doc,
  };
}
