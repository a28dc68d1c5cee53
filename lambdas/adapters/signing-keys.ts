/**
 * The Lambdas' signing keys, from the one Secrets Manager secret the stack generates
 * (SIGNING_SECRET_ARN): read once per cold start by a handler's deps factory, never at import.
 * Two keys are derived from the secret's value with HMAC-SHA256 under distinct labels, so the
 * /claims cursor key and the subscription token key are independent: knowing one says nothing
 * about the other, and one secret means one thing to rotate.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createHmac } from 'node:crypto';

export interface SigningKeys {
  /** HMAC key of /claims cursors. */
  cursorSecret: string;
  /** HMAC key of subscription links (confirm, unsubscribe, preferences); 64 hex characters. */
  tokenSecret: string;
}

/** Fewer characters than this is not a key the stack generated (it makes 64). */
const MIN_SECRET_LENGTH = 32;

/** Derives the keys from the secret's value (pure; the CLI and tests call it too). */
export function deriveSigningKeys(material: string): SigningKeys {
  if (material.length < MIN_SECRET_LENGTH)
    throw new Error(`the signing secret must be at least ${MIN_SECRET_LENGTH} characters`);
  const derive = (label: string) =>
    createHmac('sha256', material).update(`attribution-watch/${label}/v1`).digest('hex');
  return { cursorSecret: derive('cursor'), tokenSecret: derive('subscription-token') };
}

/** Reads the secret's current value and derives the keys. */
export async function loadSigningKeys(
  secretId: string,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): Promise<SigningKeys> {
  const r = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (typeof r.SecretString !== 'string')
    throw new Error(`the signing secret ${secretId} has no string value`);
  return deriveSigningKeys(r.SecretString);
}

/**
 * Memoizes an async factory for the life of the container: the first call runs it, later calls
 * share its result. A failed run is forgotten, so the next invocation tries again instead of the
 * container failing until it is recycled.
 */
export function once<T>(factory: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= factory().catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}
