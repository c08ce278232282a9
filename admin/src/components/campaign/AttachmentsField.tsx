import { Button, Field, Flex, Tag, Typography } from '@strapi/design-system';
import { Cross, Paperclip } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import { useEffect, useState, type ComponentType } from 'react';
import type { AttachmentFile } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/** A file as the Media Library dialog hands it over (sizes in kilobytes of 1,000 bytes). */
interface MediaAsset {
  id: number;
  name: string;
  size: number;
  mime: string | null;
}

interface MediaLibraryDialogProps {
  allowedTypes: string[];
  onClose: () => void;
  onSelectAssets: (assets: MediaAsset[]) => void;
}

interface AttachmentsFieldProps {
  /** Upload file ids, in order. */
  value: number[];
  onChange: (ids: number[]) => void;
  /** The saved campaign's files, for names and sizes. */
  known: AttachmentFile[];
  maxBytes: number;
  readOnly: boolean;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Files of the Media Library sent with every message, chosen in the upload plugin's own dialog
 * (as Strapi's rich-text fields insert media). Shows each size and the total against the cap,
 * which the server checks again on save and before sending.
 */
export const AttachmentsField = ({ value, onChange, known, maxBytes, readOnly }: AttachmentsFieldProps) => {
  const t = useT();
  const components = useStrapiApp('AttachmentsField', (state) => state.components);
  const MediaLibraryDialog = components['media-library'] as ComponentType<MediaLibraryDialogProps> | undefined;
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<Map<number, AttachmentFile>>(new Map());

  useEffect(() => {
    setFiles((current) => new Map([...current, ...known.map((file) => [file.id, file] as const)]));
  }, [known]);

  const pick = (assets: MediaAsset[]) => {
    setFiles(
      (current) =>
        new Map([
          ...current,
          ...assets.map(
            (asset) =>
              [
                asset.id,
                { id: asset.id, name: asset.name, bytes: Math.round(asset.size * 1000), mime: asset.mime },
              ] as const,
          ),
        ]),
    );
    onChange([...new Set([...value, ...assets.map((asset) => asset.id)])]);
    setOpen(false);
  };

  const total = value.reduce((sum, id) => sum + (files.get(id)?.bytes ?? 0), 0);
  const over = total > maxBytes;
  return (
    <Field.Root name="attachments" error={over ? t('attachments.over', 'Over the limit: remove a file.') : undefined}>
      <Field.Label>{t('attachments.label', 'Attachments')}</Field.Label>
      <Flex gap={2} wrap="wrap" data-testid="attachments">
        {value.map((id) => {
          const file = files.get(id);
          return (
            <Tag
              key={id}
              icon={readOnly ? undefined : <Cross />}
              onClick={readOnly ? undefined : () => onChange(value.filter((other) => other !== id))}
            >
              {file ? `${file.name} (${megabytes(file.bytes)})` : `#${id}`}
            </Tag>
          );
        })}
        {!readOnly && MediaLibraryDialog ? (
          <Button variant="tertiary" size="S" startIcon={<Paperclip />} onClick={() => setOpen(true)}>
            {t('attachments.add', 'Attach from the Media Library')}
          </Button>
        ) : null}
      </Flex>
      <Typography variant="pi" textColor={over ? 'danger600' : 'neutral600'} data-testid="attachments-total">
        {t('attachments.total', '{total} of at most {max} per message', {
          total: megabytes(total),
          max: megabytes(maxBytes),
        })}
      </Typography>
      <Field.Error />
      {open && MediaLibraryDialog ? (
        <MediaLibraryDialog
          allowedTypes={['images', 'videos', 'audios', 'files']}
          onClose={() => setOpen(false)}
          onSelectAssets={pick}
        />
      ) : null}
    </Field.Root>
  );
};
