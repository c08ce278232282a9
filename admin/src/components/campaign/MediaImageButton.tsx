import { Button } from '@strapi/design-system';
import { Image } from '@strapi/icons';
import { useState } from 'react';
import { useComposerSettings } from '../../api/templates';
import { mjImage, type MediaAsset } from '../../utils/mediaImage';
import { useT } from '../../utils/useT';
import { ImageOptionsModal } from './ImageOptionsModal';
import { MediaLibraryDialog, useHasMediaLibrary } from './MediaLibraryDialog';

/**
 * "Insert image": choose (or upload) an image in the Media Library, check its alternative text and
 * width, and the editor gets an `<mj-image>` with an absolute address.
 */
export const MediaImageButton = ({ onInsert, disabled }: { onInsert: (mjml: string) => void; disabled?: boolean }) => {
  const t = useT();
  const hasMediaLibrary = useHasMediaLibrary();
  const settings = useComposerSettings();
  const [browsing, setBrowsing] = useState(false);
  const [asset, setAsset] = useState<MediaAsset | null>(null);

  const insert = ({ alt, width }: { alt: string; width: number }) => {
    if (!asset || !settings.data) return;
    onInsert(mjImage(asset, { width, alt, publicUrl: settings.data.publicUrl }));
    setAsset(null);
  };

  if (!hasMediaLibrary) return null;
  return (
    <>
      <Button variant="secondary" startIcon={<Image />} disabled={disabled} onClick={() => setBrowsing(true)}>
        {t('image.insert', 'Insert image')}
      </Button>
      <MediaLibraryDialog open={browsing} onClose={() => setBrowsing(false)} onChoose={setAsset} />
      <ImageOptionsModal
        asset={asset}
        onCancel={() => setAsset(null)}
        onConfirm={insert}
        title={t('image.title', 'Insert an image')}
        confirmLabel={t('image.confirm', 'Insert')}
        ready={Boolean(settings.data)}
      />
    </>
  );
};
