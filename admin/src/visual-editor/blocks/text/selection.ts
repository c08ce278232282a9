/**
 * The side panel's toolbar acts on the selection in the text block's canvas (document.execCommand, the
 * browser's own rich-text editing). Clicking a toolbar button must not move that selection, and a
 * field such as the link's address takes focus, so the range is kept and put back before a command.
 */
import { textSurfaceSelector } from './TextCanvas';

/** The canvas element of the text block `id`, if it is on the page and editable. */
export function surfaceOf(id: string): HTMLElement | null {
  const element = document.querySelector<HTMLElement>(textSurfaceSelector(id));
  return element?.isContentEditable ? element : null;
}

/** The current selection's range when it lies inside the block `id`'s canvas. */
export function rangeIn(id: string): Range | null {
  const surface = surfaceOf(id);
  const selection = document.getSelection();
  if (!surface || !selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return surface.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
}

/**
 * Runs a formatting command on `range` (or the selection already in the canvas). The browser then fires
 * `input` on the canvas, which writes the HTML back. Returns false when there was nothing to act on.
 */
export function runCommand(id: string, command: string, value?: string, range: Range | null = rangeIn(id)): boolean {
  const surface = surfaceOf(id);
  if (!surface || !range) return false;
  surface.focus();
  const selection = document.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  // execCommand is deprecated but still the one way to edit rich text with the browser's own undo.
  return document.execCommand(command, false, value);
}
