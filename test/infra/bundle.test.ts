/**
 * One real synth with bundling (esbuild, no Docker): every handler bundles, the process bundle
 * carries jsdom's XHR worker, the API bundle the web explorer, the poll bundle the configured
 * feeds, cdk-nag passes during synth, and each bundle loads in Node with only the AWS SDK outside
 * it (the API bundle answers /health and serves GET /).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AttributionWatchStack } from '../../lib/attribution-watch-stack';
import { loadConfig } from '../../lib/config';
import { PROJECT_ROOT } from '../../lib/constructs/watch-function';
import { SDK_NODE_WARNING_SWITCH } from '../../lambdas/adapters/sdk-node-warning';
import { TEST_CONTEXT } from './synth';

jest.setTimeout(180_000);

let outdir: string;
let assets: Record<string, string>;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-synth-'));
  const app = new App({ outdir, context: TEST_CONTEXT });
  const stack = new AttributionWatchStack(app, 'BundleStack', {
    config: loadConfig(app, PROJECT_ROOT),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth(); // throws if cdk-nag reports anything
  const template = JSON.parse(
    fs.readFileSync(path.join(outdir, `${stack.stackName}.template.json`), 'utf8'),
  ) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  assets = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const key = (r.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const name = ['Poll', 'Process', 'Digest', 'Api'].find((n) => id.includes(`${n}Function`))!;
    assets[name] = path.join(outdir, `asset.${key}`);
  }
});

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/**
 * Runs a script in a fresh Node with only the repo's node_modules (for @aws-sdk) reachable, and
 * returns its stdout; it must exit 0 and print nothing on stderr.
 */
function node(script: string, env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: os.tmpdir(),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'),
      AWS_REGION: 'eu-west-1',
      // As on Lambda's Node 24: no SDK warning about Node 20 on stderr.
      [SDK_NODE_WARNING_SWITCH]: 'true',
      ...env,
    },
    encoding: 'utf8',
  });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  return r.stdout;
}

it('bundles all four handlers, minified with source maps', () => {
  expect(Object.keys(assets).sort()).toEqual(['Api', 'Digest', 'Poll', 'Process']);
  for (const dir of Object.values(assets)) {
    expect(fs.existsSync(path.join(dir, 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'index.js.map'))).toBe(true);
  }
});

it('copies the jsdom XHR worker next to the process bundle', () => {
  expect(fs.existsSync(path.join(assets.Process!, 'xhr-sync-worker.js'))).toBe(true);
});

it('copies the web explorer next to the API bundle', () => {
  for (const file of ['index.html', 'app.js', 'app.css'])
    expect(fs.readFileSync(path.join(assets.Api!, 'web', file), 'utf8')).toBe(
      fs.readFileSync(path.join(PROJECT_ROOT, 'web', file), 'utf8'),
    );
});

it('inlines the configured feed list into the poll bundle', () => {
  expect(fs.readFileSync(path.join(assets.Poll!, 'index.js'), 'utf8')).toContain(
    'https://therecord.media/feed/',
  );
});

it('keeps the AWS SDK out of the bundles', () => {
  for (const dir of Object.values(assets)) {
    const js = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(js).toMatch(/require\("@aws-sdk\/client-dynamodb"\)/);
    expect(js).not.toContain('DynamoDBServiceException=class');
  }
});

it('loads every bundle, and the API bundle answers /health', () => {
  for (const [name, dir] of Object.entries(assets)) {
    const out = node(
      `const m = require(${JSON.stringify(path.join(dir, 'index.js'))}); process.stdout.write(typeof m.handler);`,
    );
    expect([name, out]).toEqual([name, 'function']);
  }
  const reply = node(
    `require(${JSON.stringify(path.join(assets.Api!, 'index.js'))}).handler({ rawPath: '/health', requestContext: { http: { method: 'GET' } } }).then((r) => process.stdout.write(JSON.stringify(r)));`,
    { TABLE_NAME: 'aw-test' },
  );
  expect(JSON.parse(reply)).toMatchObject({ statusCode: 200 });
  const page = node(
    `require(${JSON.stringify(path.join(assets.Api!, 'index.js'))}).handler({ rawPath: '/', requestContext: { http: { method: 'GET' } } }).then((r) => process.stdout.write(JSON.stringify(r)));`,
    { TABLE_NAME: 'aw-test' },
  );
  expect(JSON.parse(page)).toMatchObject({
    statusCode: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: expect.stringContaining('<title>Attribution Watch — explorer</title>'),
  });
});
