// A what-if build of the plugin: server/src copied, a patch applied, bundled with esbuild into a
// throwaway package next to a copy of test/app, so a benchmark can boot Strapi on it. Used to
// measure a suggested fix (a patch file) before it lands. No patch builds the unpatched source
// the same way: the control for the comparison.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** `patches`: null (the control), or patch files relative to the repository, applied in order. */
function buildVariant(patches) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ec-bench-variant-'));
  fs.cpSync(path.join(ROOT, 'server'), path.join(dir, 'server'), { recursive: true });
  for (const patch of patches ?? [])
    execFileSync('git', ['apply', path.resolve(ROOT, patch)], { cwd: dir, stdio: 'inherit' });
  require('esbuild').buildSync({
    entryPoints: [path.join(dir, 'server', 'src', 'index.ts')],
    outfile: path.join(dir, 'dist', 'server', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  fs.writeFileSync(path.join(dir, 'strapi-server.js'), "'use strict';\nmodule.exports = require('./dist/server');\n");
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // test/app's config resolves the plugin three levels up: the variant package.
  const app = path.join(dir, 'test', 'app');
  fs.mkdirSync(app, { recursive: true });
  for (const entry of ['config', 'src', 'package.json'])
    fs.cpSync(path.join(ROOT, 'test', 'app', entry), path.join(app, entry), { recursive: true });
  fs.mkdirSync(path.join(app, 'public', 'uploads'), { recursive: true });
  return { dir, appDir: app, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

module.exports = { buildVariant };
