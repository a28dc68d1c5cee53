/**
 * The digest Lambda, run by the schedules: the due subscribers' digests (core `runDigests`, the
 * same the CLI `digest send` calls) and, on the daily and weekly schedules, the operator
 * recipients' digests (core `sendDigest`), all through SES v2. Each subscriber or recipient and
 * period has its own run record, so a retry after a partial failure sends only what was not sent.
 * Subscriber digests need SIGNING_SECRET_ARN (the stack's Secrets Manager secret, from which the
 * link-signing key is derived) and PUBLIC_BASE_URL (the API's public URL, for links); without them
 * only the operator recipients get digests. Before the digests the core runs the incident job
 * (new incidents first, then updates to known ones, then the claims).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { type DigestOutcome, sendDigest } from '../core/digest/send';
import {
  runDigests,
  type SubscriberDigestConfig,
  type SubscriberDigestStatus,
} from '../core/digest/subscribers';
import { errorMessage } from '../core/fetch/errors';
import { type Clock, type Mailer, type Store, systemClock } from '../core/ports';
import {
  type LambdaLogger,
  type MetricsSink,
  powertoolsLogger,
  powertoolsMetrics,
  readEnv,
} from '../adapters/aws-env';
import { DynamoStore } from '../adapters/dynamo-store';
import { METRIC } from '../adapters/metric-names';
import { SesMailer } from '../adapters/ses-mailer';
import { loadSigningKeys, once } from '../adapters/signing-keys';

/** The schedules' input (lib/constructs/digests.ts). */
export const DigestEventSchema = z.object({
  kind: z.literal('digest'),
  /** `hourly` runs the subscribers' digests only (they choose their own hour and time zone). */
  period: z.enum(['daily', 'weekly', 'hourly']),
  scheduledTime: z.string().optional(),
});

export interface DigestHandlerDeps {
  store: Store;
  mailer: Mailer;
  clock: Clock;
  logger: LambdaLogger;
  metrics: MetricsSink;
  from: string;
  recipients: string[];
  /** Subscriber digests; off when absent. */
  subscriptions?: SubscriberDigestConfig;
}

export interface DigestResult {
  period: 'daily' | 'weekly' | 'hourly';
  results: {
    to: string;
    status: DigestOutcome['status'] | SubscriberDigestStatus | 'error';
    claims: number;
  }[];
}

const LOOKBACK_DAYS = { daily: 1, weekly: 7 } as const;

/**
 * The incident job the core runs before each digest (so digests list current incidents): at
 * most 45 s of the Lambda's 2 minutes, the rest left for sending; the poll Lambda or the next
 * run continues from its watermark.
 */
export const DIGEST_INCIDENT_SYNC = { leaseSeconds: 240, budgetMs: 45_000 } as const;

/** `getDeps` may be async (the production factory memoizes; tests pass their own deps). */
export function makeHandler(getDeps: () => DigestHandlerDeps | Promise<DigestHandlerDeps>) {
  return async (event: unknown, context?: Context): Promise<DigestResult> => {
    const deps = await getDeps();
    const { logger, metrics } = deps;
    if (context) logger.addContext?.(context);
    const parsed = DigestEventSchema.safeParse(event);
    if (!parsed.success) {
      throw new Error(`digest: unexpected event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const { period } = parsed.data;
    const results: DigestResult['results'] = [];
    const errors: string[] = [];
    try {
      if (deps.subscriptions) {
        await runDigests(deps, deps.subscriptions, {
          incidentSync: DIGEST_INCIDENT_SYNC,
          onResult: (r) => {
            results.push({ to: r.email, status: r.status, claims: r.claims });
            if (r.status === 'sent') metrics.count(METRIC.digestsSent, 1);
            if (r.status === 'error') {
              errors.push(`${r.email}: ${r.error}`);
              logger.error('digest failed', { period, subscriber: r.subscriberId, error: r.error });
            } else
              logger.info('digest', {
                period,
                subscriber: r.subscriberId,
                status: r.status,
                claims: r.claims,
                id: r.messageId,
              });
          },
        });
      }
      for (const to of period === 'hourly' ? [] : deps.recipients) {
        try {
          const r = await sendDigest(deps, {
            to,
            from: deps.from,
            channel: `${period}#${to.toLowerCase()}`,
            firstLookbackDays: LOOKBACK_DAYS[period as 'daily' | 'weekly'],
            incidentSync: DIGEST_INCIDENT_SYNC,
          });
          results.push({ to, status: r.status, claims: r.claims });
          if (r.status === 'sent') metrics.count(METRIC.digestsSent, 1);
          logger.info('digest', {
            period,
            to,
            status: r.status,
            claims: r.claims,
            id: r.messageId,
          });
        } catch (e) {
          // One recipient's failure must not starve the others; the run fails at the end.
          errors.push(`${to}: ${errorMessage(e)}`);
          results.push({ to, status: 'error', claims: 0 });
          logger.error('digest failed', { period, to, error: errorMessage(e) });
        }
      }
    } finally {
      metrics.flush();
    }
    if (errors.length) throw new Error(`digest failed for ${errors.join('; ')}`);
    return { period, results };
  };
}

/**
 * The production deps, built on the first invocation and kept for the container's life: the
 * environment and, for subscriber digests, the token key from Secrets Manager (one
 * GetSecretValue per cold start). Nothing is read at import.
 */
export function depsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<DigestHandlerDeps> {
  return once(async () => {
    const e = readEnv(
      {
        TABLE_NAME: z.string().min(1),
        SENDER_EMAIL: z.email(),
        DIGEST_RECIPIENTS: z
          .string()
          .default('')
          .transform((s) =>
            s
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean),
          ),
        SES_CONFIGURATION_SET: z.string().min(1).optional(),
        // The stack's generated secret (link signing) and the API's URL (links).
        SIGNING_SECRET_ARN: z.string().min(1).optional(),
        PUBLIC_BASE_URL: z.url().optional(),
      },
      env,
    );
    const keys =
      e.SIGNING_SECRET_ARN && e.PUBLIC_BASE_URL
        ? await loadSigningKeys(e.SIGNING_SECRET_ARN, new SecretsManagerClient({}))
        : undefined;
    return {
      store: new DynamoStore({ client: new DynamoDBClient({}), tableName: e.TABLE_NAME }),
      mailer: new SesMailer({
        client: new SESv2Client({}),
        configurationSetName: e.SES_CONFIGURATION_SET,
      }),
      clock: systemClock,
      logger: powertoolsLogger(),
      metrics: powertoolsMetrics(),
      from: e.SENDER_EMAIL,
      recipients: e.DIGEST_RECIPIENTS,
      subscriptions:
        keys && e.PUBLIC_BASE_URL
          ? { tokenSecret: keys.tokenSecret, baseUrl: e.PUBLIC_BASE_URL, from: e.SENDER_EMAIL }
          : undefined,
    };
  });
}

export const handler = makeHandler(depsFromEnv());
