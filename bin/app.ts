#!/usr/bin/env node
/**
 * The CDK app: one stack, configured from cdk.json context and `-c key=value` (lib/config.ts).
 * `npx cdk deploy -c senderEmail=digest@example.org -c operatorEmail=ops@example.org`
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AttributionWatchStack } from '../lib/attribution-watch-stack';
import { loadConfig } from '../lib/config';
import { PROJECT_ROOT } from '../lib/constructs/watch-function';

const app = new App();
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'AttributionWatch';
new AttributionWatchStack(app, stackName, {
  config: loadConfig(app, PROJECT_ROOT),
  description: 'Attribution Watch: cyber attribution claims in the news (serverless)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
