import { definitionFor } from '../blocks/registry';
import type { AnyNode } from '../document';
import { useCanvas } from './canvasContext';
import { RawCard } from './RawCard';

/** A node's look on the canvas: its block definition's, or the "kept as written" card of a raw run. */
export const BlockView = ({ node }: { node: AnyNode }) => {
  const { edit, blockContext } = useCanvas();
  if (node.kind === 'raw') return <RawCard node={node} />;
  const { Canvas } = definitionFor(node.kind);
  return <Canvas node={node} onChange={(next) => edit(node, next)} context={blockContext} />;
};
