import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Image } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import { useState, type ComponentType } from 'react';
import { useComposerSettings } from '../../api/templates';
import { IMAGE_WIDTHS, mjImage, type MediaAsset } from '../../utils/mediaImage';
import { useT } from '../../utils/useT';
import { TextField } from '../TextField';

// The upload plugin's dialog, as Strapi's own rich-text fields open it.
interface MediaLibraryDialogProps {
  allowedTypes: string[];
  multiple: boolean;
  onClose: () => void;
  onSelectAssets: (assets: MediaAsset[]) => void;
}

/**
 * "Insert image": choose (or upload) an image in the Media Library, check its alternative text and
 * width, and the editor gets an `<mj-image>` with an absolute address.
 */
export const MediaImageButton = ({ onInsert, disabled }: { onInsert: (mjml: string) => void; disabled?: boolean }) => {
  const t = useT();
  const components = useStrapiApp('MediaImageButton', (state) => state.components);
  const MediaLibraryDialog = components['media-library'] as ComponentType<MediaLibraryDialogProps> | undefined;
  const settings = useComposerSettings();
  const [browsing, setBrowsing] = useState(false);
  const [asset, setAsset] = useState<MediaAsset | null>(null);
  const [alt, setAlt] = useState('');
  const [width, setWidth] = useState<number>(IMAGE_WIDTHS[0]);

  const choose = (assets: MediaAsset[]) => {
    setBrowsing(false);
    const [first] = assets;
    if (!first) return;
    setAsset(first);
    setAlt(first.alternativeText ?? '');
  };

  const insert = () => {
    if (!asset || !settings.data) return;
    onInsert(mjImage(asset, { width, alt, publicUrl: settings.data.publicUrl }));
    setAsset(null);
  };

  if (!MediaLibraryDialog) return null;
  return (
    <>
      <Button variant="secondary" startIcon={<Image />} disabled={disabled} onClick={() => setBrowsing(true)}>
        {t('image.insert', 'Insert image')}
      </Button>
      {browsing ? (
        <MediaLibraryDialog
          allowedTypes={['images']}
          multiple={false}
          onClose={() => setBrowsing(false)}
          onSelectAssets={choose}
        />
      ) : null}
      <Modal.Root open={asset !== null} onOpenChange={(open: boolean) => (open ? undefined : setAsset(null))}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{t('image.title', 'Insert an image')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography>{asset?.name}</Typography>
              <TextField
                name="imageAlt"
                label={t('image.alt', 'Alternative text')}
                value={alt}
                onChange={setAlt}
                hint={t(
                  'image.altHint',
                  'Read aloud to people who cannot see the image, and shown when it is blocked.',
                )}
                error={alt.trim() ? undefined : t('image.noAlt', 'This image has no alternative text.')}
              />
              <Field.Root name="imageWidth">
                <Field.Label>{t('image.width', 'Width')}</Field.Label>
                <SingleSelect value={String(width)} onChange={(value: string | number) => setWidth(Number(value))}>
                  {IMAGE_WIDTHS.map((option) => (
                    <SingleSelectOption key={option} value={String(option)}>
                      {t('image.widthOption', '{width} px', { width: option })}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button variant="tertiary" onClick={() => setAsset(null)}>
              {t('action.cancel', 'Cancel')}
            </Button>
            <Button onClick={insert} disabled={!settings.data}>
              {t('image.confirm', 'Insert')}
            </Button>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </>
  );
};
