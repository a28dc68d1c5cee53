/**
 * Template assertions for the stack (bundling skipped; see bundle.test.ts for a real synth):
 * storage, queues, event source, schedules, grants, alarms, outputs, cdk-nag, and config errors.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig, parseConfig } from '../../lib/config';
import { DigestEventSchema } from '../../lambdas/digest/handler';
import { PROJECT_ROOT } from '../../lib/constructs/watch-function';
import { buildStack } from './synth';

const { stack } = buildStack();
const t = Template.fromStack(stack);

/** The IAM policy attached to the role of the function whose logical id starts with `prefix`. */
function policyStatementsOf(prefix: string): { Action: string | string[]; Resource: unknown }[] {
  const fns = t.findResources('AWS::Lambda::Function');
  const fnId = Object.keys(fns).find((k) => k.startsWith(prefix))!;
  const roleId = (fns[fnId]!.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  const policies = t.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (prefix: string) =>
  policyStatementsOf(prefix).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('storage', () => {
  it('is the table of docs/data-model.md: string keys, GSI1 (ALL), on-demand, TTL', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'GSI1PK', AttributeType: 'S' },
        { AttributeName: 'GSI1SK', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
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
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keeps data by default: PITR, deletion protection, RETAIN', () => {
    t.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('lets a throwaway stack go: removalPolicy=destroy', () => {
    const throwaway = Template.fromStack(buildStack({ removalPolicy: 'destroy' }).stack);
    throwaway.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });
});

describe('ingestion', () => {
  it('encrypts the queues and refuses plain HTTP', () => {
    t.resourceCountIs('AWS::SQS::Queue', 3);
    t.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('redrives to the DLQ after 4 receives, visibility ≥ 6 × the processor timeout', () => {
    t.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] },
        maxReceiveCount: 4,
      },
      VisibilityTimeout: 540,
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Fetches, extracts'),
      Timeout: 90,
    });
  });

  it('feeds the process Lambda in small batches with partial failures and capped concurrency', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  });

  it('runs the poll every 15 minutes, with a DLQ and retries', () => {
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngestionPoll'), 'Arn'] },
        Input: Match.serializedJson(
          Match.objectLike({ kind: 'poll', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        ),
        DeadLetterConfig: Match.anyValue(),
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
  });

  it('takes the schedule from configuration', () => {
    const hourly = Template.fromStack(buildStack({ scheduleExpression: 'rate(1 hour)' }).stack);
    hourly.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
    });
  });
});

describe('functions', () => {
  it('all run Node.js 24 on ARM64 with X-Ray, JSON logs and the Powertools environment', () => {
    t.resourceCountIs('AWS::Lambda::Function', 4);
    t.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'attribution-watch',
          POWERTOOLS_METRICS_NAMESPACE: 'AttributionWatch',
          TABLE_NAME: { Ref: Match.stringLikeRegexp('StorageTable') },
        }),
      },
    });
    t.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('grants each function only the table actions it uses (no Scan, the API writes only subscriptions)', () => {
    expect(actionsOf('QueryApi')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
    );
    const all = ['IngestionPoll', 'IngestionProcess', 'DigestsDigest', 'QueryApi'].flatMap(
      actionsOf,
    );
    expect(all).not.toContain('dynamodb:Scan');
    expect(all.filter((a) => a.startsWith('dynamodb:')).some((a) => a.includes('*'))).toBe(false);
    // The API writes only subscriber records and confirmation quotas (subscription routes).
    const apiWrites = policyStatementsOf('QueryApi').filter((st) =>
      (Array.isArray(st.Action) ? st.Action : [st.Action]).some(
        (a) => a.startsWith('dynamodb:') && /Put|Update|Delete|Write/.test(a),
      ),
    );
    expect(apiWrites).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUBSCRIBERS', 'QUOTA#*'] },
        },
      }),
    ]);
    // Without a sender there are no subscription routes and the API is read-only.
    const readOnly = Template.fromStack(buildStack({}).stack);
    const apiPolicies = Object.entries(readOnly.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('QueryApi'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    expect(apiPolicies.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual(
      [],
    );
    expect(apiPolicies).not.toContain('ses:SendEmail');
    expect(actionsOf('IngestionPoll')).toEqual(
      expect.arrayContaining(['sqs:SendMessage', 'dynamodb:BatchGetItem', 'dynamodb:PutItem']),
    );
    expect(actionsOf('IngestionPoll')).not.toContain('sqs:ReceiveMessage');
    // The digest Lambda runs the incident job first: it writes and deletes incident items.
    expect(actionsOf('DigestsDigest')).toEqual(
      expect.arrayContaining(['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query']),
    );
    expect(actionsOf('IngestionProcess')).toEqual(
      expect.arrayContaining([
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'dynamodb:BatchWriteItem',
      ]),
    );
  });

  it('lets the digest Lambda send only as the sender, through the configuration set', () => {
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Condition: { StringEquals: { 'ses:FromAddress': 'digest@example.org' } },
          }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SENDER_EMAIL: 'digest@example.org',
          DIGEST_RECIPIENTS: 'ops@example.org',
          SES_CONFIGURATION_SET: Match.anyValue(),
        }),
      },
    });
    t.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  });
});

