/**
 * Local wiring for the CLI: the embedded store, the guarded HTTP client, the outbox mailer and
 * a console logger. Lambda handlers do the same wiring with AWS adapters.
 */
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

export async function openStore(flags: StoreFlags): Promise<LocalStore> {
  return openLocalStore({
    dataDir: path.resolve(flags.data ?? '.attribution-watch'),
    endpoint: flags.endpoint,
    tableName: flags.table,
    region: flags.region,
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
