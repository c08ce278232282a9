import { Box, Flex, IconButton } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Trash } from '@strapi/icons';
import type { CSSProperties, DragEvent, KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { useT } from '../../utils/useT';
import { useCanvas } from './canvasContext';
import type { ZoneKind } from './placement';

interface CanvasNodeProps {
  id: string;
  kind: string;
  /** What a screen reader calls the node ("Text", "Section", ...). */
  label: string;
  /** The container kind it moves within (drop zones of that kind show while it is dragged). */
  zone: ZoneKind;
  isFirst: boolean;
  isLast: boolean;
  /** Raw runs move but are never deleted: the editor drops nothing it does not model. */
  canDelete: boolean;
  style?: CSSProperties;
  children: ReactNode;
}

/**
 * One node on the canvas: selectable by click or Enter, draggable to move, and, once selected, with
 * move up, move down and delete buttons for the keyboard.
 */
export const CanvasNode = ({ id, kind, label, zone, isFirst, isLast, canDelete, style, children }: CanvasNodeProps) => {
  const t = useT();
  const { readOnly, selectedId, select, step, remove, setDragging } = useCanvas();
  const selected = selectedId === id;

  const onClick = (event: MouseEvent) => {
    // The innermost node takes the click: a block, not the column and section around it.
    event.stopPropagation();
    select(id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    select(id);
  };
  const onDragStart = (event: DragEvent) => {
    event.stopPropagation();
    event.dataTransfer.effectAllowed = 'move';
    // Some browsers start a drag only with data set; what moves is kept in the canvas state.
    event.dataTransfer.setData('text/plain', id);
    setDragging({ from: 'canvas', id, zone });
  };

  return (
    <Box
      data-testid="visual-node"
      data-kind={kind}
      data-node-id={id}
      data-selected={selected}
      role="group"
      aria-label={label}
      tabIndex={0}
      onClick={onClick}
      onKeyDown={onKeyDown}
      draggable={!readOnly}
      onDragStart={readOnly ? undefined : onDragStart}
      onDragEnd={() => setDragging(null)}
      position="relative"
      hasRadius
      style={{
        // A blue ring with a white one around it shows on a light section and on a coloured one alike.
        outline: selected ? '2px solid #4945ff' : 'none',
        boxShadow: selected ? '0 0 0 4px #ffffff' : undefined,
        cursor: readOnly ? 'default' : 'pointer',
        ...style,
      }}
    >
      {selected && !readOnly ? (
        <Flex
          gap={1}
          position="absolute"
          top={0}
          right={0}
          zIndex={2}
          background="neutral0"
          shadow="filterShadow"
          hasRadius
          padding={1}
          style={{ transform: 'translateY(-100%)' }}
          // The buttons act on the node; they are no click on it.
          onClick={(event: MouseEvent) => event.stopPropagation()}
        >
          <IconButton label={t('visual.moveUp', 'Move up')} disabled={isFirst} onClick={() => step(id, -1)}>
            <ArrowUp />
          </IconButton>
          <IconButton label={t('visual.moveDown', 'Move down')} disabled={isLast} onClick={() => step(id, 1)}>
            <ArrowDown />
          </IconButton>
          {canDelete ? (
            <IconButton label={t('visual.delete', 'Delete')} onClick={() => remove(id)}>
              <Trash />
            </IconButton>
          ) : null}
        </Flex>
      ) : null}
      {children}
    </Box>
  );
};
