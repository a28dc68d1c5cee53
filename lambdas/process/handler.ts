/**
 * The process Lambda, fed by the SQS queue: each record is one article job for core
 * `processArticle` (fetch, extract, detect, store). Powertools' batch processor reports only the
 * records that failed (`ReportBatchItemFailures`): a transient failure (RetryableError) or a
 * malformed message is redelivered alone and, after maxReceiveCount, lands in the DLQ.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { defaultDetector, type Detector } from '../core/detect/detector';
import type { ArticleJob, Clock, Http, Store } from '../core/ports';
import { systemClock } from '../core/ports';
import { processArticle, RetryableError } from '../core/process';
import {
  type LambdaLogger,
  type MetricsSink,
  powertoolsLogger,
  powertoolsMetrics,
  privateAddressesEnv,
  readEnv,
} from '../adapters/aws-env';
import { DynamoStore } from '../adapters/dynamo-store';
import { GuardedHttp } from '../adapters/guarded-http';
import { METRIC } from '../adapters/metric-names';

/** A queue message body, as SqsQueue writes it. */
export const ArticleJobSchema = z.object({
  articleId: z.string().regex(/^[\w-]{1,64}$/),
  url: z.url({ protocol: /^https?$/ }),
  feedId: z.string().max(100).optional(),
});

/** The parts of an SQS event the handler relies on. */
const SqsEventSchema = z.object({
  Records: z.array(z.object({ messageId: z.string().min(1), body: z.string() }).loose()).min(1),
});

export interface ProcessHandlerDeps {
  store: Store;
  http: Http;
  clock: Clock;
  detector: Detector;
  logger: LambdaLogger;
  metrics: MetricsSink;
  /** Attempts before a transient failure is final; keep below the queue's maxReceiveCount. @default 3 */
  maxAttempts?: number;
}

/** Parses a message body; throws (a batch item failure) when it is not a job. */
export function parseJob(body: string): ArticleJob {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new Error('message body is not JSON');
  }
  const r = ArticleJobSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`message body is not an article job: ${i.path.join('.')}: ${i.message}`);
  }
  return r.data;
}

export function makeHandler(getDeps: () => ProcessHandlerDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const deps = getDeps();
    const { logger, metrics } = deps;
    logger.addContext?.(context);
    const valid = SqsEventSchema.safeParse(event);
    if (!valid.success) throw new Error('process: not an SQS event');

    const recordHandler = async (record: SQSRecord) => {
      let job: ArticleJob;
      try {
        job = parseJob(record.body);
      } catch (e) {
        logger.error('poison message', { messageId: record.messageId, error: String(e) });
        throw e;
      }
      try {
        const outcome = await processArticle(deps, job, { maxAttempts: deps.maxAttempts ?? 3 });
        metrics.count(METRIC.articlesProcessed, 1);
        if (outcome.status === 'extracted') metrics.count(METRIC.claimsFound, outcome.claims);
        if (outcome.status === 'failed') metrics.count(METRIC.fetchFailures, 1);
        return outcome;
      } catch (e) {
        if (e instanceof RetryableError) {
          metrics.count(METRIC.fetchFailures, 1);
          logger.warn('article will be retried', {
            article: job.articleId,
            messageId: record.messageId,
            receiveCount: record.attributes?.ApproximateReceiveCount,
            error: e.message,
          });
        } else {
          logger.error('article processing failed', {
            article: job.articleId,
            error: String(e),
          });
        }
        throw e;
      }
    };
    try {
      // Records run in parallel; the SQS event source's batch size bounds the fan-out.
      return await processPartialResponse(event, recordHandler, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
    } finally {
      metrics.flush();
    }
  };
}

let deps: ProcessHandlerDeps | undefined;

function defaultDeps(): ProcessHandlerDeps {
  if (deps) return deps;
  const env = readEnv({
    TABLE_NAME: z.string().min(1),
    MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    ALLOWED_PRIVATE_ADDRESSES: privateAddressesEnv,
  });
  deps = {
    store: new DynamoStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
    http: new GuardedHttp({ allowedPrivateAddresses: env.ALLOWED_PRIVATE_ADDRESSES }),
    clock: systemClock,
    // Built once per container: the gazetteer and NLP model load on the cold start only.
    detector: defaultDetector(),
    logger: powertoolsLogger(),
    metrics: powertoolsMetrics(),
    maxAttempts: env.MAX_ATTEMPTS,
  };
  return deps;
}

export const handler = makeHandler(defaultDeps);
