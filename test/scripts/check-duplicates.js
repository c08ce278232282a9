#!/usr/bin/env node
// The duplicate-code check of `npm test` (issue #8): jscpd with the repository's .jscpd.json
// (6 lines, 50 tokens). The server may repeat no block; the admin at most MAX_ADMIN_CLONES short
// ones (JSX layouts repeat by nature), none longer than MAX_ADMIN_LINES. Ignored paths are listed,
// each with its reason, in .jscpd.json.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MAX_ADMIN_CLONES = 5;
const MAX_ADMIN_LINES = 10;

const root = path.resolve(__dirname, '..', '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jscpd-'));
try {
  const bin = path.join(root, 'node_modules', '.bin', 'jscpd');
  execFileSync(bin, ['--config', '.jscpd.json', '--reporters', 'json', '--output', outDir, '--absolute'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const { duplicates } = JSON.parse(fs.readFileSync(path.join(outDir, 'jscpd-report.json'), 'utf8'));
  const where = (file) => path.relative(root, path.resolve(root, file.name));
  const describe = (clone) =>
    `  ${where(clone.firstFile)}:${clone.firstFile.start}-${clone.firstFile.end}` +
    ` ~ ${where(clone.secondFile)}:${clone.secondFile.start}-${clone.secondFile.end} (${clone.lines} lines)`;
  const inServer = (clone) => [clone.firstFile, clone.secondFile].some((f) => where(f).startsWith('server/'));
  const server = duplicates.filter(inServer);
  const admin = duplicates.filter((clone) => !inServer(clone));
  const tooLong = admin.filter((clone) => clone.lines > MAX_ADMIN_LINES);

  const problems = [];
  if (server.length > 0)
    problems.push(`server/src repeats ${server.length} block(s); it may repeat none:`, ...server.map(describe));
  if (admin.length > MAX_ADMIN_CLONES)
    problems.push(
      `admin/src repeats ${admin.length} blocks; at most ${MAX_ADMIN_CLONES} may stay:`,
      ...admin.map(describe),
    );
  if (tooLong.length > 0)
    problems.push(`admin/src repeats blocks longer than ${MAX_ADMIN_LINES} lines:`, ...tooLong.map(describe));
  if (problems.length > 0) {
    console.error(`Duplicate-code check failed. Extract the repeated code into one place.\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(
    `Duplicate-code check: server/src 0 repeated blocks, admin/src ${admin.length} (at most ${MAX_ADMIN_CLONES}).`,
  );
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
