import { Box, Typography } from '@strapi/design-system';
import { definitionFor } from '../blocks/registry';
import { columnStyle } from '../blocks/section/style';
import type { ColumnNode, SectionNode } from '../document';
import { useT } from '../../utils/useT';
import { BlockView } from './BlockView';
import { CanvasNode } from './CanvasNode';
import { useCanvas } from './canvasContext';
import { nodeLabel } from './labels';
import { NodeList } from './NodeList';

/** A column: its blocks one under the other, with the drop zones between them. */
const ColumnView = ({ column }: { column: ColumnNode }) => {
  const t = useT();
  const { edit, blockContext } = useCanvas();
  const { Canvas } = definitionFor('column');
  return (
    <Canvas node={column} onChange={(next) => edit(column, next)} context={blockContext}>
      <NodeList parent={column.id} zone="column" nodes={column.children}>
        {(block, index) => (
          <CanvasNode
            key={block.id}
            id={block.id}
            kind={block.kind}
            label={nodeLabel(t, block.kind)}
            zone="column"
            isFirst={index === 0}
            isLast={index === column.children.length - 1}
            canDelete={block.kind !== 'raw'}
          >
            <BlockView node={block} />
          </CanvasNode>
        )}
      </NodeList>
      {column.children.length === 0 ? (
        <Box padding={4}>
          <Typography variant="pi" textColor="neutral500">
            {t('visual.emptyColumn', 'Drag blocks here, or select this column and click a block.')}
          </Typography>
        </Box>
      ) : null}
    </Canvas>
  );
};

/** A section: its columns side by side, sized by their `width` or sharing the row equally. */
export const SectionView = ({ section }: { section: SectionNode }) => {
  const t = useT();
  const { edit, blockContext } = useCanvas();
  const { Canvas } = definitionFor('section');
  const count = section.children.filter((child) => child.kind === 'column').length;
  return (
    <Canvas node={section} onChange={(next) => edit(section, next)} context={blockContext}>
      <NodeList parent={section.id} zone="section" nodes={section.children} inline>
        {(child, index) => (
          <CanvasNode
            key={child.id}
            id={child.id}
            kind={child.kind}
            label={nodeLabel(t, child.kind)}
            zone="section"
            isFirst={index === 0}
            isLast={index === section.children.length - 1}
            canDelete={child.kind !== 'raw'}
            style={child.kind === 'column' ? columnStyle(child, count) : { flex: '1 1 0', minWidth: 0 }}
          >
            {child.kind === 'column' ? <ColumnView column={child} /> : <BlockView node={child} />}
          </CanvasNode>
        )}
      </NodeList>
    </Canvas>
  );
};
