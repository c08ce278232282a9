import { Box } from '@strapi/design-system';
import { useState, type DragEvent } from 'react';
import type { Place } from '../document';
import { useCanvas } from './canvasContext';
import { zoneOfKind, type ZoneKind } from './placement';

/**
 * A gap between nodes where a dragged block can land. It shows only while something that may go
 * into this kind of container is dragged, so the canvas reads as the mail the rest of the time.
 */
interface DropZoneProps {
  zone: ZoneKind;
  place: Place;
  /** Between columns side by side: a thin vertical gap instead of a horizontal one. */
  inline?: boolean;
}

export const DropZone = ({ zone, place, inline = false }: DropZoneProps) => {
  const { dragging, drop, readOnly } = useCanvas();
  const [over, setOver] = useState(false);
  const accepts = dragging && (dragging.from === 'palette' ? zoneOfKind(dragging.kind) : dragging.zone) === zone;
  if (readOnly || !accepts) return null;

  const allow = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = dragging.from === 'palette' ? 'copy' : 'move';
    setOver(true);
  };

  return (
    <Box
      data-testid="drop-zone"
      data-parent={place.parent}
      data-index={place.index}
      onDragOver={allow}
      onDragEnter={allow}
      onDragLeave={() => setOver(false)}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        drop(dragging, place);
      }}
      background={over ? 'primary200' : 'primary100'}
      borderColor="primary500"
      borderStyle="dashed"
      borderWidth="1px"
      hasRadius
      style={
        inline
          ? { flex: `0 0 ${over ? 24 : 12}px`, alignSelf: 'stretch', margin: '0 2px' }
          : { minHeight: over ? 24 : 12, margin: '4px 0' }
      }
    />
  );
};
