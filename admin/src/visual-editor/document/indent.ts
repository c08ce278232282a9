/**
 * Indentation for inserted nodes: a new node takes its new siblings' indentation, the document's line
 * ending and its indent unit (two spaces, four, a tab), so the MJML it adds reads like what is around it.
 */
import { BODY, findNode, isContainer, parentOf } from './tree';
import type { AnyNode, VisualDocument } from './types';

const DEFAULT_UNIT = '  ';

export function eolOf(document: VisualDocument): string {
  return document.head.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation on the last line of a node's leading whitespace; null when it has no line break. */
export function lineIndent(leading: string): string | null {
  const at = leading.lastIndexOf('\n');
  return at === -1 ? null : leading.slice(at + 1);
}

/** The indentation of the line `<mj-body>`, or a container, stands on. */
export function containerIndent(document: VisualDocument, parent: string): string {
  if (parent === BODY) {
    const at = document.head.lastIndexOf('<mj-body');
    const lineStart = document.head.lastIndexOf('\n', at) + 1;
    const before = document.head.slice(lineStart, at);
    return /^[ \t]*$/.test(before) ? before : '';
  }
  const node = findNode(document, parent);
  if (!node) return '';
  const own = lineIndent(node.leading);
  if (own !== null) return own;
  const place = parentOf(document, parent);
  return place ? containerIndent(document, place.parent) + indentUnit(document) : '';
}

/** The step between the body's indentation and its first child's; two spaces when it cannot be told. */
export function indentUnit(document: VisualDocument): string {
  const outer = containerIndent(document, BODY);
  const first = document.body.find((node) => lineIndent(node.leading) !== null);
  const inner = first ? lineIndent(first.leading) : null;
  if (inner !== null && inner.length > outer.length && inner.startsWith(outer)) return inner.slice(outer.length);
  return DEFAULT_UNIT;
}

/** The indentation a node placed among `siblings` of `parent` should have. */
export function siblingIndent(document: VisualDocument, parent: string, siblings: AnyNode[]): string {
  for (const sibling of siblings) {
    const indent = lineIndent(sibling.leading);
    if (indent !== null) return indent;
  }
  return containerIndent(document, parent) + indentUnit(document);
}

/**
 * A copy of `node` moved from indentation `from` to `to`: every line break inside its whitespace (and
 * inside an entries block's source) gets the new indentation and line ending. Deeper lines written with
 * two-space steps take the document's unit. Blank lines stay blank.
 */
export function reindent(node: AnyNode, from: string, to: string, eol: string, unit: string): AnyNode {
  const shift = (text: string) =>
    text.replace(/\r?\n([ \t]*)(?![ \t\r\n])/g, (_match, spaces: string) => {
      if (!spaces.startsWith(from)) return eol + spaces;
      const deeper = spaces.slice(from.length);
      return eol + to + (/^( {2})*$/.test(deeper) ? deeper.replace(/ {2}/g, unit) : deeper);
    });
  const moved = { ...node, leading: shift(node.leading) } as AnyNode;
  if (moved.kind === 'entries') return { ...moved, source: shift(moved.source) };
  if (!isContainer(moved)) return moved;
  return {
    ...moved,
    trailing: shift(moved.trailing),
    children: moved.children.map((child) => reindent(child, from, to, eol, unit)),
  } as AnyNode;
}
