/**
 * The DynamoDB calls every store module shares: a paginated query and a batched write that
 * retries unprocessed items with backoff.
 */
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;

export function isConditionFailure(e: unknown): boolean {
  return (e as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** The item without its key and bookkeeping attributes. */
export function strip<T>(item: Item | undefined, ...extra: string[]): T | undefined {
  if (!item) return undefined;
  const out: Item = { ...item };
  for (const k of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'type', ...extra]) delete out[k];
  return out as T;
}

/** Every page of a query, up to `limit` items. */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit?: number,
): Promise<Item[]> {
  const out: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await doc.send(
      new QueryCommand({
        ...input,
        ExclusiveStartKey: start,
        ...(limit ? { Limit: Math.min(1000, limit - out.length) } : {}),
      }),
    );
    out.push(...((r.Items ?? []) as Item[]));
    start = r.LastEvaluatedKey;
  } while (start && (!limit || out.length < limit));
  return out;
}

/** Writes in batches of 25, retrying what DynamoDB leaves unprocessed. */
export async function batchWrite(
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 8)
        throw new Error(`DynamoDB left ${pending.length} writes unprocessed after retries`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      const r = await doc.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
      );
      pending = r.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

/**
 * A key condition on a partition and a sort-key range: `since` inclusive, `until` exclusive.
 * DynamoDB's BETWEEN is inclusive at both ends, so a caller with both bounds drops the items
 * whose sort key equals `until` ({@link beforeUntil}).
 */
export function rangeCondition(
  pk: string,
  since?: string,
  until?: string,
): { KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> } {
  const values: Record<string, unknown> = { ':pk': pk };
  let cond = 'PK = :pk';
  if (since && until) {
    cond += ' AND SK BETWEEN :lo AND :hi';
    values[':lo'] = since;
    values[':hi'] = until;
  } else if (since) {
    cond += ' AND SK >= :lo';
    values[':lo'] = since;
  } else if (until) {
    cond += ' AND SK < :hi';
    values[':hi'] = until;
  }
  return { KeyConditionExpression: cond, ExpressionAttributeValues: values };
}

/** Items strictly before `until` (the exclusive end of {@link rangeCondition}). */
export function beforeUntil(items: Item[], until?: string): Item[] {
  return until ? items.filter((i) => String(i.SK) < until) : items;
}
