/**
 * Subscription endpoints (mounted by the API router):
 *
 * - `POST /subscriptions` — JSON `{ email, cadence?, hour?, weekday?, timeZone?, sendEmpty?,
 *   filters? }` or a form. Always 202 with the same body for a valid request, whatever the
 *   address's state (the API never reveals who is subscribed); 400 for invalid input.
 * - `GET /subscriptions/confirm?token=` — double opt-in.
 * - `GET /subscriptions/unsubscribe?token=` — a page with one button (link scanners prefetch
 *   GET links, so GET never unsubscribes); `POST` — unsubscribes (RFC 8058 one-click: mail
 *   clients POST `List-Unsubscribe=One-Click`).
 * - `GET /subscriptions/preferences?token=` — the subscriber's settings; `POST` — update them.
 *
 * Browsers (Accept: text/html) get a small page, API clients JSON. Forged, expired or stale
 * tokens are refused with a clear message and change nothing.
 */
import { ACTIONS } from '../model';
import type { Subscriber } from '../records';
import {
  checkUnsubscribeToken,
  confirmByToken,
  InvalidInputError,
  type LinkOutcome,
  preferencesByToken,
  publicView,
  subscribe,
  type SubscriptionConfig,
  type SubscriptionDeps,
  unsubscribeByToken,
} from '../subscriptions/service';
import { escapeHtml } from '../digest/render';
import type { ApiRequest, ApiResponse, Route } from './types';

export interface SubscriptionRouteDeps extends SubscriptionDeps {
  config: Omit<SubscriptionConfig, 'baseUrl'> & {
    /** @default the request's `baseUrl` */
    baseUrl?: string;
  };
}

const MAX_BODY = 16_384;

const ACCEPTED = {
  status: 'accepted',
  message:
    'Thanks. If this address can receive our emails, a message with a confirmation link is on its way. Nothing is sent until the link is followed.',
};

function wantsHtml(req: ApiRequest): boolean {
  const accept = req.headers.accept ?? '';
  if (!accept.includes('text/html')) return false;
  const j = accept.indexOf('application/json');
  return j === -1 || accept.indexOf('text/html') < j;
}

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Links carry tokens: never leak them through Referer, never cache the pages.
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function json(status: number, body: unknown): ApiResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

