#!/usr/bin/env node
// The installed command: runs the compiled CLI (built by `npm run build`, which `npm install` runs).
'use strict';
try {
  require('../dist/bin/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/bin/cli.js')) {
    console.error(
      'attribution-watch: not built yet — run `npm run build` (npm install does it for you).',
    );
    process.exit(1);
  }
  throw e;
}
