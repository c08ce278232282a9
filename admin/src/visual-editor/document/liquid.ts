/**
 * Liquid between elements, read as liquidjs reads it: over the source as plain text, whatever elements
 * the tags stand between. A block tag (`{% if %}`, `{% for %}`, ...) reaches to its matching end tag,
 * nesting counted; `{% raw %}` and `{% comment %}` hide whatever looks like Liquid inside them.
 */

/** Tags that open a block closed by `end<name>`. */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'for',
  'if',
  'unless',
  'case',
  'capture',
  'comment',
  'raw',
  'tablerow',
]);
/** Blocks whose content is not Liquid: only their own end tag closes them. */
const OPAQUE_TAGS: ReadonlySet<string> = new Set(['raw', 'comment']);

const TAG_NAME = /^\{%-?\s*([A-Za-z_#][\w]*)/;
/** The body-level loop the "Strapi entries" block is: `{% for entry in entries %}`, with or without options. */
const ENTRIES_LOOP = /^\{%-?\s*for\s+[A-Za-z_]\w*\s+in\s+entries(?:\s[^%]*)?-?%\}$/;

/** A Liquid output or tag starting at an offset; `end` is exclusive. */
export interface LiquidMark {
  kind: 'output' | 'tag';
  /** The tag's name (`if`, `assign`); null for output. */
  name: string | null;
  start: number;
  end: number;
}

/** The Liquid output (`{{ … }}`) or tag (`{% … %}`) at `at`, or null when there is none or it never ends. */
export function liquidAt(source: string, at: number): LiquidMark | null {
  if (source.startsWith('{{', at)) {
    const close = source.indexOf('}}', at + 2);
    return close === -1 ? null : { kind: 'output', name: null, start: at, end: close + 2 };
  }
  if (source.startsWith('{%', at)) {
    const close = source.indexOf('%}', at + 2);
    if (close === -1) return null;
    const name = TAG_NAME.exec(source.slice(at, close + 2))?.[1] ?? null;
    return { kind: 'tag', name, start: at, end: close + 2 };
  }
  return null;
}

export function isBlockTag(mark: LiquidMark): boolean {
  return mark.kind === 'tag' && mark.name !== null && BLOCK_TAGS.has(mark.name);
}

export function isEntriesLoop(source: string, mark: LiquidMark): boolean {
  return mark.name === 'for' && ENTRIES_LOOP.test(source.slice(mark.start, mark.end));
}

/** The offset just past the end tag matching the block tag `open`, or -1 when it has none. */
export function blockEnd(source: string, open: LiquidMark): number {
  const stack: string[] = [open.name ?? ''];
  let at = open.end;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (OPAQUE_TAGS.has(top)) {
      const close = new RegExp(`\\{%-?\\s*end${top}\\s*-?%\\}`, 'g');
      close.lastIndex = at;
      const found = close.exec(source);
      if (!found) return -1;
      stack.pop();
      at = found.index + found[0].length;
      continue;
    }
    const next = nextLiquid(source, at);
    if (!next) return -1;
    at = next.end;
    if (next.kind !== 'tag' || next.name === null) continue;
    if (BLOCK_TAGS.has(next.name)) stack.push(next.name);
    else if (next.name.startsWith('end')) {
      // An end tag closes its block and any left open inside it, as a lenient reader would.
      const opened = stack.lastIndexOf(next.name.slice(3));
      if (opened !== -1) stack.length = opened;
    }
  }
  return at;
}

/** The next Liquid output or tag at or after `from`. */
export function nextLiquid(source: string, from: number): LiquidMark | null {
  for (let at = source.indexOf('{', from); at !== -1; at = source.indexOf('{', at + 1)) {
    const mark = liquidAt(source, at);
    if (mark) return mark;
  }
  return null;
}
