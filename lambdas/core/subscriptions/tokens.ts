/**
 * Signed, expiring links: `<payload>.<signature>`, both base64url, the signature an HMAC-SHA256
 * of the payload with a secret the caller passes in (configuration locally, Secrets Manager on
 * AWS). Tokens carry a purpose, so a preferences link cannot unsubscribe and an unsubscribe link
 * cannot confirm.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

export interface TokenPayload {
  /** Purpose. */
  p: TokenPurpose;
  /** Subscriber id. */
  s: string;
  /** Expiry, seconds since the epoch. */
  e: number;
  /** Nonce of a confirmation link (one pending confirmation at a time). */
  n?: string;
}

/** How long links live: confirmation two days; links in digests long enough to outlive an inbox. */
export const TOKEN_TTL_SECONDS: Record<TokenPurpose, number> = {
  confirm: 2 * 86_400,
  unsubscribe: 400 * 86_400,
  preferences: 400 * 86_400,
};

export type TokenCheck =
  | { ok: true; payload: TokenPayload }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'wrong-purpose' };

export class TokenSecretError extends Error {}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || Buffer.byteLength(secret) < 32)
    throw new TokenSecretError('the token secret must be at least 32 bytes');
}

function sign(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function signToken(
  secret: string,
  p: TokenPurpose,
  subscriberId: string,
  now: Date,
  extra: { nonce?: string; ttlSeconds?: number } = {},
): string {
  checkSecret(secret);
  const payload: TokenPayload = {
    p,
    s: subscriberId,
    e: Math.floor(now.getTime() / 1000) + (extra.ttlSeconds ?? TOKEN_TTL_SECONDS[p]),
    ...(extra.nonce ? { n: extra.nonce } : {}),
  };
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${data}.${sign(secret, data)}`;
}

export function verifyToken(
  secret: string,
  token: string | undefined,
  purpose: TokenPurpose,
  now: Date,
): TokenCheck {
  checkSecret(secret);
  if (!token || token.length > 1000 || !/^[\w-]+\.[\w-]+$/.test(token))
    return { ok: false, reason: 'malformed' };
  const [data, sig] = token.split('.') as [string, string];
  const want = Buffer.from(sign(secret, data));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got))
    return { ok: false, reason: 'forged' };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload?.s !== 'string' || typeof payload.e !== 'number')
    return { ok: false, reason: 'malformed' };
  if (payload.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (payload.e * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}
