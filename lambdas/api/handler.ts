/**
 * The API Lambda behind the HTTP API (payload format 2.0). Wiring only: the event becomes an
 * {@link ApiRequest}, the core router (lambdas/core/api) answers it, the reply goes back as a
 * structured result. The same router serves `attribution-watch serve` locally. The web explorer's
 * files (bundled next to the handler) are served from memory under the same Content-Security-Policy
 * as the local host.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { queryRoutes } from '../core/api/query-routes';
import { createRouter, type Router } from '../core/api/router';
import { subscriptionRoutes, type SubscriptionRouteDeps } from '../core/api/subscription-routes';
import type { ApiRequest } from '../core/api/types';
import { PAGE_HEADERS, WEB_ASSETS, WEB_FILES } from '../core/api/web';
import { type Clock, type Store, systemClock } from '../core/ports';
import { type LambdaLogger, powertoolsLogger, readEnv } from '../adapters/aws-env';
import { DynamoStore } from '../adapters/dynamo-store';
import { SesMailer } from '../adapters/ses-mailer';
import { loadSigningKeys, once } from '../adapters/signing-keys';

export interface ApiHandlerDeps {
  store: Store;
  clock: Clock;
  logger: LambdaLogger;
  /** HMAC key of /claims cursors (default: random per container). */
  cursorSecret?: string | Uint8Array;
  /** POST /subscriptions and its links; not mounted (404) without a mailer and secrets. */
  subscriptions?: SubscriptionRouteDeps;
  /** The web explorer's files by request path (GET /, /app.js, …); not served (404) without. */
  web?: WebFiles;
}

/** A static file served as is, under the page headers of bin/server.ts. */
export type WebFiles = Record<string, { body: string; type: string }>;

/** API Gateway payload 2.0 → the core's request. */
export function toApiRequest(event: APIGatewayProxyEventV2): ApiRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v;
  const domain = event.requestContext?.domainName ?? headers.host ?? 'localhost';
  return {
    method: event.requestContext?.http?.method ?? 'GET',
    path: event.rawPath ?? '/',
    // API Gateway joins repeated parameters with commas; the core treats them as one value.
    query: { ...(event.queryStringParameters ?? {}) },
    headers,
    body:
      event.body === undefined
        ? undefined
        : event.isBase64Encoded
          ? Buffer.from(event.body, 'base64').toString('utf8')
          : event.body,
    baseUrl: `https://${domain}`,
  };
}

let containerSecret: Buffer | undefined;

const routers = new WeakMap<ApiHandlerDeps, Router>();

function routerFor(deps: ApiHandlerDeps): Router {
  let router = routers.get(deps);
  if (!router) {
    const cursorSecret = deps.cursorSecret ?? (containerSecret ??= randomBytes(32));
    router = createRouter(
      [
        queryRoutes(() => ({ store: deps.store, clock: deps.clock, cursorSecret })),
        ...(deps.subscriptions ? [subscriptionRoutes(deps.subscriptions)] : []),
      ],
      {
        onError: (e, req) =>
          deps.logger.error('request failed', { path: req.path, error: String(e) }),
      },
    );
    routers.set(deps, router);
  }
  return router;
}

/**
 * The handler over its deps; `getDeps` runs on every invocation and may be async (the production
 * factory memoizes; tests pass their own deps, secrets included).
 */
export function makeHandler(getDeps: () => ApiHandlerDeps | Promise<ApiHandlerDeps>) {
  return async (
    event: APIGatewayProxyEventV2,
    context?: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const deps = await getDeps();
    if (context) deps.logger.addContext?.(context);
    const req = toApiRequest(event);
    const file =
      deps.web &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      Object.hasOwn(deps.web, req.path)
        ? deps.web[req.path]
        : undefined;
    if (file) {
      return {
        statusCode: 200,
        headers: { ...PAGE_HEADERS, 'content-type': file.type, 'cache-control': 'no-cache' },
        body: req.method === 'HEAD' ? '' : file.body,
      };
    }
    const res = await routerFor(deps)(req);
    // The same security headers as the local host; a route's own (e.g. its CSP) win.
    return { statusCode: res.status, headers: { ...PAGE_HEADERS, ...res.headers }, body: res.body };
  };
}

/** The explorer's folder: `web/` next to the bundle (copied there at bundling), else the repo's. */
function webDir(): string | undefined {
  return [path.join(__dirname, 'web'), path.join(__dirname, '..', '..', 'web')].find((d) =>
    fs.existsSync(path.join(d, 'index.html')),
  );
}

/** Reads the explorer's files (once, at cold start) into the table `makeHandler` serves. */
export function readWebFiles(dir: string): WebFiles {
  const bodies = new Map(WEB_FILES.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  const files: WebFiles = {};
  for (const [p, [file, type]] of Object.entries(WEB_ASSETS))
    files[p] = { body: bodies.get(file)!, type };
  return files;
}

/**
 * The production deps, built on the first invocation and kept for the container's life: the
 * environment, the signing keys from Secrets Manager (one GetSecretValue per cold start) and the
 * explorer's files. Nothing is read at import.
 */
export function depsFromEnv(env: NodeJS.ProcessEnv = process.env): () => Promise<ApiHandlerDeps> {
  return once(async () => {
    const e = readEnv(
      {
        TABLE_NAME: z.string().min(1),
        // The stack's generated secret; without it cursors are signed with a per-container key
        // (they stop working when the container is replaced) and subscriptions are off.
        SIGNING_SECRET_ARN: z.string().min(1).optional(),
        // Subscriptions (same names as the digest Lambda's): mounted with a sender and the secret.
        SENDER_EMAIL: z.email().optional(),
        // Links in confirmation emails; default: the URL the request came in on.
        PUBLIC_BASE_URL: z.url().optional(),
        SES_CONFIGURATION_SET: z.string().min(1).optional(),
      },
      env,
    );
    const keys = e.SIGNING_SECRET_ARN
      ? await loadSigningKeys(e.SIGNING_SECRET_ARN, new SecretsManagerClient({}))
      : undefined;
    const store = new DynamoStore({ client: new DynamoDBClient({}), tableName: e.TABLE_NAME });
    const dir = webDir();
    return {
      store,
      clock: systemClock,
      logger: powertoolsLogger(),
      cursorSecret: keys?.cursorSecret,
      web: dir ? readWebFiles(dir) : undefined,
      subscriptions:
        keys && e.SENDER_EMAIL
          ? {
              store,
              clock: systemClock,
              mailer: new SesMailer({
                client: new SESv2Client({}),
                configurationSetName: e.SES_CONFIGURATION_SET,
              }),
              config: {
                tokenSecret: keys.tokenSecret,
                from: e.SENDER_EMAIL,
                baseUrl: e.PUBLIC_BASE_URL,
              },
            }
          : undefined,
    };
  });
}

export const handler = makeHandler(depsFromEnv());
