/**
 * The AWS-compatible servers test/aws points the real SDK clients at, all on 127.0.0.1 and port 0:
 * dynalite (DynamoDB) with the table created from the synthesized template, aws-ses-v2-local
 * (SES v2, read back at GET /store and parsed with mailparser), and a Secrets Manager stand-in
 * that answers GetSecretValue for the stack's one secret (no Secrets Manager server exists on
 * npm; the JSON protocol of that one call is small and documented).
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import sesServer from 'aws-ses-v2-local';
import { type ParsedMail, simpleParser } from 'mailparser';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startDynalite } from '../../lambdas/adapters/local-dynamo';
import { REGION, type StackTemplate } from './template';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTAWS', secretAccessKey: 'test-secret' };

type Json = Record<string, unknown>;

/** CreateTable from the template's AWS::DynamoDB::Table: keys, attributes, indexes, billing. */
export async function createTableFromTemplate(
  client: DynamoDBClient,
  tpl: StackTemplate,
): Promise<void> {
  const p = tpl.table.properties;
  const gsis = p.GlobalSecondaryIndexes as Json[] | undefined;
  const lsis = p.LocalSecondaryIndexes as Json[] | undefined;
  const pick = (i: Json) => ({
    IndexName: i.IndexName,
    KeySchema: i.KeySchema,
    Projection: i.Projection,
    ...(i.ProvisionedThroughput ? { ProvisionedThroughput: i.ProvisionedThroughput } : {}),
  });
  await client.send(
    new CreateTableCommand({
      TableName: tpl.table.name,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      ...(gsis?.length ? { GlobalSecondaryIndexes: gsis.map(pick) } : {}),
      ...(lsis?.length ? { LocalSecondaryIndexes: lsis.map(pick) } : {}),
      // CloudFormation's default billing mode is PROVISIONED (which then needs throughput).
      BillingMode: (p.BillingMode as string | undefined) ?? 'PROVISIONED',
      ...(p.ProvisionedThroughput ? { ProvisionedThroughput: p.ProvisionedThroughput } : {}),
    } as ConstructorParameters<typeof CreateTableCommand>[0]),
  );
  for (let i = 0; i < 200; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: tpl.table.name }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('table did not become active');
}

export interface DynamoServer {
  endpoint: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

export async function startDynamo(tpl: StackTemplate): Promise<DynamoServer> {
  const { endpoint, server } = await startDynalite();
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: TEST_CREDENTIALS });
  await createTableFromTemplate(client, tpl);
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((r) => {
        server.close(() => r());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}

/** One email as the SES server received it, rebuilt as MIME and parsed by mailparser. */
export interface ReceivedEmail {
  messageId: string;
  to: string[];
  from: string;
  subject: string;
  parsed: ParsedMail;
  header(name: string): string | undefined;
}

export interface SesServer {
  endpoint: string;
  port: number;
  emails(): Promise<ReceivedEmail[]>;
  /** Stops answering (connections refused) until `resume`. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export async function startSes(): Promise<SesServer> {
  const server: Server = await sesServer({ host: '127.0.0.1', port: 0 });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return {
    endpoint,
    port,
    async emails() {
      const store = (await (await fetch(`${endpoint}/store`)).json()) as {
        emails: {
          messageId: string;
          from: string;
          subject: string;
          destination: { to: string[] };
        }[];
      };
      const out: ReceivedEmail[] = [];
      for (const e of store.emails) {
        const r = (await (
          await fetch(`${endpoint}/get-emlContent?messageId=${encodeURIComponent(e.messageId)}`)
        ).json()) as { body: { data: number[] } | string };
        const raw = typeof r.body === 'string' ? r.body : Buffer.from(r.body.data);
        const parsed = await simpleParser(raw);
        out.push({
          messageId: e.messageId,
          to: e.destination.to,
          from: e.from,
          subject: e.subject,
          parsed,
          header: (name) => {
            const line = parsed.headerLines.find((h) => h.key === name.toLowerCase());
            return line?.line.slice(line.line.indexOf(':') + 1).trim();
          },
        });
      }
      return out;
    },
    pause: stop,
    resume: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    close: stop,
  };
}

export interface SecretsServer {
  endpoint: string;
  /** GetSecretValue calls answered (one per cold start is the contract). */
  calls: string[];
  close(): Promise<void>;
}

/** Answers `secretsmanager.GetSecretValue` (AWS JSON 1.1) for the given secrets by ARN. */
export async function startSecrets(secrets: Record<string, string>): Promise<SecretsServer> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const reply = (status: number, data: Json) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(data));
      };
      const target = String(req.headers['x-amz-target'] ?? '');
      if (!req.headers.authorization?.startsWith('AWS4-HMAC-SHA256'))
        return reply(400, { __type: 'MissingAuthenticationTokenException', message: 'unsigned' });
      if (target !== 'secretsmanager.GetSecretValue')
        return reply(400, { __type: 'UnknownOperationException', message: target });
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      calls.push(String(SecretId));
      const value = SecretId ? secrets[SecretId] : undefined;
      if (value === undefined)
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      reply(200, {
        ARN: SecretId,
        Name: SecretId!.split(':').pop(),
        SecretString: value,
        VersionId: '00000000-0000-4000-8000-000000000001',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: Date.now() / 1000,
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
