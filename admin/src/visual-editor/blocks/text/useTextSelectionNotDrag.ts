import { useCallback, useRef, type PointerEvent } from 'react';

/**
 * The shell makes every node on the canvas draggable, and in a draggable element a mouse drag moves the
 * element instead of selecting words. While the text is being edited its draggable ancestors stop being
 * draggable; they are given back when it loses focus.
 */
export function useTextSelectionNotDrag() {
  const paused = useRef<HTMLElement[]>([]);

  const onPointerDown = useCallback((event: PointerEvent<HTMLElement>) => {
    if (!event.currentTarget.isContentEditable) return;
    for (let element = event.currentTarget.parentElement; element; element = element.parentElement) {
      if (element.getAttribute('draggable') !== 'true') continue;
      element.setAttribute('draggable', 'false');
      paused.current.push(element);
    }
  }, []);

  const onBlur = useCallback(() => {
    for (const element of paused.current) element.setAttribute('draggable', 'true');
    paused.current = [];
  }, []);

  return { onPointerDown, onBlur };
}
