import { mjImage } from '../../utils/mediaImage';
import { useT } from '../../utils/useT';
import { MediaImagePicker } from './MediaImagePicker';

/**
 * "Insert image": choose (or upload) an image in the Media Library, check its alternative text and
 * width, and the editor gets an `<mj-image>` with an absolute address.
 */
export const MediaImageButton = ({ onInsert, disabled }: { onInsert: (mjml: string) => void; disabled?: boolean }) => {
  const t = useT();
  return (
    <MediaImagePicker
      label={t('image.insert', 'Insert image')}
      title={t('image.title', 'Insert an image')}
      confirmLabel={t('image.confirm', 'Insert')}
      disabled={disabled}
      onPick={(asset, choice) => onInsert(mjImage(asset, choice))}
    />
  );
};
