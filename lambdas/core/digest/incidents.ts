/**
 * The incidents of a digest: for the claims a digest already selected, the incidents they are
 * in. An incident first written in the period (or whose every claim is in the digest) is new:
 * the digest introduces it. An older one is an update: one line per timeline step those claims
 * brought, in plain words ("China denied (Xinhua, 3 Dec)"). Nothing here reads the store: the
 * caller loads an IncidentLookup once per run and asks per digest.
 */
import type { IncidentLookup } from '../incident-query';
import { type Logger, silentLogger } from '../logger';
import type { Party } from '../model';
import type { Clock, Store } from '../ports';
import { syncIncidents, type SyncOptions, type SyncSummary } from '../incidents/sync';
import type { IncidentEvent, IncidentRecord, StoredClaim } from '../records';

export interface IncidentUpdate {
  incident: IncidentRecord;
  /** Timeline steps brought by the digest's claims, in time order. */
  steps: IncidentEvent[];
  /** The digest's other articles about it (no new step): outlets that reported it again. */
  reports: { articleUrl: string; outlet: string | null; at: string }[];
}

export interface DigestIncidents {
  fresh: IncidentRecord[];
  updates: IncidentUpdate[];
}

export const NO_INCIDENTS: DigestIncidents = { fresh: [], updates: [] };

/** The new and updated incidents of a digest of `claims` covering [since, …). */
export function digestIncidents(
  lookup: IncidentLookup,
  claims: StoredClaim[],
  since: string,
): DigestIncidents {
  const fresh: IncidentRecord[] = [];
  const updates: IncidentUpdate[] = [];
  for (const { incident, claims: mine } of lookup.group(claims)) {
    // The job runs before each digest, so an incident first written right before the previous
    // digest (createdAt <= its end, this one's start) was in that one: new means after `since`.
    if (incident.createdAt > since || mine.length >= incident.claimCount) {
      fresh.push(incident);
      continue;
    }
    const ids = new Set(mine.map((c) => c.id));
    const steps = incident.timeline.filter((e) => ids.has(e.claimId));
    const stepArticles = new Set(steps.map((e) => e.articleId));
    const reports = new Map<string, IncidentUpdate['reports'][number]>();
    for (const c of mine) {
      if (stepArticles.has(c.articleId) || reports.has(c.articleId)) continue;
      reports.set(c.articleId, { articleUrl: c.articleUrl, outlet: c.outlet, at: c.publishedAt });
    }
    updates.push({ incident, steps, reports: [...reports.values()] });
  }
  const newest = (a: IncidentRecord, b: IncidentRecord) =>
    b.lastSeen.localeCompare(a.lastSeen) || a.id.localeCompare(b.id);
  fresh.sort(newest);
  updates.sort((a, b) => newest(a.incident, b.incident));
  return { fresh, updates };
}

let regionNames: Intl.DisplayNames | undefined;
const countryNames = new Map<string, string>();
/** "GB" → "United Kingdom" (memoized: a digest run asks thousands of times). */
export function countryName(code: string): string {
  let name = countryNames.get(code);
  if (name === undefined) {
    try {
      regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
      name = regionNames.of(code.toUpperCase()) ?? code;
    } catch {
      name = code;
    }
    countryNames.set(code, name);
  }
  return name;
}

const SHORT: Record<string, string> = { US: 'US', GB: 'UK', AE: 'UAE' };
const WITH_THE =
  /^(United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Czech|Dominican|Central African)/;

/** "the UK", "China", "the Netherlands". */
function theCountry(code: string): string {
  const c = code.toUpperCase();
  const short = SHORT[c];
  if (short) return `the ${short}`;
  const name = countryName(c);
  return `${WITH_THE.test(name) ? 'the ' : ''}${name}`;
}

