// The composer's pure functions (compileCampaign, prepareTemplate, renderMessage) straight from
// server/src/services/composing/index.ts: dist/ is one bundle that does not export them, so esbuild
// (already installed with @strapi/sdk-plugin) bundles that one file to CommonJS, dependencies
// left external so the bench uses the very liquidjs, html-to-text and mjml the plugin uses.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE = path.join(ROOT, 'server', 'src', 'services', 'composing', 'index.ts');

let loaded;
function loadComposer() {
  if (loaded) return loaded;
  const esbuild = require('esbuild');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ec-bench-')), 'composer.js');
  esbuild.buildSync({
    entryPoints: [SOURCE],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  // Resolve its bare imports from the repository, not from the temporary directory.
  const Module = require('node:module');
  const code = fs.readFileSync(out, 'utf8');
  const m = new Module(SOURCE, module);
  m.filename = SOURCE;
  m.paths = Module._nodeModulePaths(path.dirname(SOURCE));
  m._compile(code, SOURCE);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  loaded = m.exports;
  return loaded;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const newsletter = () => ({
  mjml: fs.readFileSync(path.join(FIXTURES, 'newsletter.mjml'), 'utf8'),
  entries: JSON.parse(fs.readFileSync(path.join(FIXTURES, 'entries.json'), 'utf8')),
  subject: 'The Example Weekly #{{ campaign.id }}: {{ subscriber.name | default: "friend" }}, version 5.4 is out',
  preheader: 'Faster builds, a new media library, four tutorials and the events of the month',
});

module.exports = { loadComposer, newsletter, ROOT };
