#!/usr/bin/env node
// `npm test`: lint, format and duplicate-code checks first (fast, and a failure there fails the run),
// then build the plugin (Strapi loads it from dist/), verify and type-check it, build the test app's
// admin panel once for the browser tests, and run every suite.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const run = (command) => {
  console.log(`\n> ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit', env: process.env });
};

try {
  run('npm run lint');
  if (process.env.SKIP_BUILD !== 'true') {
    run('npx strapi-plugin build');
    if (fs.existsSync(path.join(root, 'test', 'e2e'))) run('node test/scripts/build-admin.js');
  }
  run('npx strapi-plugin verify');
  run('npm run typecheck');
  run(`npx vitest run ${process.argv.slice(2).join(' ')}`.trim());
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
