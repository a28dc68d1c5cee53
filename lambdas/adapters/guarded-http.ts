/**
 * The one HTTP client for feeds and pages: connect and total timeouts, a byte cap enforced
 * while streaming (after decompression, so a gzip bomb stops at the cap), at most N redirects,
 * http/https only, gzip/deflate/br, an honest User-Agent, and an SSRF guard applied to the
 * resolved address of every hop.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { FetchError } from '../core/fetch/errors';
import { isIpLiteral, refusedAddressReason } from '../core/fetch/ip-policy';
import type { Http, HttpRequest, HttpResponse } from '../core/ports';

export interface GuardedHttpOptions {
  /** @default 10_000 */
  connectTimeoutMs?: number;
  /** Whole request including body. @default 30_000 */
  totalTimeoutMs?: number;
  /** @default 5 MB */
  maxBytes?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** Permit loopback/private addresses. Off by default; on only for the demo and tests. */
  allowPrivateNetworks?: boolean;
  /**
   * Private addresses allowed even with the guard on (an internal feed proxy, a test server).
   * Exact addresses, e.g. ['127.0.0.1'].
   */
  allowedPrivateAddresses?: string[];
  /** DNS resolver (tests, custom DNS). @default dns.lookup */
  lookup?: typeof dns.lookup;
  /** @default 'AttributionWatch/<version> (+https://github.com/attribution-watch/attribution-watch)' */
  userAgent?: string;
}

