/**
 * The synthesized CloudFormation template as test/aws reads it: the table, the job queue and its
 * redrive policy, the event source mapping, each function's environment and timeout, the
 * schedules' inputs, the HTTP API's routes and the dead-letter alarm. Every number and name the
 * harness uses comes from here, so a change to the CDK stack changes what the tests run against.
 *
 * CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Join, Fn::Sub with pseudo parameters) are
 * resolved to the physical names a deployment would give the resources, made up here.
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource, Stack } from 'aws-cdk-lib';
import { buildStack, TEST_CONTEXT } from '../infra/synth';
import type { AttributionWatchStack } from '../../lib/attribution-watch-stack';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export interface FunctionSpec {
  logicalId: string;
  name: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
  runtime: string;
}

export interface QueueSpec {
  logicalId: string;
  name: string;
  url: string;
  arn: string;
  visibilityTimeoutSeconds: number;
  /** The redrive policy, absent when the queue has none. */
  redrive?: { maxReceiveCount: number; deadLetterQueue: QueueSpec };
}

export interface EventSourceSpec {
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  reportBatchItemFailures: boolean;
  maximumConcurrency?: number;
  queue: QueueSpec;
  functionLogicalId: string;
}

export interface AlarmSpec {
  logicalId: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  threshold: number;
  comparison: string;
  statistic: string;
}

export interface StackTemplate {
  json: { Resources: Record<string, Resource> };
  table: { name: string; properties: Json };
  functions: { poll: FunctionSpec; process: FunctionSpec; digest: FunctionSpec; api: FunctionSpec };
  jobs: EventSourceSpec;
  /** Scheduler target inputs, keyed by the function they invoke: `poll`, `digest:hourly`, … */
  scheduleInputs: Record<string, string>;
  api: { id: string; endpoint: string; routes: string[] };
  secret: { arn: string };
  alarms: AlarmSpec[];
  /** Resolves a template value (intrinsics included) to what a deployment would give. */
  resolve(value: unknown): unknown;
}

const physicalName = (logicalId: string) =>
  `TestStack-${logicalId.replace(/[0-9A-F]{8}$/, '')}-${logicalId.slice(-8)}`;

function logicalIdOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

