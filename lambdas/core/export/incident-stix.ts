/**
 * STIX 2.1 export of an incident, built from the same helpers (and so the same ids) as the claim
 * export (stix.ts): a platform that imports both merges the parties.
 *
 * - the incident is a `campaign` (name, description, first_seen, last_seen, confidence);
 * - the accused is an `intrusion-set` (groups) or a `threat-actor` (states, organs, people),
 *   each accused named by the incident's claims with an `attributed-to` relationship from the
 *   campaign, and a group `attributed-to` the states named behind it;
 * - the accusers are `identity` objects, each article a `report` whose `object_refs` tie its
 *   accusers to the attribution they made;
 * - the targets: `targets` relationships from the campaign to an `identity` or a `location`;
 * - each answer of the accused side on the timeline is an `opinion` about the attribution it
 *   answers (a denial `strongly-disagree`, a counter-accusation `disagree`, an acknowledgement
 *   `agree`, a claim of responsibility `strongly-agree`), the response text its explanation.
 *
 * Confidence (0–1 in the store) becomes STIX `confidence` 0–100; the strongest evidence is a
 * label and part of the description. Ids are UUIDv5 of the incident id, claim ids and party keys:
 * exporting the same incident again gives the same objects, and the bundle id changes only when
 * the incident does (`updatedAt`).
 */
import { partyKey } from '../claim-keys';
import type { Party, ResponseKind } from '../model';
import type { IncidentEvent, IncidentMember, IncidentRecord } from '../records';
import {
  accusedObject,
  base,
  identityObject,
  OPINION,
  producer,
  sid,
  type StixBundle,
  type StixObject,
  targetObject,
  ts,
} from './stix';

const pct = (c: number) => Math.max(0, Math.min(100, Math.round(c * 100)));

function hostname(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'article';
  }
}

/** Members in time order (published, then claim id). */
function byTime(members: IncidentMember[]): IncidentMember[] {
  return [...members].sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.claimId.localeCompare(b.claimId),
  );
}

function describe(inc: IncidentRecord): string {
  const accusers = inc.accusers.map((p) => p.name);
  const targets = inc.targets.map((p) => p.name);
  const parts = [
    `${inc.actions.join(', ') || 'cyber operation'} attributed to ${inc.accused.name}` +
      (inc.accused.alsoNamed?.length
        ? ` (also named: ${inc.accused.alsoNamed.map((p) => p.name).join(', ')})`
        : '') +
      (accusers.length ? ` by ${accusers.join(', ')}` : '') +
      (targets.length ? `; targets: ${targets.join(', ')}` : '') +
      '.',
    `${inc.claimCount} claim${inc.claimCount === 1 ? '' : 's'} in ${inc.articleCount} article${inc.articleCount === 1 ? '' : 's'}, ${inc.firstSeen.slice(0, 10)} to ${inc.lastSeen.slice(0, 10)}; strongest evidence: ${inc.evidence}.`,
  ];
  if (inc.responders.length)
    parts.push(`Answers: ${inc.responders.map((r) => `${r.kind} by ${r.by.name}`).join('; ')}.`);
  return parts.join(' ');
}

const isAnswer = (k: IncidentEvent['kind']): k is ResponseKind => Object.hasOwn(OPINION, k);

