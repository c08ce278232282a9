import { Button, Flex, Typography } from '@strapi/design-system';
import { Drag } from '@strapi/icons';
import type { DragEvent } from 'react';
import { PALETTE } from '../blocks/registry';
import type { BlockKind } from '../document';
import { useT } from '../../utils/useT';
import { useCanvas } from './canvasContext';

/**
 * The blocks an editor can add: dragged onto a drop zone, or clicked to add after the selected node,
 * so the keyboard can build a newsletter too.
 */
export const Palette = ({ onAdd }: { onAdd: (kind: BlockKind) => void }) => {
  const t = useT();
  const { setDragging } = useCanvas();

  const start = (kind: BlockKind) => (event: DragEvent) => {
    event.dataTransfer.effectAllowed = 'copy';
    event.dataTransfer.setData('text/plain', kind);
    setDragging({ from: 'palette', kind });
  };

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={2}
      tag="nav"
      aria-label={t('visual.palette.title', 'Blocks')}
      data-testid="visual-palette"
    >
      <Typography variant="sigma" textColor="neutral600">
        {t('visual.palette.title', 'Blocks')}
      </Typography>
      {PALETTE.map(({ kind, labelKey, defaultLabel }) => (
        <Button
          key={kind}
          variant="tertiary"
          size="S"
          startIcon={<Drag />}
          data-testid={`palette-${kind}`}
          draggable
          onDragStart={start(kind)}
          onDragEnd={() => setDragging(null)}
          onClick={() => onAdd(kind)}
          style={{ justifyContent: 'flex-start', cursor: 'grab' }}
        >
          {t(labelKey, defaultLabel)}
        </Button>
      ))}
    </Flex>
  );
};