export const DEFAULT_USER_AGENT =
  'AttributionWatch/0.1 (news monitoring for cyber attribution claims; +https://github.com/attribution-watch/attribution-watch)';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class GuardedHttp implements Http {
  private readonly opts: Required<GuardedHttpOptions>;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(options: GuardedHttpOptions = {}) {
    this.opts = {
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      allowedPrivateAddresses: options.allowedPrivateAddresses ?? [],
      lookup: options.lookup ?? dns.lookup,
    };
    const lookup = this.guardedLookup();
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 16, lookup } as http.AgentOptions),
      https: new https.Agent({ keepAlive: true, maxSockets: 16, lookup } as https.AgentOptions),
    };
  }

  /** Closes pooled connections. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async get(req: HttpRequest): Promise<HttpResponse> {
    const deadline = Date.now() + this.opts.totalTimeoutMs;
    const maxBytes = req.maxBytes ?? this.opts.maxBytes;
    const redirects: string[] = [];
    let current = req.url;
    for (let hop = 0; ; hop++) {
      const url = this.checkUrl(current);
      const res = await this.once(url, req.headers ?? {}, deadline, maxBytes);
      if (REDIRECTS.has(res.status) && res.headers.location) {
        if (hop >= this.opts.maxRedirects) {
          throw new FetchError(
            'too-many-redirects',
            `more than ${this.opts.maxRedirects} redirects from ${req.url}`,
          );
        }
        let next: string;
        try {
          next = new URL(res.headers.location, url).toString();
        } catch {
          throw new FetchError(
            'bad-url',
            `invalid redirect location ${JSON.stringify(res.headers.location)}`,
          );
        }
        redirects.push(next);
        current = next;
        continue;
      }
      return { ...res, url: url.toString(), redirects };
    }
  }

  private checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FetchError('bad-url', `invalid URL ${JSON.stringify(raw)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError('bad-url', `refused scheme ${url.protocol} in ${raw}`);
    }
    // Node does not call `lookup` for IP literals, so check them here. WHATWG URL parsing has
    // already normalized decimal, octal and hex IPv4 spellings to dotted quads.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIpLiteral(host)) {
      const reason = this.refused(host);
      if (reason) throw new FetchError('refused-address', `refused ${url.host}: ${reason}`);
    }
    return url;
  }

  /** Why an address is refused under the current settings, or null. */
  private refused(address: string): string | null {
    if (this.opts.allowPrivateNetworks) return null;
    if (this.opts.allowedPrivateAddresses.includes(address)) return null;
    return refusedAddressReason(address);
  }

  /** A DNS lookup that refuses the connection when any resolved address is not public. */
  private guardedLookup(): LookupFunction {
    return ((
      hostname: string,
      options: dns.LookupOptions,
      callback: (...args: unknown[]) => void,
    ) => {
      this.opts.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err);
        const list = addresses as dns.LookupAddress[];
        for (const a of list) {
          const reason = this.refused(a.address);
          if (reason) {
            return callback(
              new FetchError('refused-address', `refused ${hostname}: resolves to ${reason}`),
            );
          }
        }
        if (options.all) return callback(null, list);
        const first = list[0];
        if (!first) return callback(new FetchError('network', `no address for ${hostname}`));
        callback(null, first.address, first.family);
      });
    }) as LookupFunction;
  }

  private once(
    url: URL,
    headers: Record<string, string>,
    deadline: number,
    maxBytes: number,
  ): Promise<Omit<HttpResponse, 'url' | 'redirects'>> {
    const isHttps = url.protocol === 'https:';
    const lib = isHttps ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        request.destroy();
        reject(e);
      };
      const remaining = deadline - Date.now();
      if (remaining <= 0) return reject(new FetchError('timeout', `timed out fetching ${url}`));
      const request = lib.request(url, {
        method: 'GET',
        agent: isHttps ? this.agents.https : this.agents.http,
        headers: {
          'user-agent': this.opts.userAgent,
          'accept-encoding': 'gzip, deflate, br',
          accept: '*/*',
          ...headers,
        },
      });
      const totalTimer = setTimeout(
        () =>
          fail(
            new FetchError(
              'timeout',
              `timed out after ${this.opts.totalTimeoutMs} ms fetching ${url}`,
            ),
          ),
        remaining,
      );
      const connectTimer = setTimeout(
        () =>
          fail(
            new FetchError(
              'timeout',
              `connect timed out after ${this.opts.connectTimeoutMs} ms to ${url.host}`,
            ),
          ),
        this.opts.connectTimeoutMs,
      );
      request.on('socket', (socket) => {
        if (!socket.connecting) clearTimeout(connectTimer);
        else socket.once('connect', () => clearTimeout(connectTimer));
      });
      request.on('error', (e) => {
        if (e instanceof FetchError) return fail(e);
        const cause = (e as { cause?: unknown }).cause;
        if (cause instanceof FetchError) return fail(cause);
        fail(
          new FetchError(
            'network',
            e.message.includes(url.hostname) ? e.message : `${e.message} (${url.host})`,
          ),
        );
      });
      request.on('response', (res) => {
        clearTimeout(connectTimer);
        const status = res.statusCode ?? 0;
        const outHeaders: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) outHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        if (REDIRECTS.has(status) || status === 304 || status === 204) {
          res.resume();
          settled = true;
          clearTimeout(totalTimer);
          return resolve({ status, headers: outHeaders, body: Buffer.alloc(0) });
        }
        const declared = Number(outHeaders['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes && !outHeaders['content-encoding']) {
          return fail(
            new FetchError(
              'too-large',
              `body of ${declared} bytes exceeds the ${maxBytes}-byte cap (${url})`,
            ),
          );
        }
        let stream: NodeJS.ReadableStream = res;
        const encoding = (outHeaders['content-encoding'] ?? '').trim().toLowerCase();
        if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            fail(new FetchError('too-large', `body exceeds the ${maxBytes}-byte cap (${url})`));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (e: Error) =>
          fail(new FetchError('decode', `cannot decode ${encoding} body: ${e.message}`)),
        );
        res.on('aborted', () =>
          fail(new FetchError('network', `connection aborted by ${url.host}`)),
        );
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(totalTimer);
          resolve({ status, headers: outHeaders, body: Buffer.concat(chunks) });
        });
      });
      request.end();
    });
  }
}
