/**
 * The core HTTP router shared by every host (the Lambda behind API Gateway and `serve`): matches
 * {@link Route} patterns, answers unknown paths with 404 and wrong methods with 405 (with an
 * `allow` header), and turns every error into a JSON reply. User errors ({@link HttpError},
 * {@link QueryError}) keep their status and name the parameter; anything else is a logged 500
 * that reveals nothing.
 */
import { QueryError } from '../query';
import type { ApiRequest, ApiResponse, Route, RouteHandler } from './types';

/** An error with an HTTP status, safe to show to the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A JSON reply; `cacheSeconds` > 0 lets shared caches keep it. */
export function json(status: number, body: unknown, cacheSeconds = 0): ApiResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': cacheSeconds ? `public, max-age=${cacheSeconds}` : 'no-store',
    },
    body: JSON.stringify(body),
  };
}

export function errorReply(
  status: number,
  message: string,
  parameter?: string,
  headers?: Record<string, string>,
): ApiResponse {
  const r = json(status, { error: message, ...(parameter ? { parameter } : {}) });
  return { ...r, headers: { ...r.headers, ...headers } };
}

interface Compiled {
  route: Route;
  segments: { literal?: string; param?: string }[];
  /** Literal segments first: `/claims/export` beats `/claims/:id`. */
  score: number;
}

function compile(route: Route): Compiled {
  const segments = route.pattern
    .split('/')
    .filter(Boolean)
    .map((s) => {
      const m = /^:(\w+)$/.exec(s) ?? /^\{(\w+)\}$/.exec(s);
      return m ? { param: m[1]! } : { literal: s };
    });
  return {
    route,
    segments,
    score: segments.reduce((n, s, i) => n + (s.literal !== undefined ? 2 ** (16 - i) : 0), 0),
  };
}

function match(c: Compiled, parts: string[]): Record<string, string> | undefined {
  if (c.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = c.segments[i]!;
    const part = parts[i]!;
    if (seg.literal !== undefined) {
      if (seg.literal !== part) return undefined;
    } else {
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        throw new HttpError(400, `${seg.param}: not a valid URL segment`, seg.param);
      }
      params[seg.param!] = value;
    }
  }
  return params;
}

export interface RouterOptions {
  /** Called with unexpected errors (the reply is a bare 500). */
  onError?: (error: unknown, req: ApiRequest) => void;
}

export type Router = (req: ApiRequest) => Promise<ApiResponse>;

/** Builds a router over route groups (query routes, subscription routes, …). */
export function createRouter(groups: Route[][], opts: RouterOptions = {}): Router {
  const compiled = groups
    .flat()
    .map(compile)
    .sort((a, b) => b.score - a.score);
  return async (req) => {
    const method = req.method.toUpperCase();
    try {
      const parts = req.path.split('/').filter(Boolean);
      const candidates: { c: Compiled; params: Record<string, string> }[] = [];
      for (const c of compiled) {
        const params = match(c, parts);
        if (params) candidates.push({ c, params });
      }
      if (!candidates.length) return errorReply(404, `no route for ${method} ${req.path}`);
      const wanted = method === 'HEAD' ? 'GET' : method;
      const hit = candidates.find(({ c }) => c.route.method === wanted);
      if (!hit) {
        const allow = [...new Set(candidates.map(({ c }) => c.route.method))].join(', ');
        return errorReply(
          405,
          `${method} not allowed on ${req.path} (allowed: ${allow})`,
          undefined,
          {
            allow,
          },
        );
      }
      const handler: RouteHandler = hit.c.route.handler;
      const res = await handler(req, hit.params);
      return method === 'HEAD' ? { ...res, body: '' } : res;
    } catch (e) {
      if (e instanceof HttpError) return errorReply(e.status, e.message, e.parameter, e.headers);
      if (e instanceof QueryError) return errorReply(400, e.message, e.parameter);
      opts.onError?.(e, req);
      return errorReply(500, 'internal error');
    }
  };
}
