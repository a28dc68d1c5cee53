/**
 * Local wiring for the CLI: the embedded store (or a deployed stack's table with `--stack`), the
 * guarded HTTP client, the outbox mailer and a console logger. Lambda handlers do the same wiring
 * with AWS adapters.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import fs from 'node:fs';
import path from 'node:path';
import { GuardedHttp } from '../lambdas/adapters/guarded-http';
import { type LocalStore, openLocalStore } from '../lambdas/adapters/local-dynamo';
import { OutboxMailer } from '../lambdas/adapters/outbox-mailer';
import { defaultDetector } from '../lambdas/core/detect/detector';
import type { Logger } from '../lambdas/core/logger';
import { systemClock } from '../lambdas/core/ports';

export interface StoreFlags {
  data?: string;
  endpoint?: string;
  table?: string;
  region?: string;
  /** A deployed stack: its `TableName` output, through the real DynamoDB endpoint. */
  stack?: string;
}

/** A stack, or its output, that is not there (the CLI prints it on one line and exits 2). */
export class StackLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackLookupError';
  }
}

/** The stack output that names the table (lib/attribution-watch-stack.ts). */
export const TABLE_OUTPUT = 'TableName';

/**
 * The table of a deployed stack, from its `TableName` output (CloudFormation DescribeStacks), and
 * the region it was found in. Region: `region`, else AWS_REGION, else the SDK's configuration
 * (profile). Credentials come from the default chain.
 * @throws StackLookupError when the stack or its output is missing
 */
export async function resolveStackTable(
  stackName: string,
  opts: { region?: string; client?: CloudFormationClient } = {},
): Promise<{ tableName: string; region: string }> {
  const client =
    opts.client ??
    new CloudFormationClient({
      ...((opts.region ?? process.env.AWS_REGION)
        ? { region: opts.region ?? process.env.AWS_REGION }
        : {}),
    });
  try {
    const region = await client.config.region().catch(() => {
      throw new StackLookupError(
        `--stack ${stackName}: no AWS region (use --region or AWS_REGION)`,
      );
    });
    let stack;
    try {
      const r = await client.send(new DescribeStacksCommand({ StackName: stackName }));
      stack = r.Stacks?.[0];
    } catch (e) {
      // CloudFormation answers a missing stack with a ValidationError "… does not exist".
      if ((e as Error).name === 'ValidationError' && /does not exist/i.test((e as Error).message))
        stack = undefined;
      else throw e;
    }
    if (!stack) throw new StackLookupError(`stack ${stackName} not found in ${region}`);
    const tableName = stack.Outputs?.find((o) => o.OutputKey === TABLE_OUTPUT)?.OutputValue;
    if (!tableName)
      throw new StackLookupError(
        `stack ${stackName} (${region}) has no ${TABLE_OUTPUT} output: is it an Attribution Watch stack${stack.StackStatus ? ` (status ${stack.StackStatus})` : ''}?`,
      );
    return { tableName, region };
  } finally {
    if (!opts.client) client.destroy();
  }
}

/** The package's root folder (holds package.json, feeds.json, demo/). */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (
      fs.existsSync(path.join(dir, 'package.json')) &&
      fs.existsSync(path.join(dir, 'feeds.json'))
    )
      return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function consoleLogger(verbose: boolean): Logger {
  const out = (level: string) => (message: string, data?: Record<string, unknown>) => {
    process.stderr.write(`${level} ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`);
  };
  const none = () => {};
  return {
    debug: verbose ? out('debug') : none,
    info: verbose ? out('info') : none,
    warn: verbose ? out('warn') : none,
    error: out('error'),
  };
}

/**
 * The store a command works on: the embedded dynalite in the data folder (default), the table at
 * `--endpoint`, or with `--stack` the deployed stack's table through the SDK's default DynamoDB
 * endpoint (no dynalite, nothing created).
 */
export async function openStore(
  flags: StoreFlags,
  opts: { cloudFormation?: CloudFormationClient } = {},
): Promise<LocalStore> {
  if (flags.stack) {
    if (flags.endpoint) throw new StackLookupError('--stack and --endpoint cannot be combined');
    const { tableName, region } = await resolveStackTable(flags.stack, {
      region: flags.region,
      client: opts.cloudFormation,
    });
    return openLocalStore({ aws: true, tableName, region });
  }
  return openLocalStore({
    dataDir: path.resolve(flags.data ?? '.attribution-watch'),
    endpoint: flags.endpoint,
    tableName: flags.table,
    region: flags.region ?? process.env.AWS_REGION,
  });
}

export function localDeps(
  local: LocalStore,
  opts: { allowPrivateNetworks?: boolean; verbose?: boolean; maxBytes?: number },
) {
  const http = new GuardedHttp({
    allowPrivateNetworks: opts.allowPrivateNetworks,
    maxBytes: opts.maxBytes,
  });
  return {
    store: local.store,
    http,
    clock: systemClock,
    detector: defaultDetector(),
    logger: consoleLogger(!!opts.verbose),
  };
}

export function outbox(dir: string | undefined, data: string | undefined): OutboxMailer {
  return new OutboxMailer(path.resolve(dir ?? path.join(data ?? '.attribution-watch', 'outbox')));
}
