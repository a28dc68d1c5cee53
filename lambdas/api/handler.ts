/**
 * The API Lambda behind the HTTP API (payload format 2.0). Wiring only: the event becomes an
 * {@link ApiRequest}, the core router (lambdas/core/api) answers it, the reply goes back as a
 * structured result. The same router serves `attribution-watch serve` locally.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { queryRoutes } from '../core/api/query-routes';
import { createRouter, type Router } from '../core/api/router';
import { subscriptionRoutes, type SubscriptionRouteDeps } from '../core/api/subscription-routes';
import type { ApiRequest } from '../core/api/types';
import { type Clock, type Store, systemClock } from '../core/ports';
import { type LambdaLogger, powertoolsLogger, readEnv } from '../adapters/aws-env';
import { DynamoStore } from '../adapters/dynamo-store';
import { SesMailer } from '../adapters/ses-mailer';

export interface ApiHandlerDeps {
  store: Store;
  clock: Clock;
  logger: LambdaLogger;
  /** HMAC key of /claims cursors (default: CURSOR_SECRET, else random per container). */
  cursorSecret?: string | Uint8Array;
  /** POST /subscriptions and its links; not mounted (404) without a mailer and secrets. */
  subscriptions?: SubscriptionRouteDeps;
}

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

export function makeHandler(getDeps: () => ApiHandlerDeps) {
  return async (
    event: APIGatewayProxyEventV2,
    context?: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const deps = getDeps();
    if (context) deps.logger.addContext?.(context);
    const res = await routerFor(deps)(toApiRequest(event));
    return { statusCode: res.status, headers: res.headers, body: res.body };
  };
}

let deps: ApiHandlerDeps | undefined;

function defaultDeps(): ApiHandlerDeps {
  if (deps) return deps;
  const env = readEnv({
    TABLE_NAME: z.string().min(1),
    // Cursors signed with a per-container secret stop working when the container is replaced;
    // the stack should pass a stable secret.
    CURSOR_SECRET: z.string().min(16).optional(),
    // Subscriptions (same names as the digest Lambda's): mounted only when all are set.
    TOKEN_SECRET: z.string().min(32).optional(),
    SENDER_EMAIL: z.email().optional(),
    PUBLIC_BASE_URL: z.url().optional(),
    SES_CONFIGURATION_SET: z.string().min(1).optional(),
  });
  const store = new DynamoStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME });
  deps = {
    store,
    clock: systemClock,
    logger: powertoolsLogger(),
    cursorSecret: env.CURSOR_SECRET,
    subscriptions:
      env.TOKEN_SECRET && env.SENDER_EMAIL
        ? {
            store,
            clock: systemClock,
            mailer: new SesMailer({
              client: new SESv2Client({}),
              configurationSetName: env.SES_CONFIGURATION_SET,
            }),
            config: {
              tokenSecret: env.TOKEN_SECRET,
              from: env.SENDER_EMAIL,
              baseUrl: env.PUBLIC_BASE_URL,
            },
          }
        : undefined,
  };
  return deps;
}

export const handler = makeHandler(defaultDeps);
