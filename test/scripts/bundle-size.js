#!/usr/bin/env node
/**
 * What the plugin's admin code costs the browser, gzipped (issue 15: the visual editor may add at most
 * 50 KB to everything but its own lazy chunk).
 *
 * The plugin's `dist/admin` leaves its dependencies (CodeMirror, htmlparser2, ...) to the host's build, so
 * this script bundles `admin/src/index.ts` itself with esbuild, as the host would: dependencies included,
 * what Strapi's admin already ships (the peer dependencies: React, the design system, react-intl, ...) left
 * out, dynamic imports split into chunks. Then, following static imports only, it adds up:
 *
 *   entry:   the plugin's admin entry and every chunk statically reachable from it (loaded on every admin page)
 *   pages:   the plugin's pages (pages/App.tsx, loaded on any of its pages) and everything it reaches statically
 *   editor:  the visual editor's lazy chunk and what only it reaches (loaded on the campaign editor only)
 *
 *   node test/scripts/bundle-size.js                  this checkout, against bench/bundle-size-baseline.json
 *   node test/scripts/bundle-size.js --base <rev>     also measures <rev> (a temporary worktree) as "before"
 *   node test/scripts/bundle-size.js --write-baseline stores this checkout's figures as the baseline
 *   node test/scripts/bundle-size.js --json           prints the figures as JSON (test/unit/bundle-size.test.ts)
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '../..');
const BASELINE = path.join(ROOT, 'bench/bundle-size-baseline.json');
/** The most the entry's and the pages' closures may grow, in gzipped bytes. */
const LIMIT_BYTES = 50 * 1024;

const ENTRIES = {
  pages: 'admin/src/pages/App.tsx',
  editor: 'admin/src/visual-editor/index.tsx',
};

/** Bundles the admin entry of the checkout at `root`; returns the gzipped size of each closure. */
async function measure(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'email-campaigns-bundle-'));
  try {
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'admin/src/index.ts')],
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      metafile: true,
      write: true,
      outdir,
      jsx: 'automatic',
      loader: { '.json': 'json', '.svg': 'dataurl', '.png': 'dataurl' },
      // Strapi's admin ships these already; a plugin that bundled them would be measured wrongly.
      external: Object.keys(pkg.peerDependencies ?? {}).flatMap((name) => [name, `${name}/*`]),
      logLevel: 'silent',
      nodePaths: [path.join(ROOT, 'node_modules')],
    });
    const outputs = result.metafile.outputs;
    const gzipped = new Map(
      Object.keys(outputs).map((file) => [
        file,
        zlib.gzipSync(fs.readFileSync(path.join(root, file)), { level: 9 }).length,
      ]),
    );
    const outputOf = (entry) => Object.keys(outputs).find((file) => outputs[file].entryPoint === entry) ?? null;
    const closure = (start) => {
      const seen = new Set();
      const visit = (file) => {
        if (!file || seen.has(file)) return;
        seen.add(file);
        for (const imported of outputs[file].imports) {
          if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
        }
      };
      visit(start);
      return seen;
    };
    const sum = (files) => [...files].reduce((total, file) => total + gzipped.get(file), 0);
    const entry = closure(outputOf('admin/src/index.ts'));
    const pages = closure(outputOf(ENTRIES.pages));
    const editorOutput = outputOf(ENTRIES.editor);
    const editor = editorOutput ? closure(editorOutput) : new Set();
    const editorOnly = new Set([...editor].filter((file) => !pages.has(file) && !entry.has(file)));
    return {
      entry: sum(entry),
      pages: sum(pages),
      editor: sum(editorOnly),
      // The lazy chunk must not be reachable statically from anything every page loads.
      editorIsLazy: editorOutput === null || (!entry.has(editorOutput) && !pages.has(editorOutput)),
      total: sum(new Set(Object.keys(outputs))),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Measures `rev` in a temporary worktree sharing this checkout's node_modules. */
async function measureRevision(rev) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'email-campaigns-base-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, rev], { cwd: ROOT, stdio: 'ignore' });
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    return { revision: rev, ...(await measure(dir)) };
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' });
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const signed = (bytes) => `${bytes >= 0 ? '+' : '−'}${kb(Math.abs(bytes))}`;

function report(before, after) {
  const rows = [
    ['entry (every admin page)', 'entry'],
    ['plugin pages (any plugin page)', 'pages'],
    ['visual editor chunk (editor page only)', 'editor'],
  ];
  const lines = [`gzipped, before = ${before.revision}, after = this checkout`, ''];
  lines.push('| What | Before | After | Change |', '| --- | --- | --- | --- |');
  for (const [label, key] of rows) {
    lines.push(`| ${label} | ${kb(before[key])} | ${kb(after[key])} | ${signed(after[key] - before[key])} |`);
  }
  const growth = after.entry - before.entry + (after.pages - before.pages);
  lines.push('', `Everything but the editor's lazy chunk grew by ${signed(growth)} (limit +${kb(LIMIT_BYTES)}).`);
  lines.push(`The editor's chunk is ${after.editorIsLazy ? 'lazy: no page but the editor loads it' : 'NOT lazy'}.`);
  return { text: lines.join('\n'), growth, ok: growth <= LIMIT_BYTES && after.editorIsLazy };
}

async function main() {
  const args = process.argv.slice(2);
  const baseIndex = args.indexOf('--base');
  const after = { revision: 'this checkout', ...(await measure(ROOT)) };
  if (args.includes('--write-baseline')) {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    fs.writeFileSync(BASELINE, `${JSON.stringify({ ...after, revision: head }, null, 2)}\n`);
    console.log(`Baseline written to ${path.relative(ROOT, BASELINE)}.`);
    return;
  }
  const before =
    baseIndex >= 0 ? await measureRevision(args[baseIndex + 1]) : JSON.parse(fs.readFileSync(BASELINE, 'utf8'));
  const result = report(before, after);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ before, after, growth: result.growth, limit: LIMIT_BYTES, ok: result.ok }));
    return;
  }
  console.log(result.text);
  process.exitCode = result.ok ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
