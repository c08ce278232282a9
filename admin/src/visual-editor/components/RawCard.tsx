import { Box, Flex, TextButton, Typography } from '@strapi/design-system';
import { Code, Lock } from '@strapi/icons';
import type { MouseEvent } from 'react';
import type { RawNode } from '../document';
import type { Translate } from '../../utils/useT';
import { useT } from '../../utils/useT';
import { useCanvas } from './canvasContext';

const PREVIEW_LINES = 4;

/** Why the editor keeps a run as written, in a phrase naming the construct. */
export function rawReason(t: Translate, node: RawNode): string {
  switch (node.reason) {
    case 'element':
      // The tag goes in as a value: `<` in a message would read as rich-text markup to react-intl.
      return t('visual.raw.element', '{tag} — the visual editor does not model this; edit it in the code view', {
        tag: `<${node.name ?? '?'}>`,
      });
    case 'liquid':
      return t('visual.raw.liquid', 'Liquid {tag}', { tag: `{% ${node.name ?? ''} %}` });
    case 'comment':
      return t('visual.raw.comment', 'A comment in the template');
    case 'text':
      return t('visual.raw.text', 'Text outside any block');
  }
}

/**
 * The first lines of the source. Its first line's indentation is in `leading`, so the lines after it
 * lose that much indentation and read as the first line's children.
 */
function firstLines(node: RawNode): string {
  const lines = node.source.split('\n');
  const indent = node.leading.split('\n').pop()?.length ?? 0;
  const shown = lines
    .slice(0, PREVIEW_LINES)
    .map((line, index) => (index === 0 ? line : line.replace(new RegExp(`^[ \\t]{0,${indent}}`), '')));
  return lines.length > PREVIEW_LINES ? `${shown.join('\n')}\n…` : shown.join('\n');
}

/** A run of the template the visual editor keeps exactly as written: shown, movable, never edited here. */
export const RawCard = ({ node }: { node: RawNode }) => {
  const t = useT();
  const { showInCode } = useCanvas();
  const edit = (event: MouseEvent) => {
    // Opening the code view is no click on the card: it does not select the run on the way.
    event.stopPropagation();
    showInCode(node.id);
  };
  return (
    <Box background="neutral150" borderColor="neutral300" padding={3} hasRadius data-testid="raw-card">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2}>
          <Lock aria-hidden />
          <Typography variant="omega" fontWeight="bold" textColor="neutral700">
            {t('visual.raw.kept', 'Kept as written')}
          </Typography>
          <Typography variant="pi" textColor="neutral600" data-testid="raw-reason">
            {rawReason(t, node)}
          </Typography>
        </Flex>
        <Box
          tag="pre"
          background="neutral100"
          padding={2}
          hasRadius
          style={{
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
            fontSize: 12,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            margin: 0,
            color: '#4a4a6a',
          }}
        >
          {firstLines(node)}
        </Box>
        <Box>
          <TextButton startIcon={<Code />} onClick={edit}>
            {t('visual.raw.editInCode', 'Edit it in the code view')}
          </TextButton>
        </Box>
      </Flex>
    </Box>
  );
};
