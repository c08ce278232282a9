import { useStrapiApp } from '@strapi/strapi/admin';
import type { ComponentType } from 'react';
import type { MediaAsset } from '../../utils/mediaImage';

// The upload plugin's dialog, as Strapi's own rich-text fields open it.
interface MediaLibraryDialogProps {
  allowedTypes: string[];
  multiple: boolean;
  onClose: () => void;
  onSelectAssets: (assets: MediaAsset[]) => void;
}

/**
 * The Media Library's own dialog (choose or upload one image), open while `open`; `onChoose` gets the
 * first chosen file. Renders nothing when the upload plugin is not there.
 */
export const MediaLibraryDialog = ({
  open,
  onClose,
  onChoose,
}: {
  open: boolean;
  onClose: () => void;
  onChoose: (asset: MediaAsset) => void;
}) => {
  const components = useStrapiApp('MediaLibraryDialog', (state) => state.components);
  const Dialog = components['media-library'] as ComponentType<MediaLibraryDialogProps> | undefined;
  if (!Dialog || !open) return null;
  return (
    <Dialog
      allowedTypes={['images']}
      multiple={false}
      onClose={onClose}
      onSelectAssets={(assets) => {
        onClose();
        if (assets[0]) onChoose(assets[0]);
      }}
    />
  );
};

/** Whether the upload plugin gives the Media Library dialog (it can be disabled). */
export const useHasMediaLibrary = () =>
  useStrapiApp('MediaLibraryDialog', (state) => Boolean(state.components['media-library']));
