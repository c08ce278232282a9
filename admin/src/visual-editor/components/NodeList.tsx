import { Fragment, type ReactNode } from 'react';
import type { AnyNode } from '../document';
import { DropZone } from './DropZone';
import type { ZoneKind } from './placement';

interface NodeListProps<N extends AnyNode> {
  /** `'body'` or the container's id: where the drop zones put what lands on them. */
  parent: string;
  zone: ZoneKind;
  nodes: readonly N[];
  /** Columns stand side by side: their drop zones are thin vertical gaps. */
  inline?: boolean;
  children: (node: N, index: number) => ReactNode;
}

/** A container's children with a drop zone before each one and after the last. */
export function NodeList<N extends AnyNode>({ parent, zone, nodes, inline = false, children }: NodeListProps<N>) {
  return (
    <>
      {nodes.map((node, index) => (
        <Fragment key={node.id}>
          <DropZone zone={zone} place={{ parent, index }} inline={inline} />
          {children(node, index)}
        </Fragment>
      ))}
      <DropZone zone={zone} place={{ parent, index: nodes.length }} inline={inline} />
    </>
  );
}
