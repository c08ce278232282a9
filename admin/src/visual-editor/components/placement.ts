/**
 * Where things go on the canvas (pure): which containers a dragged block may drop into, where a
 * palette click puts a new block, and the place a move names once the node has left its old one.
 */
import type { AnyNode, BlockKind, ColumnNode, Place, SectionNode, VisualDocument } from '../document';

/** The kind of container a drop zone stands in. */
export type ZoneKind = 'body' | 'section' | 'column';

/** What is being dragged: a new block from the palette, or a node already on the canvas. */
export type DragPayload = { from: 'palette'; kind: BlockKind } | { from: 'canvas'; id: string; zone: ZoneKind };

const BODY_KINDS: readonly BlockKind[] = ['section', 'columns-2', 'columns-3', 'entries'];

/** The container a palette block goes into: sections and entries between sections, the rest in a column. */
export const zoneOfKind = (kind: BlockKind): ZoneKind => (BODY_KINDS.includes(kind) ? 'body' : 'column');

export interface Located {
  node: AnyNode;
  /** `'body'` or the container holding the node. */
  parent: 'body' | SectionNode | ColumnNode;
  index: number;
  /** The index in the body of the body-level node the node is in (itself when it is one). */
  topIndex: number;
}

/** Finds a node the canvas shows: body nodes, columns, and what columns hold. */
export function locate(document: VisualDocument, id: string): Located | null {
  for (const [topIndex, top] of document.body.entries()) {
    if (top.id === id) return { node: top, parent: 'body', index: topIndex, topIndex };
    if (top.kind !== 'section') continue;
    for (const [columnIndex, column] of top.children.entries()) {
      if (column.id === id) return { node: column, parent: top, index: columnIndex, topIndex };
      if (column.kind !== 'column') continue;
      const blockIndex = column.children.findIndex((block) => block.id === id);
      if (blockIndex >= 0) return { node: column.children[blockIndex], parent: column, index: blockIndex, topIndex };
    }
  }
  return null;
}

/** The container kind a canvas node moves within: where it stands now. */
export function zoneOfNode(located: Located): ZoneKind {
  if (located.parent === 'body') return 'body';
  return located.parent.kind === 'section' ? 'section' : 'column';
}

const firstColumn = (section: AnyNode | undefined): ColumnNode | undefined =>
  section?.kind === 'section'
    ? section.children.find((child): child is ColumnNode => child.kind === 'column')
    : undefined;

/**
 * Where a block added from the palette goes: after the selected node (or in the selected column
 * or section), else at the end of the body, or of the first column for a content block. Null when
 * a content block has no column to go into: the caller adds a section for it first.
 */
export function placeForNew(document: VisualDocument, kind: BlockKind, selectedId: string | null): Place | null {
  const selected = selectedId ? locate(document, selectedId) : null;
  if (zoneOfKind(kind) === 'body') {
    return { parent: 'body', index: selected ? selected.topIndex + 1 : document.body.length };
  }
  if (selected) {
    const { node, parent, index } = selected;
    if (node.kind === 'column') return { parent: node.id, index: node.children.length };
    if (parent !== 'body' && parent.kind === 'column') return { parent: parent.id, index: index + 1 };
    const column = firstColumn(node.kind === 'section' ? node : undefined);
    if (column) return { parent: column.id, index: column.children.length };
  }
  const column = document.body.map(firstColumn).find(Boolean);
  return column ? { parent: column.id, index: column.children.length } : null;
}

/**
 * A drop zone names the gap before the child at `zone.index` as the container is now; once the
 * node leaves an earlier place in the same container, that gap is one index lower.
 */
export function moveTarget(document: VisualDocument, id: string, zone: Place): Place {
  const located = locate(document, id);
  if (!located) return zone;
  const parentId = located.parent === 'body' ? 'body' : located.parent.id;
  return parentId === zone.parent && located.index < zone.index ? { ...zone, index: zone.index - 1 } : zone;
}
