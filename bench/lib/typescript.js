// Loads TypeScript modules of this repository (server/src, test/helpers) into a benchmark:
// esbuild (already installed with @strapi/sdk-plugin) bundles them to CommonJS, dependencies left
// external so the bench uses the very packages the plugin and the tests use.
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const loaded = new Map();

/**
 * The exports of one or more .ts files (absolute paths), bundled together once per process: files
 * that share a module (say, one holding keys made at load) share one instance of it.
 */
function loadTypeScript(...sources) {
  const id = sources.join('\n');
  if (loaded.has(id)) return loaded.get(id);
  const [first] = sources;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ec-bench-')), 'module.js');
  require('esbuild').buildSync({
    stdin: {
      contents: sources.map((source) => `export * from ${JSON.stringify(source)};`).join('\n'),
      resolveDir: path.dirname(first),
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // Test helpers call createRequire(import.meta.url): in CommonJS the first source stands in.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(first).href) },
    logLevel: 'error',
  });
  // Resolve its bare imports from the repository, not from the temporary directory.
  const code = fs.readFileSync(out, 'utf8');
  const m = new Module(first, module);
  m.filename = first;
  m.paths = Module._nodeModulePaths(path.dirname(first));
  m._compile(code, first);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  loaded.set(id, m.exports);
  return m.exports;
}

module.exports = { loadTypeScript };
