import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { IMAGE_WIDTHS, type MediaAsset } from '../../utils/mediaImage';
import { useT } from '../../utils/useT';
import { TextField } from '../TextField';

/**
 * After an image is chosen in the Media Library: its alternative text (flagged while blank) and the
 * width it is shown at, which picks the format (utils/mediaImage.ts).
 */
export const ImageOptionsModal = ({
  asset,
  onCancel,
  onConfirm,
  title,
  confirmLabel,
  ready,
}: {
  /** The chosen file; null keeps the modal closed. */
  asset: MediaAsset | null;
  onCancel: () => void;
  onConfirm: (options: { alt: string; width: number }) => void;
  title: string;
  confirmLabel: string;
  /** False while what confirming needs (the site's public URL) is still loading. */
  ready: boolean;
}) => {
  const t = useT();
  const [alt, setAlt] = useState('');
  const [width, setWidth] = useState<number>(IMAGE_WIDTHS[0]);
  // Each chosen file starts from its own alternative text in the Media Library.
  useEffect(() => setAlt(asset?.alternativeText ?? ''), [asset]);

  return (
    <Modal.Root open={asset !== null} onOpenChange={(open: boolean) => (open ? undefined : onCancel())}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{asset?.name}</Typography>
            <TextField
              name="imageAlt"
              label={t('image.alt', 'Alternative text')}
              value={alt}
              onChange={setAlt}
              hint={t('image.altHint', 'Read aloud to people who cannot see the image, and shown when it is blocked.')}
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
          <Button variant="tertiary" onClick={onCancel}>
            {t('action.cancel', 'Cancel')}
          </Button>
          <Button onClick={() => onConfirm({ alt, width })} disabled={!ready}>
            {confirmLabel}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
