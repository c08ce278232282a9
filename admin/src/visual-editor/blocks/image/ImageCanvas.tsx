import { Flex, Typography } from '@strapi/design-system';
import { Image } from '@strapi/icons';
import type { CSSProperties } from 'react';
import type { ImageBlock } from '../../document/types';
import { useT } from '../../../utils/useT';
import { attributeText, hasLiquid } from '../attributes';
import { attributeReader } from '../headAttributes';
import type { BlockProps } from '../types';

// What the canvas loads: web addresses and inline images, never another scheme.
const SHOWABLE = /^(https?:)?\/\/|^data:image\//i;

/** The image as MJML lays it out (centred, padding 10px 25px, the column's width unless `width` says less). */
export const ImageCanvas = ({ node, context }: BlockProps<ImageBlock>) => {
  const t = useT();
  const read = attributeReader(node, context.headAttributes);
  const src = attributeText(read('src')).trim();
  const align = read('align') ?? 'center';
  const box: CSSProperties = {
    padding: read('padding') ?? '10px 25px',
    textAlign: align as CSSProperties['textAlign'],
    backgroundColor: read('container-background-color'),
  };
  if (!src || hasLiquid(src) || !SHOWABLE.test(src)) {
    return (
      <div style={box}>
        <Flex
          direction="column"
          gap={2}
          padding={6}
          background="neutral100"
          borderColor="neutral300"
          borderStyle="dashed"
          borderWidth="1px"
          hasRadius
          data-testid="image-placeholder"
        >
          <Image aria-hidden width="24px" height="24px" />
          <Typography textColor="neutral700">
            {src
              ? t('visual.block.imageLiquid', 'An image chosen when the mail is sent')
              : t('visual.block.imageChoose', 'Choose an image')}
          </Typography>
          {src ? (
            <Typography variant="pi" textColor="neutral600" style={{ fontFamily: 'monospace' }} ellipsis>
              {src}
            </Typography>
          ) : null}
        </Flex>
      </div>
    );
  }
  return (
    <div style={box}>
      <img
        src={src}
        alt={attributeText(read('alt'))}
        data-testid="image-canvas"
        style={{
          width: read('width') ?? '100%',
          maxWidth: '100%',
          height: read('height') ?? 'auto',
          borderRadius: read('border-radius'),
          display: 'inline-block',
          verticalAlign: 'top',
        }}
      />
    </div>
  );
};
