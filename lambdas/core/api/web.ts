/**
 * The web explorer's static files (web/) and the headers every page is served with. Shared by
 * the local host (bin/server.ts) and the API Lambda, so both serve the same paths under the same
 * Content-Security-Policy; the stack routes exactly these paths to the API Lambda.
 */

/** Request path → [file in web/, content type]. */
export const WEB_ASSETS: Readonly<Record<string, readonly [file: string, type: string]>> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/app.css': ['app.css', 'text/css; charset=utf-8'],
};

/** The files of web/ the explorer needs. */
export const WEB_FILES = [...new Set(Object.values(WEB_ASSETS).map(([file]) => file))];

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
