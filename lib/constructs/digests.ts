/**
 * Digests: daily and weekly Scheduler schedules run the digest Lambda, which sends through
 * SES v2 from a verified sender identity with a configuration set. The Lambda may send only
 * from that address, only through that configuration set.
 */
import { ArnFormat, Duration, type RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantTable, schedulerRoleFor } from './grants';
import { WatchFunction } from './watch-function';

export interface DigestsProps {
  readonly table: dynamodb.ITable;
  /** A verified SES identity: the address itself or an address at a verified domain. */
  readonly senderEmail: string;
  readonly recipients: string[];
  /** An existing configuration set. @default one created by this construct */
  readonly configurationSetName?: string;
  /** @default 'cron(0 7 * * ? *)' */
  readonly dailySchedule?: string;
  /** @default 'cron(0 7 ? * MON *)' */
  readonly weeklySchedule?: string;
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
    if (props.recipients.length === 0)
      throw new Error('Digests need at least one recipient (digestRecipients or operatorEmail)');
    this.configurationSetName =
      props.configurationSetName ??
      new ses.ConfigurationSet(this, 'ConfigurationSet', {
        suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      }).configurationSetName;

    this.digestFunction = new WatchFunction(this, 'Digest', {
      name: 'digest',
      description: 'Sends the daily and weekly claim digests through SES',
      timeout: Duration.minutes(2),
      memorySize: 256,
      environment: {
        TABLE_NAME: props.table.tableName,
        SENDER_EMAIL: props.senderEmail,
        DIGEST_RECIPIENTS: props.recipients.join(','),
        SES_CONFIGURATION_SET: this.configurationSetName,
      },
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      logLevel: props.logLevel,
    });
    grantTable(props.table, this.digestFunction.function, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    ]);

    const stack = Stack.of(this);
    const domain = props.senderEmail.split('@')[1]!;
    const arn = (resource: string, name: string) =>
      stack.formatArn({
        service: 'ses',
        resource,
        resourceName: name,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    this.digestFunction.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        // SES authorizes the sending identity (address or its domain) and the configuration set.
        resources: [
          arn('identity', props.senderEmail),
          arn('identity', domain),
          arn('configuration-set', this.configurationSetName),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': props.senderEmail } },
      }),
    );

    const scheduleRole = schedulerRoleFor(this, 'ScheduleRole', this.digestFunction.function);
    const timeZone = TimeZone.of(props.timeZone ?? 'UTC');
    const digestSchedule = (name: string, period: 'daily' | 'weekly', expression: string) =>
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
    ];
  }
}
