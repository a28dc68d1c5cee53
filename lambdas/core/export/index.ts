/**
 * Claim exports: `json` (the page as the API returns it), `csv` and `stix` (a STIX 2.1 bundle).
 * The API's GET /claims?format=… and the CLI's `query --json/--csv/--stix` both use these.
 */
import type { StoredClaim } from '../records';
import { claimsToCsv } from './csv';
import { claimsToStix } from './stix';

export { claimsToCsv, csvCell } from './csv';
export { claimsToStix, claimToStix, uuidv5 } from './stix';

export const EXPORT_FORMATS = ['json', 'csv', 'stix'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  contentType: string;
  /** Suggested file name. */
  filename: string;
  body: string;
}

/** Renders claims in an export format. */
export function exportClaims(
  format: ExportFormat,
  claims: StoredClaim[],
  nextCursor: string | null = null,
): ExportFile {
  switch (format) {
    case 'csv':
      return {
        contentType: 'text/csv; charset=utf-8; header=present',
        filename: 'claims.csv',
        body: claimsToCsv(claims),
      };
    case 'stix':
      return {
        contentType: 'application/stix+json;version=2.1',
        filename: 'claims.stix.json',
        body: JSON.stringify(claimsToStix(claims)),
      };
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        filename: 'claims.json',
        body: JSON.stringify({ count: claims.length, claims, nextCursor }),
      };
  }
}

export { incidentToStix } from './incident-stix';