describe('signing secret', () => {
  it('is one generated secret, in the environment of the API and digest Lambdas', () => {
    t.resourceCountIs('AWS::SecretsManager::Secret', 1);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    const fns = t.findResources('AWS::Lambda::Function');
    const withSecret = Object.entries(fns)
      .filter(([, f]) => f.Properties.Environment.Variables.SIGNING_SECRET_ARN)
      .map(([id]) => id.replace(/Function.*$/, ''));
    expect(withSecret.sort()).toEqual(['DigestsDigest', 'QueryApi']);
    for (const [, f] of Object.entries(fns).filter(
      ([, f]) => f.Properties.Environment.Variables.SIGNING_SECRET_ARN,
    ))
      expect(f.Properties.Environment.Variables.SIGNING_SECRET_ARN).toEqual({
        Ref: expect.stringMatching(/^SigningSecret/),
      });
  });

  it('is readable by exactly the API and digest Lambdas', () => {
    const readers = Object.entries(t.findResources('AWS::IAM::Policy'))
      .filter(([, p]) =>
        (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).some((st) =>
          [st.Action].flat().includes('secretsmanager:GetSecretValue'),
        ),
      )
      .map(([id]) => id.replace(/Function.*$/, ''));
    expect(readers.sort()).toEqual(['DigestsDigest', 'QueryApi']);
    expect(policyStatementsOf('QueryApi')).toEqual(
      expect.arrayContaining([
        {
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Effect: 'Allow',
          Resource: { Ref: expect.stringMatching(/^SigningSecret/) },
        },
      ]),
    );
  });
});

describe('digests', () => {
  it('run subscriber digests hourly, with the period the handler accepts', () => {
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DigestsDigestFunction'), 'Arn'] },
        Input: Match.serializedJson(
          Match.objectLike({
            kind: 'digest',
            period: 'hourly',
            scheduledTime: '<aws.scheduler.scheduled-time>',
          }),
        ),
        DeadLetterConfig: Match.anyValue(),
      }),
    });
    // Ingestion + daily, weekly, hourly digests.
    t.resourceCountIs('AWS::Scheduler::Schedule', 4);
    const input = Object.values(t.findResources('AWS::Scheduler::Schedule'))
      .map((s) => JSON.parse(s.Properties.Target.Input as string) as unknown)
      .find((i) => (i as { period?: string }).period === 'hourly');
    expect(DigestEventSchema.safeParse(input).success).toBe(true);
  });

  it('give the digest Lambda the API URL for links in subscriber digests', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          DIGEST_RECIPIENTS: 'ops@example.org',
          PUBLIC_BASE_URL: {
            'Fn::GetAtt': [Match.stringLikeRegexp('QueryHttpApi'), 'ApiEndpoint'],
          },
        }),
      },
    });
  });

  it('run for subscribers alone when there are no operator recipients', () => {
    const subscribersOnly = Template.fromStack(
      buildStack({ senderEmail: 'digest@example.org' }).stack,
    );
    subscribersOnly.resourceCountIs('AWS::Lambda::Function', 4);
    subscribersOnly.resourceCountIs('AWS::Scheduler::Schedule', 4);
  });

  it('are scheduled daily and weekly', () => {
    for (const [expr, period] of [
      ['cron(0 7 * * ? *)', 'daily'],
      ['cron(0 7 ? * MON *)', 'weekly'],
    ]) {
      t.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expr,
        ScheduleExpressionTimezone: 'UTC',
        Target: Match.objectLike({
          Input: Match.serializedJson(Match.objectLike({ kind: 'digest', period })),
        }),
      });
    }
  });

  it('are off (with a warning) without a sender', () => {
    const off = Template.fromStack(buildStack({}).stack);
    off.resourceCountIs('AWS::Scheduler::Schedule', 1);
    off.resourceCountIs('AWS::Lambda::Function', 3);
  });

  it('use an existing configuration set when one is named', () => {
    const named = Template.fromStack(
      buildStack({
        senderEmail: 'a@example.org',
        digestRecipients: 'b@example.org,c@example.org',
        configurationSetName: 'my-set',
      }).stack,
    );
    named.resourceCountIs('AWS::SES::ConfigurationSet', 0);
    named.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SES_CONFIGURATION_SET: 'my-set',
          DIGEST_RECIPIENTS: 'b@example.org,c@example.org',
        }),
      },
    });
  });
});

