import { Button } from '@strapi/design-system';
import { Image } from '@strapi/icons';
import { useState } from 'react';
import { useComposerSettings } from '../../api/templates';
import type { ImageChoice, MediaAsset } from '../../utils/mediaImage';
import { ImageOptionsModal } from './ImageOptionsModal';
import { MediaLibraryDialog, useHasMediaLibrary } from './MediaLibraryDialog';

/**
 * A button that opens the Media Library (choose or upload an image), then asks for the image's
 * alternative text and width; `onPick` gets the file and that choice with the site's public URL, which
 * makes a local upload's address absolute. Nothing shows when the upload plugin is not there.
 */
export const MediaImagePicker = ({
  label,
  title,
  confirmLabel,
  disabled,
  onPick,
}: {
  label: string;
  /** The alternative text and width modal's title and confirm button. */
  title: string;
  confirmLabel: string;
  disabled?: boolean;
  onPick: (asset: MediaAsset, choice: ImageChoice) => void;
}) => {
  const hasMediaLibrary = useHasMediaLibrary();
  const settings = useComposerSettings();
  const [browsing, setBrowsing] = useState(false);
  const [asset, setAsset] = useState<MediaAsset | null>(null);

  const confirm = ({ alt, width }: { alt: string; width: number }) => {
    if (!asset || !settings.data) return;
    onPick(asset, { alt, width, publicUrl: settings.data.publicUrl });
    setAsset(null);
  };

  if (!hasMediaLibrary) return null;
  return (
    <>
      <Button variant="secondary" startIcon={<Image />} disabled={disabled} onClick={() => setBrowsing(true)}>
        {label}
      </Button>
      <MediaLibraryDialog open={browsing} onClose={() => setBrowsing(false)} onChoose={setAsset} />
      <ImageOptionsModal
        asset={asset}
        onCancel={() => setAsset(null)}
        onConfirm={confirm}
        title={title}
        confirmLabel={confirmLabel}
        ready={Boolean(settings.data)}
      />
    </>
  );
};
