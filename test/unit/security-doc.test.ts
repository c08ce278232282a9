/**
 * docs/security.md names, for every line of the threat model, the test that proves it as
 * `path` › “test name”. A renamed or deleted test must not leave the page claiming a proof
 * that no longer exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const page = readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');
const PROOF = /`(test\/[^`]+\.ts)` › “([^”]+)”/g;

/** The titles given to it(), test() and describe() in a file, whatever quotes they use. */
function titles(file: string): Set<string> {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const found = new Set<string>();
  const call = /\b(?:it|test|describe)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs;
  for (const match of source.matchAll(call)) found.add(match[2].replace(/\\(['"`])/g, '$1'));
  return found;
}

describe('docs/security.md', () => {
  // A | inside a table cell is written \|.
  const proofs = [...page.matchAll(PROOF)].map((match) => ({ file: match[1], name: match[2].replace(/\\\|/g, '|') }));
  const rows = page.split('\n').filter((line) => /^\| /.test(line) && !/^\| (---|What \| Proved by)/.test(line));

  it('names a proof on every line of its tables', () => {
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect({ row, proved: /`test\/[^`]+` › “/.test(row) }).toEqual({ row, proved: true });
  });

  it('names only tests that exist', () => {
    expect(proofs.length).toBeGreaterThanOrEqual(rows.length);
    for (const { file, name } of proofs) {
      expect({ file, exists: existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
      expect({ file, name, found: titles(file).has(name) }).toEqual({ file, name, found: true });
    }
  });
});
