import { Box, Flex, Typography } from '@strapi/design-system';
import { definitionFor } from '../blocks/registry';
import type { AnyNode } from '../document';
import { useT } from '../../utils/useT';
import { useCanvas } from './canvasContext';
import { nodeLabel } from './labels';
import { rawReason } from './RawCard';

/** The right-hand panel: the selected node's settings, from its block definition. */
export const SidePanel = ({ node }: { node: AnyNode | null }) => {
  const t = useT();
  const { edit, blockContext } = useCanvas();

  const body = (() => {
    if (!node) {
      return (
        <Typography variant="pi" textColor="neutral600">
          {t('visual.panel.none', 'Select a block on the canvas to change it.')}
        </Typography>
      );
    }
    if (node.kind === 'raw') {
      return (
        <Typography variant="pi" textColor="neutral700">
          {t('visual.panel.raw', '{reason}. The visual editor keeps it byte for byte; it can only be moved here.', {
            reason: rawReason(t, node),
          })}
        </Typography>
      );
    }
    const { Inspector } = definitionFor(node.kind);
    if (!Inspector) {
      return (
        <Typography variant="pi" textColor="neutral600">
          {t('visual.panel.nothing', 'Nothing to set for this block.')}
        </Typography>
      );
    }
    return <Inspector key={node.id} node={node} onChange={(next) => edit(node, next)} context={blockContext} />;
  })();

  return (
    <Box
      tag="aside"
      aria-label={t('visual.panel.title', 'Block settings')}
      background="neutral0"
      borderColor="neutral200"
      padding={4}
      hasRadius
      data-testid="visual-panel"
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="sigma" textColor="neutral600">
          {node ? nodeLabel(t, node.kind) : t('visual.panel.title', 'Block settings')}
        </Typography>
        {body}
      </Flex>
    </Box>
  );
};
