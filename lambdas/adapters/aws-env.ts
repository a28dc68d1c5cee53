/**
 * Lambda-side wiring shared by the handlers: the environment the stack sets, read and validated
 * once (the core never reads process.env), and the Powertools logger and metrics behind the
 * small interfaces the handlers use.
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import type { Logger } from '../core/logger';

/** Reads and validates the variables a handler needs; a missing one fails the cold start loudly. */
export function readEnv<T extends z.ZodRawShape>(
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<T>> {
  const r = z.object(shape).safeParse(env);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Lambda environment is invalid: ${problems}`);
  }
  return r.data;
}

/** The core Logger port, plus Powertools' per-invocation context (request id, cold start). */
export type LambdaLogger = Logger & { addContext?(context: Context): void };

/** Counters for CloudWatch (EMF); see metric-names.ts. */
export interface MetricsSink {
  count(name: string, value: number): void;
  /** Writes the buffered metrics (once per invocation). */
  flush(): void;
}

/**
 * The core Logger port on Powertools' Logger (JSON lines, request id and cold start from
 * `addContext`). Powertools types its extra argument as a required tuple element, so the
 * optional `data` of the port is forwarded only when present.
 */
export function powertoolsLogger(logger = new PowertoolsLogger()): LambdaLogger {
  const level =
    (fn: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, data?: Record<string, unknown>) =>
      data ? logger[fn](message, data) : logger[fn](message);
  return {
    debug: level('debug'),
    info: level('info'),
    warn: level('warn'),
    error: level('error'),
    addContext: (context) => logger.addContext(context),
  };
}

/** EMF metrics; namespace and service come from the POWERTOOLS_* variables the stack sets. */
export function powertoolsMetrics(): MetricsSink {
  const m = new Metrics();
  return {
    count: (name, value) => {
      m.addMetric(name, MetricUnit.Count, value);
    },
    flush: () => {
      m.publishStoredMetrics();
    },
  };
}

/** Discards metrics (tests that do not look at them). */
export const noMetrics: MetricsSink = { count() {}, flush() {} };

/**
 * ALLOWED_PRIVATE_ADDRESSES: exact private addresses the SSRF guard lets the poll and process
 * Lambdas reach (comma-separated, e.g. an internal feed proxy's `10.0.0.12`, or `127.0.0.1` in
 * test/aws). The stack never sets it; unset, every private address stays refused.
 */
export const privateAddressesEnv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.union([z.ipv4(), z.ipv6()])));