/** The STIX 2.1 bundle of one incident and its members. */
export function incidentToStix(incident: IncidentRecord, membersIn: IncidentMember[]): StixBundle {
  const members = byTime(membersIn);
  const created = ts(incident.createdAt);
  const modified = ts(incident.updatedAt) < created ? created : ts(incident.updatedAt);
  const objects = new Map<string, StixObject>();
  const add = (o: StixObject) => {
    if (!objects.has(o.id)) objects.set(o.id, o);
    return o;
  };
  add(producer());

  const articles = new Map<string, IncidentMember>();
  for (const m of members) if (!articles.has(m.articleId)) articles.set(m.articleId, m);
  const campaign = add({
    ...base('campaign', sid('campaign', `incident|${incident.id}`), created),
    modified,
    name: incident.name,
    description: describe(incident),
    first_seen: ts(incident.firstSeen),
    last_seen: ts(incident.lastSeen),
    confidence: pct(incident.confidence),
    labels: [
      ...incident.actions.map((a) => `action:${a}`),
      `evidence:${incident.evidence}`,
      ...(incident.responders.some((r) => r.kind === 'denial') ? ['denied'] : []),
    ],
    external_references: [
      { source_name: 'attribution-watch', external_id: incident.id },
      ...[...articles.values()].map((m) => ({
        source_name: m.outlet ?? hostname(m.articleUrl),
        url: m.articleUrl,
        description: m.articleTitle,
      })),
    ],
  });

  // One attribution per accused named (the headline accused first), with the claims behind it.
  const attributions = new Map<string, { rel: StixObject; members: IncidentMember[] }>();
  const attribute = (p: Party, m?: IncidentMember) => {
    const key = partyKey(p);
    let a = attributions.get(key);
    if (!a) {
      const accused = add(accusedObject(p));
      const rel = add({
        ...base(
          'relationship',
          sid('relationship', `${incident.id}|attributed-to|${key}`),
          created,
        ),
        modified,
        relationship_type: 'attributed-to',
        source_ref: campaign.id,
        target_ref: accused.id,
      });
      a = { rel, members: [] };
      attributions.set(key, a);
    }
    if (m) a.members.push(m);
    return a;
  };
  const headline = attribute(incident.accused);
  const statesOf = (p: Party, m?: IncidentMember) => {
    const group = accusedObject(p);
    for (const s of p.alsoNamed ?? []) {
      attribute(s, m);
      const state = accusedObject(s);
      add({
        ...base(
          'relationship',
          sid('relationship', `${incident.id}|attributed-to|${partyKey(p)}|${partyKey(s)}`),
          created,
        ),
        modified,
        relationship_type: 'attributed-to',
        source_ref: group.id,
        target_ref: state.id,
        description: `${group.name as string} is tied to ${state.name as string}.`,
      });
    }
  };
  statesOf(incident.accused);
  const accusations = members.filter((m) => !m.counterAccusation);
  for (const m of accusations) {
    attribute(m.accused, m);
    statesOf(m.accused, m);
  }
  for (const [, a] of attributions) {
    const ms = a.members.length ? a.members : a === headline ? accusations : [];
    const accusers = [...new Set(ms.map((m) => m.accuser?.name).filter(Boolean))];
    const target = objects.get(a.rel.target_ref as string)!;
    a.rel.description =
      `${accusers.length ? accusers.join(', ') : 'Reports'} attribute${accusers.length === 1 ? 's' : ''} ` +
      `the operation to ${target.name as string}` +
      (ms.length ? ` (${ms.length} claim${ms.length === 1 ? '' : 's'}).` : '.');
    const conf = ms.length ? Math.max(...ms.map((m) => m.confidence)) : incident.confidence;
    a.rel.confidence = pct(conf);
  }

  for (const t of incident.targets) {
    const target = add(targetObject(t));
    add({
      ...base('relationship', sid('relationship', `${incident.id}|targets|${target.id}`), created),
      modified,
      relationship_type: 'targets',
      source_ref: campaign.id,
      target_ref: target.id,
    });
  }

  // A report per article: its accusers and the attributions its claims made.
  for (const [articleId, first] of articles) {
    const ms = members.filter((m) => m.articleId === articleId);
    const refs = new Set<string>([campaign.id]);
    for (const m of ms) {
      if (m.accuser) refs.add(add(identityObject(m.accuser)).id);
      if (!m.counterAccusation) {
        refs.add(attributions.get(partyKey(m.accused))!.rel.id);
        refs.add(attributions.get(partyKey(m.accused))!.rel.target_ref as string);
      }
    }
    add({
      ...base('report', sid('report', `${incident.id}|${articleId}`), ts(first.publishedAt)),
      name: first.articleTitle || `Article ${articleId}`,
      description: ms.map((m) => m.sentence).join(' '),
      report_types: ['threat-report', 'threat-actor'],
      published: ts(first.publishedAt),
      confidence: pct(Math.max(...ms.map((m) => m.confidence))),
      object_refs: [...refs],
      external_references: [
        {
          source_name: first.outlet ?? hostname(first.articleUrl),
          url: first.articleUrl,
          external_id: articleId,
        },
      ],
    });
  }

  // Answers on the timeline (each step once, however many outlets repeated it).
  const byClaim = new Map(members.map((m) => [m.claimId, m]));
  for (const e of incident.timeline) {
    if (!isAnswer(e.kind)) continue;
    const m = byClaim.get(e.claimId);
    const answered =
      (m && !m.counterAccusation && attributions.get(partyKey(m.accused))) || headline;
    add({
      ...base(
        'opinion',
        sid('opinion', `${incident.id}|${e.kind}|${e.claimId}|${e.text}`),
        ts(e.at),
      ),
      opinion: OPINION[e.kind],
      explanation: e.text,
      ...(e.by ? { authors: [e.by.name] } : {}),
      object_refs: [answered.rel.id],
      external_references: [{ source_name: e.outlet ?? hostname(e.articleUrl), url: e.articleUrl }],
    });
  }

  return {
    type: 'bundle',
    id: sid('bundle', `incident|${incident.id}|${incident.updatedAt}`),
    objects: [...objects.values()],
  };
}
