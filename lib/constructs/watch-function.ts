/**
 * Every Lambda of the app goes through this construct, so runtime, architecture, bundling, log
 * retention, tracing and the Powertools environment are decided once.
 */
import path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The repository root: entries, the lock file and tsconfig are resolved from here. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The Powertools service name (logs) and metrics namespace shared by all functions. */
export const SERVICE_NAME = 'attribution-watch';
export const METRICS_NAMESPACE = 'AttributionWatch';

export interface WatchFunctionProps {
  /** Handler folder under lambdas/, e.g. 'poll' (entry lambdas/poll/handler.ts). */
  readonly name: string;
  readonly description: string;
  /** @default 30 seconds */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN (log groups outlive the stack unless told otherwise) */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default 'INFO' */
  readonly logLevel?: string;
  readonly environment?: Record<string, string>;
  /** esbuild compile-time constants (values are JavaScript expressions). */
  readonly define?: Record<string, string>;
  /** Copy jsdom's synchronous XHR worker next to the bundle (functions that load jsdom). */
  readonly needsJsdomWorker?: boolean;
  /** Files (relative to the project root) copied next to the bundle under the same path, e.g. 'web/index.html'. */
  readonly copyFiles?: string[];
  /** @default undefined (unreserved) */
  readonly reservedConcurrentExecutions?: number;
}

export class WatchFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WatchFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const needsWorker = !!props.needsJsdomWorker;
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      entry: path.join(PROJECT_ROOT, 'lambdas', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 256,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        // Source maps make stack traces point at TypeScript lines.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
        // The Node.js 24 runtime ships AWS SDK v3; bundling it again only adds cold-start time.
        externalModules: ['@aws-sdk/*'],
        define: props.define,
        // jsdom's `require.resolve('./xhr-sync-worker.js')` is satisfied by the copy below.
        ...(needsWorker
          ? { esbuildArgs: { '--log-override:require-resolve-not-external': 'silent' } }
          : {}),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // jsdom resolves its XHR worker file next to the module at load time.
          afterBundling: (inputDir: string, outputDir: string) => [
            ...(needsWorker
              ? [
                  `cp ${path.posix.join(inputDir, 'node_modules/jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js')} ${path.posix.join(outputDir, 'xhr-sync-worker.js')}`,
                ]
              : []),
            // Data files the handler reads at cold start (the API's web explorer).
            ...(props.copyFiles ?? []).flatMap((file) => {
              const to = path.posix.join(outputDir, file);
              return [
                `mkdir -p "${path.posix.dirname(to)}"`,
                `cp "${path.posix.join(inputDir, file)}" "${to}"`,
              ];
            }),
          ],
        },
      },
    });
    Validations.of(this.function).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The AWS managed basic execution role only grants writing to CloudWatch Logs; the function has its own log group.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions (https://docs.aws.amazon.com/xray/latest/devguide/security_iam_service-with-iam.html).',
      },
    );
  }
}
