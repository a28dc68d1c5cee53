/**
 * A change to the detector's output must come with a new DETECTOR_VERSION, or `reprocess` would
 * never revisit articles processed by the old rules (see scripts/detector-fingerprint.ts).
 */
import fs from 'node:fs';
import { FINGERPRINT_FILE, fingerprint } from '../../scripts/detector-fingerprint';

describe('the detector version', () => {
  it('is the one that produced the recorded output over the corpus', () => {
    const recorded = JSON.parse(fs.readFileSync(FINGERPRINT_FILE, 'utf8')) as {
      version: string;
      sha256: string;
      articles: number;
    };
    const now = fingerprint();
    const same = now.sha256 === recorded.sha256 && now.articles === recorded.articles;
    if (!same && now.articles === recorded.articles && now.version === recorded.version)
      throw new Error(
        `The detector's output changed but DETECTOR_VERSION is still ${now.version}: bump it, then record it with \`npx tsx scripts/detector-fingerprint.ts --write\`.`,
      );
    if (!same || now.version !== recorded.version)
      throw new Error(
        `Record the fingerprint of ${now.version} over ${now.articles} articles: \`npx tsx scripts/detector-fingerprint.ts --write\`.`,
      );
    expect(now).toEqual(recorded);
  });
});
