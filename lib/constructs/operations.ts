/**
 * Operations: an SNS topic for alarms (with an optional operator email), alarms on dead-letter
 * queues, Lambda errors and throttles, the job backlog and feeds failing for a day, and one
 * CloudWatch dashboard.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC } from '../../lambdas/adapters/metric-names';
import { METRICS_NAMESPACE, SERVICE_NAME } from './watch-function';

export interface OperationsProps {
  /** Functions whose errors and throttles are alarmed, by short name. */
  readonly functions: Record<string, lambda.IFunction>;
  /** Queues whose depth must stay zero. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  /** The job queue (age of the oldest message is alarmed). */
  readonly jobQueue: sqs.IQueue;
  readonly operatorEmail?: string;
  /** @default 'AttributionWatch' */
  readonly dashboardName?: string;
}

/** A custom metric from the handlers (EMF, dimension `service`). */
export function watchMetric(name: string, statistic = 'Sum', period = Duration.minutes(15)) {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: SERVICE_NAME },
    statistic,
    period,
  });
}

export class Operations extends Construct {
  public readonly topic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[] = [];
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Attribution Watch alarms',
      enforceSSL: true,
    });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no sensitive data; CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key, and a customer managed key would cost more than the rest of the idle stack.',
    });
    if (props.operatorEmail) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.operatorEmail));
    }
    const notify = new actions.SnsAction(this.topic);
    const alarm = (alarmId: string, a: cloudwatch.AlarmProps) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...a,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const [name, q] of Object.entries(props.deadLetterQueues)) {
      alarm(`${name}DlqDepth`, {
        alarmDescription: `Messages in the ${name} dead-letter queue: inspect them, fix the cause, redrive.`,
        metric: q.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, {
        alarmDescription: `The ${name} Lambda failed (see its log group).`,
        metric: fn.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
      alarm(`${name}Throttles`, {
        alarmDescription: `The ${name} Lambda was throttled (account concurrency).`,
        metric: fn.metricThrottles({ period: Duration.minutes(15), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
    alarm('FeedsFailing', {
      alarmDescription:
        'At least one feed has been failing for more than a day (`feeds list` / GET /feeds shows which and why).',
      metric: watchMetric(METRIC.feedsFailingForADay, 'Maximum', Duration.hours(1)),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    alarm('JobBacklog', {
      alarmDescription:
        'Article jobs have waited more than an hour: the processor is not keeping up.',
      metric: props.jobQueue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(15),
        statistic: 'Maximum',
      }),
      threshold: 3600,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
    });
    const fns = Object.entries(props.functions);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Pipeline',
        left: [
          watchMetric(METRIC.feedsPolled),
          watchMetric(METRIC.articlesEnqueued),
          watchMetric(METRIC.articlesProcessed),
          watchMetric(METRIC.claimsFound),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Failures',
        left: [
          watchMetric(METRIC.fetchFailures),
          watchMetric(METRIC.feedsFailingForADay, 'Maximum'),
          watchMetric(METRIC.articlesResumed),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Job queue',
        left: [
          props.jobQueue.metricApproximateNumberOfMessagesVisible(),
          props.jobQueue.metricApproximateNumberOfMessagesNotVisible(),
        ],
        right: [props.jobQueue.metricApproximateAgeOfOldestMessage()],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues',
        left: Object.values(props.deadLetterQueues).map((q) =>
          q.metricApproximateNumberOfMessagesVisible(),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda errors and throttles',
        left: fns.map(([n, f]) => f.metricErrors({ label: `${n} errors` })),
        right: fns.map(([n, f]) => f.metricThrottles({ label: `${n} throttles` })),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration (p95)',
        left: fns.map(([n, f]) => f.metricDuration({ statistic: 'p95', label: n })),
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
    );
  }
}
