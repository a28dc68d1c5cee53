/**
 * STIX 2.1 export of claims, for OpenCTI, MISP and other threat-intelligence platforms.
 *
 * Per claim: a `report` (the article), a `campaign` (the operation the claim is about), the
 * accused as an `intrusion-set` (groups) or a `threat-actor` (states, agencies, people), the
 * accuser and a non-state target as `identity`, a state target as a `location`; relationships
 * campaign `attributed-to` accused and accused `targets` target; and one `opinion` per response
 * (a denial is `strongly-disagree`). Attribution Watch is the `identity` that creates them all.
 *
 * Ids are UUIDv5 of stable names (claim ids, party keys), so exporting the same claims again
 * yields the same objects. Per-claim objects take the claim's stored time as `created` and
 * `modified`; shared objects (parties, the producer) a fixed time, since their content depends
 * only on their name.
 */
import { createHash } from 'node:crypto';
import { partyKey } from '../claim-keys';
import type { Party, ResponseKind } from '../model';
import type { StoredClaim } from '../records';

/** Namespace of Attribution Watch's UUIDv5 ids (a fixed random UUID). */
export const STIX_NAMESPACE = '6f1d2c84-95a8-4b0e-9c57-3f0f5a7c1e2b';
/** `created`/`modified` of objects whose content depends only on their name. */
export const STIX_EPOCH = '2026-01-01T00:00:00.000Z';

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidv5(name: string, namespace = STIX_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export type StixObject = Record<string, unknown> & {
  type: string;
  id: string;
  spec_version: '2.1';
  created: string;
  modified: string;
};

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** A deterministic STIX id: `<type>--<UUIDv5 of type|name>`. */
export const sid = (type: string, name: string) => `${type}--${uuidv5(`${type}|${name}`)}`;

export const PRODUCER_ID = sid('identity', 'attribution-watch');

export function producer(): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: PRODUCER_ID,
    created: STIX_EPOCH,
    modified: STIX_EPOCH,
    name: 'Attribution Watch',
    identity_class: 'system',
    description: 'Cyber attribution claims found in the news.',
  };
}

export function base(type: string, id: string, time: string): StixObject {
  return {
    type,
    spec_version: '2.1',
    id,
    created: time,
    modified: time,
    created_by_ref: PRODUCER_ID,
  };
}

/** STIX timestamps: RFC 3339 in UTC with milliseconds. */
export function ts(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? STIX_EPOCH : new Date(t).toISOString();
}

const GROUP_KINDS = new Set(['state-linked-group', 'criminal-group', 'hacktivist-group']);

export function accusedObject(p: Party): StixObject {
  const key = partyKey(p);
  const name = p.actor ?? p.name;
  if (GROUP_KINDS.has(p.kind)) {
    return {
      ...base('intrusion-set', sid('intrusion-set', key), STIX_EPOCH),
      name,
      ...(p.actor && p.actor !== p.name ? { aliases: [p.name] } : {}),
      ...(p.country ? { description: `Associated with country ${p.country}.` } : {}),
    };
  }
  const types =
    p.kind === 'state' || p.kind === 'agency'
      ? ['nation-state']
      : p.kind === 'person'
        ? ['unknown']
        : ['unknown'];
  return {
    ...base('threat-actor', sid('threat-actor', key), STIX_EPOCH),
    name,
    threat_actor_types: types,
    ...(p.country ? { description: `Country: ${p.country}.` } : {}),
  };
}

function identityClass(p: Party): string {
  if (p.kind === 'person') return 'individual';
  if (p.kind === 'unknown') return 'unknown';
  return 'organization';
}

export function identityObject(p: Party): StixObject {
  return {
    ...base('identity', sid('identity', partyKey(p)), STIX_EPOCH),
    name: p.name,
    identity_class: identityClass(p),
  };
}

export function targetObject(p: Party): StixObject {
  if (p.kind === 'state' && p.country)
    return {
      ...base('location', sid('location', p.country), STIX_EPOCH),
      name: p.name,
      country: p.country,
    };
  return identityObject(p);
}

export const OPINION: Record<ResponseKind, string> = {
  denial: 'strongly-disagree',
  'counter-accusation': 'disagree',
  acknowledgement: 'agree',
  'claim-of-responsibility': 'strongly-agree',
};

