/**
 * SQS for test/aws, driven by AWS's documented semantics because no SQS server on npm speaks the
 * JSON protocol SDK v3 uses. Two halves:
 *
 * - {@link captureSends}: the poll handler's SendMessage / SendMessageBatch calls are captured at
 *   the SDK boundary (aws-sdk-client-mock on the real SQSClient) and checked as SQS checks them
 *   (the queue exists, ≤ 10 entries with unique ids, ≤ 256 KiB per call).
 * - {@link SqsEventSource}: a standard queue plus the Lambda event source mapping that polls it,
 *   with every number from the template: batches of at most `BatchSize` visible messages; a
 *   received message is invisible for the queue's `VisibilityTimeout`; with
 *   `ReportBatchItemFailures` only the reported records stay, otherwise a successful invocation
 *   deletes the whole batch; a failed invocation (an error, a timeout, a crash) deletes nothing;
 *   a message received `maxReceiveCount` times moves to the dead-letter queue instead of being
 *   received again. Time is virtual: waiting out a visibility timeout costs nothing.
 */
import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandInput,
  SendMessageCommand,
  type SendMessageCommandInput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash, randomUUID } from 'node:crypto';
import { REGION, type EventSourceSpec, type QueueSpec } from './template';

export interface Message {
  messageId: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  visibleAt: number;
  receiptHandle?: string;
}

export interface Invocation {
  at: number;
  messageIds: string[];
  outcome: 'ok' | 'error';
  failures: string[];
  error?: string;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Limits SendMessageBatch enforces (SQS API reference). */
const MAX_BATCH_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024;

export class SqsEventSource {
  /** Virtual milliseconds since the queue was created. */
  now = 0;
  readonly epoch = Date.now();
  readonly queue: Message[] = [];
  readonly deadLetters: Message[] = [];
  readonly invocations: Invocation[] = [];
  /** Every message ever sent, by id (deleted ones included). */
  readonly sent = new Map<string, Message>();

  constructor(
    readonly spec: EventSourceSpec,
    private readonly invoke: (event: SQSEvent) => Promise<unknown>,
    functionTimeoutSeconds: number,
  ) {
    validate(spec, functionTimeoutSeconds);
  }

  /** SendMessage: a new message, visible at once. */
  send(body: string): string {
    const m: Message = {
      messageId: randomUUID(),
      body,
      sentAt: this.now,
      receiveCount: 0,
      visibleAt: this.now,
    };
    this.queue.push(m);
    this.sent.set(m.messageId, m);
    return m.messageId;
  }

  /**
   * A standard queue delivers at least once: the same message can come again after it was
   * processed and deleted. Puts a deleted message back, as SQS occasionally does.
   */
  duplicate(messageId: string): void {
    const m = this.sent.get(messageId);
    if (!m) throw new Error(`no message ${messageId}`);
    if (!this.queue.includes(m)) this.queue.push(m);
    m.visibleAt = this.now;
  }

  /** ApproximateNumberOfMessagesVisible of the dead-letter queue (what its alarm reads). */
  get deadLetterDepth(): number {
    return this.deadLetters.length;
  }

  private receive(): Message[] {
    const { redrive } = this.spec.queue;
    const batch: Message[] = [];
    for (const m of [...this.queue].sort((a, b) => a.sentAt - b.sentAt)) {
      if (batch.length >= this.spec.batchSize) break;
      if (m.visibleAt > this.now) continue;
      if (redrive && m.receiveCount >= redrive.maxReceiveCount) {
        // Received maxReceiveCount times and still there: SQS moves it instead of returning it.
        this.queue.splice(this.queue.indexOf(m), 1);
        this.deadLetters.push(m);
        continue;
      }
      m.receiveCount++;
      m.firstReceiveAt ??= this.now;
      m.receiptHandle = `AQEB${randomUUID()}`;
      m.visibleAt = this.now + this.spec.queue.visibilityTimeoutSeconds * 1000;
      batch.push(m);
    }
    return batch;
  }

