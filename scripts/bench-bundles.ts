/**
 * Lambda bundles: synthesizes the stack with real esbuild bundling, then reports each handler's
 * zipped size (deflate of every file, as a zip stores them) against the goals (process ≤ 1.5 MB,
 * others ≤ 300 KB), and its module init time: `require()` of the bundle in a fresh Node, median
 * of several runs, next to the require time of an empty module measured the same way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { AttributionWatchStack } from '../lib/attribution-watch-stack';
import { loadConfig } from '../lib/config';
import { PROJECT_ROOT } from '../lib/constructs/watch-function';
import { SDK_NODE_WARNING_SWITCH } from '../lambdas/adapters/sdk-node-warning';

export interface BundleFigure {
  name: string;
  files: number;
  rawKb: number;
  zippedKb: number;
  goalKb: number;
  initMs: number;
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function requireMs(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: os.tmpdir(),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'),
        AWS_REGION: 'eu-west-1',
        // As on Lambda's Node 24: no SDK warning about Node 20 on stderr.
        [SDK_NODE_WARNING_SWITCH]: 'true',
      },
      encoding: 'utf8',
    });
    runs.push(Number(out));
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

export async function benchBundles(): Promise<{ baselineMs: number; bundles: BundleFigure[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-bench-synth-'));
  try {
    const app = new App({
      outdir,
      context: { senderEmail: 'digest@example.org', operatorEmail: 'ops@example.org' },
    });
    const stack = new AttributionWatchStack(app, 'BenchStack', {
      config: loadConfig(app, PROJECT_ROOT),
    });
    app.synth();
    const template = JSON.parse(
      fs.readFileSync(path.join(outdir, `${stack.stackName}.template.json`), 'utf8'),
    ) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const empty = path.join(outdir, 'empty.js');
    fs.writeFileSync(empty, 'module.exports = {};\n');
    const baselineMs = requireMs(empty);
    const bundles: BundleFigure[] = [];
    for (const [id, r] of Object.entries(template.Resources)) {
      if (r.Type !== 'AWS::Lambda::Function') continue;
      const name = ['Poll', 'Process', 'Digest', 'Api'].find((n) => id.includes(`${n}Function`));
      if (!name) continue;
      const dir = path.join(
        outdir,
        `asset.${(r.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '')}`,
      );
      const files = walk(dir).filter((f) => !f.endsWith('.map'));
      const raw = files.reduce((a, f) => a + fs.statSync(f).size, 0);
      const zipped = files.reduce(
        (a, f) => a + zlib.deflateRawSync(fs.readFileSync(f), { level: 9 }).length + 100,
        0,
      );
      bundles.push({
        name,
        files: files.length,
        rawKb: Math.round(raw / 1024),
        zippedKb: Math.round(zipped / 1024),
        goalKb: name === 'Process' ? 1536 : 300,
        initMs: requireMs(path.join(dir, 'index.js')),
      });
    }
    return { baselineMs, bundles: bundles.sort((a, b) => a.name.localeCompare(b.name)) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export function printBundles(r: Awaited<ReturnType<typeof benchBundles>>): void {
  console.log('## Lambda bundles (esbuild, minified, AWS SDK external; source maps not counted)');
  console.log(`require() of an empty module: ${r.baselineMs.toFixed(2)} ms`);
  for (const b of r.bundles) {
    console.log(
      `  ${b.name.padEnd(8)} ${String(b.zippedKb).padStart(5)} KB zipped (${b.rawKb} KB raw, ${b.files} files; goal ≤ ${b.goalKb} KB ${b.zippedKb <= b.goalKb ? '✓' : '✗'})  init ${b.initMs.toFixed(1)} ms (${(b.initMs / r.baselineMs).toFixed(0)}× empty)`,
    );
  }
}