/** A small self-contained page (inline styles, light and dark). `body` is trusted HTML. */
export function htmlPage(status: number, title: string, body: string): ApiResponse {
  return {
    status,
    headers: HTML_HEADERS,
    body:
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<meta name="color-scheme" content="light dark"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · Attribution Watch</title>` +
      `<style>body{font:16px/1.5 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}` +
      `label{display:block;margin:.6rem 0 .2rem;font-weight:600}input[type=text],select{width:100%;padding:.4rem;box-sizing:border-box}` +
      `button{padding:.5rem 1.1rem;border-radius:6px;border:0;background:#2563eb;color:#fff;font-weight:600;cursor:pointer}` +
      `.muted{opacity:.75;font-size:.9rem}.err{color:#dc2626}</style></head>` +
      `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}

const p = (s: string) => `<p>${escapeHtml(s)}</p>`;

function reply(req: ApiRequest, status: number, title: string, data: object, html?: string) {
  if (wantsHtml(req)) {
    const message = (data as { message?: string }).message ?? '';
    return htmlPage(status, title, html ?? p(message));
  }
  return json(status, data);
}

function refusal(req: ApiRequest, r: Extract<LinkOutcome, { ok: false }>): ApiResponse {
  const status = { invalid: 400, expired: 410, used: 409, unsubscribed: 409 }[r.reason];
  return reply(req, status, 'Link not accepted', {
    error: `${r.reason}-token`,
    message: r.message,
  });
}

function invalid(req: ApiRequest, e: InvalidInputError): ApiResponse {
  return reply(req, 400, 'Please check the form', { error: 'invalid-input', message: e.message });
}

/** JSON or form body → a plain object (form fields mapped onto the preferences shape). */
export function parseBody(req: ApiRequest): Record<string, unknown> {
  const raw = req.body ?? '';
  if (raw.length > MAX_BODY) throw new InvalidInputError('body: too large');
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/json') || (!type && raw.trim().startsWith('{'))) {
    let v: unknown;
    try {
      v = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      throw new InvalidInputError('body: not JSON');
    }
    if (!v || typeof v !== 'object' || Array.isArray(v))
      throw new InvalidInputError('body: expected a JSON object');
    return v as Record<string, unknown>;
  }
  return formToInput(new URLSearchParams(raw));
}

const FILTER_FIELDS = ['accused', 'accusers', 'targets', 'minConfidence', 'denialOnly'] as const;
const TOP_FIELDS = ['email', 'cadence', 'hour', 'weekday', 'timeZone', 'sendEmpty'] as const;

/** Form fields (checkbox lists repeated, empty fields meaning "unchanged") → input object. */
export function formToInput(f: URLSearchParams): Record<string, unknown> {
  const last = (k: string) => {
    const all = f.getAll(k);
    return all.length ? all[all.length - 1]!.trim() : undefined;
  };
  const out: Record<string, unknown> = {};
  for (const k of TOP_FIELDS) {
    const v = last(k);
    if (v !== undefined && v !== '') out[k] = v;
  }
  const filters: Record<string, unknown> = {};
  for (const k of FILTER_FIELDS) {
    const v = last(k);
    if (v === undefined) continue;
    if (v === '' && (k === 'minConfidence' || k === 'denialOnly')) continue;
    filters[k] = v;
  }
  if (f.has('actions')) filters.actions = f.getAll('actions').filter(Boolean);
  if (Object.keys(filters).length) out.filters = filters;
  return out;
}

function preferencesForm(s: Subscriber, token: string, note?: string): string {
  const opt = (v: string | number, label: string, sel: boolean) =>
    `<option value="${escapeHtml(String(v))}"${sel ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const f = s.filters;
  const text = (name: string, label: string, value: string, hint: string) =>
    `<label for="${name}">${label}</label><input type="text" id="${name}" name="${name}" value="${escapeHtml(value)}"><div class="muted">${escapeHtml(hint)}</div>`;
  const t = encodeURIComponent(token);
  return (
    (note ? `<p><strong>${escapeHtml(note)}</strong></p>` : '') +
    p(`Digests for ${s.email}${s.status === 'confirmed' ? '' : ` (${s.status})`}.`) +
    `<form method="post" action="preferences?token=${t}">` +
    `<label for="cadence">How often</label><select id="cadence" name="cadence">${opt('daily', 'Daily', s.cadence === 'daily')}${opt('weekly', 'Weekly', s.cadence === 'weekly')}</select>` +
    `<label for="weekday">Day (weekly)</label><select id="weekday" name="weekday">${days.map((d, i) => opt(i + 1, d, s.weekday === i + 1)).join('')}</select>` +
    `<label for="hour">Hour</label><select id="hour" name="hour">${Array.from({ length: 24 }, (_, h) => opt(h, `${String(h).padStart(2, '0')}:00`, s.hour === h)).join('')}</select>` +
    text(
      'timeZone',
      'Time zone',
      s.timeZone,
      'An IANA name, e.g. Europe/Berlin or America/New_York.',
    ) +
    text(
      'accused',
      'Accused',
      [...f.accusedCountries, ...f.accusedActors].join(', '),
      'Countries or actors, comma separated (e.g. Russia, APT28). Empty: all.',
    ) +
    text('accusers', 'Accusers', f.accusers.join(', '), 'e.g. US, Microsoft. Empty: all.') +
    text(
      'targets',
      'Targets or sectors',
      f.targets.join(', '),
      'Words in the target, e.g. energy, Ukraine. Empty: all.',
    ) +
    `<label>Actions</label><input type="hidden" name="actions" value="">` +
    ACTIONS.map(
      (a) =>
        `<label style="display:inline-block;font-weight:normal;margin-right:.8rem"><input type="checkbox" name="actions" value="${a}"${f.actions.includes(a) ? ' checked' : ''}> ${a}</label>`,
    ).join('') +
    text(
      'minConfidence',
      'Minimum confidence (0–1)',
      String(f.minConfidence),
      '0 keeps every claim.',
    ) +
    `<input type="hidden" name="denialOnly" value="false"><label style="font-weight:normal"><input type="checkbox" name="denialOnly" value="true"${f.denialOnly ? ' checked' : ''}> Only claims the accused denied or disputed</label>` +
    `<input type="hidden" name="sendEmpty" value="false"><label style="font-weight:normal"><input type="checkbox" name="sendEmpty" value="true"${s.sendEmpty ? ' checked' : ''}> Send a digest even when nothing new matched</label>` +
    `<p><button type="submit">Save</button></p></form>`
  );
}

export function subscriptionRoutes(deps: SubscriptionRouteDeps): Route[] {
  const cfg = (req: ApiRequest): SubscriptionConfig => ({
    ...deps.config,
    baseUrl: deps.config.baseUrl ?? req.baseUrl,
  });

  return [
    {
      method: 'POST',
      pattern: '/subscriptions',
      handler: async (req) => {
        try {
          await subscribe(deps, cfg(req), parseBody(req));
        } catch (e) {
          if (e instanceof InvalidInputError) return invalid(req, e);
          throw e;
        }
        return reply(req, 202, 'Check your inbox', ACCEPTED);
      },
    },
    {
      method: 'GET',
      pattern: '/subscriptions/confirm',
      handler: async (req) => {
        const r = await confirmByToken(deps, cfg(req), req.query.token);
        if (!r.ok) return refusal(req, r);
        const message =
          r.status === 'confirmed'
            ? 'Your subscription is confirmed. The first digest arrives at the next delivery time.'
            : 'Your subscription was already confirmed. Nothing was changed.';
        return reply(req, 200, 'Subscription confirmed', {
          status: r.status,
          message,
          nextDigestAt: r.subscriber.nextDueAt,
        });
      },
    },
    {
      method: 'GET',
      pattern: '/subscriptions/unsubscribe',
      handler: async (req) => {
        const r = await checkUnsubscribeToken(deps, cfg(req), req.query.token);
        if (!r.ok) return refusal(req, r);
        const done = r.subscriber.status === 'unsubscribed';
        const message = done
          ? 'This address is already unsubscribed.'
          : 'Press the button to stop receiving Attribution Watch digests at this address.';
        return reply(
          req,
          200,
          done ? 'Unsubscribed' : 'Unsubscribe',
          { status: done ? 'unsubscribed' : 'subscribed', message, unsubscribe: 'POST this URL' },
          p(message) +
            (done
              ? ''
              : `<form method="post" action="unsubscribe?token=${encodeURIComponent(req.query.token ?? '')}"><button type="submit">Unsubscribe</button></form>`),
        );
      },
    },
    {
      method: 'POST',
      pattern: '/subscriptions/unsubscribe',
      handler: async (req) => {
        const r = await unsubscribeByToken(deps, cfg(req), req.query.token);
        if (!r.ok) return refusal(req, r);
        return reply(req, 200, 'Unsubscribed', {
          status: 'unsubscribed',
          message:
            r.status === 'unsubscribed'
              ? 'You are unsubscribed. No more digests will be sent to this address.'
              : 'This address was already unsubscribed.',
        });
      },
    },
    {
      method: 'GET',
      pattern: '/subscriptions/preferences',
      handler: async (req) => {
        const r = await preferencesByToken(deps, cfg(req), req.query.token);
        if (!r.ok) return refusal(req, r);
        return reply(
          req,
          200,
          'Your digest preferences',
          { status: 'ok', subscription: publicView(r.subscriber) },
          preferencesForm(r.subscriber, req.query.token ?? ''),
        );
      },
    },
    {
      method: 'POST',
      pattern: '/subscriptions/preferences',
      handler: async (req) => {
        let r: LinkOutcome;
        try {
          r = await preferencesByToken(deps, cfg(req), req.query.token, parseBody(req));
        } catch (e) {
          if (e instanceof InvalidInputError) return invalid(req, e);
          throw e;
        }
        if (!r.ok) return refusal(req, r);
        return reply(
          req,
          200,
          'Preferences saved',
          { status: 'updated', subscription: publicView(r.subscriber) },
          preferencesForm(r.subscriber, req.query.token ?? '', 'Saved.'),
        );
      },
    },
  ];
}
