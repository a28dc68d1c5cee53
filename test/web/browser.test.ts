/**
 * The web tests' browser (test/helpers/browser.ts): which Chromium is chosen, and the npm
 * package's Chromium — the one a machine with only Node gets — unpacks once, starts headless with
 * its own NSS libraries and renders a page from a real server on 127.0.0.1, even where a system
 * Chromium exists (which the explorer test would then use instead).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findSystemChromium,
  launchChromium,
  npmChromium,
  SYSTEM_CHROMIUM_PATHS,
} from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/http-server';

jest.setTimeout(120_000);

describe('findSystemChromium', () => {
  const only =
    (...present: string[]) =>
    (p: string) =>
      present.includes(p);

  it('takes CHROMIUM_PATH first', () => {
    expect(
      findSystemChromium(
        { CHROMIUM_PATH: '/opt/chrome/chrome' },
        only('/opt/chrome/chrome', SYSTEM_CHROMIUM_PATHS[0]!),
      ),
    ).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that is not there rather than quietly using another browser', () => {
    expect(() =>
      findSystemChromium({ CHROMIUM_PATH: '/nowhere/chromium' }, only(SYSTEM_CHROMIUM_PATHS[0]!)),
    ).toThrow('CHROMIUM_PATH=/nowhere/chromium: no such file');
  });

  it('else takes the first usual path that exists', () => {
    expect(
      findSystemChromium({}, only('/usr/bin/google-chrome', '/usr/bin/chromium-browser')),
    ).toEqual({
      path: '/usr/bin/chromium-browser',
      source: 'system',
    });
    expect(findSystemChromium({ CHROMIUM_PATH: '' }, only('/usr/bin/chromium'))).toEqual({
      path: '/usr/bin/chromium',
      source: 'system',
    });
  });

  it('else finds none, so the npm Chromium is used', () => {
    expect(findSystemChromium({}, only())).toBeUndefined();
  });
});

const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';

if (!onLinuxX64)
  it('says off Linux x64 that a system Chromium is needed', () => {
    expect(() => npmChromium(os.tmpdir())).toThrow(/Linux x64 only .*set CHROMIUM_PATH/);
  });

if (onLinuxX64)
  describe('the npm Chromium', () => {
    let cacheRoot: string;
    let site: TestServer;

    beforeAll(async () => {
      cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-chromium-cache-'));
      site = await startServer({
        '/': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            '<!doctype html><title>t</title><p id="p">static</p>' +
              '<script>document.getElementById("p").textContent = "scripted " + navigator.userAgent</script>',
          );
        },
      });
    });

    afterAll(async () => {
      await site?.close();
      fs.rmSync(cacheRoot, { recursive: true, force: true });
    });

    it('unpacks once per version, atomically, into its own folder', () => {
      const first = npmChromium(cacheRoot);
      expect(first.source).toBe('npm');
      const { version } = JSON.parse(
        fs.readFileSync(
          require.resolve('@sparticuz/chromium').replace(/build\/.*$/, 'package.json'),
          'utf8',
        ),
      ) as { version: string };
      expect(first.path).toBe(path.join(cacheRoot, `chromium-${version}`, 'chromium'));
      fs.accessSync(first.path, fs.constants.X_OK);
      const mtime = fs.statSync(first.path).mtimeMs;
      const again = npmChromium(cacheRoot);
      expect(again).toEqual(first);
      expect(fs.statSync(again.path).mtimeMs).toBe(mtime);
      // No staging folder is left behind.
      expect(fs.readdirSync(cacheRoot)).toEqual([`chromium-${version}`]);
    });

    it('runs headless with its own NSS libraries and renders a page from 127.0.0.1', async () => {
      const executable = npmChromium(cacheRoot);
      const browser = await launchChromium(executable);
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        await page.goto(`${site.url}/`);
        const text = await page.locator('#p').textContent();
        const major = path
          .basename(path.dirname(executable.path))
          .replace(/^chromium-(\d+)\..*$/, '$1');
        expect(text).toMatch(new RegExp(`^scripted .*HeadlessChrome/${major}\\.`));
        // The browser process maps the package's libnss3, not the system's.
        const maps = browserProcesses(executable.path).map((pid) =>
          fs.readFileSync(`/proc/${pid}/maps`, 'utf8'),
        );
        expect(maps.length).toBeGreaterThan(0);
        const bundled = path.join(path.dirname(executable.path), 'al2023', 'lib', 'libnss3.so');
        expect(maps.some((m) => m.includes(bundled))).toBe(true);
      } finally {
        await browser.close();
      }
    });
  });

/** Pids of the running processes whose executable is `exe`. */
function browserProcesses(exe: string): string[] {
  return fs.readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return fs.readlinkSync(`/proc/${pid}/exe`) === exe;
    } catch {
      return false;
    }
  });
}
