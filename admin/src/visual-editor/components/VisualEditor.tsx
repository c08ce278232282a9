import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Code } from '@strapi/icons';
import { useMemo, useState } from 'react';
import { readHeadAttributes } from '../blocks/headAttributes';
import type { EditorContext } from '../blocks/types';
import {
  createBlock,
  insertNode,
  locateNode,
  moveNode,
  rawRuns,
  removeNode,
  type AnyNode,
  type BlockKind,
  type BlockTexts,
  type Place,
  type VisualDocument,
} from '../document';
import type { VisualEditorProps } from '../index';
import { useT } from '../../utils/useT';
import { Canvas } from './Canvas';
import { CanvasContext, type CanvasActions } from './canvasContext';
import { applyEdit } from './nodeEdit';
import { Palette } from './Palette';
import { locate, moveTarget, placeForNew, type DragPayload } from './placement';
import { RawNotice } from './RawNotice';
import { SidePanel } from './SidePanel';
import { useVisualDocument } from './useVisualDocument';

/** The body's background, as mj-body sets it, for the canvas behind the sections. */
const bodyBackground = (document: VisualDocument) =>
  /<mj-body\b[^>]*\bbackground-color\s*=\s*"([^"]*)"/.exec(document.head)?.[1];

/** Puts a new block at `place`; a content block with no column to go into gets a section of its own. */
function addBlock(document: VisualDocument, block: AnyNode, place: Place | null): VisualDocument {
  if (place) return insertNode(document, place, block);
  const section = createBlock('section', { text: '', button: '', entryTitle: '' });
  const withSection = insertNode(document, { parent: 'body', index: document.body.length }, section);
  const column = section.kind === 'section' ? section.children.find((child) => child.kind === 'column') : undefined;
  return column ? insertNode(withSection, { parent: column.id, index: 0 }, block) : document;
}

/**
 * The visual editor (docs/architecture.md, "Visual editor"): the palette, the canvas and the
 * selected node's panel over the document model; every edit hands the whole MJML back to the page.
 */
export const VisualEditor = ({
  value,
  onChange,
  readOnly,
  entries,
  onPickEntry,
  onRemoveEntry,
  locale,
  onCannotOpen,
  onShowCode,
}: VisualEditorProps) => {
  const t = useT();
  const { parsed, edit } = useVisualDocument(value, onChange, onCannotOpen);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dragging, setDragging] = useState<DragPayload | null>(null);

  const texts: BlockTexts = useMemo(
    () => ({
      text: t('visual.new.text', 'Write your text here.'),
      button: t('visual.new.button', 'Read more'),
      entryTitle: t('visual.new.entryTitle', 'The title of an entry'),
    }),
    [t],
  );

  // The canvas draws each block with the head's mj-attributes, as MJML will.
  const head = parsed.ok ? parsed.document.head : '';
  const headAttributes = useMemo(() => readHeadAttributes(head), [head]);
  const blockContext: EditorContext = useMemo(
    () => ({ readOnly, entries, onPickEntry, onRemoveEntry, locale, headAttributes }),
    [readOnly, entries, onPickEntry, onRemoveEntry, locale, headAttributes],
  );

  // Read-only campaigns show the canvas and panels but change nothing.
  const change = (update: (document: VisualDocument) => VisualDocument) => {
    if (!readOnly) edit(update);
  };

  const add = (kind: BlockKind, place?: Place) => {
    const block = createBlock(kind, texts);
    change((document) => addBlock(document, block, place ?? placeForNew(document, kind, selectedId)));
    setSelectedId(block.id);
  };

  const actions: CanvasActions = {
    readOnly,
    selectedId,
    select: setSelectedId,
    step: (id, delta) =>
      change((document) => {
        const located = locate(document, id);
        if (!located) return document;
        const parent = located.parent === 'body' ? 'body' : located.parent.id;
        return moveNode(document, id, { parent, index: located.index + delta });
      }),
    remove: (id) => {
      change((document) => removeNode(document, id));
      setSelectedId(null);
    },
    drop: (payload, place) => {
      setDragging(null);
      if (payload.from === 'palette') add(payload.kind, place);
      else {
        change((document) => moveNode(document, payload.id, moveTarget(document, payload.id, place)));
        setSelectedId(payload.id);
      }
    },
    edit: (before, after) => change((document) => applyEdit(document, before, after)),
    showInCode: (id) => onShowCode(parsed.ok ? locateNode(parsed.document, id)?.line : undefined),
    dragging,
    setDragging,
    blockContext,
  };

  if (!parsed.ok) {
    return (
      <Box background="warning100" borderColor="warning200" padding={4} hasRadius data-testid="visual-cannot-open">
        <Flex direction="column" alignItems="flex-start" gap={3}>
          <Typography textColor="warning700">
            {t('visual.cannotOpen', 'The visual editor cannot open this template: {reason}', {
              reason: parsed.reason,
            })}
          </Typography>
          <Button variant="secondary" startIcon={<Code />} onClick={() => onShowCode()}>
            {t('visual.openCode', 'Open the code view')}
          </Button>
        </Flex>
      </Box>
    );
  }

  const { document } = parsed;
  const selected = selectedId ? (locate(document, selectedId)?.node ?? null) : null;

  return (
    <CanvasContext.Provider value={actions}>
      <Flex direction="column" alignItems="stretch" gap={3} data-testid="visual-editor">
        <RawNotice count={rawRuns(document).length} onShowCode={() => onShowCode()} />
        <Flex alignItems="flex-start" gap={3}>
          {readOnly ? null : (
            <Box style={{ flex: '0 0 168px', position: 'sticky', top: 16 }}>
              <Palette onAdd={(kind) => add(kind)} />
            </Box>
          )}
          <Box style={{ flex: '1 1 auto', minWidth: 0 }}>
            <Canvas document={document} background={bodyBackground(document)} />
          </Box>
          <Box style={{ flex: '0 0 280px', position: 'sticky', top: 16 }}>
            <SidePanel node={selected} />
          </Box>
        </Flex>
      </Flex>
    </CanvasContext.Provider>
  );
};
