/**
 * URL canonicalization for deduplication: one article per canonical URL across feeds and runs.
 */
import { createHash } from 'node:crypto';

/** Query parameters that identify a campaign or a click, never the content. */
const TRACKING_PARAM =
  /^(utm_[a-z0-9_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_hsenc|_hsmi|mkt_tok|ref_src|cmpid|ncid|ocid|sr_share|smid|at_medium|at_campaign|guccounter|guce_referrer|guce_referrer_sig)$/i;

/**
 * Canonical form of an http(s) URL: lower-case scheme and host, default port dropped,
 * fragment dropped, tracking parameters removed, remaining parameters kept in order.
 * Idempotent: `canonicalizeUrl(canonicalizeUrl(u)) === canonicalizeUrl(u)`.
 * @throws TypeError when the URL is not absolute http(s).
 */
export function canonicalizeUrl(raw: string, base?: string): string {
  const url = new URL(raw.trim(), base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`not an http(s) URL: ${raw}`);
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams.entries()].filter(([k]) => !TRACKING_PARAM.test(k));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  // WHATWG URL already lower-cases the host and drops default ports.
  let out = url.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/** Returns the canonical URL, or undefined when the input is not a usable http(s) URL. */
export function tryCanonicalizeUrl(raw: string | undefined, base?: string): string | undefined {
  if (!raw) return undefined;
  try {
    return canonicalizeUrl(raw, base);
  } catch {
    return undefined;
  }
}

/** Short stable id for a canonical URL (used as the article id). */
export function urlId(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('base64url').slice(0, 22);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
