/** Builds the stack for template tests, from context values as `-c` would give them. */
import { App } from 'aws-cdk-lib';
import { AttributionWatchStack } from '../../lib/attribution-watch-stack';
import { loadConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/constructs/watch-function';

export const TEST_CONTEXT = {
  senderEmail: 'digest@example.org',
  operatorEmail: 'ops@example.org',
  allowedOrigins: 'https://watch.example.org',
};

/** A stack without bundling (fast): the `aws:cdk:bundling-stacks` context lists none. */
export function buildStack(context: Record<string, unknown> = TEST_CONTEXT, bundle = false) {
  const app = new App({
    context: { ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context },
  });
  const stack = new AttributionWatchStack(app, 'TestStack', {
    config: loadConfig(app, PROJECT_ROOT),
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  return { app, stack };
}
