/**
 * Output stays inert: article-derived text full of XSS payloads renders as text in the digest
 * (no element, attribute or URL an attacker chose), CR/LF in that text never reaches a mail
 * header of the .eml the outbox writes, and the local API refuses oversized and malformed input.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { startApiServer, type RunningServer } from '../../bin/server';
import type { LocalStore } from '../../lambdas/adapters/local-dynamo';
import { OutboxMailer } from '../../lambdas/adapters/outbox-mailer';
import { renderDigest } from '../../lambdas/core/digest/render';
import { sendDigest } from '../../lambdas/core/digest/send';
import type { StoredClaim } from '../../lambdas/core/records';
import { memoryStore, TestClock } from '../helpers/store';

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '</title><script>alert(1)</script>',
  '<a href="javascript:alert(1)">click</a>',
  '<style>@import "http://127.0.0.1:9/x.css"</style>',
  '{{constructor.constructor("alert(1)")()}}',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<!--<script>alert(1)</script>-->',
];
const CRLF = 'Kremlin\r\nBcc: victim@example.com\r\nX-Injected: yes\n\nbody';

function claim(i: number, payload: string, storedAt: string): StoredClaim {
  const party = (name: string) => ({ name, kind: 'state' as const, country: null, actor: name });
  return {
    id: `c${i}`,
    articleId: `a${i}`,
    ordinal: 0,
    accuser: party(`${payload} accuser`),
    accused: party(`${payload}${i % 2 ? CRLF : ''}`),
    target: party(`${payload} target`),
    action: 'intrusion',
    evidence: 'provided',
    confidence: 0.9,
    reportedBy: [payload],
    sentences: [`${payload} said the ${payload}.`],
    responses: [{ by: party(payload), kind: 'denial', text: payload }],
    articleUrl: i % 3 === 0 ? `javascript:alert(${i})` : `https://example.com/${i}?q="><script>`,
    articleTitle: `${payload}${CRLF}`,
    outlet: payload,
    publishedAt: storedAt,
    storedAt,
    detectorVersion: 'test',
    hasDenial: true,
  };
}

const SAFE_TAGS = new Set(
  'html head meta title style body h1 h2 h3 p div span blockquote a ul ol li table tr td th tbody thead small strong b em br hr section header footer'.split(
    ' ',
  ),
);

/** Every element, attribute and URL in the document is one the renderer chose. */
function assertInert(html: string) {
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    expect([el.tagName.toLowerCase(), SAFE_TAGS.has(el.tagName.toLowerCase())]).toEqual([
      el.tagName.toLowerCase(),
      true,
    ]);
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name).not.toMatch(/^on/i);
      if (attr.name === 'href' || attr.name === 'src')
        expect(attr.value).toMatch(/^(https?:\/\/|#|mailto:)/i);
      if (attr.name === 'style') expect(attr.value).not.toMatch(/url\(|expression|@import/i);
    }
    if (el.tagName === 'STYLE') expect(el.textContent).not.toMatch(/url\(|@import|127\.0\.0\.1/);
  }
  dom.window.close();
}

describe('digest output', () => {
  const now = '2026-11-20T12:00:00.000Z';
  const claims = XSS.map((p, i) => claim(i, p, now));

  it('renders XSS payloads as text in the HTML part', () => {
    const d = renderDigest(claims, { until: now });
    assertInert(d.html);
    const text = new JSDOM(d.html).window.document.body.textContent ?? '';
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('"><img src=x onerror=alert(1)>');
  });

  it('keeps CR/LF out of the subject and every text line header-safe', () => {
    const d = renderDigest(claims, { until: now });
    expect(d.subject).not.toMatch(/[\r\n]/);
  });

  describe('the .eml the outbox writes', () => {
    let local: LocalStore;
    let dir: string;
    beforeAll(async () => {
      local = await memoryStore();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-outbox-'));
    });
    afterAll(async () => {
      await local.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Header names of an RFC 5322 message (folded lines joined). */
    function headerNames(eml: string): string[] {
      const head = eml.split(/\r?\n\r?\n/)[0]!;
      return head.split(/\r?\n(?![ \t])/).map((l) => l.split(':')[0]!.toLowerCase());
    }

    it('a digest of hostile claims has only the headers the mailer set', async () => {
      for (const c of claims) await local.store.replaceClaims(c.articleId, [c], []);
      const clock = new TestClock(Date.parse(now) + 60_000);
      const out = await sendDigest(
        { store: local.store, mailer: new OutboxMailer(dir), clock },
        { to: 'me@example.com', from: 'Attribution Watch <digest@localhost>' },
      );
      expect(out.status).toBe('sent');
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
      const names = headerNames(eml);
      expect(names).not.toContain('bcc');
      expect(names).not.toContain('x-injected');
      expect(names.filter((n) => n === 'subject')).toHaveLength(1);
      for (const n of names) expect(n).toMatch(/^[a-z0-9-]+$/);
    });

    it('CR/LF in any message field never becomes a header', async () => {
      const mailer = new OutboxMailer(dir);
      const attempts: [string, Parameters<OutboxMailer['send']>[0]][] = [
        [
          'subject',
          { to: 'a@example.com', from: 'b@example.com', subject: CRLF, text: 't', html: 'h' },
        ],
        [
          'to',
          { to: `a@example.com${CRLF}`, from: 'b@example.com', subject: 's', text: 't', html: 'h' },
        ],
        [
          'from',
          {
            to: 'a@example.com',
            from: `"${CRLF}" <b@example.com>`,
            subject: 's',
            text: 't',
            html: 'h',
          },
        ],
        [
          'header',
          {
            to: 'a@example.com',
            from: 'b@example.com',
            subject: 's',
            text: 't',
            html: 'h',
            headers: { 'List-Unsubscribe': `<https://x/u>${CRLF}` },
          },
        ],
      ];
      for (const [field, message] of attempts) {
        const before = new Set(fs.readdirSync(dir));
        try {
          await mailer.send(message);
        } catch {
          continue; // refusing the message is also inert
        }
        const file = fs.readdirSync(dir).find((f) => !before.has(f))!;
        const names = headerNames(fs.readFileSync(path.join(dir, file), 'utf8'));
        expect([field, names.includes('bcc') || names.includes('x-injected')]).toEqual([
          field,
          false,
        ]);
      }
    });
  });
});

/** One request on its own connection (a refused request may close it). */
function request(
  url: string,
  opts: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', agent: false, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('local API input', () => {
  let local: LocalStore;
  let api: RunningServer;
  beforeAll(async () => {
    local = await memoryStore();
    api = await startApiServer({ store: local.store, port: 0, cursorSecret: 'x'.repeat(64) });
  });
  afterAll(async () => {
    await api.close();
    await local.close();
  });

  it('refuses an oversized body with 413', async () => {
    const r = await request(`${api.url}/claims`, { method: 'POST', body: 'x'.repeat(200 * 1024) });
    expect(r.status).toBe(413);
  });

  it('refuses an oversized URL before routing', async () => {
    const r = await request(`${api.url}/claims?accused=${'a'.repeat(20_000)}`).catch(() => null);
    expect(r === null || [400, 414, 431].includes(r.status)).toBe(true);
  });

  it.each([
    '/claims?since=not-a-date',
    '/claims?limit=-1',
    '/claims?limit=abc',
    '/claims?limit=99999999',
    '/claims?cursor=forged.cursor',
    '/claims/%E0%A4%A',
    '/claims/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  ])('answers malformed %s with a 4xx that does not echo HTML', async (p) => {
    const r = await request(`${api.url}${p}`);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.type).not.toMatch(/html/);
    expect(r.body).not.toContain('<script>');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await request(`${api.url}/health`, { headers: { host: 'evil.example' } });
    expect(r.status).toBe(421);
  });

  it('serves the web page with a CSP that forbids inline scripts', async () => {
    const r = await fetch(`${api.url}/`);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
