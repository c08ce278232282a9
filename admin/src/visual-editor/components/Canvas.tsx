import { Box } from '@strapi/design-system';
import type { VisualDocument } from '../document';
import { useT } from '../../utils/useT';
import { BlockView } from './BlockView';
import { CanvasNode } from './CanvasNode';
import { nodeLabel } from './labels';
import { NodeList } from './NodeList';
import { SectionView } from './SectionView';

/** The body: sections, entries blocks and raw runs one under the other, as the mail stacks them. */
export const Canvas = ({ document, background }: { document: VisualDocument; background: string | undefined }) => {
  const t = useT();
  return (
    <Box
      data-testid="visual-canvas"
      padding={4}
      paddingTop={8}
      hasRadius
      borderColor="neutral200"
      style={{ backgroundColor: background ?? '#ffffff', minHeight: 420 }}
    >
      <NodeList parent="body" zone="body" nodes={document.body}>
        {(node, index) => (
          <CanvasNode
            key={node.id}
            id={node.id}
            kind={node.kind}
            label={nodeLabel(t, node.kind)}
            zone="body"
            isFirst={index === 0}
            isLast={index === document.body.length - 1}
            canDelete={node.kind !== 'raw'}
          >
            {node.kind === 'section' ? <SectionView section={node} /> : <BlockView node={node} />}
          </CanvasNode>
        )}
      </NodeList>
    </Box>
  );
};
