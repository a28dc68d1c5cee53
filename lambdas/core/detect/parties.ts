/**
 * Parties: how a gazetteer entity becomes a claim's party, and when two parties are one.
 */
import type { Party } from '../model';
import type { Entity } from './gazetteer';

export function entityParty(e: Entity): Party {
  if (e.type === 'country') {
    return { name: e.name, kind: e.bloc ? 'unknown' : 'state', country: e.bloc ? null : e.country };
  }
  const party: Party = { name: e.name, kind: e.kind, country: e.country };
  if (e.type === 'actor' || e.type === 'organ') party.actor = e.name;
  return party;
}

export function sameParty(a: Party, b: Party): boolean {
  if (a.actor && b.actor) return a.actor === b.actor;
  if (a.actor || b.actor) return false;
  if (a.country && b.country) return a.country === b.country;
  return a.name.toLowerCase() === b.name.toLowerCase();
}

/**
 * Accused identity for merging: the actor when named; a company or person by its name (a
 * sanctioned firm is not its state); else the country, else the name.
 */
export function accusedKey(p: Party): string {
  return p.actor
    ? `actor:${p.actor}`
    : p.kind === 'company' || p.kind === 'person' || p.kind === 'unknown'
      ? `name:${p.name.toLowerCase()}`
      : p.country
        ? `country:${p.country}`
        : `name:${p.name.toLowerCase()}`;
}

export function accuserKey(p: Party | null): string {
  if (!p) return 'none';
  if (p.kind === 'state' && p.country) return `country:${p.country}`;
  return `name:${(p.actor ?? p.name).toLowerCase()}`;
}

/** A state or one of its agencies: a government voice. */
export function governmental(p: Party): boolean {
  return p.kind === 'state' || p.kind === 'agency';
}

/** How a party is named in an explanation: "APT28 (RU)". */
export function label(p: Party | null): string {
  if (!p) return '∅';
  const name = p.actor ?? p.name;
  return p.country ? `${name} (${p.country})` : name;
}
