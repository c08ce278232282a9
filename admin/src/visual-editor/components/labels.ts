/**
 * What the editor calls each kind of node (a node's accessible name, the side panel's title), in the
 * admin's language. Each is a literal translation call, so the translations test finds every one.
 */
import type { NodeKind } from '../document';
import type { Translate } from '../../utils/useT';

export function nodeLabel(t: Translate, kind: NodeKind): string {
  switch (kind) {
    case 'section':
      return t('visual.node.section', 'Section');
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
      return t('visual.node.entries', 'Strapi entries');
    case 'raw':
      return t('visual.raw.kept', 'Kept as written');
  }
}
