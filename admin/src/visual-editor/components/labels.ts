/**
 * What the editor calls each kind of node and each palette block, in the admin's language. Each is a
 * literal translation call, so the translations test finds every one.
 */
import type { BlockKind, NodeKind } from '../document';
import type { Translate } from '../../utils/useT';

export const PALETTE_KINDS: readonly BlockKind[] = [
  'section',
  'columns-2',
  'columns-3',
  'text',
  'image',
  'button',
  'divider',
  'spacer',
  'social',
  'entries',
];

export function paletteLabel(t: Translate, kind: BlockKind): string {
  switch (kind) {
    case 'section':
      return t('visual.palette.section', 'Section');
    case 'columns-2':
      return t('visual.palette.columns2', 'Two columns');
    case 'columns-3':
      return t('visual.palette.columns3', 'Three columns');
    case 'entries':
      return t('visual.palette.entries', 'Strapi entries');
    default:
      return nodeLabel(t, kind);
  }
}

export function nodeLabel(t: Translate, kind: NodeKind): string {
  switch (kind) {
    case 'section':
      return t('visual.palette.section', 'Section');
    case 'column':
      return t('visual.node.column', 'Column');
    case 'text':
      return t('visual.node.text', 'Text');
    case 'image':
      return t('visual.node.image', 'Image');
    case 'button':
      return t('visual.node.button', 'Button');
    case 'divider':
      return t('visual.node.divider', 'Divider');
    case 'spacer':
      return t('visual.node.spacer', 'Spacer');
    case 'social':
      return t('visual.node.social', 'Social links');
    case 'social-element':
      return t('visual.node.socialElement', 'Social link');
    case 'entries':
      return t('visual.palette.entries', 'Strapi entries');
    case 'raw':
      return t('visual.raw.kept', 'Kept as written');
  }
}
