import { createContext, useContext } from 'react';
import type { EditorContext } from '../blocks/types';
import type { AnyNode, Place } from '../document';
import type { DragPayload } from './placement';

/** What every part of the canvas may do: select, move, delete, drop, edit; read once from context. */
export interface CanvasActions {
  readOnly: boolean;
  selectedId: string | null;
  select: (id: string) => void;
  /** Moves a node one place up (-1) or down (+1) among its siblings. */
  step: (id: string, delta: -1 | 1) => void;
  remove: (id: string) => void;
  /** Opens the code view with the cursor on the node's first line (a raw run is edited there). */
  showInCode: (id: string) => void;
  drop: (payload: DragPayload, place: Place) => void;
  /** Replaces `before` with its edited copy (a block's canvas or panel edited it). */
  edit: (before: AnyNode, after: AnyNode) => void;
  /** What is being dragged, so the drop zones that can take it show. */
  dragging: DragPayload | null;
  setDragging: (payload: DragPayload | null) => void;
  /** What the blocks receive. */
  blockContext: EditorContext;
}

export const CanvasContext = createContext<CanvasActions | null>(null);

export function useCanvas(): CanvasActions {
  const actions = useContext(CanvasContext);
  if (!actions) throw new Error('useCanvas outside the visual editor');
  return actions;
}
