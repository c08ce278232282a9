import { Typography } from '@strapi/design-system';
import { useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { TextBlock } from '../../document/types';
import { useT } from '../../../utils/useT';
import { attributeReader, type HeadAttributes } from '../headAttributes';
import { safeHtml } from '../safeHtml';
import type { BlockProps } from '../types';
import { restoreLiquid } from './liquidInHtml';
import { RichTextSurface } from './RichTextSurface';
import { useTextSelectionNotDrag } from './useTextSelectionNotDrag';

/** MJML's defaults for mj-text, so an attribute left out looks as it will be sent. */
export function textStyle(node: TextBlock, head?: HeadAttributes): CSSProperties {
  const read = attributeReader(node, head);
  return {
    fontFamily: read('font-family') ?? 'Ubuntu, Helvetica, Arial, sans-serif',
    fontSize: read('font-size') ?? '13px',
    fontWeight: read('font-weight'),
    fontStyle: read('font-style'),
    lineHeight: read('line-height') ?? '1',
    color: read('color') ?? '#000000',
    textAlign: (read('align') ?? 'left') as CSSProperties['textAlign'],
    padding: read('padding') ?? '10px 25px',
    backgroundColor: read('container-background-color'),
  };
}

/** The element the text block of `id` is edited in: the side panel's toolbar acts on it. */
export const textSurfaceSelector = (id: string) => `[data-text-surface="${CSS.escape(id)}"]`;

/**
 * The text, edited in place (WYSIWYG). Its HTML is written back only after the person typed or used the
 * toolbar: a text nobody touched keeps its exact bytes, whatever the browser would make of them. Liquid
 * (`{{ subscriber.name }}`) is text here and stays as written.
 */
export const TextCanvas = ({ node, onChange, context }: BlockProps<TextBlock>) => {
  const t = useT();
  const surface = useRef<HTMLDivElement>(null);
  // The content this canvas wrote last: seeing it come back must not reset the caret.
  const written = useRef<string | null>(null);
  const shown = useMemo(() => safeHtml(node.content), [node.content]);
  const editable = !context.readOnly && !shown.changed;
  const selectNotDrag = useTextSelectionNotDrag();

  useLayoutEffect(() => {
    const element = surface.current;
    if (!element || node.content === written.current) return;
    element.innerHTML = shown.html;
    written.current = null;
  }, [node.content, shown]);

  // Enter after a heading starts a <p> (Chromium's default is a <div>): what mail clients space as a paragraph.
  const focused = () => document.execCommand('defaultParagraphSeparator', false, 'p');

  const typed = () => {
    const element = surface.current;
    if (!element) return;
    const content = restoreLiquid(element.innerHTML);
    written.current = content;
    onChange({ ...node, content });
  };

  return (
    <div style={textStyle(node, context.headAttributes)}>
      <RichTextSurface
        ref={surface}
        data-testid="text-canvas"
        data-text-surface={node.id}
        contentEditable={editable}
        suppressContentEditableWarning
        role="textbox"
        aria-multiline
        aria-label={t('visual.block.text', 'Text')}
        aria-readonly={!editable}
        onInput={typed}
        onPointerDown={selectNotDrag.onPointerDown}
        onFocus={focused}
        onBlur={selectNotDrag.onBlur}
        // Typing belongs to the text: the shell's keys (delete the block, move it) must not see it.
        onKeyDown={(event) => event.stopPropagation()}
      />
      {shown.changed ? (
        <Typography variant="pi" textColor="warning700">
          {t(
            'visual.block.textUnsafe',
            'This text holds scripts, styles or frames the editor does not show; edit it in the code view.',
          )}
        </Typography>
      ) : null}
    </div>
  );
};
