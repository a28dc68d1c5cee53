/** Token signing and address rules, table-driven. */
import { normalizeEmail } from '../../lambdas/core/subscriptions/model';
import { signToken, verifyToken } from '../../lambdas/core/subscriptions/tokens';

const SECRET = 'k'.repeat(32);
const now = new Date('2026-11-20T12:00:00Z');

it('verifies its own tokens for their purpose until they expire', () => {
  const t = signToken(SECRET, 'unsubscribe', 's_1', now, { ttlSeconds: 60 });
  expect(verifyToken(SECRET, t, 'unsubscribe', now)).toMatchObject({
    ok: true,
    payload: { s: 's_1' },
  });
  expect(verifyToken(SECRET, t, 'confirm', now)).toEqual({ ok: false, reason: 'wrong-purpose' });
  expect(verifyToken(SECRET, t, 'unsubscribe', new Date(now.getTime() + 61_000))).toEqual({
    ok: false,
    reason: 'expired',
  });
  expect(verifyToken('x'.repeat(32), t, 'unsubscribe', now)).toEqual({
    ok: false,
    reason: 'forged',
  });
});

it('refuses short secrets', () => {
  expect(() => signToken('short', 'confirm', 's', now)).toThrow(/32 bytes/);
});

it.each([
  ['Ada@Example.org', 'ada@example.org'],
  ['  bob+news@mail.example.co.uk ', 'bob+news@mail.example.co.uk'],
  ['no-at-sign', undefined],
  ['a@localhost', undefined],
  ['a..b@example.org', undefined],
  ['.a@example.org', undefined],
  ['a b@example.org', undefined],
  ['"quoted"@example.org', undefined],
  ['a@example.org\r\nBcc: x@example.org', undefined],
  [`${'a'.repeat(65)}@example.org`, undefined],
])('normalizes %j to %j', (input, want) => {
  expect(normalizeEmail(input)).toBe(want);
});
