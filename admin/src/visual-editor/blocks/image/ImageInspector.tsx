import type { ImageBlock } from '../../document/types';
import { MediaImagePicker } from '../../../components/campaign/MediaImagePicker';
import { imageAttributes } from '../../../utils/mediaImage';
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
  const disabled = context.readOnly;
  return (
    <InspectorFields>
      <MediaImagePicker
        label={t('visual.block.imageLibrary', 'Choose from the Media Library')}
        title={t('visual.block.imageTitle', 'Use an image')}
        confirmLabel={t('visual.block.imageUse', 'Use this image')}
        disabled={disabled}
        onPick={(asset, choice) => onChange(withAttributes(node, imageAttributes(asset, choice)))}
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
