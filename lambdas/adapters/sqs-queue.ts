/**
 * The SQS queue adapter: article jobs go out with SendMessageBatch, ten to a call (the SQS
 * limit). Entries SQS reports as failed are retried with backoff; a job that still fails makes
 * `enqueue` throw, so the poll run fails loudly instead of dropping work (the article stays
 * `pending` and the next poll re-enqueues it).
 */
import {
  type SendMessageBatchRequestEntry,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ArticleJob, Queue } from '../core/ports';

export interface SqsQueueOptions {
  client: SQSClient;
  queueUrl: string;
  /** Retries of entries SQS reports as failed (on top of the SDK's own request retries). @default 4 */
  maxRetries?: number;
  /** First backoff; doubles each retry. @default 100 ms */
  baseDelayMs?: number;
}

/** SendMessageBatch takes at most 10 entries. */
export const SQS_BATCH_SIZE = 10;

export class SqsQueue implements Queue {
  constructor(private readonly opts: SqsQueueOptions) {}

  async enqueue(jobs: ArticleJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += SQS_BATCH_SIZE) {
      await this.sendChunk(jobs.slice(i, i + SQS_BATCH_SIZE));
    }
  }

  private async sendChunk(jobs: ArticleJob[]): Promise<void> {
    // Entry ids only need to be unique within one call; the index is.
    let pending: SendMessageBatchRequestEntry[] = jobs.map((job, i) => ({
      Id: String(i),
      MessageBody: JSON.stringify(job),
    }));
    const maxRetries = this.opts.maxRetries ?? 4;
    for (let attempt = 0; ; attempt++) {
      const r = await this.opts.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.opts.queueUrl, Entries: pending }),
      );
      const failed = r.Failed ?? [];
      if (failed.length === 0) return;
      // Sender faults (a malformed entry) never succeed on retry.
      const fatal = failed.filter((f) => f.SenderFault);
      if (fatal.length > 0 || attempt >= maxRetries) {
        const f = (fatal[0] ?? failed[0])!;
        throw new Error(
          `SQS refused ${failed.length} of ${pending.length} messages after ${attempt + 1} attempts: ${f.Code}: ${f.Message ?? ''}`,
        );
      }
      const ids = new Set(failed.map((f) => f.Id));
      pending = pending.filter((e) => ids.has(e.Id));
      const delay = (this.opts.baseDelayMs ?? 100) * 2 ** attempt;
      await new Promise((res) => setTimeout(res, delay));
    }
  }
}