describe('query API', () => {
  const routeKeys = (tpl: Template) =>
    Object.values(tpl.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties.RouteKey as string)
      .sort();
  const READ_ROUTES = [
    'GET /',
    'GET /index.html',
    'GET /app.js',
    'GET /app.css',
    'GET /health',
    'GET /feeds',
    'GET /claims',
    'GET /claims/{id}',
    'GET /articles/{id}',
    'GET /actors',
    'GET /stats',
    'GET /incidents',
    'GET /incidents/{id}',
  ];
  const SUBSCRIPTION_ROUTES = [
    'POST /subscriptions',
    'GET /subscriptions/confirm',
    'GET /subscriptions/unsubscribe',
    'POST /subscriptions/unsubscribe',
    'GET /subscriptions/preferences',
    'POST /subscriptions/preferences',
  ];

  it('routes the query API, the web explorer and (with a sender) subscriptions to the API Lambda', () => {
    expect(routeKeys(t)).toEqual([...READ_ROUTES, ...SUBSCRIPTION_ROUTES].sort());
    expect(routeKeys(Template.fromStack(buildStack({}).stack))).toEqual([...READ_ROUTES].sort());
  });

  it('gives the API Lambda its URL, and the sender with SES restricted like the digest Lambda', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('query API'),
      Environment: {
        Variables: Match.objectLike({
          SENDER_EMAIL: 'digest@example.org',
          SES_CONFIGURATION_SET: { Ref: Match.stringLikeRegexp('DigestsConfigurationSet') },
          PUBLIC_BASE_URL: {
            'Fn::GetAtt': [Match.stringLikeRegexp('QueryHttpApi'), 'ApiEndpoint'],
          },
        }),
      },
    });
    expect(policyStatementsOf('QueryApi')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 'ses:SendEmail',
          Condition: { StringEquals: { 'ses:FromAddress': 'digest@example.org' } },
          Resource: expect.arrayContaining([
            expect.objectContaining({
              'Fn::Join': [
                '',
                expect.arrayContaining([
                  { Ref: expect.stringMatching(/^DigestsConfigurationSet/) },
                ]),
              ],
            }),
          ]),
        }),
      ]),
    );
    const off = Template.fromStack(buildStack({}).stack);
    const vars = Object.values(off.findResources('AWS::Lambda::Function')).find((f) =>
      /query API/.test(f.Properties.Description as string),
    )!.Properties.Environment.Variables as Record<string, unknown>;
    expect(vars).not.toHaveProperty('SENDER_EMAIL');
    expect(vars).toHaveProperty('PUBLIC_BASE_URL');
  });

  it('throttles, logs access and allows the configured origins', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://watch.example.org'],
        AllowMethods: ['GET', 'OPTIONS'],
      }),
    });
  });
});

describe('operations', () => {
  it('alarms on DLQ depth, errors, throttles, backlog and failing feeds, to the topic', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
    });
    for (const metric of ['Errors', 'Throttles']) {
      // One per function.
      expect(
        Object.keys(
          t.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metric } }),
        ),
      ).toHaveLength(4);
    }
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'FeedsFailingForADay',
      Namespace: 'AttributionWatch',
      Dimensions: [{ Name: 'service', Value: 'attribution-watch' }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
    });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('outputs the table, queue and API URL', () => {
    t.hasOutput('TableName', {});
    t.hasOutput('QueueUrl', {});
    t.hasOutput('ApiUrl', {});
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has no unacknowledged findings', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath)}`,
    );
    expect(findings).toEqual([]);
  });

  it('has no findings without digests either', () => {
    const report = new AwsSolutionsChecks().validateScope(buildStack({}).stack);
    expect(report.violations).toEqual([]);
  });
});

describe('configuration', () => {
  it('fails synth with a message naming each bad key', () => {
    expect(() =>
      buildStack({ senderEmail: 'not-an-address', scheduleExpression: 'every 5 minutes' }),
    ).toThrow(/senderEmail[\s\S]*scheduleExpression|scheduleExpression[\s\S]*senderEmail/);
    expect(() => buildStack({ logRetentionDays: 42 })).toThrow(/logRetentionDays: one of 1, 3/);
    expect(() => buildStack({ maxReceiveCount: 9 })).toThrow(/maxReceiveCount/);
    expect(() => buildStack({ allowedOrigins: 'example.org' })).toThrow(/allowedOrigins/);
  });

  it('refuses a feeds file that is missing or invalid', () => {
    expect(() => buildStack({ feedsFile: 'no-such-feeds.json' })).toThrow(/feedsFile: cannot read/);
    expect(() => buildStack({ feedsFile: 'package.json' })).toThrow(
      /feedsFile: package.json: feeds/,
    );
  });

  it('parses -c strings: numbers and comma-separated lists', () => {
    const cfg = parseConfig(
      { processBatchSize: '3', allowedOrigins: 'https://a.example, https://b.example' },
      PROJECT_ROOT,
    );
    expect(cfg.processBatchSize).toBe(3);
    expect(cfg.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(cfg.feeds.length).toBeGreaterThan(0);
    expect(cfg.removalPolicy).toBe('retain');
  });

  it('accepts the defaults in cdk.json', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cdkJson = require('../../cdk.json') as { context: Record<string, unknown> };
    const cfg = loadConfig(new App({ context: cdkJson.context }), PROJECT_ROOT);
    expect(cfg.scheduleExpression).toBe('rate(15 minutes)');
    expect(cfg.senderEmail).toBeUndefined();
  });
});
