/**
 * SSRF: every spelling of a loopback, private, link-local, metadata, ULA or mapped address is
 * refused before a connection is made — as the URL, as a DNS answer and at any redirect hop —
 * unless allowPrivateNetworks is on. The targets point at a live server on 127.0.0.1, so a guard
 * that let one through would show up as a hit.
 */
import dns from 'node:dns';
import { GuardedHttp } from '../../lambdas/adapters/guarded-http';
import { FetchError } from '../../lambdas/core/fetch/errors';
import { send, startServer, type TestServer } from '../helpers/http-server';

let server: TestServer;
const clients: GuardedHttp[] = [];
const guarded = (opts: ConstructorParameters<typeof GuardedHttp>[0] = {}) => {
  const c = new GuardedHttp({ totalTimeoutMs: 2000, connectTimeoutMs: 1000, ...opts });
  clients.push(c);
  return c;
};

/** DNS answers an attacker could publish for a name they own. */
const ANSWERS: Record<string, { address: string; family: number }[]> = {
  'v6-loopback.test': [{ address: '::1', family: 6 }],
  'mapped.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'ula.test': [{ address: 'fd00::1', family: 6 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'rfc1918.test': [{ address: '192.168.1.1', family: 4 }],
  // One public and one private answer: the private one must still refuse the name.
  'mixed.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'loopback.test': [{ address: '127.0.0.1', family: 4 }],
};
const lookup = ((
  hostname: string,
  _options: dns.LookupOptions,
  cb: (err: Error | null, a: dns.LookupAddress[]) => void,
) => {
  const a = ANSWERS[hostname];
  if (!a) return cb(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
  cb(null, a);
}) as unknown as typeof dns.lookup;

beforeAll(async () => {
  server = await startServer({ '/ok': send('secret', { 'content-type': 'text/plain' }) });
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await server.close();
});
beforeEach(() => server.hits.clear());

async function refusal(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FetchError) return e;
    throw e;
  }
  throw new Error('expected the request to be refused');
}

const LITERALS = (port: number) => [
  // IPv4 loopback in every spelling WHATWG URL accepts.
  `http://127.0.0.1:${port}/ok`,
  `http://2130706433:${port}/ok`, // decimal
  `http://0x7f000001:${port}/ok`, // hex
  `http://0x7f.0x0.0x0.0x1:${port}/ok`, // dotted hex
  `http://0177.0.0.1:${port}/ok`, // octal
  `http://017700000001:${port}/ok`, // octal, one number
  `http://127.1:${port}/ok`, // short form
  `http://127.000.000.001:${port}/ok`,
  `http://0:${port}/ok`, // 0.0.0.0 reaches loopback on Linux
  // IPv6 loopback, unspecified, mapped and translated forms.
  `http://[::1]:${port}/ok`,
  `http://[0:0:0:0:0:0:0:1]:${port}/ok`,
  `http://[::]:${port}/ok`,
  `http://[::ffff:127.0.0.1]:${port}/ok`,
  `http://[::ffff:7f00:1]:${port}/ok`,
  `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/ok`,
  `http://[64:ff9b::7f00:1]:${port}/ok`, // NAT64
  `http://[2002:7f00:1::]:${port}/ok`, // 6to4
  // RFC 1918, CGNAT, link-local and the cloud metadata address.
  'http://10.0.0.1/',
  'http://012.0.0.1/',
  'http://0xa000001/',
  'http://172.16.0.1/',
  'http://192.168.0.1/',
  'http://3232235521/', // 192.168.0.1
  'http://100.64.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://2852039166/latest/meta-data/', // 169.254.169.254, decimal
  'http://0xa9fea9fe/latest/meta-data/',
  'http://0251.0376.0251.0376/latest/meta-data/',
  'http://[::ffff:169.254.169.254]/latest/meta-data/',
  'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  'http://[fd00:ec2::254]/latest/meta-data/', // AWS IMDS over IPv6 (ULA)
  'http://[fc00::1]/',
  'http://[fe80::1]/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
];

describe('SSRF guard', () => {
  it.each(LITERALS(0).map((_, i) => [i]))('refuses literal #%s before connecting', async (i) => {
    const url = LITERALS(server.port)[i]!;
    const e = await refusal(guarded().get({ url }));
    expect([url, e.code]).toEqual([url, 'refused-address']);
    expect(server.hits.size).toBe(0);
  });

  it.each(Object.keys(ANSWERS))(
    'refuses a name resolving to a private address: %s',
    async (host) => {
      const e = await refusal(guarded({ lookup }).get({ url: `http://${host}:${server.port}/ok` }));
      expect(e.code).toBe('refused-address');
      expect(e.message).toContain(host);
      expect(server.hits.size).toBe(0);
    },
  );

  it('checks every redirect hop, not just the first', async () => {
    // The first hops are on the allow-listed test server; the third points at a private target.
    const targets = LITERALS(server.port).slice(1);
    for (const [n, target] of targets.entries()) {
      server.routes.set(`/hop-${n}-0`, send('', { location: `/hop-${n}-1` }, 302));
      server.routes.set(`/hop-${n}-1`, send('', { location: `/hop-${n}-2` }, 307));
      server.routes.set(`/hop-${n}-2`, send('', { location: target }, 301));
    }
    const c = guarded({ allowedPrivateAddresses: ['127.0.0.1'] });
    for (const [n, target] of targets.entries()) {
      // Spellings of 127.0.0.1 normalize to the allow-listed address; all others must be refused.
      if (new URL(target).hostname === '127.0.0.1') continue;
      const e = await refusal(c.get({ url: `${server.url}/hop-${n}-0` }));
      expect([target, e.code]).toEqual([target, 'refused-address']);
      expect(server.hits.get('/ok')).toBeUndefined();
    }
    const byName = guarded({ allowedPrivateAddresses: ['127.0.0.1'], lookup });
    server.routes.set(
      '/to-name',
      send('', { location: `http://metadata.test:${server.port}/ok` }, 302),
    );
    expect((await refusal(byName.get({ url: `${server.url}/to-name` }))).code).toBe(
      'refused-address',
    );
  });

  it('an allow-listed address is exact: mapped or IPv6 forms of it stay refused', async () => {
    const c = guarded({ allowedPrivateAddresses: ['127.0.0.1'] });
    for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::1]', '127.0.0.2']) {
      const e = await refusal(c.get({ url: `http://${host}:${server.port}/ok` }));
      expect([host, e.code]).toEqual([host, 'refused-address']);
    }
    expect(server.hits.size).toBe(0);
  });

  it('refuses non-http schemes and credentials tricks', async () => {
    for (const url of [
      'file:///etc/passwd',
      'gopher://127.0.0.1:70/',
      'ftp://127.0.0.1/',
      'data:text/html,hi',
      `http://example.com@127.0.0.1:${server.port}/ok`,
    ]) {
      const e = await refusal(guarded().get({ url }));
      expect(['bad-url', 'refused-address']).toContain(e.code);
    }
    expect(server.hits.size).toBe(0);
  });

  it('lets everything through only in allowPrivateNetworks mode', async () => {
    const c = guarded({ allowPrivateNetworks: true, lookup });
    for (const url of [
      `http://2130706433:${server.port}/ok`,
      `http://0177.0.0.1:${server.port}/ok`,
      `http://loopback.test:${server.port}/ok`,
    ]) {
      expect((await c.get({ url })).body.toString()).toBe('secret');
    }
  });
});
