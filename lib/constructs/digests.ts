/**
 * Digests: daily and weekly Scheduler schedules run the digest Lambda for the operator
 * recipients, an hourly one for the subscribers (each chooses their own hour). It sends through
 * SES v2 from a verified sender identity with a configuration set, and may send only from that
 * address, only through that configuration set. Subscriber links are signed with a key derived
 * from the stack's signing secret, which the Lambda reads once per cold start; the stack adds
 * PUBLIC_BASE_URL (the API's URL) for the links.
 */
import { Duration, type RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantSendEmail, grantTable, schedulerRoleFor } from './grants';
import { WatchFunction } from './watch-function';

export interface DigestsProps {
  readonly table: dynamodb.ITable;
  /** A verified SES identity: the address itself or an address at a verified domain. */
  readonly senderEmail: string;
  /** Operator recipients of the daily and weekly digests; may be empty (subscribers only). */
  readonly recipients: string[];
  /** The signing secret (subscription links); the Lambda may read it. */
  readonly signingSecret: secretsmanager.ISecret;
  /** An existing configuration set. @default one created by this construct */
  readonly configurationSetName?: string;
  /** @default 'cron(0 7 * * ? *)' */
  readonly dailySchedule?: string;
  /** @default 'cron(0 7 ? * MON *)' */
  readonly weeklySchedule?: string;
  /** Subscriber digests. @default 'cron(0 * * * ? *)' */
  readonly hourlySchedule?: string;
  /** @default 'UTC' */
  readonly timeZone?: string;
  /** Undeliverable schedule invocations. */
  readonly scheduleDeadLetterQueue: sqs.IQueue;
  readonly logRetention?: logs.RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
  readonly logLevel?: string;
}

export class Digests extends Construct {
  public readonly digestFunction: WatchFunction;
  public readonly configurationSetName: string;
  public readonly schedules: scheduler.Schedule[];

  constructor(scope: Construct, id: string, props: DigestsProps) {
    super(scope, id);
    this.configurationSetName =
      props.configurationSetName ??
      new ses.ConfigurationSet(this, 'ConfigurationSet', {
        suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      }).configurationSetName;

    this.digestFunction = new WatchFunction(this, 'Digest', {
      name: 'digest',
      description: 'Sends the subscriber (hourly) and operator (daily, weekly) digests through SES',
      timeout: Duration.minutes(2),
      memorySize: 256,
      environment: {
        TABLE_NAME: props.table.tableName,
        SENDER_EMAIL: props.senderEmail,
        ...(props.recipients.length ? { DIGEST_RECIPIENTS: props.recipients.join(',') } : {}),
        SES_CONFIGURATION_SET: this.configurationSetName,
        SIGNING_SECRET_ARN: props.signingSecret.secretArn,
      },
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      logLevel: props.logLevel,
    });
    // DeleteItem and BatchWriteItem for the incident job run before the digests (incident
    // items, their index entries and its lease).
    grantTable(props.table, this.digestFunction.function, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:Query',
      'dynamodb:BatchWriteItem',
    ]);

    props.signingSecret.grantRead(this.digestFunction.function);
    grantSendEmail(this.digestFunction.function, props.senderEmail, this.configurationSetName);

    const scheduleRole = schedulerRoleFor(this, 'ScheduleRole', this.digestFunction.function);
    const timeZone = TimeZone.of(props.timeZone ?? 'UTC');
    const digestSchedule = (
      name: string,
      period: 'daily' | 'weekly' | 'hourly',
      expression: string,
    ) =>
      new scheduler.Schedule(this, name, {
        description: `Attribution Watch: ${period} digest`,
        schedule: scheduler.ScheduleExpression.expression(expression, timeZone),
        target: new targets.LambdaInvoke(this.digestFunction.function, {
          role: scheduleRole,
          input: scheduler.ScheduleTargetInput.fromObject({
            kind: 'digest',
            period,
            scheduledTime: scheduler.ContextAttribute.scheduledTime,
          }),
          deadLetterQueue: props.scheduleDeadLetterQueue,
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
        }),
      });
    this.schedules = [
      digestSchedule('DailySchedule', 'daily', props.dailySchedule ?? 'cron(0 7 * * ? *)'),
      digestSchedule('WeeklySchedule', 'weekly', props.weeklySchedule ?? 'cron(0 7 ? * MON *)'),
      // Subscribers' digests only (the handler sends operator digests on daily and weekly runs).
      digestSchedule('HourlySchedule', 'hourly', props.hourlySchedule ?? 'cron(0 * * * ? *)'),
    ];
  }
}
