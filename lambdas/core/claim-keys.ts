/**
 * Keys a stored claim is indexed by. Kept in the core (not the store adapter) because the
 * query model and the digest both speak in these keys.
 */
import { createHash } from 'node:crypto';
import type { Party } from './model';
import type { ClaimIndex } from './records';

/** Lower-case slug for index values: "Volt Typhoon" → "volt-typhoon". */
export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The identity of a party for grouping and indexing: canonical actor, else name. */
export function partyKey(p: Party | null): string {
  if (!p) return 'none';
  return slug(p.actor ?? p.name) || 'unknown';
}

/** Stable claim id: the same accuser → accused pair in the same article keeps its id across reprocessing. */
export function claimId(articleId: string, accuser: Party | null, accused: Party): string {
  const h = createHash('sha256')
    .update(`${articleId}|${partyKey(accuser)}|${partyKey(accused)}`)
    .digest('base64url');
  return `c_${h.slice(0, 20)}`;
}

/** Every index entry a claim appears under. */
export function claimIndexes(claim: {
  accused: Party;
  accuser: Party | null;
  storedAt: string;
}): ClaimIndex[] {
  const out: ClaimIndex[] = [{ by: 'accused', value: partyKey(claim.accused) }];
  // "APT29, part of Russia's SVR": a query for the SVR finds the claim too.
  const sponsor = claim.accused.sponsor ? slug(claim.accused.sponsor) : '';
  if (sponsor && sponsor !== partyKey(claim.accused)) out.push({ by: 'accused', value: sponsor });
  if (claim.accused.country)
    out.push({ by: 'accused-country', value: claim.accused.country.toUpperCase() });
  // "APT41", also naming China: a query for China finds the one claim of that accusation.
  for (const p of claim.accused.alsoNamed ?? []) {
    const key = partyKey(p);
    if (!out.some((i) => i.by === 'accused' && i.value === key))
      out.push({ by: 'accused', value: key });
    const country = p.country?.toUpperCase();
    if (country && !out.some((i) => i.by === 'accused-country' && i.value === country))
      out.push({ by: 'accused-country', value: country });
  }
  if (claim.accuser) {
    out.push({ by: 'accuser', value: partyKey(claim.accuser) });
    if (claim.accuser.country)
      out.push({ by: 'accuser-country', value: claim.accuser.country.toUpperCase() });
  }
  out.push({ by: 'day', value: claim.storedAt.slice(0, 10) });
  return out;
}

/** The time an index sorts by: stored time for the day index (digests), published time otherwise. */
export function indexTime(
  index: ClaimIndex,
  claim: { publishedAt: string; storedAt: string },
): string {
  return index.by === 'day' ? claim.storedAt : claim.publishedAt;
}