/** "the UK government", "the government of China", "NCSC of the UK". */
function government(p: Party): string {
  if (p.kind === 'state' && p.country) {
    const c = p.country.toUpperCase();
    return SHORT[c] ? `the ${SHORT[c]} government` : `the government of ${theCountry(c)}`;
  }
  return p.country ? `${p.name} of ${theCountry(p.country)}` : p.name;
}

function who(p: Party | null, e: IncidentEvent): string {
  if (p) return p.kind === 'state' && p.country ? countryName(p.country) : p.name;
  return e.outlet ?? 'a news report';
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "3 Dec" (UTC). */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso.slice(0, 10)
    : `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/**
 * The steps of an update in plain words, one line each: "China denied (Xinhua, 3 Dec)",
 * "Mandiant also attributed it (evidence published)", "new accuser: the UK government". A new
 * accuser's evidence step from the same claim is folded into its line.
 */
export function stepLines(u: IncidentUpdate): { text: string; url: string }[] {
  const accusing = new Set(
    u.steps
      .filter((e) => e.kind === 'new-accuser' || e.kind === 'first-report')
      .map((e) => e.claimId),
  );
  const withEvidence = new Set(u.steps.filter((e) => e.kind === 'evidence').map((e) => e.claimId));
  const out: { text: string; url: string }[] = [];
  for (const e of u.steps) {
    if (e.kind === 'evidence' && accusing.has(e.claimId)) continue;
    const evidence = withEvidence.has(e.claimId) ? ', evidence published' : '';
    const where = [e.outlet, shortDate(e.at)].filter(Boolean).join(', ');
    const name = who(e.by, e);
    let words: string;
    switch (e.kind) {
      case 'first-report':
        words = `first reported: ${name} accused ${u.incident.accused.name}`;
        break;
      case 'new-accuser':
        words =
          e.role === 'government' && e.by
            ? `new accuser: ${government(e.by)}`
            : `${name} also attributed it`;
        break;
      case 'evidence':
        words = `${name} published evidence`;
        break;
      case 'denial':
        words = `${name} denied`;
        break;
      case 'counter-accusation':
        words = `${name} answered with a counter-accusation`;
        break;
      case 'acknowledgement':
        words = `${name} acknowledged it`;
        break;
      case 'claim-of-responsibility':
        words = `${name} claimed responsibility`;
        break;
    }
    out.push({ text: `${words} (${where}${evidence})`, url: e.articleUrl });
  }
  if (u.reports.length) {
    const outlets = [...new Set(u.reports.map((r) => r.outlet ?? 'another outlet'))];
    out.push({
      text: `reported again by ${outlets.join(', ')} (${shortDate(u.reports[u.reports.length - 1]!.at)})`,
      url: u.reports[0]!.articleUrl,
    });
  }
  return out;
}

/** "1 new incident, 2 updated". */
export function incidentsLine(inc: DigestIncidents): string {
  const parts: string[] = [];
  if (inc.fresh.length)
    parts.push(`${inc.fresh.length} new incident${inc.fresh.length === 1 ? '' : 's'}`);
  if (inc.updates.length)
    parts.push(
      inc.fresh.length
        ? `${inc.updates.length} updated`
        : `${inc.updates.length} incident update${inc.updates.length === 1 ? '' : 's'}`,
    );
  return parts.join(', ');
}

/**
 * The incident job before a digest, so the digest sees the incidents of every claim it sends.
 * A failure or a lease held by another run never stops the digest: it is logged, and the digest
 * shows the incidents as they are.
 */
export async function syncBeforeDigest(
  deps: { store: Store; clock: Clock; logger?: Logger },
  opts: SyncOptions | false | undefined,
): Promise<SyncSummary | undefined> {
  if (opts === false) return undefined;
  const logger = deps.logger ?? silentLogger;
  try {
    return await syncIncidents({ store: deps.store, clock: deps.clock, logger }, opts ?? {});
  } catch (e) {
    logger.error('incident sync before the digest failed; digest sent with incidents as stored', {
      error: (e as Error)?.message ?? String(e),
    });
    return undefined;
  }
}
