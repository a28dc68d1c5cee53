/**
 * The extra claim indexes the query model needs (docs/data-model.md, "Claim indexes"): every
 * /claims filter that can lead a query has an index whose partition holds exactly the claims it
 * selects, sorted by published time. Kept apart from the query model so that the store adapter
 * can import it without the gazetteer.
 */
import { partyKey } from './claim-keys';
import type { Party } from './model';
import type { ClaimIndex } from './records';

/** Month partition of the `published` index: `YYYY-MM` of the published time (UTC). */
export function publishedMonth(iso: string): string {
  return iso.slice(0, 7);
}

/** Query index entries of a claim, in addition to `claimIndexes` (claim-keys.ts). */
export function queryIndexes(claim: {
  target: Party | null;
  action: string;
  hasDenial: boolean;
  publishedAt: string;
}): ClaimIndex[] {
  const out: ClaimIndex[] = [
    { by: 'published', value: publishedMonth(claim.publishedAt) },
    { by: 'action', value: claim.action },
  ];
  if (claim.target) {
    out.push({ by: 'target', value: partyKey(claim.target) });
    if (claim.target.country)
      out.push({ by: 'target-country', value: claim.target.country.toUpperCase() });
  }
  if (claim.hasDenial) out.push({ by: 'denial', value: 'yes' });
  return out;
}
