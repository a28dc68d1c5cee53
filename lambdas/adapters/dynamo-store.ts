/**
 * The DynamoDB store: one table, keys and access patterns as in docs/data-model.md. Every read
 * is a GetItem or a Query on a key condition; writes are idempotent (conditional creates, or
 * puts of deterministic keys) because DynamoDB Local stand-ins such as dynalite have no
 * transactions.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { claimIndexes, indexTime } from '../core/claim-keys';
import { queryIndexes } from '../core/query-keys';
import type { CreateResult, Store } from '../core/ports';
import type {
  ArticleRecord,
  ArticleStatus,
  ClaimIndex,
  ClaimQuery,
  DigestRun,
  FeedRecord,
  IncidentMember,
  IncidentQuery,
  IncidentRecord,
  StoredClaim,
  Subscriber,
} from '../core/records';
import { urlId } from '../core/url';
import { DynamoIncidents } from './dynamo-incidents';
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
  feeds: 'FEEDS',
  feed: (id: string) => `FEED#${id}`,
  article: (id: string) => `ART#${id}`,
  articleSk: 'A',
  status: (s: ArticleStatus) => `ASTATUS#${s}`,
  url: (canonical: string) => `URL#${urlId(canonical)}`,
  claimSk: (ordinal: number, id: string) => `CLAIM#${String(ordinal).padStart(4, '0')}#${id}`,
  index: (i: ClaimIndex) => `CIDX#${i.by}#${i.value}`,
  digest: (key: string) => `DIGEST#${key}`,
  watermark: (name: string) => `WATERMARK#${name}`,
  subscribers: 'SUBSCRIBERS',
  subscriber: (id: string) => `SUB#${id}`,
  due: (utcHour: number) => `SUBDUE#${String(utcHour).padStart(2, '0')}`,
  quota: (name: string) => `QUOTA#${name}`,
};

/** The table definition, shared by the CDK stack's tests and local table creation. */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  statusIndex: { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
} as const;

/**
 * The partition keys the API's subscription routes write (subscribers and confirmation quotas),
 * as IAM `dynamodb:LeadingKeys` patterns: the stack lets the API write nothing else.
 */
export const SUBSCRIPTION_WRITE_PARTITIONS = [K.subscribers, `${K.quota('')}*`] as const;

export interface DynamoStoreOptions {
  client: DynamoDBClient;
  tableName: string;
}

export class DynamoStore implements Store {
  readonly tableName: string;
  private readonly doc: DynamoDBDocumentClient;
  private readonly raw: DynamoDBClient;
  private readonly incidents: DynamoIncidents;

