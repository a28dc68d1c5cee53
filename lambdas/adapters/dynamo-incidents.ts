/**
 * Incidents in the one table (docs/data-model.md, "Incidents"). Key-condition access only:
 *
 * - `INC#<id>` / `I`: the incident with its timeline; `INC#<id>` / `M#<claimId>`: its members.
 * - `IIDX#<by>#<value>` / `<lastSeen>#<id>`: index entries (the summary without the timeline)
 *   for every accused key, target key and month of the incident, and `IIDX#all#all`.
 * - `CINC#<articleId>` / `<claimId>`: which incident each claim of an article is in.
 * - `LEASE#<name>` / `L`: a single-writer lease with its owner and expiry.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  IncidentIndex,
  IncidentMember,
  IncidentQuery,
  IncidentRecord,
  IncidentSummary,
} from '../core/records';
import {
  batchWrite,
  beforeUntil,
  isConditionFailure,
  type Item,
  queryAll,
  rangeCondition,
  strip,
} from './dynamo-ops';

const K = {
  incident: (id: string) => `INC#${id}`,
  summarySk: 'I',
  member: (claimId: string) => `M#${claimId}`,
  index: (i: IncidentIndex) => `IIDX#${i.by}#${i.value}`,
  links: (articleId: string) => `CINC#${articleId}`,
  lease: (name: string) => `LEASE#${name}`,
};

/** Every index an incident is listed under. */
export function incidentIndexes(s: IncidentSummary): IncidentIndex[] {
  return [
    { by: 'all', value: 'all' },
    ...s.accusedKeys.map((value) => ({ by: 'accused' as const, value })),
    ...s.targetKeys.map((value) => ({ by: 'target' as const, value })),
    ...s.months.map((value) => ({ by: 'month' as const, value })),
  ];
}

function indexKeys(s: IncidentSummary): { PK: string; SK: string }[] {
  return incidentIndexes(s).map((i) => ({ PK: K.index(i), SK: `${s.lastSeen}#${s.id}` }));
}

export class DynamoIncidents {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const r = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: K.incident(id), SK: K.summarySk },
      }),
    );
    return strip<IncidentRecord>(r.Item);
  }

  async putIncident(incident: IncidentRecord, previous?: IncidentRecord): Promise<void> {
    const { timeline: _t, ...summary } = incident;
    const keys = indexKeys(summary);
    const wanted = new Set(keys.map((k) => `${k.PK}|${k.SK}`));
    // Index entries first, the incident after, stale entries last: a crash in between leaves an
    // extra entry the next write removes (queries check the incident id), never a missing one.
    await batchWrite(
      this.doc,
      this.tableName,
      keys.map((k) => ({ PutRequest: { Item: { ...k, type: 'incident-index', ...summary } } })),
    );
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: K.incident(incident.id), SK: K.summarySk, type: 'incident', ...incident },
      }),
    );
    if (previous) {
      const stale = indexKeys(previous).filter((k) => !wanted.has(`${k.PK}|${k.SK}`));
      await batchWrite(
        this.doc,
        this.tableName,
        stale.map((Key) => ({ DeleteRequest: { Key } })),
      );
    }
  }

  async deleteIncident(incident: IncidentRecord): Promise<void> {
    const members = await this.listIncidentMembers(incident.id);
    await this.deleteIncidentMembers(
      incident.id,
      members.map((m) => m.claimId),
    );
    await batchWrite(
      this.doc,
      this.tableName,
      [...indexKeys(incident), { PK: K.incident(incident.id), SK: K.summarySk }].map((Key) => ({
        DeleteRequest: { Key },
      })),
    );
  }

  async listIncidentMembers(incidentId: string): Promise<IncidentMember[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :m)',
      ExpressionAttributeValues: { ':pk': K.incident(incidentId), ':m': 'M#' },
    });
    return items.map((i) => strip<IncidentMember>(i)!);
  }

  async putIncidentMembers(incidentId: string, members: IncidentMember[]): Promise<void> {
    await batchWrite(
      this.doc,
      this.tableName,
      members.map((m) => ({
        PutRequest: {
          Item: {
            PK: K.incident(incidentId),
            SK: K.member(m.claimId),
            type: 'incident-member',
            ...m,
          },
        },
      })),
    );
  }

  async deleteIncidentMembers(incidentId: string, claimIds: string[]): Promise<void> {
    await batchWrite(
      this.doc,
      this.tableName,
      claimIds.map((c) => ({
        DeleteRequest: { Key: { PK: K.incident(incidentId), SK: K.member(c) } },
      })),
    );
  }

  async articleIncidents(articleId: string): Promise<Map<string, string>> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': K.links(articleId) },
    });
    return new Map(items.map((i) => [String(i.SK), String(i.incidentId)]));
  }

  async setClaimIncidents(articleId: string, entries: [string, string][]): Promise<void> {
    await batchWrite(
      this.doc,
      this.tableName,
      entries.map(([claimId, incidentId]) => ({
        PutRequest: {
          Item: { PK: K.links(articleId), SK: claimId, type: 'incident-link', incidentId },
        },
      })),
    );
  }

  async deleteClaimIncidents(articleId: string, claimIds: string[]): Promise<void> {
    await batchWrite(
      this.doc,
      this.tableName,
      claimIds.map((SK) => ({ DeleteRequest: { Key: { PK: K.links(articleId), SK } } })),
    );
  }

  async queryIncidents(q: IncidentQuery): Promise<IncidentSummary[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        ...rangeCondition(K.index(q.index), q.since, q.until),
        ScanIndexForward: false,
      },
      q.limit,
    );
    return beforeUntil(items, q.until).map((i) => strip<IncidentSummary>(i)!);
  }

  async takeLease(name: string, owner: string, until: string, now: string): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: K.lease(name), SK: 'L', type: 'lease', owner, until },
          ConditionExpression: 'attribute_not_exists(PK) OR #until < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#until': 'until', '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': now, ':owner': owner },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { PK: K.lease(name), SK: 'L' },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
}

export type { Item };
