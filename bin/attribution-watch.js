#!/usr/bin/env node
// The installed command: runs the compiled CLI (built by `npm run build`, which `npm install` runs).
'use strict';
// The AWS SDK warns on every start under Node 20 that future releases need Node 22; the local
// CLI supports Node 20, so keep that out of the user's terminal.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
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
