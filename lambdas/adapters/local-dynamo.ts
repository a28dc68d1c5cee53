/**
 * The embedded default: dynalite (a DynamoDB-compatible server on LevelDB) started in-process
 * on a free loopback port, persisted in a data folder, reached through the real AWS SDK client.
 * `--endpoint URL` uses any other DynamoDB endpoint instead (DynamoDB Local, LocalStack, AWS);
 * `aws` a deployed table through the SDK's default endpoint.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import dynalite from 'dynalite';
import { DynamoStore } from './dynamo-store';

export const DEFAULT_TABLE = 'attribution-watch';

export interface LocalStoreOptions {
  /** Data folder for the embedded server (created when missing). */
  dataDir?: string;
  /** Use this DynamoDB endpoint instead of starting dynalite. */
  endpoint?: string;
  /**
   * A deployed table (the CLI's `--stack`): the SDK's default endpoint and credentials, no
   * dynalite, and the table is neither checked nor created (its stack owns it).
   */
  aws?: boolean;
  /** In-memory dynalite (tests). */
  inMemory?: boolean;
  tableName?: string;
  region?: string;
}

export interface LocalStore {
  store: DynamoStore;
  client: DynamoDBClient;
  endpoint: string;
  close(): Promise<void>;
}

/** Starts dynalite on 127.0.0.1 and resolves to its endpoint URL and server. */
export async function startDynalite(
  dataDir?: string,
): Promise<{ endpoint: string; server: Server }> {
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const dbPath = dataDir ? path.join(dataDir, 'dynamodb') : undefined;
  if (dataDir && dbPath) await checkDataFolderFree(dataDir, dbPath);
  const server = dynalite({ path: dbPath, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, server };
}

/**
 * dynalite opens its LevelDB lazily: when another process holds the folder's lock, the first
 * request fails inside dynalite's HTTP handler and the process dies with "Database is closed". So
 * take the lock once first, and name the problem instead.
 */
async function checkDataFolderFree(dataDir: string, dbPath: string): Promise<void> {
  const probe = new ClassicLevel(dbPath);
  try {
    await probe.open();
  } catch (e) {
    if ((e as { cause?: { code?: string } }).cause?.code === 'LEVEL_LOCKED')
      throw new Error(
        `the data folder ${dataDir} is in use by another attribution-watch process (one at a time; stop it, or use another --data folder)`,
        { cause: e },
      );
    throw e;
  }
  await probe.close();
}

function isLockError(e: unknown): boolean {
  const msg = String((e as Error)?.message ?? e);
  return /lock|Resource temporarily unavailable|IO error/i.test(msg);
}

/** Opens the store: the embedded dynalite by default, or the given endpoint. */
export async function openLocalStore(opts: LocalStoreOptions = {}): Promise<LocalStore> {
  if (opts.aws) {
    if (!opts.tableName) throw new Error('a deployed table needs its name');
    const client = new DynamoDBClient({
      ...(opts.region ? { region: opts.region } : {}),
      maxAttempts: 6,
    });
    const region = await client.config.region();
    return {
      store: new DynamoStore({ client, tableName: opts.tableName }),
      client,
      endpoint: `https://dynamodb.${region}.amazonaws.com`,
      async close() {
        client.destroy();
      },
    };
  }
  let server: Server | undefined;
  let endpoint = opts.endpoint;
  if (!endpoint) {
    const started = await startDynalite(
      opts.inMemory ? undefined : (opts.dataDir ?? '.attribution-watch'),
    );
    server = started.server;
    endpoint = started.endpoint;
  }
  const client = new DynamoDBClient({
    endpoint,
    region: opts.region ?? 'us-east-1',
    // A local endpoint needs some credentials to sign with; real endpoints use the default chain.
    ...(server ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 6,
  });
  const store = new DynamoStore({ client, tableName: opts.tableName ?? DEFAULT_TABLE });
  try {
    await store.ensureTable();
  } catch (e) {
    client.destroy();
    if (server) await new Promise((r) => server!.close(() => r(undefined)));
    if (server && isLockError(e)) {
      throw new Error(
        `the data folder ${opts.dataDir ?? '.attribution-watch'} is in use by another attribution-watch process (${(e as Error).message})`,
        { cause: e },
      );
    }
    throw e;
  }
  return {
    store,
    client,
    endpoint,
    async close() {
      client.destroy();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          // dynalite keeps its LevelDB open until the server's db is closed.
          (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
    },
  };
}
