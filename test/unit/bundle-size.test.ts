import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 15: the visual editor is a lazy chunk, and everything else the admin loads grows by at most 50 KB
// gzipped over bench/bundle-size-baseline.json (measured before the editor existed). The script bundles
// admin/src as a host's build would; see its header.
const ROOT = path.resolve(__dirname, '..', '..');

interface Figures {
  entry: number;
  pages: number;
  editor: number;
  editorIsLazy: boolean;
}

function measure(): { before: Figures; after: Figures; growth: number; limit: number; ok: boolean } {
  const output = execFileSync(process.execPath, [path.join(ROOT, 'test/scripts/bundle-size.js'), '--json'], {
    cwd: ROOT,
  });
  return JSON.parse(output.toString());
}

describe('admin bundle size', () => {
  const figures = measure();

  it('loads the visual editor as its own chunk that only a dynamic import reaches', () => {
    expect(figures.after.editorIsLazy).toBe(true);
    // The chunk exists and holds the editor: a build that inlined it would leave nothing here.
    expect(figures.after.editor).toBeGreaterThan(5 * 1024);
  });

  it('grows the entry and the plugin pages by at most 50 KB gzipped together', () => {
    expect(figures.limit).toBe(50 * 1024);
    expect(figures.growth).toBeLessThanOrEqual(figures.limit);
    expect(figures.ok).toBe(true);
  });
});
