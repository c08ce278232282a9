import { Typography } from '@strapi/design-system';
import type { CSSProperties } from 'react';
import type { SocialBlock } from '../../document/types';
import { useT } from '../../../utils/useT';
import { attributeOf, attributeText } from '../attributes';
import { attributeReader } from '../headAttributes';
import type { BlockProps } from '../types';
import { networkOf } from './networks';

/** The links as pills in their networks' colours, laid out as `mode` and `align` say. */
export const SocialCanvas = ({ node, context }: BlockProps<SocialBlock>) => {
  const t = useT();
  const read = attributeReader(node, context.headAttributes);
  const vertical = read('mode') === 'vertical';
  const align = read('align') ?? 'center';
  const size = read('icon-size') ?? '20px';
  const row: CSSProperties = {
    display: 'flex',
    flexDirection: vertical ? 'column' : 'row',
    flexWrap: 'wrap',
    gap: 8,
    padding: read('padding') ?? '10px 25px',
    justifyContent: align === 'left' ? 'flex-start' : align === 'right' ? 'flex-end' : 'center',
    alignItems: vertical ? (align === 'left' ? 'flex-start' : align === 'right' ? 'flex-end' : 'center') : 'center',
  };
  return (
    <div style={row} data-testid="social-canvas">
      {node.children.map((child) => {
        if (child.kind === 'raw')
          return (
            <Typography key={child.id} variant="pi">
              {t('visual.block.socialKept', 'kept as written')}
            </Typography>
          );
        const name = attributeOf(child, 'name');
        const network = networkOf(name);
        return (
          <span
            key={child.id}
            data-network={name}
            style={{
              backgroundColor: attributeOf(child, 'background-color') ?? network?.color ?? '#888888',
              color: '#ffffff',
              borderRadius: read('border-radius') ?? '3px',
              minHeight: size,
              lineHeight: size,
              padding: '0 8px',
              fontFamily: 'Ubuntu, Helvetica, Arial, sans-serif',
              fontSize: read('font-size') ?? '13px',
            }}
          >
            {attributeText(child.content.trim()) || network?.label || name || '?'}
          </span>
        );
      })}
    </div>
  );
};
