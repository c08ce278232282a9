// The V8 CPU profiler (what `node --cpu-prof` uses) scoped to one phase through the inspector,
// plus a summary of a profile: self time by function and by package.
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');

function startProfile() {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r))));
  const started = post('Profiler.enable')
    .then(() => post('Profiler.setSamplingInterval', { interval: 500 }))
    .then(() => post('Profiler.start'));
  return {
    started,
    async stop(file) {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      if (file) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(profile));
      }
      return profile;
    },
  };
}

const packageOf = (url) => {
  if (!url) return '(native/gc)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.replace(/\\/g, '/'));
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  if (/\/dist\/server\//.test(url)) return 'plugin (dist/server)';
  if (/\/bench\//.test(url)) return 'bench';
  return url.startsWith('file:') || url.startsWith('/') ? path.basename(url) : url;
};

const VM_FRAMES = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/**
 * Self time in ms, top functions and packages. Native frames (no script URL: better-sqlite3's
 * statements, socket writes, Buffer work) are charged to the package of the nearest caller that
 * has one; the VM's own frames (GC, idle, program) stay apart.
 */
function summarizeProfile(profile, top = 15) {
  const { samples, timeDeltas, nodes } = profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerCache = new Map();
  const owner = (id) => {
    if (ownerCache.has(id)) return ownerCache.get(id);
    const { functionName, url } = byId.get(id).callFrame;
    let pkg;
    if (VM_FRAMES.has(functionName)) pkg = functionName;
    else if (url) pkg = packageOf(url);
    else pkg = parent.has(id) ? owner(parent.get(id)) : '(native)';
    ownerCache.set(id, pkg);
    return pkg;
  };
  const selfUs = new Map();
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  let total = 0;
  const byFn = new Map();
  const byPkg = new Map();
  for (const [id, us] of selfUs) {
    const ms = us / 1000;
    total += ms;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const pkg = owner(id);
    const key = `${functionName || '(anonymous)'} [${pkg}${url ? `:${lineNumber + 1}` : ''}]`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + ms);
  }
  const rank = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), pct: Number(((ms / total) * 100).toFixed(1)) }));
  return { totalMs: Math.round(total), byPackage: rank(byPkg), byFunction: rank(byFn) };
}

/** Inclusive time of samples with at least one frame from the given package on the stack. */
function inclusiveByPackage(profile, packages) {
  const { samples, timeDeltas, nodes } = profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = Object.fromEntries(packages.map((p) => [p, 0]));
  for (let i = 0; i < samples.length; i++) {
    const seen = new Set();
    for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
      const url = byId.get(id).callFrame.url;
      if (url) seen.add(packageOf(url));
    }
    for (const p of packages) if (seen.has(p)) out[p] += timeDeltas[i] ?? 0;
  }
  return Object.fromEntries(Object.entries(out).map(([p, us]) => [p, Math.round(us / 1000)]));
}

module.exports = { startProfile, summarizeProfile, inclusiveByPackage };
