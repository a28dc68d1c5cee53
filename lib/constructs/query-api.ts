/**
 * The query API: an HTTP API (API Gateway v2) with explicit routes to the API Lambda (the query
 * routes, the web explorer's files and, with a sender, the subscription routes), stage
 * throttling, CORS from configuration and JSON access logs. The route list comes from the core's
 * own route tables, so the API and the router cannot drift apart.
 */
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SUBSCRIPTION_WRITE_PARTITIONS } from '../../lambdas/adapters/dynamo-store';
import { queryRoutes } from '../../lambdas/core/api/query-routes';
import { subscriptionRoutes } from '../../lambdas/core/api/subscription-routes';
import type { Route } from '../../lambdas/core/api/types';
import { WEB_ASSETS } from '../../lambdas/core/api/web';
import { grantSendEmail, grantTable } from './grants';
import { WatchFunction } from './watch-function';

export interface QueryApiProps {
  readonly table: dynamodb.ITable;
  /** The signing secret (cursor and subscription keys); the Lambda may read it. */
  readonly signingSecret: secretsmanager.ISecret;
  /** Subscriptions (confirmation emails): off without a sender. */
  readonly sender?: { readonly email: string; readonly configurationSetName: string };
  /** CORS origins; empty turns CORS off. @default [] */
  readonly allowedOrigins?: string[];
  /** Steady-state requests per second for the stage. @default 10 */
  readonly rateLimit?: number;
  /** @default 20 */
  readonly burstLimit?: number;
  readonly logRetention?: logs.RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
  readonly logLevel?: string;
}

/** `GET /claims/{id}` for the core's `/claims/:id`. */
const routeKey = (r: Route) => `${r.method} ${r.pattern.replace(/:(\w+)/g, '{$1}')}`;

/** The routes the API Lambda serves, as API Gateway route keys ("GET /claims/{id}"). */
export function apiRouteKeys(subscriptions: boolean): string[] {
  // Building the route tables touches no dependency; only their method and path are read.
  const routes = [
    ...queryRoutes(() => {
      throw new Error('route table only');
    }),
    ...(subscriptions ? subscriptionRoutes(undefined as never) : []),
  ];
  return [...Object.keys(WEB_ASSETS).map((p) => `GET ${p}`), ...new Set(routes.map(routeKey))];
}

export class QueryApi extends Construct {
  public readonly api: apigw.HttpApi;
  public readonly apiFunction: WatchFunction;
  public readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);
    this.apiFunction = new WatchFunction(this, 'Api', {
      name: 'api',
      description: 'Serves the query API, the web explorer and subscriptions',
      timeout: Duration.seconds(10),
      memorySize: 512,
      environment: {
        TABLE_NAME: props.table.tableName,
        SIGNING_SECRET_ARN: props.signingSecret.secretArn,
        ...(props.sender
          ? {
              SENDER_EMAIL: props.sender.email,
              SES_CONFIGURATION_SET: props.sender.configurationSetName,
            }
          : {}),
      },
      // The explorer, read into memory at cold start and served from GET /, /app.js, …
      copyFiles: [...new Set(Object.values(WEB_ASSETS).map(([file]) => `web/${file}`))],
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      logLevel: props.logLevel,
    });
    const fn = this.apiFunction.function;
    // Reads only, except subscriptions below.
    grantTable(props.table, fn, ['dynamodb:GetItem', 'dynamodb:Query']);
    props.signingSecret.grantRead(fn);
    if (props.sender) {
      // Subscription routes write subscriber records and confirmation quotas, nothing else.
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          resources: [props.table.tableArn],
          conditions: {
            'ForAllValues:StringLike': {
              'dynamodb:LeadingKeys': [...SUBSCRIPTION_WRITE_PARTITIONS],
            },
          },
        }),
      );
      grantSendEmail(fn, props.sender.email, props.sender.configurationSetName);
    }

    const origins = props.allowedOrigins ?? [];
    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Attribution Watch query API',
      createDefaultStage: false,
      corsPreflight: origins.length
        ? {
            allowOrigins: origins,
            allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.OPTIONS],
            allowHeaders: ['content-type'],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 10, burstLimit: props.burstLimit ?? 20 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    // Links in confirmation emails point at this API. The function depends on the API, never
    // the reverse (the integration and permission depend on both), so there is no cycle.
    fn.addEnvironment('PUBLIC_BASE_URL', this.url);
    const integration = new HttpLambdaIntegration('ApiIntegration', fn);
    for (const key of apiRouteKeys(!!props.sender)) {
      const [method, path] = key.split(' ') as [apigw.HttpMethod, string];
      const [route] = this.api.addRoutes({ path, methods: [method], integration });
      Validations.of(route!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'A public API over claims derived from public news, the explorer page and double opt-in subscriptions (signed links); throttled at the stage.',
      });
    }
  }

  /** The API's base URL (the `$default` stage has no path prefix). */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
