/**
 * The detector's output over the whole corpus, hashed, next to the version it claims to be.
 *
 * Stored claims remember the detector version that produced them, and `reprocess` re-runs only
 * articles processed by another version — so a change to the rules that changes any output must
 * come with a new `DETECTOR_VERSION`. `test/unit/detector-version.test.ts` enforces it against
 * `test/fixtures/detect/fingerprint.json`; after bumping the version, record the new fingerprint:
 *
 *   npx tsx scripts/detector-fingerprint.ts --write
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultDetector } from '../lambdas/core/detect/detector';
import { loadCorpus } from './eval-lib';

export const FINGERPRINT_FILE = path.join(
  __dirname,
  '..',
  'test',
  'fixtures',
  'detect',
  'fingerprint.json',
);

export function fingerprint(): { version: string; sha256: string; articles: number } {
  const detector = defaultDetector();
  const hash = crypto.createHash('sha256');
  const articles = [...loadCorpus('dev'), ...loadCorpus('test')];
  for (const a of articles)
    hash.update(JSON.stringify(detector.detect({ id: a.id, text: a.text, title: a.title })));
  return { version: detector.version, sha256: hash.digest('hex'), articles: articles.length };
}

if (require.main === module) {
  const f = fingerprint();
  if (process.argv.includes('--write')) {
    fs.writeFileSync(FINGERPRINT_FILE, `${JSON.stringify(f, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), FINGERPRINT_FILE)}`);
  }
  console.log(JSON.stringify(f));
}