/** Synthesizes the stack (no bundling) with the test context and reads what the harness needs. */
export function loadTemplate(context: Record<string, unknown> = TEST_CONTEXT): StackTemplate {
  const { stack } = buildStack(context) as { stack: AttributionWatchStack };
  const json = Template.fromStack(stack).toJSON() as StackTemplate['json'];
  const resources = json.Resources;
  const ofType = (type: string) =>
    Object.entries(resources).filter(([, r]) => r.Type === type) as [string, Resource][];

  const apiId = 'a1b2c3d4e5';
  const refs = new Map<string, string>();
  const attrs = new Map<string, string>();
  for (const [id, r] of Object.entries(resources)) {
    const name = physicalName(id);
    switch (r.Type) {
      case 'AWS::SQS::Queue':
        refs.set(id, `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`);
        attrs.set(`${id}.QueueName`, name);
        attrs.set(`${id}.QueueUrl`, refs.get(id)!);
        attrs.set(`${id}.Arn`, `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`);
        break;
      case 'AWS::SecretsManager::Secret':
        refs.set(id, `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`);
        break;
      case 'AWS::ApiGatewayV2::Api':
        refs.set(id, apiId);
        attrs.set(`${id}.ApiEndpoint`, `https://${apiId}.execute-api.${REGION}.amazonaws.com`);
        break;
      case 'AWS::Lambda::Function':
        refs.set(id, name);
        attrs.set(`${id}.Arn`, `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`);
        break;
      default:
        refs.set(id, name);
        attrs.set(
          `${id}.Arn`,
          `arn:aws:${r.Type.split('::')[1]!.toLowerCase()}:${REGION}:${ACCOUNT}:${name}`,
        );
    }
  }
  const pseudo: Record<string, string> = {
    'AWS::Region': REGION,
    'AWS::AccountId': ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'TestStack',
  };
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    if (!v || typeof v !== 'object') return v;
    const o = v as Json;
    if ('Ref' in o) {
      const id = o.Ref as string;
      const r = pseudo[id] ?? refs.get(id);
      if (r === undefined) throw new Error(`unresolvable Ref ${id}`);
      return r;
    }
    if ('Fn::GetAtt' in o) {
      const [id, attr] = o['Fn::GetAtt'] as [string, string];
      const r = attrs.get(`${id}.${attr}`);
      if (r === undefined) throw new Error(`unresolvable Fn::GetAtt ${id}.${attr}`);
      return r;
    }
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return (parts.map(resolve) as string[]).join(sep);
    }
    if ('Fn::Sub' in o) {
      const s = o['Fn::Sub'] as string;
      return s.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
        String(resolve(name.includes('.') ? { 'Fn::GetAtt': name.split('.') } : { Ref: name })),
      );
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(x)]));
  };

  const fn = (construct: { node: { defaultChild?: unknown } }, name: string): FunctionSpec => {
    const logicalId = logicalIdOf(stack, construct);
    const p = resources[logicalId]!.Properties;
    const vars = resolve((p.Environment as Json | undefined)?.Variables ?? {}) as Record<
      string,
      string
    >;
    return {
      logicalId,
      name,
      environment: vars,
      timeoutSeconds: p.Timeout as number,
      memoryMb: p.MemorySize as number,
      runtime: p.Runtime as string,
    };
  };
  if (!stack.digests) throw new Error('test/aws needs the digests (senderEmail in the context)');
  const functions = {
    poll: fn(stack.ingestion.pollFunction.function, 'poll'),
    process: fn(stack.ingestion.processFunction.function, 'process'),
    digest: fn(stack.digests.digestFunction.function, 'digest'),
    api: fn(stack.api.apiFunction.function, 'api'),
  };

  const queueSpec = (logicalId: string): QueueSpec => {
    const p = resources[logicalId]!.Properties;
    const rp = p.RedrivePolicy as
      { deadLetterTargetArn: unknown; maxReceiveCount: number } | undefined;
    let redrive: QueueSpec['redrive'];
    if (rp) {
      const target = rp.deadLetterTargetArn as { 'Fn::GetAtt'?: [string, string] };
      const dlqId = target['Fn::GetAtt']?.[0];
      if (!dlqId || !resources[dlqId])
        throw new Error('the redrive policy names no queue of the stack');
      redrive = { maxReceiveCount: rp.maxReceiveCount, deadLetterQueue: queueSpec(dlqId) };
    }
    return {
      logicalId,
      name: attrs.get(`${logicalId}.QueueName`)!,
      url: refs.get(logicalId)!,
      arn: attrs.get(`${logicalId}.Arn`)!,
      // SQS's default when the template does not set it.
      visibilityTimeoutSeconds: (p.VisibilityTimeout as number | undefined) ?? 30,
      redrive,
    };
  };

  const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
    ([, r]) => (r.Properties.FunctionName as { Ref?: string }).Ref === functions.process.logicalId,
  );
  if (mappings.length !== 1)
    throw new Error(
      `expected one event source mapping for the process function, found ${mappings.length}`,
    );
  const esm = mappings[0]![1].Properties;
  const queueId = (esm.EventSourceArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const jobs: EventSourceSpec = {
    // Lambda's defaults for SQS when the template leaves them out.
    batchSize: (esm.BatchSize as number | undefined) ?? 10,
    maximumBatchingWindowInSeconds: (esm.MaximumBatchingWindowInSeconds as number | undefined) ?? 0,
    reportBatchItemFailures: ((esm.FunctionResponseTypes as string[] | undefined) ?? []).includes(
      'ReportBatchItemFailures',
    ),
    maximumConcurrency: (esm.ScalingConfig as { MaximumConcurrency?: number } | undefined)
      ?.MaximumConcurrency,
    queue: queueSpec(queueId),
    functionLogicalId: functions.process.logicalId,
  };

  const byFunctionId = new Map(Object.values(functions).map((f) => [f.logicalId, f.name]));
  const scheduleInputs: Record<string, string> = {};
  for (const [, r] of ofType('AWS::Scheduler::Schedule')) {
    const target = r.Properties.Target as {
      Arn: { 'Fn::GetAtt': [string, string] };
      Input: string;
    };
    const fnName = byFunctionId.get(target.Arn['Fn::GetAtt'][0]);
    if (!fnName) continue;
    const input = JSON.parse(target.Input) as { period?: string };
    scheduleInputs[input.period ? `${fnName}:${input.period}` : fnName] = target.Input;
  }

  const apiLogicalId = logicalIdOf(stack, stack.api.api);
  const routes = ofType('AWS::ApiGatewayV2::Route')
    .filter(([, r]) => (r.Properties.ApiId as { Ref: string }).Ref === apiLogicalId)
    .map(([, r]) => r.Properties.RouteKey as string);

  const table = ofType('AWS::DynamoDB::Table');
  if (table.length !== 1) throw new Error(`expected one table, found ${table.length}`);

  const secretId = logicalIdOf(stack, stack.signingSecret);
  const alarms: AlarmSpec[] = ofType('AWS::CloudWatch::Alarm')
    .filter(([, r]) => r.Properties.MetricName)
    .map(([id, r]) => ({
      logicalId: id,
      namespace: r.Properties.Namespace as string,
      metricName: r.Properties.MetricName as string,
      dimensions: Object.fromEntries(
        ((r.Properties.Dimensions as { Name: string; Value: unknown }[] | undefined) ?? []).map(
          (d) => [d.Name, String(resolve(d.Value))],
        ),
      ),
      threshold: r.Properties.Threshold as number,
      comparison: r.Properties.ComparisonOperator as string,
      statistic: r.Properties.Statistic as string,
    }));

  return {
    json,
    table: { name: refs.get(table[0]![0])!, properties: table[0]![1].Properties },
    functions,
    jobs,
    scheduleInputs,
    api: { id: apiId, endpoint: attrs.get(`${apiLogicalId}.ApiEndpoint`)!, routes },
    secret: { arn: refs.get(secretId)! },
    alarms,
    resolve,
  };
}

/** Whether a CloudWatch alarm of the template is in ALARM for this metric value. */
export function breaches(alarm: AlarmSpec, value: number): boolean {
  switch (alarm.comparison) {
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
    default:
      throw new Error(`unsupported comparison ${alarm.comparison}`);
  }
}
