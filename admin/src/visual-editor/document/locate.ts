/**
 * Where a node stands in the MJML the document writes: the code view can put its cursor on a raw run
 * the visual editor only keeps ("kept as written: edit it in the code view").
 */
import { lineAt } from './lines';
import { serializeMjml, serializeNode } from './serialize';
import { isContainer } from './tree';
import type { AnyNode, VisualDocument } from './types';

export interface NodeLocation {
  /** Offset of the node's first byte (after its leading whitespace) in `serializeMjml(document)`. */
  start: number;
  /** Offset just past its last byte. */
  end: number;
  /** The 1-based line `start` is on. */
  line: number;
}

export function locateNode(document: VisualDocument, id: string): NodeLocation | null {
  let at = document.head.length;
  const visit = (nodes: AnyNode[]): { start: number; end: number } | null => {
    for (const node of nodes) {
      const before = at;
      const own = serializeNode(node);
      const start = before + node.leading.length;
      if (node.id === id) return { start, end: before + own.length };
      if (isContainer(node) && node.closeTag !== '') {
        const inside = node.children.map(serializeNode).join('') + node.trailing;
        at = start + (own.length - node.leading.length - inside.length - node.closeTag.length);
        const found = visit(node.children);
        if (found) return found;
      }
      at = before + own.length;
    }
    return null;
  };
  const found = visit(document.body);
  return found ? { ...found, line: lineAt(serializeMjml(document), found.start) } : null;
}
