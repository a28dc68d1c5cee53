/**
 * The local host of the API and the web explorer (`attribution-watch serve`): a node:http server
 * on 127.0.0.1 that hands API paths to the core router (the same one the Lambda uses) and serves
 * the static explorer from web/. Requests whose Host is not this server's loopback address are
 * refused, so a web page elsewhere cannot reach the API through DNS rebinding.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { queryRoutes } from '../lambdas/core/api/query-routes';
import { createRouter, errorReply } from '../lambdas/core/api/router';
import { PAGE_HEADERS, WEB_ASSETS } from '../lambdas/core/api/web';
import type { ApiResponse, Route } from '../lambdas/core/api/types';
import type { Logger } from '../lambdas/core/logger';
import { type Clock, type Store, systemClock } from '../lambdas/core/ports';

export const DEFAULT_PORT = 8787;
const HOST = '127.0.0.1';
/** Largest request body accepted (the subscribe form is well under 1 kB). */
const MAX_BODY = 64 * 1024;

export interface ServeOptions {
  store: Store;
  /** 0 picks a free port. */
  port?: number;
  clock?: Clock;
  cursorSecret: string | Uint8Array;
  /** Folder of the explorer's static files (default: web/ in the package). */
  webDir?: string;
  logger?: Logger;
  /** More route groups to mount next to the query routes (the CLI adds `subscriptionRoutes`). */
  routes?: Route[][];
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The explorer's folder: web/ next to bin/ (source) or two levels up (dist/bin). */
export function defaultWebDir(): string {
  for (const dir of [path.join(__dirname, '..', 'web'), path.join(__dirname, '..', '..', 'web')])
    if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  return path.join(__dirname, '..', 'web');
}

/** A random secret kept in the data folder as hex, created on first use (survives restarts). */
function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  try {
    const v = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(v)) return v;
  } catch {
    // created below
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The /claims cursor key of a data folder (cursors stay valid across restarts). */
export function localCursorSecret(dataDir: string): string {
  return localSecret(dataDir, 'cursor-secret');
}

/** The subscription link key of a data folder (links in the outbox keep working). */
export function localTokenSecret(dataDir: string): string {
  return localSecret(dataDir, 'token-secret');
}

function write(res: http.ServerResponse, r: ApiResponse, extra: Record<string, string> = {}) {
  res.writeHead(r.status, { ...PAGE_HEADERS, ...r.headers, ...extra });
  res.end(r.body);
}

/** Starts the server on 127.0.0.1; resolves once it listens. */
export async function startApiServer(opts: ServeOptions): Promise<RunningServer> {
  const webDir = opts.webDir ?? defaultWebDir();
  const clock = opts.clock ?? systemClock;
  const routeGroups: Route[][] = [
    queryRoutes({ store: opts.store, clock, cursorSecret: opts.cursorSecret }),
    ...(opts.routes ?? []),
  ];
  const router = createRouter(routeGroups, {
    onError: (e, req) => opts.logger?.error('request failed', { path: req.path, error: String(e) }),
  });
  let port = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      const host = (req.headers.host ?? '').toLowerCase();
      if (host !== `${HOST}:${port}` && host !== `localhost:${port}`)
        return write(res, errorReply(421, 'wrong host: use this server by its loopback address'));
      const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
      const method = (req.method ?? 'GET').toUpperCase();
      const asset = Object.hasOwn(WEB_ASSETS, url.pathname) ? WEB_ASSETS[url.pathname] : undefined;
      if (asset && (method === 'GET' || method === 'HEAD')) {
        const [file, type] = asset;
        const body = await fs.promises.readFile(path.join(webDir, file));
        res.writeHead(200, { ...PAGE_HEADERS, 'content-type': type, 'cache-control': 'no-cache' });
        return res.end(method === 'HEAD' ? undefined : body);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) return write(res, errorReply(413, 'request body too large'));
        chunks.push(chunk as Buffer);
      }
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers))
        headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const reply = await router({
        method,
        path: url.pathname,
        query,
        headers,
        body: chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined,
        baseUrl: `http://${HOST}:${port}`,
      });
      write(res, reply);
    })().catch((e) => {
      opts.logger?.error('request failed', { error: String(e) });
      if (!res.headersSent) write(res, errorReply(500, 'internal error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
