/**
 * CSV export of claims (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes
 * or line breaks quoted, quotes doubled). Cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) get a leading single quote.
 */
import type { StoredClaim } from '../records';

export const CSV_COLUMNS = [
  'id',
  'published_at',
  'stored_at',
  'accuser',
  'accuser_kind',
  'accuser_country',
  'accused',
  'accused_kind',
  'accused_country',
  'accused_actor',
  'accused_also_named',
  'target',
  'target_country',
  'action',
  'evidence',
  'confidence',
  'has_denial',
  'responses',
  'reported_by',
  'outlet',
  'article_title',
  'article_url',
  'sentences',
] as const;

/** One CSV cell: formula-guarded, then quoted when needed. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(c: StoredClaim): (string | number | boolean | null)[] {
  return [
    c.id,
    c.publishedAt,
    c.storedAt,
    c.accuser?.name ?? null,
    c.accuser?.kind ?? null,
    c.accuser?.country ?? null,
    c.accused.name,
    c.accused.kind,
    c.accused.country,
    c.accused.actor ?? null,
    (c.accused.alsoNamed ?? []).map((p) => p.name).join('; ') || null,
    c.target?.name ?? null,
    c.target?.country ?? null,
    c.action,
    c.evidence,
    c.confidence,
    c.hasDenial,
    c.responses.map((r) => `${r.kind}: ${r.by.name}`).join('; '),
    c.reportedBy.join('; '),
    c.outlet,
    c.articleTitle,
    c.articleUrl,
    c.sentences.join(' | '),
  ];
}

/** Claims as a CSV document with a header row. */
export function claimsToCsv(claims: StoredClaim[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of claims) lines.push(row(c).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
