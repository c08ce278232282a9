#!/usr/bin/env node
// Builds the admin panel of test/app (with this plugin in it) into test/app/dist/build.
//
// Not `strapi build`: its CLI looks for a tsconfig.json upwards from test/app, finds the
// plugin's own at the repository root and then tries to compile test/app as TypeScript.
// So this calls the same build function with no tsconfig.
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '..', 'app');
const strapiDir = path.dirname(require.resolve('@strapi/strapi/package.json'));
const { build } = require(path.join(strapiDir, 'dist/src/node/build.js'));
const { createLogger } = require(path.join(strapiDir, 'dist/src/cli/utils/logger.js'));

async function buildAdmin() {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // Vite resolves the generated entry (.strapi/client) from the working directory.
  process.chdir(APP_DIR);
  await build({
    cwd: APP_DIR,
    logger: createLogger({ debug: false, silent: false, timestamp: false }),
    tsconfig: undefined,
    bundler: 'vite',
    minify: true,
    sourcemap: false,
    stats: false,
  });
}

module.exports = { buildAdmin, APP_DIR };

if (require.main === module) {
  buildAdmin().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
