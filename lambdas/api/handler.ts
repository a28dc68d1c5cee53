/**
 * The API Lambda behind the HTTP API (payload format 2.0): GET /claims (core `findClaims`, the
 * same query as the CLI's `query`), GET /feeds and GET /health. Parameters are validated at the
 * edge; a bad one is a 400 that names it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { z } from 'zod';
import { type Clock, type Store, systemClock } from '../core/ports';
import { findClaims, QueryError } from '../core/query';
import type { FeedRecord } from '../core/records';
import { type LambdaLogger, powertoolsLogger, readEnv } from '../adapters/aws-env';
import { DynamoStore } from '../adapters/dynamo-store';

export interface ApiHandlerDeps {
  store: Store;
  clock: Clock;
  logger: LambdaLogger;
}

const party = z.string().trim().min(1).max(100);
const date = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a date (use ISO 8601, e.g. 2026-03-01)');

/** GET /claims query parameters. Unknown parameters are refused, so a typo is not ignored. */
export const ClaimsQuerySchema = z
  .object({
    accused: party.optional(),
    accuser: party.optional(),
    country: party.optional(),
    since: date.optional(),
    until: date.optional(),
    limit: z
      .string()
      .regex(/^\d+$/, 'a whole number from 1 to 1000')
      .transform(Number)
      .pipe(z.number().int().min(1, 'at least 1').max(1000, 'at most 1000'))
      .optional(),
  })
  .strict();

type Reply = APIGatewayProxyStructuredResultV2;

function json(statusCode: number, body: unknown, cacheSeconds = 0): Reply {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': cacheSeconds ? `public, max-age=${cacheSeconds}` : 'no-store',
    },
    body: JSON.stringify(body),
  };
}

const error = (statusCode: number, message: string, parameter?: string) =>
  json(statusCode, { error: message, ...(parameter ? { parameter } : {}) });

/** What a feed looks like from outside: its polling state, not its cache validators. */
function publicFeed(f: FeedRecord) {
  return {
    id: f.id,
    name: f.name,
    url: f.url,
    enabled: f.enabled,
    prefilter: f.prefilter,
    lastPolledAt: f.lastPolledAt ?? null,
    lastSuccessAt: f.lastSuccessAt ?? null,
    consecutiveErrors: f.consecutiveErrors,
    lastError: f.lastError ?? null,
    nextPollAt: f.nextPollAt ?? null,
  };
}

async function claims(deps: ApiHandlerDeps, params: Record<string, string | undefined>) {
  const q = ClaimsQuerySchema.safeParse(params);
  if (!q.success) {
    const issue = q.error.issues[0]!;
    const name =
      issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? 'query');
    const message =
      issue.code === 'unrecognized_keys'
        ? `${name}: unknown parameter (use accused, accuser, country, since, until, limit)`
        : `${name}: ${issue.message}`;
    return error(400, message, name);
  }
  try {
    const found = await findClaims(deps.store, q.data, deps.clock.now());
    return json(200, { count: found.length, claims: found }, 60);
  } catch (e) {
    if (e instanceof QueryError) {
      const name = e.message.split(':')[0];
      return error(400, e.message, name);
    }
    throw e;
  }
}

export function makeHandler(getDeps: () => ApiHandlerDeps) {
  return async (event: APIGatewayProxyEventV2, context?: Context): Promise<Reply> => {
    const deps = getDeps();
    if (context) deps.logger.addContext?.(context);
    const method = event.requestContext?.http?.method ?? 'GET';
    const path = event.rawPath ?? '/';
    try {
      if (method !== 'GET') return error(405, `${method} not allowed`);
      switch (path) {
        case '/health':
          return json(200, { status: 'ok' });
        case '/feeds': {
          const feeds = await deps.store.listFeeds();
          return json(200, { count: feeds.length, feeds: feeds.map(publicFeed) }, 60);
        }
        case '/claims':
          return await claims(deps, event.queryStringParameters ?? {});
        default:
          return error(404, `no route for ${method} ${path}`);
      }
    } catch (e) {
      deps.logger.error('request failed', { path, error: String(e) });
      return error(500, 'internal error');
    }
  };
}

let deps: ApiHandlerDeps | undefined;

function defaultDeps(): ApiHandlerDeps {
  if (deps) return deps;
  const env = readEnv({ TABLE_NAME: z.string().min(1) });
  deps = {
    store: new DynamoStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
    clock: systemClock,
    logger: powertoolsLogger(),
  };
  return deps;
}

export const handler = makeHandler(defaultDeps);
