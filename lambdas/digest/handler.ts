/**
 * The digest Lambda, run by the schedules: the due subscribers' digests (core `runDigests`, the
 * same the CLI `digest send` calls) and, on the daily and weekly schedules, the operator
 * recipients' digests (core `sendDigest`), all through SES v2. Each subscriber or recipient and
 * period has its own run record, so a retry after a partial failure sends only what was not sent.
 * Subscriber digests need TOKEN_SECRET (the link-signing secret) and PUBLIC_BASE_URL (the API's
 * public URL, for links); without them only the operator recipients get digests.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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

export function makeHandler(getDeps: () => DigestHandlerDeps) {
  return async (event: unknown, context?: Context): Promise<DigestResult> => {
    const deps = getDeps();
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

let deps: DigestHandlerDeps | undefined;

function defaultDeps(): DigestHandlerDeps {
  if (deps) return deps;
  const env = readEnv({
    TABLE_NAME: z.string().min(1),
    SENDER_EMAIL: z.email(),
    DIGEST_RECIPIENTS: z.string().transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
    SES_CONFIGURATION_SET: z.string().min(1).optional(),
    TOKEN_SECRET: z.string().min(32).optional(),
    PUBLIC_BASE_URL: z.url().optional(),
  });
  deps = {
    store: new DynamoStore({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME }),
    mailer: new SesMailer({
      client: new SESv2Client({}),
      configurationSetName: env.SES_CONFIGURATION_SET,
    }),
    clock: systemClock,
    logger: powertoolsLogger(),
    metrics: powertoolsMetrics(),
    from: env.SENDER_EMAIL,
    recipients: env.DIGEST_RECIPIENTS,
    subscriptions:
      env.TOKEN_SECRET && env.PUBLIC_BASE_URL
        ? { tokenSecret: env.TOKEN_SECRET, baseUrl: env.PUBLIC_BASE_URL, from: env.SENDER_EMAIL }
        : undefined,
  };
  return deps;
}

export const handler = makeHandler(defaultDeps);
