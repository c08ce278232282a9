import { Button } from '@strapi/design-system';
import { Image } from '@strapi/icons';
import { useState } from 'react';
import type { ImageBlock } from '../../document/types';
import { useComposerSettings } from '../../../api/templates';
import { ImageOptionsModal } from '../../../components/campaign/ImageOptionsModal';
import { MediaLibraryDialog, useHasMediaLibrary } from '../../../components/campaign/MediaLibraryDialog';
import { imageAttributes, type MediaAsset } from '../../../utils/mediaImage';
import { useT } from '../../../utils/useT';
import { attributeOf, withAttributes } from '../attributes';
import { AlignField } from '../fields/AlignField';
import { AttributeField } from '../fields/AttributeField';
import { InspectorFields } from '../fields/InspectorFields';
import type { BlockProps } from '../types';

/**
 * The image's panel: "Choose from the Media Library" as "Insert image" does it (the upload plugin's dialog,
 * then alternative text and width, the format picked for that width, an absolute address), and its fields.
 */
export const ImageInspector = ({ node, onChange, context }: BlockProps<ImageBlock>) => {
  const t = useT();
  const hasMediaLibrary = useHasMediaLibrary();
  const settings = useComposerSettings();
  const [browsing, setBrowsing] = useState(false);
  const [asset, setAsset] = useState<MediaAsset | null>(null);
  const disabled = context.readOnly;

  const use = ({ alt, width }: { alt: string; width: number }) => {
    if (!asset || !settings.data) return;
    onChange(withAttributes(node, imageAttributes(asset, { alt, width, publicUrl: settings.data.publicUrl })));
    setAsset(null);
  };

  return (
    <InspectorFields>
      {hasMediaLibrary ? (
        <Button variant="secondary" startIcon={<Image />} disabled={disabled} onClick={() => setBrowsing(true)}>
          {t('visual.block.imageLibrary', 'Choose from the Media Library')}
        </Button>
      ) : null}
      <MediaLibraryDialog open={browsing} onClose={() => setBrowsing(false)} onChoose={setAsset} />
      <ImageOptionsModal
        asset={asset}
        onCancel={() => setAsset(null)}
        onConfirm={use}
        title={t('visual.block.imageTitle', 'Use an image')}
        confirmLabel={t('visual.block.imageUse', 'Use this image')}
        ready={Boolean(settings.data)}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="alt"
        label={t('image.alt', 'Alternative text')}
        error={attributeOf(node, 'alt')?.trim() ? undefined : t('image.noAlt', 'This image has no alternative text.')}
        disabled={disabled}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="href"
        label={t('visual.block.imageHref', 'Link')}
        placeholder="https://"
        hint={t('visual.block.imageHrefHint', 'Where a click on the image leads; leave it empty for none.')}
        disabled={disabled}
      />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="width"
        label={t('image.width', 'Width')}
        placeholder={t('visual.block.imageWidthAuto', 'The column’s width')}
        hint={t('visual.block.imageWidthHint', 'In px, for example 300px.')}
        disabled={disabled}
      />
      <AlignField node={node} onChange={onChange} fallback="center" disabled={disabled} />
      <AttributeField
        node={node}
        onChange={onChange}
        attribute="src"
        label={t('visual.block.imageSrc', 'Image address')}
        placeholder="https://"
        disabled={disabled}
      />
    </InspectorFields>
  );
};
