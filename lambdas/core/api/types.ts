/**
 * The HTTP contract shared by every host of the API: the Lambda behind API Gateway (payload 2.0)
 * and the local `attribution-watch serve`. Hosts translate their request into an {@link ApiRequest},
 * call the core router, and write the {@link ApiResponse} back. Route modules (queries, exports,
 * subscriptions) each export a list of {@link Route}s that the router mounts.
 */

export interface ApiRequest {
  method: string;
  /** Path without the query string, e.g. "/claims/c_123". */
  path: string;
  /** Decoded query parameters (last value wins). */
  query: Record<string, string | undefined>;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** Raw body (decoded from base64 by the host when needed). */
  body?: string;
  /** The public base URL of this API (for links in emails and STIX), e.g. "https://x.example". */
  baseUrl: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type RouteHandler = (
  req: ApiRequest,
  params: Record<string, string>,
) => Promise<ApiResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path pattern with named segments, e.g. "/claims/:id". */
  pattern: string;
  handler: RouteHandler;
}
