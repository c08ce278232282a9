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

/**
 * The indent step where a node goes: between its parent's indentation and its siblings' (a tab in a
 * part written with tabs), else between the body's and its first child's; two spaces when neither tells.
 */
export function indentUnit(document: VisualDocument, parent: string = BODY, indent?: string): string {
  const local = indent === undefined ? null : step(containerIndent(document, parent), indent);
  if (local) return local;
  const first = document.body.find((node) => lineIndent(node.leading) !== null);
  const inner = first ? lineIndent(first.leading) : null;
  return (inner !== null && step(containerIndent(document, BODY), inner)) || DEFAULT_UNIT;
}

function step(outer: string, inner: string): string | null {
  return inner.length > outer.length && inner.startsWith(outer) ? inner.slice(outer.length) : null;
}

/** The indentation a node placed among `siblings` of `parent` should have. */
export function siblingIndent(document: VisualDocument, parent: string, siblings: AnyNode[]): string {
  for (const sibling of siblings) {
    const indent = lineIndent(sibling.leading);
    if (indent !== null) return indent;
  }
  // No sibling to copy: one step deeper than the parent, the step the parent itself stands at.
  const outer = containerIndent(document, parent);
  const grandparent = parent === BODY ? null : parentOf(document, parent);
  const unit = grandparent ? step(containerIndent(document, grandparent.parent), outer) : null;
  return outer + (unit ?? indentUnit(document));
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
