import { Box, Typography } from '@strapi/design-system';
import { definitionFor } from '../blocks/registry';
import { columnStyle } from '../blocks/section/style';
import type { ColumnNode, SectionNode } from '../document';
import { useT } from '../../utils/useT';
import { BlockView } from './BlockView';
import { useCanvas } from './canvasContext';
import { NodeList } from './NodeList';

/** A column: its blocks one under the other, with the drop zones between them. */
const ColumnView = ({ column }: { column: ColumnNode }) => {
  const t = useT();
  const { edit, blockContext } = useCanvas();
  const { Canvas } = definitionFor('column');
  return (
    <Canvas node={column} onChange={(next) => edit(column, next)} context={blockContext}>
      <NodeList parent={column.id} zone="column" nodes={column.children}>
        {(block) => <BlockView node={block} />}
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
  const { edit, blockContext } = useCanvas();
  const { Canvas } = definitionFor('section');
  const count = section.children.filter((child) => child.kind === 'column').length;
  return (
    <Canvas node={section} onChange={(next) => edit(section, next)} context={blockContext}>
      <NodeList
        parent={section.id}
        zone="section"
        nodes={section.children}
        inline
        styleOf={(child) => (child.kind === 'column' ? columnStyle(child, count) : { flex: '1 1 0', minWidth: 0 })}
      >
        {(child) => (child.kind === 'column' ? <ColumnView column={child} /> : <BlockView node={child} />)}
      </NodeList>
    </Canvas>
  );
};
