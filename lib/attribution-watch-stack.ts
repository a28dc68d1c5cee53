/**
 * The whole deployment: the table of docs/data-model.md, ingestion (schedule → poll → SQS →
 * process), digests (schedules → digest → SES), the query API, and operations (alarms,
 * dashboard). Every Lambda calls the same core as the CLI.
 */
import {
  Annotations,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../lambdas/adapters/dynamo-store';
import type { AppConfig } from './config';
import { Digests } from './constructs/digests';
import { Ingestion } from './constructs/ingestion';
import { Operations } from './constructs/operations';
import { QueryApi } from './constructs/query-api';

export interface AttributionWatchStackProps extends StackProps {
  readonly config: AppConfig;
}

export class AttributionWatchStack extends Stack {
  public readonly table: dynamodb.Table;
  /** Key material of the /claims cursor and subscription link keys (lambdas/adapters/signing-keys.ts). */
  public readonly signingSecret: secretsmanager.Secret;
  public readonly ingestion: Ingestion;
  public readonly digests?: Digests;
  public readonly api: QueryApi;
  public readonly operations: Operations;

  constructor(scope: Construct, id: string, props: AttributionWatchStackProps) {
    super(scope, id, props);
    const cfg = props.config;
    const keep = cfg.removalPolicy === 'retain';
    const removalPolicy = keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const common = {
      logRetention: cfg.logRetentionDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicy,
      logLevel: cfg.logLevel,
    };

    this.table = new dynamodb.Table(this, 'StorageTable', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: keep,
      removalPolicy,
      timeToLiveAttribute: 'expiresAt',
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_KEYS.statusIndex.name,
      partitionKey: {
        name: TABLE_KEYS.statusIndex.partitionKey,
        type: dynamodb.AttributeType.STRING,
      },
      sortKey: { name: TABLE_KEYS.statusIndex.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    // One generated secret; the Lambdas derive the cursor key and the subscription token key
    // from it under distinct labels (one value to protect and rotate, one read per cold start).
    this.signingSecret = new secretsmanager.Secret(this, 'SigningSecret', {
      description: 'Attribution Watch: key material of /claims cursors and subscription links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An HMAC signing key, not a credential: automatic rotation would invalidate every live unsubscribe and preferences link (400 days) and all /claims cursors. Rotate deliberately with `aws secretsmanager put-secret-value` (docs/deploy.md); the Lambdas pick it up on their next cold start.',
    });

    this.ingestion = new Ingestion(this, 'Ingestion', {
      table: this.table,
      feeds: cfg.feeds,
      scheduleExpression: cfg.scheduleExpression,
      feedIntervalMinutes: cfg.feedIntervalMinutes,
      processTimeout: Duration.seconds(cfg.processTimeoutSeconds),
      processMemoryMb: cfg.processMemoryMb,
      batchSize: cfg.processBatchSize,
      maxConcurrency: cfg.processMaxConcurrency,
      maxReceiveCount: cfg.maxReceiveCount,
      ...common,
    });

    if (cfg.senderEmail) {
      this.digests = new Digests(this, 'Digests', {
        table: this.table,
        senderEmail: cfg.senderEmail,
        recipients: cfg.recipients,
        signingSecret: this.signingSecret,
        configurationSetName: cfg.configurationSetName,
        dailySchedule: cfg.dailyDigestSchedule,
        weeklySchedule: cfg.weeklyDigestSchedule,
        hourlySchedule: cfg.hourlyDigestSchedule,
        timeZone: cfg.scheduleTimeZone,
        scheduleDeadLetterQueue: this.ingestion.scheduleDeadLetterQueue,
        ...common,
      });
    } else {
      Annotations.of(this).addWarningV2(
        'attribution-watch:digestsOff',
        'Digests and subscriptions are off: set -c senderEmail=… (and -c operatorEmail=… or digestRecipients for operator digests).',
      );
    }

    this.api = new QueryApi(this, 'Query', {
      table: this.table,
      signingSecret: this.signingSecret,
      sender:
        cfg.senderEmail && this.digests
          ? { email: cfg.senderEmail, configurationSetName: this.digests.configurationSetName }
          : undefined,
      allowedOrigins: cfg.allowedOrigins,
      rateLimit: cfg.apiRateLimit,
      burstLimit: cfg.apiBurstLimit,
      ...common,
    });

    // Links in subscriber digests point at the API.
    this.digests?.digestFunction.function.addEnvironment('PUBLIC_BASE_URL', this.api.url);

    const functions: Record<string, lambda.IFunction> = {
      Poll: this.ingestion.pollFunction.function,
      Process: this.ingestion.processFunction.function,
      Api: this.api.apiFunction.function,
    };
    if (this.digests) functions.Digest = this.digests.digestFunction.function;
    this.operations = new Operations(this, 'Operations', {
      functions,
      deadLetterQueues: {
        Jobs: this.ingestion.deadLetterQueue,
        Schedules: this.ingestion.scheduleDeadLetterQueue,
      },
      jobQueue: this.ingestion.queue,
      operatorEmail: cfg.operatorEmail,
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'QueueUrl', { value: this.ingestion.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.ingestion.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });
  }
}
