/**
 * The lenient-parsing fixtures (test/fixtures/feeds/lenient, small feeds written for these
 * tests) and what a reader expects from each: its items, whether it is marked recovered, or the
 * error it is refused with (expected.json).
 */
import fs from 'node:fs';
import path from 'node:path';

export const LENIENT_DIR = path.join(__dirname, '..', 'fixtures', 'feeds', 'lenient');

export interface LenientCase {
  file: string;
  contentType: string;
  /** [title, path and query of the link] */
  items: [string, string][];
  /** A fragment of the recovery reason; absent for feeds that parse without recovery. */
  recovered?: string;
  /** The whole error of a feed with nothing to recover. */
  error?: string;
}

export const LENIENT_CASES: LenientCase[] = Object.entries(
  JSON.parse(fs.readFileSync(path.join(LENIENT_DIR, 'expected.json'), 'utf8')) as Record<
    string,
    Omit<LenientCase, 'file'> | string
  >,
)
  .filter((e): e is [string, Omit<LenientCase, 'file'>] => typeof e[1] === 'object')
  .map(([file, c]) => ({ ...c, file, items: c.items ?? [] }));

export const fixtureBytes = (file: string) => fs.readFileSync(path.join(LENIENT_DIR, file));

/** The path and query of an absolute URL, as the cases list links. */
export const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
