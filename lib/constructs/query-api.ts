/**
 * The query API: an HTTP API (API Gateway v2) with explicit GET routes to the API Lambda,
 * stage throttling, CORS from configuration and JSON access logs.
 */
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { grantTable } from './grants';
import { WatchFunction } from './watch-function';

export interface QueryApiProps {
  readonly table: dynamodb.ITable;
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

/** The routes the API Lambda serves. */
export const API_ROUTES = ['/claims', '/feeds', '/health'] as const;

export class QueryApi extends Construct {
  public readonly api: apigw.HttpApi;
  public readonly apiFunction: WatchFunction;
  public readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);
    this.apiFunction = new WatchFunction(this, 'Api', {
      name: 'api',
      description: 'Serves GET /claims, /feeds and /health',
      timeout: Duration.seconds(10),
      memorySize: 512,
      environment: { TABLE_NAME: props.table.tableName },
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      logLevel: props.logLevel,
    });
    // Read-only: the API never writes.
    grantTable(props.table, this.apiFunction.function, ['dynamodb:GetItem', 'dynamodb:Query']);

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
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction.function);
    for (const path of API_ROUTES) {
      const [route] = this.api.addRoutes({ path, methods: [apigw.HttpMethod.GET], integration });
      Validations.of(route!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'A public, read-only API over claims derived from public news; throttled at the stage.',
      });
    }
  }

  /** The API's base URL (the `$default` stage has no path prefix). */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
