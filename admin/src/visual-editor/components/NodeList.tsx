import { Fragment, type CSSProperties, type ReactNode } from 'react';
import type { AnyNode } from '../document';
import { useT } from '../../utils/useT';
import { CanvasNode } from './CanvasNode';
import { DropZone } from './DropZone';
import { nodeLabel } from './labels';
import type { ZoneKind } from './placement';

interface NodeListProps<N extends AnyNode> {
  /** `'body'` or the container's id: where the drop zones put what lands on them. */
  parent: string;
  zone: ZoneKind;
  nodes: readonly N[];
  /** Columns stand side by side: their drop zones are thin vertical gaps. */
  inline?: boolean;
  /** The style of a node's frame (a column's width in its section). */
  styleOf?: (node: N) => CSSProperties | undefined;
  /** What a node shows inside its frame. */
  children: (node: N) => ReactNode;
}

/**
 * A container's children, each in its selectable, movable frame (`CanvasNode`), with a drop zone before
 * each one and after the last. Raw runs move but are never deleted: the editor drops nothing it does not model.
 */
export function NodeList<N extends AnyNode>({
  parent,
  zone,
  nodes,
  inline = false,
  styleOf,
  children,
}: NodeListProps<N>) {
  const t = useT();
  return (
    <>
      {nodes.map((node, index) => (
        <Fragment key={node.id}>
          <DropZone zone={zone} place={{ parent, index }} inline={inline} />
          <CanvasNode
            id={node.id}
            kind={node.kind}
            label={nodeLabel(t, node.kind)}
            zone={zone}
            isFirst={index === 0}
            isLast={index === nodes.length - 1}
            canDelete={node.kind !== 'raw'}
            style={styleOf?.(node)}
          >
            {children(node)}
          </CanvasNode>
        </Fragment>
      ))}
      <DropZone zone={zone} place={{ parent, index: nodes.length }} inline={inline} />
    </>
  );
}
