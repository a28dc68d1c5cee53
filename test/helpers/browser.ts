/**
 * Headless Chromium for the web tests, driven by playwright-core. The browser is a system
 * Chromium when there is one (`CHROMIUM_PATH`, else the usual install paths), else the Chromium
 * that ships inside the `@sparticuz/chromium` npm package, so `npm ci && npm test` needs nothing
 * but Node. The npm build is unpacked once per package version into
 * `node_modules/.cache/attribution-watch/` (about 210 MB, removed with node_modules).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where Debian, Ubuntu, Fedora, Arch and macOS put Chromium or Chrome. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export interface ChromiumExecutable {
  path: string;
  /** `CHROMIUM_PATH`, an installed browser, or the npm package's build. */
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
  /** Environment the browser needs (the npm build's own NSS libraries). */
  env?: Record<string, string>;
}

/**
 * The system browser to use: `CHROMIUM_PATH` when set (it must exist: a wrong path is an error,
 * not a silent fallback), else the first of SYSTEM_CHROMIUM_PATHS that exists, else undefined.
 */
export function findSystemChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = fs.existsSync,
): ChromiumExecutable | undefined {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (!exists(configured)) throw new Error(`CHROMIUM_PATH=${configured}: no such file`);
    return { path: configured, source: 'CHROMIUM_PATH' };
  }
  const found = SYSTEM_CHROMIUM_PATHS.find((p) => exists(p));
  return found === undefined ? undefined : { path: found, source: 'system' };
}

/** The installed `@sparticuz/chromium`'s version. */
function sparticuzVersion(): string {
  const main = require.resolve('@sparticuz/chromium');
  for (let dir = path.dirname(main); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === '@sparticuz/chromium' && pkg.version) return pkg.version;
  }
  throw new Error(`@sparticuz/chromium: no package.json above ${main}`);
}

/**
 * The Chromium of the `@sparticuz/chromium` package (Linux x64), unpacked under `cacheRoot`.
 *
 * The package's `executablePath()` unpacks into `os.tmpdir()` and reuses whatever `chromium` it
 * finds there, whichever version that is. So it runs in a child process whose TMPDIR is a fresh
 * staging folder, and the folder is then renamed into place: rename is atomic, so concurrent test
 * runs never see a half-written browser, and each package version gets its own folder. The child
 * also gets the package's Amazon Linux marker, which makes it unpack its own NSS libraries
 * (libnss3, libnspr4, libexpat) too: the browser runs with them, needing none from the system.
 */
export function npmChromium(
  cacheRoot: string = path.join(
    __dirname,
    '..',
    '..',
    'node_modules',
    '.cache',
    'attribution-watch',
  ),
): ChromiumExecutable {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      `no Chromium: the npm build runs on Linux x64 only (this is ${process.platform} ${process.arch}); ` +
        'install Chromium or Chrome, or set CHROMIUM_PATH',
    );
  const version = sparticuzVersion();
  const dir = path.join(cacheRoot, `chromium-${version}`);
  const result = (): ChromiumExecutable => ({
    path: path.join(dir, 'chromium'),
    source: 'npm',
    env: {
      LD_LIBRARY_PATH: [path.join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(':'),
    },
  });
  if (fs.existsSync(path.join(dir, 'chromium'))) return result();
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheRoot, `.chromium-${version}-`));
  try {
    const unpacked = execFileSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(require.resolve('@sparticuz/chromium'))}).executablePath()` +
          '.then((p) => process.stdout.write(p))',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' },
        timeout: 120_000,
      },
    );
    for (const f of ['chromium', path.join('al2023', 'lib', 'libnss3.so')])
      if (!fs.existsSync(path.join(staging, f)))
        throw new Error(`@sparticuz/chromium ${version}: ${f} not unpacked (got ${unpacked})`);
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      // Another run unpacked the same version first: use theirs.
      const code = (e as NodeJS.ErrnoException).code;
      if (
        !(code === 'ENOTEMPTY' || code === 'EEXIST') ||
        !fs.existsSync(path.join(dir, 'chromium'))
      )
        throw e;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return result();
}

/** The browser the web tests use: a system one when present, else the npm one. */
export function chromiumExecutable(): ChromiumExecutable {
  return findSystemChromium() ?? npmChromium();
}

/** Flags for every browser alike; the npm build needs no others outside Lambda. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // root in containers and CI
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  executable: ChromiumExecutable;
  close(): Promise<void>;
}

/** A headless persistent context in a fresh profile folder, removed on close. */
export async function launchChromium(
  executable: ChromiumExecutable = chromiumExecutable(),
): Promise<LaunchedBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: executable.path,
      headless: true,
      args: CHROMIUM_ARGS,
      ...(executable.env ? { env: { ...process.env, ...executable.env } } : {}),
    });
    return {
      context,
      executable,
      close: async () => {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw new Error(
      `could not start Chromium (${executable.source}: ${executable.path}): ${(e as Error).message}`,
      { cause: e },
    );
  }
}
