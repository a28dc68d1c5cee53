/**
 * The stack's configuration, in one typed place. Values come from cdk.json `context` (the
 * defaults) and `-c key=value` on the command line (which override them). Invalid values fail
 * synth with one line per problem, naming the key.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { parseFeedsConfig, type FeedConfig } from '../lambdas/core/feeds/registry';

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

const scheduleExpression = z
  .string()
  .trim()
  .regex(
    /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/,
    'an EventBridge Scheduler expression such as "rate(15 minutes)" or "cron(0 7 * * ? *)"',
  );

/** `-c list=a,b` arrives as a string; cdk.json can hold a real array. Both are accepted. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );

const origin = z
  .string()
  .refine(
    (s) => s === '*' || /^https?:\/\/[^/\s]+$/.test(s),
    'an origin such as "https://example.org" (scheme and host, no path) or "*"',
  );

/** `-c n=5` arrives as a string. */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const ConfigSchema = z
  .object({
    /** The default feed list (path relative to the project root), seeded on the first poll. */
    feedsFile: z.string().min(1).default('feeds.json'),
    /** How often the poll Lambda runs. */
    scheduleExpression: scheduleExpression.default('rate(15 minutes)'),
    /** Minutes between polls of one feed (its own schedule, with backoff after errors). */
    feedIntervalMinutes: int(1, 24 * 60).default(15),
    dailyDigestSchedule: scheduleExpression.default('cron(0 7 * * ? *)'),
    weeklyDigestSchedule: scheduleExpression.default('cron(0 7 ? * MON *)'),
    /** Subscriber digests (each subscriber's own hour is checked by the Lambda). */
    hourlyDigestSchedule: scheduleExpression.default('cron(0 * * * ? *)'),
    /** IANA time zone of the digest schedules. */
    scheduleTimeZone: z.string().min(1).default('UTC'),
    /** A verified SES identity (address, or an address at a verified domain). Digests are off without it. */
    senderEmail: z.email().optional(),
    /** Who gets digests. @default [operatorEmail] */
    digestRecipients: list(z.email()).optional(),
    /** An existing SES configuration set; the stack creates one when this is empty. */
    configurationSetName: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-", at most 64')
      .optional(),
    /** Alarm notifications by email (confirm the SNS subscription mail). */
    operatorEmail: z.email().optional(),
    /** CORS origins for the HTTP API; empty disables CORS. */
    allowedOrigins: list(origin).default([]),
    apiRateLimit: int(1, 10_000).default(10),
    apiBurstLimit: int(1, 5_000).default(20),
    logRetentionDays: z.coerce
      .number()
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), {
        message: `one of ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
    /** `destroy` for throwaway stacks: no deletion protection, the table goes with the stack. */
    removalPolicy: z.enum(['retain', 'destroy']).default('retain'),
    processTimeoutSeconds: int(10, 900).default(90),
    processMemoryMb: int(256, 10_240).default(1024),
    /** Messages per process invocation. */
    processBatchSize: int(1, 10).default(5),
    /** Process Lambdas at once (SQS event source maximum concurrency, at least 2). */
    processMaxConcurrency: int(2, 1000).default(4),
    /** Deliveries before a job goes to the dead-letter queue. */
    maxReceiveCount: int(3, 5).default(4),
  })
  .strict();

export type AppConfig = z.infer<typeof ConfigSchema> & {
  /** The validated default feeds, as the poll Lambda receives them. */
  feeds: FeedConfig[];
  /** Who gets the operator digests, resolved (may be empty: subscriber digests only). */
  recipients: string[];
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The context keys this app reads. */
export const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as (keyof typeof ConfigSchema.shape)[];

/**
 * Validates raw configuration values. `projectRoot` resolves `feedsFile`.
 * @throws ConfigError listing every invalid key
 */
export function parseConfig(raw: Record<string, unknown>, projectRoot: string): AppConfig {
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.join('.') || '(context)'}: ${i.message}`);
    throw new ConfigError(
      `Invalid Attribution Watch configuration (cdk.json "context" or -c key=value):\n${lines.join('\n')}`,
    );
  }
  const cfg = r.data;
  const file = path.resolve(projectRoot, cfg.feedsFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `Invalid Attribution Watch configuration: feedsFile: cannot read ${file} (${(e as Error).message})`,
    );
  }
  let feeds: FeedConfig[];
  try {
    feeds = parseFeedsConfig(text, cfg.feedsFile);
  } catch (e) {
    throw new ConfigError(
      `Invalid Attribution Watch configuration: feedsFile: ${(e as Error).message}`,
    );
  }
  const recipients = cfg.digestRecipients ?? (cfg.operatorEmail ? [cfg.operatorEmail] : []);
  return { ...cfg, feeds, recipients };
}

/** Reads the configuration from a construct's context (cdk.json and -c). */
export function loadConfig(scope: Construct, projectRoot = process.cwd()): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const v: unknown = scope.node.tryGetContext(key);
    // An empty `-c key=` means "not set".
    if (v !== undefined && v !== '') raw[key] = v;
  }
  return parseConfig(raw, projectRoot);
}