/** The STIX 2.1 objects of one claim (shared objects included; the bundle dedupes them). */
export function claimToStix(c: StoredClaim): StixObject[] {
  const time = ts(c.storedAt);
  const accused = accusedObject(c.accused);
  const accuser = c.accuser ? identityObject(c.accuser) : undefined;
  const target = c.target ? targetObject(c.target) : undefined;
  const what = `${c.action}${c.target ? ` against ${c.target.name}` : ''}`;
  const campaign: StixObject = {
    ...base('campaign', sid('campaign', c.id), time),
    name: `${what} attributed to ${accused.name as string}${c.accuser ? ` by ${c.accuser.name}` : ''}`,
    description: c.sentences.join(' '),
    first_seen: ts(c.publishedAt),
    confidence: Math.round(c.confidence * 100),
  };
  const attributed: StixObject = {
    ...base('relationship', sid('relationship', `${c.id}|attributed-to`), time),
    relationship_type: 'attributed-to',
    source_ref: campaign.id,
    target_ref: accused.id,
    description: c.accuser
      ? `${c.accuser.name} attributes the ${c.action} to ${accused.name as string} (evidence: ${c.evidence}).`
      : `Attributed to ${accused.name as string} (evidence: ${c.evidence}).`,
    confidence: Math.round(c.confidence * 100),
  };
  // "APT41", also naming China: the group is attributed to its state.
  const states = (c.accused.alsoNamed ?? []).map((p) => accusedObject(p));
  const statesOf: StixObject[] = states.map((s) => ({
    ...base('relationship', sid('relationship', `${c.id}|attributed-to|${s.id}`), time),
    relationship_type: 'attributed-to',
    source_ref: accused.id,
    target_ref: s.id,
    description: `${c.accuser ? c.accuser.name : 'The article'} ties ${accused.name as string} to ${s.name as string}.`,
  }));
  const targets: StixObject[] = target
    ? [
        {
          ...base('relationship', sid('relationship', `${c.id}|targets`), time),
          relationship_type: 'targets',
          source_ref: accused.id,
          target_ref: target.id,
        },
      ]
    : [];
  const report: StixObject = {
    ...base('report', sid('report', c.id), time),
    name: c.articleTitle || `Attribution claim ${c.id}`,
    description: c.sentences.join(' '),
    report_types: ['threat-report', 'threat-actor'],
    published: ts(c.publishedAt),
    confidence: Math.round(c.confidence * 100),
    object_refs: [
      campaign.id,
      accused.id,
      ...(accuser ? [accuser.id] : []),
      ...(target ? [target.id] : []),
      attributed.id,
      ...states.map((s) => s.id),
      ...statesOf.map((r) => r.id),
      ...targets.map((t) => t.id),
    ],
    external_references: [
      {
        source_name: c.outlet ?? new URL(c.articleUrl).hostname,
        url: c.articleUrl,
        external_id: c.id,
      },
    ],
    labels: [`action:${c.action}`, `evidence:${c.evidence}`, ...(c.hasDenial ? ['denied'] : [])],
  };
  const opinions: StixObject[] = c.responses.map((r, i) => ({
    ...base('opinion', sid('opinion', `${c.id}|${i}`), time),
    opinion: OPINION[r.kind],
    explanation: r.text,
    authors: [r.by.name],
    object_refs: [report.id, attributed.id],
  }));
  return [
    campaign,
    accused,
    ...(accuser ? [accuser] : []),
    ...(target ? [target] : []),
    attributed,
    ...states,
    ...statesOf,
    ...targets,
    report,
    ...opinions,
  ];
}

/** A STIX 2.1 bundle of claims; the same claims always give the same bundle. */
export function claimsToStix(claims: StoredClaim[]): StixBundle {
  const seen = new Map<string, StixObject>([[PRODUCER_ID, producer()]]);
  for (const c of claims) for (const o of claimToStix(c)) if (!seen.has(o.id)) seen.set(o.id, o);
  return {
    type: 'bundle',
    id: sid(
      'bundle',
      claims
        .map((c) => c.id)
        .sort()
        .join(','),
    ),
    objects: [...seen.values()],
  };
}
