import { Box } from '@strapi/design-system';
import type { VisualDocument } from '../document';
import { BlockView } from './BlockView';
import { NodeList } from './NodeList';
import { SectionView } from './SectionView';

/** The body: sections, entries blocks and raw runs one under the other, as the mail stacks them. */
export const Canvas = ({ document, background }: { document: VisualDocument; background: string | undefined }) => (
  <Box
    data-testid="visual-canvas"
    padding={4}
    paddingTop={8}
    hasRadius
    borderColor="neutral200"
    style={{ backgroundColor: background ?? '#ffffff', minHeight: 420 }}
  >
    <NodeList parent="body" zone="body" nodes={document.body}>
      {(node) => (node.kind === 'section' ? <SectionView section={node} /> : <BlockView node={node} />)}
    </NodeList>
  </Box>
);
