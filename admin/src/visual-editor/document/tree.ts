/**
 * Finding nodes and rebuilding the path to one of them. Documents are never mutated: a change copies
 * the containers from the body down to the changed node and shares everything else.
 */
import type { AnyNode, ContainerNode, Place, RawNode, VisualDocument } from './types';

/** The id `Place.parent` gives the body, which is no node. */
export const BODY = 'body';

export function isContainer(node: AnyNode): node is ContainerNode {
  return node.kind === 'section' || node.kind === 'column' || node.kind === 'social';
}

/** Every node, depth first in source order, with its parent's id and its index there. */
interface Visit {
  node: AnyNode;
  parent: string;
  index: number;
  container: ContainerNode | null;
}

export function* walk(document: VisualDocument): Generator<Visit> {
  function* below(children: AnyNode[], parent: string, container: ContainerNode | null): Generator<Visit> {
    for (const [index, node] of children.entries()) {
      yield { node, parent, index, container };
      if (isContainer(node)) yield* below(node.children, node.id, node);
    }
  }
  yield* below(document.body, BODY, null);
}

export function findNode(document: VisualDocument, id: string): AnyNode | null {
  for (const { node } of walk(document)) if (node.id === id) return node;
  return null;
}

export function parentOf(document: VisualDocument, id: string): Place | null {
  for (const { node, parent, index } of walk(document)) if (node.id === id) return { parent, index };
  return null;
}

/** The container a place names, or null for the body (and for an id that is no container). */
export function containerOf(document: VisualDocument, parent: string): ContainerNode | null {
  const node = findNode(document, parent);
  return node && isContainer(node) ? node : null;
}

/** The raw runs, in source order, for the editor's "kept as written" notice. */
export function rawRuns(document: VisualDocument): RawNode[] {
  const runs: RawNode[] = [];
  for (const { node } of walk(document)) if (node.kind === 'raw') runs.push(node);
  return runs;
}

/** The document with `change` applied to the node `id`; the same document when there is no such node. */
export function mapNode(document: VisualDocument, id: string, change: (node: AnyNode) => AnyNode): VisualDocument {
  const mapList = (children: AnyNode[]): AnyNode[] => {
    let changed = false;
    const next = children.map((node) => {
      const mapped = node.id === id ? change(node) : isContainer(node) ? mapInside(node) : node;
      if (mapped !== node) changed = true;
      return mapped;
    });
    return changed ? next : children;
  };
  const mapInside = (node: ContainerNode): AnyNode => {
    const children = mapList(node.children);
    return children === node.children ? node : ({ ...node, children } as ContainerNode);
  };
  const body = mapList(document.body);
  return body === document.body ? document : { ...document, body: body as VisualDocument['body'] };
}

/** The document with the children of `parent` (`'body'` or a container's id) replaced. */
export function mapChildren(
  document: VisualDocument,
  parent: string,
  change: (children: AnyNode[], container: ContainerNode | null) => AnyNode[],
): VisualDocument {
  if (parent === BODY) return { ...document, body: change(document.body, null) as VisualDocument['body'] };
  return mapNode(document, parent, (node) =>
    isContainer(node) ? ({ ...node, children: change(node.children, node) } as ContainerNode) : node,
  );
}
