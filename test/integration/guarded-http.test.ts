/** The HTTP client against real servers on 127.0.0.1. */
import dns from 'node:dns';
import zlib from 'node:zlib';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import { FetchError } from '../../lambdas/core/fetch/errors';
import { send, startServer, type TestServer } from '../helpers/http-server';

let server: TestServer;
const clients: GuardedHttp[] = [];
function client(opts: ConstructorParameters<typeof GuardedHttp>[0] = {}) {
  const c = new GuardedHttp({ allowedPrivateAddresses: ['127.0.0.1'], ...opts });
  clients.push(c);
  return c;
}

/** A resolver for test host names: good.test → 127.0.0.1, evil.test → 10.0.0.1, meta.test → 169.254.169.254. */
const testLookup = ((
  hostname: string,
  options: dns.LookupOptions,
  cb: (err: Error | null, a: dns.LookupAddress[]) => void,
) => {
  const table: Record<string, string> = {
    'good.test': '127.0.0.1',
    'evil.test': '10.0.0.1',
    'meta.test': '169.254.169.254',
  };
  const address = table[hostname];
  if (!address)
    return cb(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
  cb(null, [{ address, family: 4 }]);
}) as unknown as typeof dns.lookup;

beforeAll(async () => {
  server = await startServer({
    '/ok': send('hello', { 'content-type': 'text/plain' }),
    '/gzip': send(zlib.gzipSync('compressed body'), { 'content-encoding': 'gzip' }),
    '/br': send(zlib.brotliCompressSync('brotli body'), { 'content-encoding': 'br' }),
    '/deflate': send(zlib.deflateSync('deflate body'), { 'content-encoding': 'deflate' }),
    '/big': send(Buffer.alloc(2 * 1024 * 1024, 65), { 'content-type': 'text/plain' }),
    '/bomb': send(zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0)), { 'content-encoding': 'gzip' }),
    '/stream': (_req, res) => {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 66);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(timer));
    },
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    },
    '/r/0': send('', { location: '/ok' }, 302),
    '/loop': send('', { location: '/loop' }, 301),
    '/to-metadata': send('', { location: 'http://169.254.169.254/latest/meta-data/' }, 302),
    '/to-decimal': (_req, res) => {
      res.writeHead(302, { location: `http://2130706433:${server.port}/ok` });
      res.end();
    },
    '/to-evil': (_req, res) => {
      res.writeHead(302, { location: `http://evil.test:${server.port}/ok` });
      res.end();
    },
    '/to-good': (_req, res) => {
      res.writeHead(307, { location: `http://good.test:${server.port}/ok` });
      res.end();
    },
    '/to-file': send('', { location: 'file:///etc/passwd' }, 302),
    '/ua': (req, res) => {
      res.writeHead(200);
      res.end(String(req.headers['user-agent']));
    },
  });
  for (let i = 1; i <= 6; i++)
    server.routes.set(`/r/${i}`, send('', { location: `/r/${i - 1}` }, 302));
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await server.close();
});

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FetchError) return e;
    throw e;
  }
  throw new Error('expected a FetchError');
}

describe('GuardedHttp', () => {
  it('fetches a body and sends an honest User-Agent', async () => {
    const r = await client().get({ url: `${server.url}/ok` });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('hello');
    const ua = await client().get({ url: `${server.url}/ua` });
    expect(ua.body.toString()).toMatch(/^AttributionWatch\/\S+ \(/);
  });

  it.each([
    ['/gzip', 'compressed body'],
    ['/br', 'brotli body'],
    ['/deflate', 'deflate body'],
  ])('decompresses %s', async (p, text) => {
    const r = await client().get({ url: `${server.url}${p}` });
    expect(r.body.toString()).toBe(text);
  });

  it('enforces the byte cap on a declared length', async () => {
    const e = await failure(client({ maxBytes: 1024 * 1024 }).get({ url: `${server.url}/big` }));
    expect(e.code).toBe('too-large');
  });

  it('enforces the byte cap while streaming an endless body', async () => {
    const e = await failure(client({ maxBytes: 512 * 1024 }).get({ url: `${server.url}/stream` }));
    expect(e.code).toBe('too-large');
  });

  it('stops a gzip bomb at the cap (after decompression)', async () => {
    const e = await failure(client({ maxBytes: 1024 * 1024 }).get({ url: `${server.url}/bomb` }));
    expect(e.code).toBe('too-large');
  });

  it('times out a slow drip response', async () => {
    const e = await failure(client({ totalTimeoutMs: 400 }).get({ url: `${server.url}/slow` }));
    expect(e.code).toBe('timeout');
    expect(e.transient).toBe(true);
  });

  it('follows up to 5 redirects and reports the hops', async () => {
    // /r/4 → /r/3 → /r/2 → /r/1 → /r/0 → /ok: five hops.
    const r = await client().get({ url: `${server.url}/r/4` });
    expect(r.status).toBe(200);
    expect(r.redirects).toHaveLength(5);
    expect(r.url).toBe(`${server.url}/ok`);
  });

  it('refuses a sixth redirect and a redirect loop', async () => {
    expect((await failure(client().get({ url: `${server.url}/r/5` }))).code).toBe(
      'too-many-redirects',
    );
    expect((await failure(client().get({ url: `${server.url}/loop` }))).code).toBe(
      'too-many-redirects',
    );
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const e = await failure(client().get({ url: `${server.url}/to-metadata` }));
    expect(e.code).toBe('refused-address');
    expect(e.message).toMatch(/169\.254\.169\.254/);
  });

  it('refuses a decimal spelling of loopback that is not allow-listed', async () => {
    const e = await failure(
      client({ allowedPrivateAddresses: [] }).get({ url: `${server.url}/ok` }),
    );
    expect(e.code).toBe('refused-address');
    const e2 = await failure(
      client({ allowedPrivateAddresses: [] }).get({ url: 'http://2130706433/' }),
    );
    expect(e2.code).toBe('refused-address');
  });

  it('checks the resolved address of every hop, not the host name', async () => {
    const c = client({ lookup: testLookup });
    const e = await failure(c.get({ url: `${server.url}/to-evil` }));
    expect(e.code).toBe('refused-address');
    expect(e.message).toMatch(/evil\.test.*10\.0\.0\.1/);
    const ok = await c.get({ url: `${server.url}/to-good` });
    expect(ok.body.toString()).toBe('hello');
    const meta = await failure(c.get({ url: `http://meta.test:${server.port}/ok` }));
    expect(meta.code).toBe('refused-address');
  });

  it('refuses non-http schemes, also on redirect', async () => {
    expect((await failure(client().get({ url: 'ftp://example.com/x' }))).code).toBe('bad-url');
    expect((await failure(client().get({ url: `${server.url}/to-file` }))).code).toBe('bad-url');
  });

  it('allows everything in allowPrivateNetworks mode', async () => {
    const r = await client({ allowPrivateNetworks: true, allowedPrivateAddresses: [] }).get({
      url: `${server.url}/to-decimal`,
    });
    expect(r.body.toString()).toBe('hello');
  });

  it('reports a refused connection as a transient network error', async () => {
    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const e = await failure(client().get({ url: `${url}/x` }));
    expect(e.code).toBe('network');
    expect(e.transient).toBe(true);
  });
});