  private record(m: Message): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: m.receiptHandle!,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(this.epoch + m.sentAt),
        SenderId: 'AROAEXAMPLE:TestStack-poll',
        ApproximateFirstReceiveTimestamp: String(this.epoch + (m.firstReceiveAt ?? this.now)),
      },
      messageAttributes: {},
      md5OfBody: md5(m.body),
      eventSource: 'aws:sqs',
      eventSourceARN: this.spec.queue.arn,
      awsRegion: REGION,
    };
  }

  private delete(m: Message): void {
    const i = this.queue.indexOf(m);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** One poll of the mapping: receive a batch and invoke the function with it. */
  async pollOnce(): Promise<Invocation | undefined> {
    const batch = this.receive();
    if (!batch.length) return undefined;
    const event: SQSEvent = { Records: batch.map((m) => this.record(m)) };
    const inv: Invocation = {
      at: this.now,
      messageIds: batch.map((m) => m.messageId),
      outcome: 'ok',
      failures: [],
    };
    this.invocations.push(inv);
    let result: unknown;
    try {
      result = await this.invoke(event);
    } catch (e) {
      // A function error: nothing is deleted; the batch comes back after the visibility timeout.
      inv.outcome = 'error';
      inv.error = (e as Error).message;
      return inv;
    }
    if (!this.spec.reportBatchItemFailures) {
      batch.forEach((m) => this.delete(m));
      return inv;
    }
    const failures = (result as SQSBatchResponse | null)?.batchItemFailures ?? [];
    const ids = new Set(batch.map((m) => m.messageId));
    // An identifier that is empty or not in the batch makes Lambda treat the whole batch as failed.
    if (failures.some((f) => !f.itemIdentifier || !ids.has(f.itemIdentifier))) {
      inv.outcome = 'error';
      inv.error = 'invalid batchItemFailures';
      return inv;
    }
    inv.failures = failures.map((f) => f.itemIdentifier);
    const failed = new Set(inv.failures);
    batch.filter((m) => !failed.has(m.messageId)).forEach((m) => this.delete(m));
    return inv;
  }

  /**
   * Polls until the queue is empty, waiting out visibility timeouts in virtual time.
   * `maxInvocations` bounds a run that would never end.
   */
  async drain(opts: { maxInvocations?: number } = {}): Promise<void> {
    const max = opts.maxInvocations ?? 100;
    for (let n = 0; this.queue.length;) {
      const visible = this.queue.filter((m) => m.visibleAt <= this.now);
      if (!visible.length) {
        this.now = Math.min(...this.queue.map((m) => m.visibleAt));
        continue;
      }
      if (++n > max) throw new Error(`queue not drained after ${max} invocations`);
      await this.pollOnce();
    }
  }
}

/**
 * What CloudFormation and Lambda refuse at deploy time (Lambda developer guide, "Using Lambda
 * with Amazon SQS"): a stack that fails these would not deploy, so the harness does not run it.
 */
function validate(spec: EventSourceSpec, functionTimeoutSeconds: number): void {
  const { batchSize, maximumBatchingWindowInSeconds: window } = spec;
  if (spec.queue.visibilityTimeoutSeconds < functionTimeoutSeconds)
    throw new Error(
      `queue visibility timeout ${spec.queue.visibilityTimeoutSeconds} s is less than the function timeout ${functionTimeoutSeconds} s`,
    );
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new Error(`BatchSize ${batchSize}: SQS event sources take 1 to 10,000`);
  if (batchSize > 10 && window < 1)
    throw new Error(`BatchSize ${batchSize} > 10 needs MaximumBatchingWindowInSeconds ≥ 1`);
  if (window < 0 || window > 300)
    throw new Error(`MaximumBatchingWindowInSeconds ${window}: 0 to 300`);
  const mrc = spec.queue.redrive?.maxReceiveCount;
  if (mrc !== undefined && (mrc < 1 || mrc > 1000))
    throw new Error(`maxReceiveCount ${mrc}: 1 to 1,000`);
}

export interface CapturedSends {
  calls: (SendMessageBatchCommandInput | SendMessageCommandInput)[];
  restore(): void;
}

/** Routes the real SQSClient's sends to the queues, checked as SQS checks them. */
export function captureSends(queues: { spec: QueueSpec; source: SqsEventSource }[]): CapturedSends {
  const byUrl = new Map(queues.map((q) => [q.spec.url, q.source]));
  const calls: CapturedSends['calls'] = [];
  const mock = mockClient(SQSClient);
  const queueOf = (url: string | undefined) => {
    const q = url ? byUrl.get(url) : undefined;
    if (!q)
      throw Object.assign(new Error('The specified queue does not exist.'), {
        name: 'QueueDoesNotExist',
        $fault: 'client',
      });
    return q;
  };
  mock.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => {
    calls.push(input);
    const q = queueOf(input.QueueUrl);
    const entries = input.Entries ?? [];
    if (!entries.length || entries.length > MAX_BATCH_ENTRIES)
      throw Object.assign(new Error(`${entries.length} entries`), {
        name: 'TooManyEntriesInBatchRequest',
      });
    if (new Set(entries.map((e) => e.Id)).size !== entries.length)
      throw Object.assign(new Error('ids not distinct'), { name: 'BatchEntryIdsNotDistinct' });
    const bytes = entries.reduce((a, e) => a + Buffer.byteLength(e.MessageBody ?? ''), 0);
    if (bytes > MAX_BATCH_BYTES)
      throw Object.assign(new Error(`${bytes} bytes`), { name: 'BatchRequestTooLong' });
    return {
      Successful: entries.map((e) => ({
        Id: e.Id!,
        MessageId: q.send(e.MessageBody!),
        MD5OfMessageBody: md5(e.MessageBody!),
      })),
      Failed: [],
    };
  });
  mock.on(SendMessageCommand).callsFake((input: SendMessageCommandInput) => {
    calls.push(input);
    const q = queueOf(input.QueueUrl);
    return { MessageId: q.send(input.MessageBody!), MD5OfMessageBody: md5(input.MessageBody!) };
  });
  return { calls, restore: () => mock.restore() };
}
