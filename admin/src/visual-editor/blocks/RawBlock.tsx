import { Typography } from '@strapi/design-system';
import type { RawNode } from '../document/types';
import type { BlockDefinition, BlockProps } from './types';

// The first lines are enough to recognise a run; the code view has the rest.
const SHOWN_LINES = 4;

/**
 * MJML the editor does not model. The shell draws raw runs as "kept as written" cards itself; this is
 * their source as plain text for any other place that shows one. Never editable: no Inspector.
 */
const RawCanvas = ({ node }: BlockProps<RawNode>) => (
  <Typography tag="pre" variant="pi" textColor="neutral700" style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}>
    {node.source.split('\n').slice(0, SHOWN_LINES).join('\n')}
  </Typography>
);

export const rawBlock: BlockDefinition<RawNode> = { kind: 'raw', Canvas: RawCanvas, Inspector: null };
