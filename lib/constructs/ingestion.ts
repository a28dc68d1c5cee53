/**
 * Ingestion: a Scheduler schedule runs the poll Lambda, which puts article jobs on an encrypted
 * SQS queue; the process Lambda consumes them with partial batch responses. Jobs that keep
 * failing go to a dead-letter queue after `maxReceiveCount` deliveries.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FeedConfig } from '../../lambdas/core/feeds/registry';
import { grantTable, schedulerRoleFor } from './grants';
import { WatchFunction } from './watch-function';

export interface IngestionProps {
  readonly table: dynamodb.ITable;
  /** Seeded into the table by the first poll (inlined into the poll bundle). */
  readonly feeds: FeedConfig[];
  /** @default 'rate(15 minutes)' */
  readonly scheduleExpression?: string;
  /** @default 15 */
  readonly feedIntervalMinutes?: number;
  /** @default 90 seconds */
  readonly processTimeout?: Duration;
  /** @default 1024 */
  readonly processMemoryMb?: number;
  /** @default 5 */
  readonly batchSize?: number;
  /** @default 4 */
  readonly maxConcurrency?: number;
  /** @default 4 */
  readonly maxReceiveCount?: number;
  readonly logRetention?: logs.RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
  readonly logLevel?: string;
}

export class Ingestion extends Construct {
  public readonly pollFunction: WatchFunction;
  public readonly processFunction: WatchFunction;
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  /** Scheduler invocations that could not be delivered. */
  public readonly scheduleDeadLetterQueue: sqs.Queue;
  public readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const processTimeout = props.processTimeout ?? Duration.seconds(90);
    const maxReceiveCount = props.maxReceiveCount ?? 4;
    if (maxReceiveCount < 3 || maxReceiveCount > 5)
      throw new Error(`maxReceiveCount must be 3 to 5, got ${maxReceiveCount}`);
    const logs = {
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      logLevel: props.logLevel,
    };

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A message must not reappear while a processor still works on it (AWS: ≥ 6× timeout).
      visibilityTimeout: Duration.seconds(processTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });
    this.scheduleDeadLetterQueue = new sqs.Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const q of [this.deadLetterQueue, this.scheduleDeadLetterQueue]) {
      Validations.of(q).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is a dead-letter queue; its depth is alarmed instead.',
      });
    }

    this.pollFunction = new WatchFunction(this, 'Poll', {
      name: 'poll',
      description: 'Polls the due feeds and enqueues new articles',
      // 200 feeds, 8 at a time, 30 s worst case each, fits; an unfinished run resumes next time.
      timeout: Duration.minutes(5),
      memorySize: 512,
      environment: {
        TABLE_NAME: props.table.tableName,
        QUEUE_URL: this.queue.queueUrl,
        FEED_INTERVAL_MINUTES: String(props.feedIntervalMinutes ?? 15),
      },
      // The configured feed list, validated at synth, as a string literal in the bundle.
      define: { AW_DEFAULT_FEEDS: JSON.stringify(JSON.stringify({ feeds: props.feeds })) },
      ...logs,
    });
    // Writes and deletes for the incident job (incident items, index entries, its lease).
    grantTable(props.table, this.pollFunction.function, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
      'dynamodb:Query',
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
    ]);
    this.queue.grantSendMessages(this.pollFunction.function);

    this.processFunction = new WatchFunction(this, 'Process', {
      name: 'process',
      description: 'Fetches, extracts and detects one article per queue message',
      timeout: processTimeout,
      memorySize: props.processMemoryMb ?? 1024,
      needsJsdomWorker: true,
      environment: {
        TABLE_NAME: props.table.tableName,
        // One delivery of slack below maxReceiveCount: the last attempt records the failure.
        MAX_ATTEMPTS: String(maxReceiveCount - 1),
      },
      ...logs,
    });
    grantTable(props.table, this.processFunction.function, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:BatchWriteItem',
    ]);
    this.processFunction.function.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: props.batchSize ?? 5,
        maxBatchingWindow: Duration.seconds(10),
        reportBatchItemFailures: true,
        // Protects news sites and the table: at most this many processors at once.
        maxConcurrency: props.maxConcurrency ?? 4,
      }),
    );

    const scheduleRole = schedulerRoleFor(this, 'ScheduleRole', this.pollFunction.function);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Attribution Watch: poll the due feeds',
      schedule: scheduler.ScheduleExpression.expression(
        props.scheduleExpression ?? 'rate(15 minutes)',
      ),
      target: new targets.LambdaInvoke(this.pollFunction.function, {
        role: scheduleRole,
        input: scheduler.ScheduleTargetInput.fromObject({
          kind: 'poll',
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        deadLetterQueue: this.scheduleDeadLetterQueue,
        retryAttempts: 2,
        // A late poll is worthless once the next one is due.
        maxEventAge: Duration.minutes(10),
      }),
    });
  }
}
