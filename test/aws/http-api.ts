/**
 * The HTTP API in front of the API Lambda, as API Gateway runs it: a request matches one of the
 * template's route keys (`GET /claims/{id}`) or gets API Gateway's own 404; a match becomes a
 * payload format 2.0 event (lower-case headers, repeated query parameters joined with commas,
 * path parameters, the request context with the API's domain name); the handler's structured
 * result is the response.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { ACCOUNT, type StackTemplate } from './template';

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  json<T = unknown>(): T;
}

interface Route {
  key: string;
  method: string;
  pattern: RegExp;
  params: string[];
}

function compile(key: string): Route {
  const [method, path] = key.split(' ') as [string, string];
  const params: string[] = [];
  const pattern = new RegExp(
    `^${path
      .split('/')
      .map((seg) => {
        const m = /^\{(\w+)(\+?)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        params.push(m[1]!);
        return m[2] ? '(.+)' : '([^/]+)';
      })
      .join('/')}$`,
  );
  return { key, method, pattern, params };
}

export class HttpApi {
  private readonly routes: Route[];
  readonly domainName: string;

  constructor(
    private readonly tpl: StackTemplate,
    private readonly invoke: (event: APIGatewayProxyEventV2) => Promise<unknown>,
  ) {
    this.routes = tpl.api.routes.map(compile);
    this.domainName = new URL(tpl.api.endpoint).host;
  }

  /** A request to the API's public URL (absolute, or a path). */
  async request(
    method: string,
    url: string,
    opts: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const u = new URL(url, this.tpl.api.endpoint);
    if (u.origin !== new URL(this.tpl.api.endpoint).origin)
      throw new Error(`${url} is not on the API (${this.tpl.api.endpoint})`);
    const path = u.pathname;
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of this.routes) {
      if (r.method !== method && r.method !== 'ANY') continue;
      match = r.pattern.exec(path);
      if (match) {
        route = r;
        break;
      }
    }
    if (!route)
      return response(404, { 'content-type': 'application/json' }, '{"message":"Not Found"}');
    const query: Record<string, string> = {};
    for (const [k, v] of u.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
    const headers: Record<string, string> = {
      host: this.domainName,
      'user-agent': 'test/aws',
      'x-forwarded-proto': 'https',
    };
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    const now = new Date();
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: route.key,
      rawPath: path,
      rawQueryString: u.search.slice(1),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(route.params.length
        ? {
            pathParameters: Object.fromEntries(
              route.params.map((p, i) => [p, decodeURIComponent(match![i + 1]!)]),
            ),
          }
        : {}),
      requestContext: {
        accountId: ACCOUNT,
        apiId: this.tpl.api.id,
        domainName: this.domainName,
        domainPrefix: this.tpl.api.id,
        http: {
          method,
          path,
          protocol: 'HTTP/1.1',
          sourceIp: '198.51.100.7',
          userAgent: headers['user-agent']!,
        },
        requestId: randomUUID(),
        routeKey: route.key,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      isBase64Encoded: false,
    };
    const r = (await this.invoke(event)) as APIGatewayProxyStructuredResultV2;
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) h[k.toLowerCase()] = String(v);
    return response(
      r.statusCode ?? 200,
      h,
      r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64').toString('utf8') : (r.body ?? ''),
    );
  }
}

function response(status: number, headers: Record<string, string>, body: string): ApiResponse {
  return { status, headers, body, json: <T>() => JSON.parse(body) as T };
}
