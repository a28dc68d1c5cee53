/**
 * The whole serverless deployment on one machine, from the synthesized template: dynalite with
 * the stack's table, aws-ses-v2-local, the Secrets Manager stand-in, a news site, the job queue
 * and its event source mapping, the HTTP API, and the four real Lambda handlers with the
 * environments the stack gives them. The process function runs in its own warm process (so it
 * can crash mid-batch); poll, digest and API run in the test process (poll's SQS client is
 * mocked at the SDK boundary there).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { handler as apiHandler } from '../../lambdas/api/handler';
import { handler as digestHandler } from '../../lambdas/digest/handler';
import { handler as pollHandler } from '../../lambdas/poll/handler';
import { startServer, type TestServer } from '../helpers/http-server';
import { HttpApi } from './http-api';
import { type Endpoints, InProcessFunction, lambdaEnvironment, SandboxedFunction } from './lambda';
import {
  type DynamoServer,
  type SecretsServer,
  type SesServer,
  startDynamo,
  startSecrets,
  startSes,
} from './servers';
import { captureSends, type CapturedSends, SqsEventSource } from './sqs';
import { loadTemplate, type StackTemplate } from './template';

export interface Harness {
  tpl: StackTemplate;
  dynamo: DynamoServer;
  ses: SesServer;
  secrets: SecretsServer;
  news: TestServer;
  /** The test's own view of the table (seeding feeds, checking what the functions wrote). */
  store: DynamoStore;
  poll: InProcessFunction;
  process: SandboxedFunction;
  digest: InProcessFunction;
  api: InProcessFunction;
  jobs: SqsEventSource;
  sends: CapturedSends;
  http: HttpApi;
  /** The event a schedule of the template delivers (`poll`, `digest:hourly`, …) at `at`. */
  scheduled(name: string, at?: Date): unknown;
  close(): Promise<void>;
}

/** The private address the functions may reach: the news site on 127.0.0.1 (off on AWS). */
const LOCAL_NEWS = { ALLOWED_PRIVATE_ADDRESSES: '127.0.0.1' };

export async function startHarness(
  opts: { context?: Record<string, unknown> } = {},
): Promise<Harness> {
  const tpl = loadTemplate(opts.context);
  const dynamo = await startDynamo(tpl);
  const ses = await startSes();
  const secrets = await startSecrets({ [tpl.secret.arn]: randomBytes(32).toString('hex') });
  const news = await startServer();
  const endpoints: Endpoints = {
    dynamodb: dynamo.endpoint,
    sesv2: ses.endpoint,
    secretsManager: secrets.endpoint,
  };
  const f = tpl.functions;
  const poll = new InProcessFunction(
    f.poll,
    pollHandler,
    lambdaEnvironment(f.poll, endpoints, LOCAL_NEWS),
  );
  const processFn = new SandboxedFunction(
    f.process,
    path.resolve(__dirname, '..', '..', 'lambdas', 'process', 'handler.ts'),
    lambdaEnvironment(f.process, endpoints, LOCAL_NEWS),
  );
  const digest = new InProcessFunction(
    f.digest,
    digestHandler,
    lambdaEnvironment(f.digest, endpoints),
  );
  const api = new InProcessFunction(f.api, apiHandler, lambdaEnvironment(f.api, endpoints));
  const jobs = new SqsEventSource(
    tpl.jobs,
    (event: SQSEvent) => processFn.invoke(event),
    f.process.timeoutSeconds,
  );
  const sends = captureSends([{ spec: tpl.jobs.queue, source: jobs }]);
  const store = new DynamoStore({ client: dynamo.client, tableName: tpl.table.name });
  return {
    tpl,
    dynamo,
    ses,
    secrets,
    news,
    store,
    poll,
    process: processFn,
    digest,
    api,
    jobs,
    sends,
    http: new HttpApi(tpl, (e) => api.invoke(e)),
    scheduled(name, at = new Date()) {
      const input = tpl.scheduleInputs[name];
      if (!input) throw new Error(`no schedule ${name} in the template`);
      return JSON.parse(input.replaceAll('<aws.scheduler.scheduled-time>', at.toISOString()));
    },
    async close() {
      sends.restore();
      await processFn.close();
      await news.close();
      await secrets.close();
      await ses.close();
      await dynamo.close();
    },
  };
}