  constructor(opts: DynamoStoreOptions) {
    this.tableName = opts.tableName;
    this.raw = opts.client;
    this.doc = DynamoDBDocumentClient.from(opts.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    this.incidents = new DynamoIncidents(this.doc, this.tableName);
  }

  /** Creates the table (and its index) when it does not exist; waits until it is active. */
  async ensureTable(): Promise<void> {
    try {
      const d = await this.raw.send(new DescribeTableCommand({ TableName: this.tableName }));
      if (d.Table?.TableStatus === 'ACTIVE') return;
    } catch (e) {
      if (
        !(e instanceof ResourceNotFoundException) &&
        (e as Error).name !== 'ResourceNotFoundException'
      )
        throw e;
      try {
        await this.raw.send(
          new CreateTableCommand({
            TableName: this.tableName,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [
              { AttributeName: 'PK', AttributeType: 'S' },
              { AttributeName: 'SK', AttributeType: 'S' },
              { AttributeName: 'GSI1PK', AttributeType: 'S' },
              { AttributeName: 'GSI1SK', AttributeType: 'S' },
            ],
            KeySchema: [
              { AttributeName: 'PK', KeyType: 'HASH' },
              { AttributeName: 'SK', KeyType: 'RANGE' },
            ],
            GlobalSecondaryIndexes: [
              {
                IndexName: 'GSI1',
                KeySchema: [
                  { AttributeName: 'GSI1PK', KeyType: 'HASH' },
                  { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              },
            ],
          }),
        );
      } catch (ce) {
        if ((ce as Error).name !== 'ResourceInUseException') throw ce;
      }
    }
    for (let i = 0; i < 600; i++) {
      const d = await this.raw.send(new DescribeTableCommand({ TableName: this.tableName }));
      if (d.Table?.TableStatus === 'ACTIVE') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`table ${this.tableName} did not become active`);
  }

  // ---------------------------------------------------------------- feeds

  async putFeed(feed: FeedRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: K.feeds, SK: K.feed(feed.id), type: 'feed', ...feed },
      }),
    );
  }

  async createFeed(feed: FeedRecord): Promise<CreateResult> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: K.feeds, SK: K.feed(feed.id), type: 'feed', ...feed },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (e) {
      if (isConditionFailure(e)) return 'exists';
      throw e;
    }
  }

  async getFeed(id: string): Promise<FeedRecord | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: K.feeds, SK: K.feed(id) } }),
    );
    return strip<FeedRecord>(r.Item);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': K.feeds, ':sk': 'FEED#' },
    });
    return items.map((i) => strip<FeedRecord>(i)!);
  }

  async deleteFeed(id: string): Promise<boolean> {
    const r = await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { PK: K.feeds, SK: K.feed(id) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return !!r.Attributes;
  }

  // ---------------------------------------------------------------- articles

  private articleItem(a: ArticleRecord): Item {
    return {
      PK: K.article(a.id),
      SK: K.articleSk,
      type: 'article',
      GSI1PK: K.status(a.status),
      GSI1SK: `${a.updatedAt}#${a.id}`,
      ...a,
    };
  }

  async createArticle(article: ArticleRecord): Promise<CreateResult> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.articleItem(article),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (e) {
      if (isConditionFailure(e)) return 'exists';
      throw e;
    }
  }

  async getArticle(id: string): Promise<ArticleRecord | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: K.article(id), SK: K.articleSk } }),
    );
    return strip<ArticleRecord>(r.Item);
  }

  async existingArticleIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique
        .slice(i, i + 100)
        .map((id) => ({ PK: K.article(id), SK: K.articleSk }));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB left keys unprocessed after retries');
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
        const r: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'id' } },
          }),
        );
        for (const item of r.Responses?.[this.tableName] ?? []) found.add(item.id as string);
        keys = r.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }

  async putArticle(article: ArticleRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: this.articleItem(article) }),
    );
  }

  async listArticlesByStatus(status: ArticleStatus, limit = 1000): Promise<ArticleRecord[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': K.status(status) },
        ScanIndexForward: true,
      },
      limit,
    );
    return items.map((i) => strip<ArticleRecord>(i)!);
  }

  async listArticlesUpdatedSince(
    status: ArticleStatus,
    after: string,
    limit = 1000,
  ): Promise<{ article: ArticleRecord; cursor: string }[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: after ? 'GSI1PK = :pk AND GSI1SK > :after' : 'GSI1PK = :pk',
        ExpressionAttributeValues: {
          ':pk': K.status(status),
          ...(after ? { ':after': after } : {}),
        },
        ScanIndexForward: true,
      },
      limit,
    );
    return items.map((i) => ({ article: strip<ArticleRecord>(i)!, cursor: String(i.GSI1SK) }));
  }

  async claimCanonicalUrl(canonicalUrl: string, articleId: string): Promise<string> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: K.url(canonicalUrl), SK: 'U', type: 'url', url: canonicalUrl, articleId },
          ConditionExpression: 'attribute_not_exists(PK) OR articleId = :id',
          ExpressionAttributeValues: { ':id': articleId },
        }),
      );
      return articleId;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      const r = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { PK: K.url(canonicalUrl), SK: 'U' } }),
      );
      return (r.Item?.articleId as string | undefined) ?? articleId;
    }
  }

  // ---------------------------------------------------------------- claims

  private claimKeys(c: StoredClaim): { PK: string; SK: string }[] {
    return [
      { PK: K.article(c.articleId), SK: K.claimSk(c.ordinal, c.id) },
      ...[...claimIndexes(c), ...queryIndexes(c)].map((i) => ({
        PK: K.index(i),
        SK: `${indexTime(i, c)}#${c.id}`,
      })),
    ];
  }

  async replaceClaims(
    articleId: string,
    claims: StoredClaim[],
    previous?: StoredClaim[],
  ): Promise<void> {
    const old = previous ?? (await this.listClaimsForArticle(articleId));
    const newKeys = new Set<string>();
    const puts: Item[] = [];
    for (const c of claims) {
      for (const key of this.claimKeys(c)) {
        newKeys.add(`${key.PK}|${key.SK}`);
        // The article's own claim item carries GSI1 keys CLAIMID#<id>: GET /claims/{id}.
        const byId =
          key.PK === K.article(c.articleId) ? { GSI1PK: `CLAIMID#${c.id}`, GSI1SK: 'C' } : {};
        puts.push({ ...key, ...byId, type: 'claim', ...c });
      }
    }
    const deletes: { PK: string; SK: string }[] = [];
    for (const c of old) {
      for (const key of this.claimKeys(c)) {
        if (!newKeys.has(`${key.PK}|${key.SK}`)) deletes.push(key);
      }
    }
    // Writes first, deletes after: a crash in between leaves extra entries that the next
    // replace removes, never a claim missing from an index.
    await batchWrite(
      this.doc,
      this.tableName,
      puts.map((Item) => ({ PutRequest: { Item } })),
    );
    await batchWrite(
      this.doc,
      this.tableName,
      deletes.map((Key) => ({ DeleteRequest: { Key } })),
    );
  }

  async listClaimsForArticle(articleId: string): Promise<StoredClaim[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': K.article(articleId), ':sk': 'CLAIM#' },
    });
    return items.map((i) => strip<StoredClaim>(i)!);
  }

  async getClaim(id: string): Promise<StoredClaim | undefined> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': `CLAIMID#${id}` },
        Limit: 1,
      }),
    );
    return strip<StoredClaim>(r.Items?.[0]);
  }

  async queryClaims(q: ClaimQuery): Promise<StoredClaim[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        ...rangeCondition(K.index(q.index), q.since, q.until),
        ScanIndexForward: q.order === 'oldest',
      },
      q.limit,
    );
    return beforeUntil(items, q.until).map((i) => strip<StoredClaim>(i)!);
  }

  // ---------------------------------------------------------------- incidents
  // Kept in their own module (dynamo-incidents.ts); the store delegates.

  getIncident(id: string) {
    return this.incidents.getIncident(id);
  }
  putIncident(incident: IncidentRecord, previous?: IncidentRecord) {
    return this.incidents.putIncident(incident, previous);
  }
  deleteIncident(incident: IncidentRecord) {
    return this.incidents.deleteIncident(incident);
  }
  listIncidentMembers(incidentId: string) {
    return this.incidents.listIncidentMembers(incidentId);
  }
  putIncidentMembers(incidentId: string, members: IncidentMember[]) {
    return this.incidents.putIncidentMembers(incidentId, members);
  }
  deleteIncidentMembers(incidentId: string, claimIds: string[]) {
    return this.incidents.deleteIncidentMembers(incidentId, claimIds);
  }
  articleIncidents(articleId: string) {
    return this.incidents.articleIncidents(articleId);
  }
  setClaimIncidents(articleId: string, entries: [string, string][]) {
    return this.incidents.setClaimIncidents(articleId, entries);
  }
  deleteClaimIncidents(articleId: string, claimIds: string[]) {
    return this.incidents.deleteClaimIncidents(articleId, claimIds);
  }
  queryIncidents(query: IncidentQuery) {
    return this.incidents.queryIncidents(query);
  }
  takeLease(name: string, owner: string, until: string, now: string) {
    return this.incidents.takeLease(name, owner, until, now);
  }
  releaseLease(name: string, owner: string) {
    return this.incidents.releaseLease(name, owner);
  }

  // ---------------------------------------------------------------- digests

  async getDigestRun(key: string): Promise<DigestRun | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: K.digest(key), SK: 'RUN' } }),
    );
    return strip<DigestRun>(r.Item);
  }

  async beginDigestRun(run: DigestRun): Promise<{ run: DigestRun; created: boolean }> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: K.digest(run.key), SK: 'RUN', type: 'digest', ...run },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { run, created: true };
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      const existing = await this.getDigestRun(run.key);
      return { run: existing ?? run, created: false };
    }
  }

  async completeDigestRun(key: string, sentAt: string, messageId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: K.digest(key), SK: 'RUN' },
        UpdateExpression: 'SET #s = :sent, sentAt = :at, messageId = :mid',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt, ':mid': messageId },
      }),
    );
  }

  async getWatermark(name: string): Promise<string | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: K.watermark(name), SK: 'W' } }),
    );
    return r.Item?.value as string | undefined;
  }

  async setWatermark(name: string, value: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: K.watermark(name), SK: 'W', type: 'watermark', value },
      }),
    );
  }

  async abandonDigestRun(key: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { PK: K.digest(key), SK: 'RUN' },
          ConditionExpression: '#s = :sending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      );
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }

  // ---------------------------------------------------------------- subscribers
  // One item per subscriber under the SUBSCRIBERS partition (listing), with GSI1 keys
  // SUBDUE#<UTC hour of nextDueAt> / <nextDueAt>#<id> only while confirmed: a sparse index of
  // who is due when.

  private subscriberItem(s: Subscriber): Item {
    const due = s.status === 'confirmed' && s.nextDueAt;
    return {
      PK: K.subscribers,
      SK: K.subscriber(s.id),
      type: 'subscriber',
      ...(due
        ? { GSI1PK: K.due(new Date(s.nextDueAt!).getUTCHours()), GSI1SK: `${s.nextDueAt}#${s.id}` }
        : {}),
      ...s,
    };
  }

  async getSubscriber(id: string): Promise<Subscriber | undefined> {
    const r = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: K.subscribers, SK: K.subscriber(id) },
        ConsistentRead: true,
      }),
    );
    return strip<Subscriber>(r.Item);
  }

  async createSubscriber(subscriber: Subscriber): Promise<CreateResult> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.subscriberItem(subscriber),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (e) {
      if (isConditionFailure(e)) return 'exists';
      throw e;
    }
  }

  async putSubscriber(subscriber: Subscriber): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: this.subscriberItem(subscriber) }),
    );
  }

  async deleteSubscriber(id: string): Promise<boolean> {
    const r = await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { PK: K.subscribers, SK: K.subscriber(id) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return !!r.Attributes;
  }

  async listSubscribers(): Promise<Subscriber[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': K.subscribers, ':sk': 'SUB#' },
    });
    return items.map((i) => strip<Subscriber>(i)!);
  }

  async listDueSubscribers(utcHour: number, dueBy: string): Promise<Subscriber[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'GSI1',
      // '$' sorts after '#': every `<dueBy>#<id>` key is included.
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :by',
      ExpressionAttributeValues: { ':pk': K.due(utcHour), ':by': `${dueBy}$` },
    });
    return items.map((i) => strip<Subscriber>(i)!).filter((s) => s.status === 'confirmed');
  }

  async advanceSubscriber(id: string, watermark: string, nextDueAt: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: K.subscribers, SK: K.subscriber(id) },
          UpdateExpression: 'SET watermark = :w, nextDueAt = :n, GSI1PK = :gpk, GSI1SK = :gsk',
          ConditionExpression: 'attribute_exists(PK) AND #s = :confirmed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':w': watermark,
            ':n': nextDueAt,
            ':gpk': K.due(new Date(nextDueAt).getUTCHours()),
            ':gsk': `${nextDueAt}#${id}`,
            ':confirmed': 'confirmed',
          },
        }),
      );
    } catch (e) {
      // Unsubscribed or removed meanwhile: nothing to advance.
      if (!isConditionFailure(e)) throw e;
    }
  }

  async takeQuota(name: string, window: string, max: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: K.quota(name), SK: window },
          UpdateExpression: 'ADD used :one SET #t = :type',
          ConditionExpression: 'attribute_not_exists(used) OR used < :max',
          ExpressionAttributeNames: { '#t': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':type': 'quota' },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }
}
