#!/usr/bin/env node
// `npm test`: build the plugin (Strapi loads it from dist/), type-check, then run every suite.
const { execSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const run = (command) => {
  console.log(`\n> ${command}`);
  execSync(command, { cwd: root, stdio: 'inherit', env: process.env });
};

try {
  if (process.env.SKIP_BUILD !== 'true') run('npx strapi-plugin build');
  run('npx strapi-plugin verify');
  run('npm run typecheck');
  run(`npx vitest run ${process.argv.slice(2).join(' ')}`.trim());
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
